"""The administrator's screens (role ``admin``): officers, the procedure catalogue, the province's calendar,
the unit and its counters. :class:`~.menu.AdminScreen` is the entry (Ctrl+O), each area a screen of its own."""
