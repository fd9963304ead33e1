"""Small widgets and widget helpers that more than one page uses."""
