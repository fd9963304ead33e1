"""Storage: the tables, the engine, migrations, search and backups."""
