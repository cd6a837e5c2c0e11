"""Device pairing for ``counter-app serve`` (``services.web_devices``) and the address rule, without a browser."""

from __future__ import annotations

import json
import stat
from datetime import datetime

import pytest

from counter_app.services import web_devices
from counter_app.services.errors import ServiceError
from counter_app.web.app import is_loopback, kind_of

NOW = datetime(2026, 12, 1, 8, 0)


def test_a_token_is_given_once_kept_hashed_and_replaced_or_revoked(settings):
    settings.ensure_dirs()
    token = web_devices.pair(settings, "kiosk-1", "kiosk", now=NOW)
    assert len(token) >= 40
    path = web_devices.devices_path(settings)
    assert token not in path.read_text(encoding="utf-8")
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    device = web_devices.device_for(settings, token)
    assert device is not None and (device.name, device.kind) == ("kiosk-1", "kiosk")
    assert web_devices.device_for(settings, token + "x") is None
    assert web_devices.device_for(settings, "") is None
    again = web_devices.pair(settings, "kiosk-1", "kiosk", now=NOW)  # paired again: the old token stops
    assert web_devices.device_for(settings, token) is None
    assert web_devices.device_for(settings, again) is not None
    assert [d.name for d in web_devices.devices(settings)] == ["kiosk-1"]
    web_devices.unpair(settings, "kiosk-1")
    assert web_devices.device_for(settings, again) is None
    assert json.loads(path.read_text(encoding="utf-8")) == {"devices": []}


@pytest.mark.parametrize(
    ("name", "kind", "message"),
    [
        ("tv 1", "board", "Tên thiết bị «tv 1» không hợp lệ"),
        ("màn-hình", "board", "Tên thiết bị «màn-hình» không hợp lệ"),
        ("tv-1", "printer", "Loại thiết bị «printer» không hợp lệ; chọn một trong: board, kiosk, rating."),
    ],
)
def test_a_bad_name_or_kind_is_one_line_naming_it_and_nothing_is_paired(settings, name, kind, message):
    with pytest.raises(ServiceError) as refused:
        web_devices.pair(settings, name, kind, now=NOW)
    assert str(refused.value).startswith(message) and "\n" not in str(refused.value)
    assert web_devices.devices(settings) == []
    with pytest.raises(ServiceError, match="Không có thiết bị nào tên «tv-9»"):
        web_devices.unpair(settings, "tv-9")


def test_only_this_machine_counts_as_loopback():
    assert all(map(is_loopback, ["127.0.0.1", "127.0.1.1", "localhost", "::1", "[::1]", "LOCALHOST"]))
    assert not any(map(is_loopback, ["0.0.0.0", "192.168.1.10", "::", "evil.example", "127.0.0.1.nip.io"]))


def test_each_kind_of_device_has_its_pages():
    assert [
        kind_of(p) for p in ("/board", "/board/events", "/kiosk/ticket", "/kiosks", "/", "/static/a")
    ] == [
        "board",
        "board",
        "kiosk",
        None,
        None,
        None,
    ]


def test_an_unreadable_list_of_devices_lets_nobody_in_and_says_where_it_is(settings):
    settings.ensure_dirs()
    web_devices.devices_path(settings).write_text("{not json", encoding="utf-8")
    with pytest.raises(ServiceError, match="Không đọc được danh sách thiết bị đã ghép nối") as refused:
        web_devices.device_for(settings, "any-token")
    assert str(web_devices.devices_path(settings)) in str(refused.value)
