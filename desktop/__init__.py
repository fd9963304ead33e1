"""The application shell: entry points, the CLI, QApplication set-up, logging."""
