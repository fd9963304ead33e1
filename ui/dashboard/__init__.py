"""The Dashboard page: the next two weeks, source health, sentiment, watch terms and own
accounts — one card widget each (``agenda``, ``health``, ``sentiment``, ``watch``,
``accounts``), put together by ``view.DashboardView``."""

from ui.dashboard.accounts import account_columns
from ui.dashboard.agenda import agenda_columns
from ui.dashboard.rows import BadgeColorRole, RawRole
from ui.dashboard.text import short_date
from ui.dashboard.view import DashboardView

__all__ = ["BadgeColorRole", "DashboardView", "RawRole", "account_columns", "agenda_columns",
           "short_date"]
