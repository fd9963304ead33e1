"""Qt widgets, item models and dialogs. No SQL and no HTTP here: ui is given core data."""
