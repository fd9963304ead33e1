"""Reports the front office reads: the daily media summary and the period report.

A report is built once from the database into the plain document of ``model`` (sections,
tables, charts as data, stories), then written by one writer per format (``formats``): Word,
PDF, self-contained HTML, plain text and Excel all show the same numbers because they read the
same document. ``summary`` builds the media summary, ``period`` the period report, ``output``
writes a file all at once or not at all.

Charts are data here; drawing them needs a ``ChartRenderer`` (PNG bytes), and PDF pages a
``PageRenderer``: the desktop layer supplies both with Qt (``desktop/report_render.py``), so
core stays free of Qt and a writer without a renderer shows a chart's numbers instead.
"""
