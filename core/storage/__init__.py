"""Storage: the SQLModel tables, the engine, migrations, search and backups."""
