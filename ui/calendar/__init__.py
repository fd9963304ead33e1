"""The content calendar's views: month grid, week, agenda and the coming observances.

``CalendarView`` (``view.py``) is the page; it draws what a ``CalendarData`` of plain
callables gives it (``data.py``), so nothing here touches the database.
"""
