"""Qt item models for the views: each wraps data that desktop/ fetches from core."""
