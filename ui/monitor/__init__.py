"""The Monitor page: the source tree, the item filters, the item table and the reading pane
(one widget each), put together by ``view.MonitorView``."""

from ui.monitor.view import MonitorData, MonitorView

__all__ = ["MonitorData", "MonitorView"]
