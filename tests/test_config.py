from __future__ import annotations

from pathlib import Path

import pytest

from counter_app.config import DEMO_UNIT_CODE, ConfigError, ScannerSettings, load_settings


def test_home_puts_every_file_under_it(tmp_path):
    s = load_settings({"COUNTER_APP_HOME": str(tmp_path)})
    for path in (s.config_file, s.data_dir, s.log_dir, s.printed_dir, s.keys_dir):
        assert tmp_path in path.parents
    assert s.db_url == f"sqlite:///{tmp_path / 'data' / 'counter.sqlite3'}"
    assert s.unit_code == DEMO_UNIT_CODE
    assert s.counter == 1
    assert s.central_url is None


def test_the_identifier_is_never_derived_from_province_and_ward(tmp_path):
    """Decision 20/2020/QĐ-TTg identifiers cannot be derived (the old «000.00070.H01» was invented)."""
    env = {"COUNTER_APP_HOME": str(tmp_path), "COUNTER_APP_UNIT": "70"}  # Phường Hoàn Kiếm, Hà Nội
    s = load_settings(env)
    assert s.unit_code == 70
    assert s.one_stop_code == ""  # a real unit has none until setup
    assert load_settings(env, demo=True).one_stop_code == "DEMO.70.H00"  # the demo's: clearly fake


def test_a_configured_identifier_is_checked_loosely(tmp_path):
    (tmp_path / "config").mkdir()
    config = tmp_path / "config" / "config.toml"
    config.write_text('[counter]\none_stop_code = "h15.50.05.13"\n', encoding="utf-8")
    assert load_settings({"COUNTER_APP_HOME": str(tmp_path)}).one_stop_code == "H15.50.05.13"
    config.write_text('[counter]\none_stop_code = "000.00.53"\n', encoding="utf-8")
    with pytest.raises(ConfigError) as caught:
        load_settings({"COUNTER_APP_HOME": str(tmp_path)})
    assert "counter.one_stop_code" in str(caught.value) and "H48" in str(caught.value)


def test_environment_overrides_the_file(tmp_path):
    (tmp_path / "config").mkdir()
    (tmp_path / "config" / "config.toml").write_text(
        '[counter]\nunit = 21211\nnumber = 4\none_stop_code = "000.00.53.H51"\n'
        '[calendar]\nextra_days_off = ["2026-12-31"]\noffice_hours = [["08:00", "12:00"], ["13:00", "17:30"]]\n',
        encoding="utf-8",
    )
    s = load_settings({"COUNTER_APP_HOME": str(tmp_path), "COUNTER_APP_COUNTER": "7"})
    assert (s.unit_code, s.counter, s.one_stop_code) == (21211, 7, "000.00.53.H51")
    assert str(s.extra_days_off[0]) == "2026-12-31"
    assert s.office_hours[1][1].hour == 17 and s.office_hours[1][1].minute == 30
    assert not s.calendar().is_working_day(s.extra_days_off[0])


@pytest.mark.parametrize(
    ("env", "setting"),
    [
        ({"COUNTER_APP_COUNTER": "0"}, "COUNTER_APP_COUNTER"),
        ({"COUNTER_APP_COUNTER": "10"}, "COUNTER_APP_COUNTER"),
        ({"COUNTER_APP_COUNTER": "một"}, "COUNTER_APP_COUNTER"),
        ({"COUNTER_APP_UNIT": "99998"}, "COUNTER_APP_UNIT"),
        ({"COUNTER_APP_UNIT": "abc"}, "COUNTER_APP_UNIT"),
        ({"COUNTER_APP_DB_URL": "mysql://x"}, "COUNTER_APP_DB_URL"),
        ({"COUNTER_APP_CENTRAL_URL": "sqlite:///x"}, "COUNTER_APP_CENTRAL_URL"),
    ],
)
def test_bad_environment_value_names_the_setting(tmp_path, env, setting):
    with pytest.raises(ConfigError) as info:
        load_settings({"COUNTER_APP_HOME": str(tmp_path), **env})
    assert info.value.setting == setting
    assert setting in str(info.value) and "\n" not in str(info.value)


@pytest.mark.parametrize(
    ("toml", "setting"),
    [
        ('[counter]\nnumber = "bốn"\n', "counter.number"),
        ("[counter]\nnumber = true\n", "counter.number"),
        ('[calendar]\nextra_days_off = ["31/12/2026"]\n', "calendar.extra_days_off"),
        ('[calendar]\noffice_hours = [["13:00", "11:00"]]\n', "calendar.office_hours"),
        ("[security]\nidle_lock_minutes = 0\n", "security.idle_lock_minutes"),
        ('[speech]\nvoice = "en"\n', "speech.voice"),
        ('[speech]\nenabled = "yes"\n', "speech.enabled"),
        ("[speech]\nspeed = 1000\n", "speech.speed"),
        ("[speech]\nvolume = 3\n", "speech.volume"),
        ('[speech]\noutput = "-D hw:0"\n', "speech.output"),
        ("counter = 3\n", "[counter]"),
        ("[counter\nnumber = 1\n", "config.toml"),
    ],
)
def test_bad_config_file_names_the_setting(tmp_path, toml, setting):
    (tmp_path / "config").mkdir()
    (tmp_path / "config" / "config.toml").write_text(toml, encoding="utf-8")
    with pytest.raises(ConfigError) as info:
        load_settings({"COUNTER_APP_HOME": str(tmp_path)})
    assert setting in str(info.value)


# --- [files]: the central object store -----------------------------------------------------------------


def test_files_url_from_the_environment_overrides_the_file(tmp_path):
    from counter_app.config import load_settings

    (tmp_path / "config").mkdir()
    (tmp_path / "config" / "config.toml").write_text(
        '[files]\nurl = "http://10.0.0.5:8333/tinh-files"\naccess_key = "k"\nsecret_key = "hidden-secret"\n',
        encoding="utf-8",
    )
    settings = load_settings({"COUNTER_APP_HOME": str(tmp_path)})
    assert settings.files is not None
    assert (settings.files.endpoint, settings.files.bucket) == ("http://10.0.0.5:8333", "tinh-files")
    assert "hidden-secret" not in repr(settings)  # never in a log line
    env = {
        "COUNTER_APP_HOME": str(tmp_path),
        "COUNTER_APP_FILES_URL": "http://127.0.0.1:8333/counter-files",
        "COUNTER_APP_FILES_SECRET_KEY": "other",
    }
    settings = load_settings(env)
    assert settings.files.url == "http://127.0.0.1:8333/counter-files"
    assert (settings.files.access_key, settings.files.secret_key) == ("k", "other")


def test_no_files_url_means_no_object_store(tmp_path):
    from counter_app.config import load_settings

    assert load_settings({"COUNTER_APP_HOME": str(tmp_path)}).files is None


@pytest.mark.parametrize(
    "url",
    [
        "ftp://host/bucket",
        "http://127.0.0.1:8333",
        "http://127.0.0.1:8333/Bad_Bucket",
        "http://user:pw@127.0.0.1:8333/counter-files",
        "http://127.0.0.1:8333/counter-files?x=1",
        "http://127.0.0.1:99999/counter-files",
    ],
)
def test_a_bad_files_url_is_one_vietnamese_line_naming_the_setting(tmp_path, url):
    from counter_app.config import ConfigError, load_settings

    env = {
        "COUNTER_APP_HOME": str(tmp_path),
        "COUNTER_APP_FILES_URL": url,
        "COUNTER_APP_FILES_ACCESS_KEY": "k",
        "COUNTER_APP_FILES_SECRET_KEY": "s",
    }
    with pytest.raises(ConfigError) as caught:
        load_settings(env)
    message = str(caught.value)
    assert "COUNTER_APP_FILES_URL" in message and "\n" not in message
    assert message.startswith("Cấu hình không hợp lệ")


def test_a_files_url_without_credentials_names_the_missing_key(tmp_path):
    from counter_app.config import ConfigError, load_settings

    with pytest.raises(ConfigError) as caught:
        load_settings(
            {"COUNTER_APP_HOME": str(tmp_path), "COUNTER_APP_FILES_URL": "http://h:1/counter-files"}
        )
    assert caught.value.setting == "files.access_key"


def test_scanner_defaults_when_the_section_is_absent(tmp_path):
    scanner = load_settings({"COUNTER_APP_HOME": str(tmp_path)}).scanner
    assert scanner == ScannerSettings()
    assert (scanner.device, scanner.resolution, scanner.mode, scanner.source) == (None, 300, "Gray", None)
    assert scanner.drop_folder is None and scanner.options == ()


def test_scanner_section_is_read(tmp_path):
    (tmp_path / "config").mkdir()
    (tmp_path / "config" / "config.toml").write_text(
        '[scanner]\ndevice = "test:0"\nresolution = 600\nmode = "Color"\nsource = "ADF"\n'
        'timeout_seconds = 30\ndrop_folder = "/srv/scans/quay1"\noptions = ["--swdeskew=yes"]\n',
        encoding="utf-8",
    )
    scanner = load_settings({"COUNTER_APP_HOME": str(tmp_path)}).scanner
    assert scanner == ScannerSettings(
        device="test:0",
        resolution=600,
        mode="Color",
        source="ADF",
        timeout_seconds=30,
        drop_folder=Path("/srv/scans/quay1"),
        options=("--swdeskew=yes",),
    )


@pytest.mark.parametrize(
    ("toml", "setting"),
    [
        ("[scanner]\nresolution = 50\n", "scanner.resolution"),
        ("[scanner]\nresolution = 1201\n", "scanner.resolution"),
        ('[scanner]\nresolution = "cao"\n', "scanner.resolution"),
        ('[scanner]\nmode = "gray"\n', "scanner.mode"),
        ("[scanner]\ntimeout_seconds = 0\n", "scanner.timeout_seconds"),
        ('[scanner]\ndrop_folder = "scans"\n', "scanner.drop_folder"),
        ("[scanner]\ndevice = 3\n", "scanner.device"),
        ('[scanner]\noptions = "--swdeskew=yes"\n', "scanner.options"),
        ('[scanner]\noptions = ["--batch=/tmp/x%d"]\n', "scanner.options"),
        ('[scanner]\noptions = ["rm"]\n', "scanner.options"),
        ("[scanner]\nresolutoin = 300\n", "scanner.resolutoin"),
        ('scanner = "test"\n', "[scanner]"),
    ],
)
def test_bad_scanner_setting_is_named_in_one_line(tmp_path, toml, setting):
    (tmp_path / "config").mkdir()
    (tmp_path / "config" / "config.toml").write_text(toml, encoding="utf-8")
    with pytest.raises(ConfigError) as info:
        load_settings({"COUNTER_APP_HOME": str(tmp_path)})
    assert info.value.setting == setting
    assert "\n" not in str(info.value)


def test_speech_defaults_and_a_chosen_voice(tmp_path):
    from counter_app.config import SpeechSettings

    assert load_settings({"COUNTER_APP_HOME": str(tmp_path)}).speech == SpeechSettings(True, "vi", 140)
    (tmp_path / "config").mkdir()
    (tmp_path / "config" / "config.toml").write_text(
        '[speech]\nenabled = false\nvoice = "vi-vn-x-south"\nspeed = 120\n', encoding="utf-8"
    )
    assert load_settings({"COUNTER_APP_HOME": str(tmp_path)}).speech == SpeechSettings(
        False, "vi-vn-x-south", 120
    )
