"""Settings: a TOML file in the platformdirs config dir, overridden by ``COUNTER_APP_*`` variables.

Validated once, at start. A bad value raises :class:`ConfigError`, whose one-line message names
the setting; the command line prints it and exits, never showing a traceback.

The file (``config.toml``) looks like::

    [store]
    db_url = "postgresql://counter@127.0.0.1/counter"   # default: SQLite file in the data dir
    central_url = "postgresql://counter@central/counter" # optional central PostgreSQL

    [counter]
    unit = 21025                  # ward/commune code from vietnam-provinces
    number = 1                    # counter number 1-9
    one_stop_code = "000.00.53.H48"  # the unit's electronic identifier (Decision 20/2020/QĐ-TTg); never derived

    [calendar]
    extra_days_off = ["2026-12-31"]
    extra_working_days = ["2026-12-26"]
    office_hours = [["07:30", "11:30"], ["13:30", "17:00"]]

    [printing]
    printer = "HP_LaserJet"       # CUPS queue for A4 forms (lp); none: PDF files only
    escpos = "usb:0x0416:0x5011"  # 80 mm thermal printer; none: tickets as PDF

    [scanner]
    device = "fujitsu:fi-7160:1234"  # SANE device (scanimage -L); none: the first one found
    resolution = 300              # dpi, 75-1200
    mode = "Gray"                 # "Color", "Gray" or "Lineart"
    source = "ADF Front"          # the device's name for its feeder (scanimage -d DEVICE --help); none: its default
    timeout_seconds = 120         # longest wait for the next page before the scan is stopped
    drop_folder = "/srv/scans/quay1"  # folder a network scanner drops files into; none: not used
    options = ["--swdeskew=yes"]  # more options of this device's driver, passed to scanimage as they are

    [speech]
    enabled = true                # the waiting room hears each call (espeak-ng); false: the chime only
    voice = "vi"                  # espeak-ng voice: "vi" (Northern), "vi-vn-x-central", "vi-vn-x-south"
    speed = 140                   # words per minute, 80-300
    output = "hdmi:CARD=PCH,DEV=0"  # ALSA device the board plays calls on (aplay -L); none: the default one

    [rating]
    wait_seconds = 180            # how long the counter's tablet waits for the citizen's rating, 30-1800

    [security]
    idle_lock_minutes = 5

    [legal]
    forms = "TT03/2025"   # form set for new documents: "TT03/2025" (default) or "TT01/2018"
    centre = true         # the commune's one-stop desk is a «Trung tâm Phục vụ hành chính công»

    [files]               # the central object store (S3 API of SeaweedFS) digitised files are pushed to
    url = "http://127.0.0.1:8333/counter-files"   # endpoint with the bucket as path
    access_key = "counter-21025"                  # this counter's S3 identity (Read and Write, no List)
    secret_key = "…"
"""

from __future__ import annotations

import os
import re
import tomllib
from dataclasses import dataclass, field
from datetime import date, time
from pathlib import Path
from typing import TYPE_CHECKING, Any

from counter_app.domain.text_rules import describe_char, first_unsafe

if TYPE_CHECKING:
    from counter_app.domain.calendar import WorkCalendar

APP_NAME = "counter-app"
ENV_PREFIX = "COUNTER_APP_"
#: Phường Cẩm Thành, Quảng Ngãi: the demo's unit when COUNTER_APP_UNIT is unset.
DEMO_UNIT_CODE = 21025
DEFAULT_OFFICE_HOURS = ((time(7, 30), time(11, 30)), (time(13, 30), time(17, 0)))
#: ``[scanner] mode``: the names SANE's drivers use for colour, greyscale and black-and-white
SCAN_MODES = ("Color", "Gray", "Lineart")
#: scanimage options the program sets itself; ``[scanner] options`` may not name them
RESERVED_SCAN_OPTIONS = (
    "-d",
    "--device-name",
    "--batch",
    "--format",
    "--output-file",
    "-o",
    "--mode",
    "--resolution",
    "--source",
)
#: the form sets ``[legal] forms`` may name (``counter_app.printing.formsets.REGISTRY``; a test keeps them equal)
FORM_SETS = ("TT03/2025", "TT01/2018")


class ConfigError(ValueError):
    """A setting has a value we cannot use; the message names the setting."""

    def __init__(self, setting: str, problem: str) -> None:
        super().__init__(f"Cấu hình không hợp lệ: {setting}: {problem}")
        self.setting = setting
        self.problem = problem


#: ``[speech] voice``: espeak-ng's Vietnamese voices (``espeak-ng --voices=vi``)
SPEECH_VOICES = ("vi", "vi-vn-x-central", "vi-vn-x-south")


@dataclass(frozen=True)
class SpeechSettings:
    """The spoken call in the waiting room (``[speech]``): espeak-ng's Vietnamese voice after a chime."""

    enabled: bool = True
    voice: str = "vi"
    speed: int = 140
    """Words per minute (espeak-ng's ``-s``)."""
    output: str | None = None
    """The ALSA device the terminal board plays calls on (``aplay -D``); None: the default device."""


@dataclass(frozen=True)
class ScannerSettings:
    """The counter's document scanner (``[scanner]``), driven through SANE's ``scanimage``."""

    device: str | None = None
    """SANE device name; None: the first device ``scanimage -L`` finds."""
    resolution: int = 300
    mode: str = "Gray"
    source: str | None = None
    """The device's name for the paper source (``ADF``, ``Automatic Document Feeder``); None: its default."""
    timeout_seconds: int = 120
    """Longest wait for the next page; past it the scan is stopped (a scanner that hangs never hangs us)."""
    drop_folder: Path | None = None
    """A folder a network scanner drops its files into, imported as one component."""
    options: tuple[str, ...] = ()
    """More ``--name=value`` options for the device's driver, passed to scanimage as they are."""


@dataclass(frozen=True)
class Settings:
    home: Path | None
    config_file: Path
    data_dir: Path
    log_dir: Path
    db_url: str
    central_url: str | None
    unit_code: int
    counter: int
    one_stop_code: str
    extra_days_off: tuple[date, ...] = ()
    extra_working_days: tuple[date, ...] = ()
    office_hours: tuple[tuple[time, time], ...] = DEFAULT_OFFICE_HOURS
    printer: str | None = None
    escpos: str | None = None
    idle_lock_minutes: int = 5
    forms: str = FORM_SETS[0]
    """Legal basis of the forms new documents are printed on (``[legal] forms``)."""
    one_stop_centre: bool = True
    """The unit's one-stop desk is a «Trung tâm Phục vụ hành chính công» (``[legal] centre``)."""
    scanner: ScannerSettings = field(default_factory=ScannerSettings)
    speech: SpeechSettings = field(default_factory=SpeechSettings)
    """The spoken call (``[speech]``)."""
    rating_wait_seconds: int = 180
    """How long the counter's rating tablet waits for the citizen's answer (``[rating] wait_seconds``)."""
    """The document scanner (``[scanner]``)."""
    demo: bool = False
    files: FilesSettings | None = None
    """The central object store files are pushed to (``[files]``; None: files stay on the counter)."""
    extra: dict[str, Any] = field(default_factory=dict, compare=False, repr=False)

    @property
    def printed_dir(self) -> Path:
        return self.data_dir / "printed"

    @property
    def keys_dir(self) -> Path:
        return self.data_dir / "keys"

    @property
    def files_dir(self) -> Path:
        """Digitised documents, named by their SHA-256 (``services.file_store``)."""
        return self.data_dir / "files"

    @property
    def backups_dir(self) -> Path:
        return self.data_dir / "backups"

    @property
    def counter_id(self) -> str:
        """Globally unique name of this workstation: the unit's one-stop code and the counter number."""
        return f"{self.one_stop_code}#{self.counter}"

    def ensure_dirs(self) -> None:
        """Create the data, printed-forms and keys directories for the counter's account alone (0700; the log
        directory is ``commands.context.log_to_file``'s, which survives one it cannot make),
        and tighten them to 0700 when an earlier version left them readable by others (only those this
        account owns; a directory it cannot change keeps its mode rather than stopping the program)."""
        for directory in (self.data_dir, self.printed_dir, self.keys_dir):
            directory.mkdir(mode=PRIVATE_DIR, parents=True, exist_ok=True)
            make_private(directory)
        if self.backups_dir.is_dir():  # made by the first backup (umask 077: already private)
            make_private(self.backups_dir)

    def calendar(self) -> WorkCalendar:  # imported lazily, to keep start-up light
        from counter_app.domain.calendar import WorkCalendar

        return WorkCalendar(
            extra_days_off=self.extra_days_off,
            extra_working_days=self.extra_working_days,
            office_hours=self.office_hours,
        )


#: the mode of every directory the program keeps its files in
PRIVATE_DIR = 0o700


def make_private(directory: Path) -> None:
    """Take group and others' access away from ``directory`` if this account owns it."""
    try:
        status = directory.stat()
        mode = status.st_mode & 0o7777
        if status.st_uid == os.getuid() and mode & 0o077:
            directory.chmod(mode & ~0o077)
    except OSError:  # read-only file system, or not ours after all: the files' own modes still hold
        pass


def _dirs(home: Path | None) -> tuple[Path, Path, Path]:
    """(config dir, data dir, log dir)."""
    if home is not None:
        return home / "config", home / "data", home / "logs"
    import platformdirs

    return (
        Path(platformdirs.user_config_dir(APP_NAME, appauthor=False)),
        Path(platformdirs.user_data_dir(APP_NAME, appauthor=False)),
        Path(platformdirs.user_log_dir(APP_NAME, appauthor=False)),
    )


def _read_toml(path: Path) -> dict[str, Any]:
    if not path.exists():
        return {}
    try:
        with path.open("rb") as fh:
            return tomllib.load(fh)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(str(path), f"tệp TOML sai cú pháp ({exc})") from None
    except UnicodeDecodeError:
        raise ConfigError(str(path), "tệp phải được lưu với bảng mã UTF-8") from None
    except OSError as exc:
        raise ConfigError(str(path), f"không đọc được tệp ({exc.strerror})") from None


def _check_chars(setting: str, value: Any) -> None:
    """Refuse a control, bidirectional or zero-width character anywhere in a setting's value (strings
    nested in lists and tables included): they have no place in a URL, a code or a printer's name."""
    if isinstance(value, str):
        index = first_unsafe(value)
        if index is not None:
            raise ConfigError(
                setting,
                f"chứa ký tự điều khiển hoặc ký tự ẩn ({describe_char(value[index])}, ở vị trí {index + 1})",
            )
    elif isinstance(value, dict):
        for key, item in value.items():
            _check_chars(f"{setting}.{key}" if setting else str(key), key)
            _check_chars(f"{setting}.{key}" if setting else str(key), item)
    elif isinstance(value, list):
        for item in value:
            _check_chars(setting, item)


def _section(data: dict[str, Any], name: str) -> dict[str, Any]:
    value = data.get(name, {})
    if not isinstance(value, dict):
        raise ConfigError(f"[{name}]", "phải là một bảng (table)")
    return value


def _as_int(setting: str, value: Any, low: int, high: int) -> int:
    if isinstance(value, bool):
        raise ConfigError(setting, f"phải là số nguyên, nhận được {value!r}")
    if isinstance(value, str):
        value = value.strip()
        if not (value.isascii() and value.isdigit()):
            raise ConfigError(setting, f"phải là số nguyên, nhận được {value!r}")
        value = int(value)
    if not isinstance(value, int):
        raise ConfigError(setting, f"phải là số nguyên, nhận được {value!r}")
    if not low <= value <= high:
        raise ConfigError(setting, f"phải trong khoảng {low}-{high}, nhận được {value}")
    return value


def _as_str(setting: str, value: Any) -> str:
    if not isinstance(value, str) or not value.strip():
        raise ConfigError(setting, f"phải là chuỗi không rỗng, nhận được {value!r}")
    return value.strip()


def _as_dates(setting: str, value: Any) -> tuple[date, ...]:
    if not isinstance(value, list):
        raise ConfigError(setting, "phải là danh sách ngày dạng YYYY-MM-DD")
    out = []
    for item in value:
        if isinstance(item, date):
            out.append(item)
            continue
        try:
            out.append(date.fromisoformat(str(item)))
        except ValueError:
            raise ConfigError(setting, f"ngày không hợp lệ {item!r} (cần YYYY-MM-DD)") from None
    return tuple(out)


def _as_time(setting: str, value: Any) -> time:
    if isinstance(value, time):
        return value
    try:
        return time.fromisoformat(str(value))
    except ValueError:
        raise ConfigError(setting, f"giờ không hợp lệ {value!r} (cần HH:MM)") from None


def _as_office_hours(setting: str, value: Any) -> tuple[tuple[time, time], ...]:
    if not isinstance(value, list) or not value:
        raise ConfigError(setting, 'phải là danh sách [["07:30", "11:30"], ...]')
    periods: list[tuple[time, time]] = []
    for item in value:
        if not isinstance(item, list) or len(item) != 2:
            raise ConfigError(setting, f"mỗi khoảng phải có giờ mở và giờ đóng, nhận được {item!r}")
        start, end = _as_time(setting, item[0]), _as_time(setting, item[1])
        if end <= start or (periods and start < periods[-1][1]):
            raise ConfigError(setting, f"các khoảng giờ phải tăng dần và không chồng nhau: {item!r}")
        periods.append((start, end))
    return tuple(periods)


def _unit_from(setting: str, value: Any) -> int:
    code = _as_int(setting, value, 1, 99999)
    from vietnam_provinces import Ward

    try:
        Ward.from_code(code)  # type: ignore[arg-type]
    except ValueError:
        raise ConfigError(setting, f"không có xã/phường mã {code} trong danh mục đơn vị hành chính") from None
    return code


def _speech_from(section: dict[str, Any]) -> SpeechSettings:
    """``[speech]``: every key optional; a bad one is named as ``speech.<key>``."""
    known = ("enabled", "voice", "speed", "output")
    for key in section:
        if key not in known:
            raise ConfigError(f"speech.{key}", f"không có mục này; các mục được dùng: {', '.join(known)}")
    enabled = section.get("enabled", True)
    if not isinstance(enabled, bool):
        raise ConfigError("speech.enabled", f"phải là true hoặc false, nhận được {enabled!r}")
    voice = section.get("voice", "vi")
    if voice not in SPEECH_VOICES:
        raise ConfigError(
            "speech.voice", f"phải là một trong {', '.join(SPEECH_VOICES)}, nhận được {voice!r}"
        )
    output = _as_str("speech.output", section["output"]) if section.get("output") else None
    if output is not None and (output.startswith("-") or any(ch.isspace() for ch in output)):
        raise ConfigError("speech.output", f"phải là tên thiết bị ALSA (aplay -L), nhận được {output!r}")
    return SpeechSettings(enabled, voice, _as_int("speech.speed", section.get("speed", 140), 80, 300), output)


def _scanner_from(section: dict[str, Any]) -> ScannerSettings:
    """``[scanner]``: every key optional; a bad one is named as ``scanner.<key>``."""
    known = ("device", "resolution", "mode", "source", "timeout_seconds", "drop_folder", "options")
    for key in section:
        if key not in known:
            raise ConfigError(f"scanner.{key}", f"không có mục này; các mục được dùng: {', '.join(known)}")
    device = _as_str("scanner.device", section["device"]) if section.get("device") else None
    source = _as_str("scanner.source", section["source"]) if section.get("source") else None
    mode = section.get("mode", "Gray")
    if mode not in SCAN_MODES:
        raise ConfigError("scanner.mode", f"phải là một trong {', '.join(SCAN_MODES)}, nhận được {mode!r}")
    drop_folder = None
    if section.get("drop_folder"):
        drop_folder = Path(_as_str("scanner.drop_folder", section["drop_folder"])).expanduser()
        if not drop_folder.is_absolute():
            raise ConfigError(
                "scanner.drop_folder", f"phải là đường dẫn tuyệt đối, nhận được {str(drop_folder)!r}"
            )
    options = section.get("options", [])
    if not isinstance(options, list):
        raise ConfigError("scanner.options", 'phải là danh sách, ví dụ ["--swdeskew=yes"]')
    for option in options:
        if not isinstance(option, str) or not option.startswith("--") or len(option) < 3:
            raise ConfigError(
                "scanner.options", f"mỗi tùy chọn phải có dạng --tên=giá-trị, nhận được {option!r}"
            )
        name = option.split("=", 1)[0]
        if name in RESERVED_SCAN_OPTIONS or name.startswith("--batch"):
            raise ConfigError(
                "scanner.options", f"{name} do chương trình tự đặt (dùng device, mode, resolution, source)"
            )
    return ScannerSettings(
        device=device,
        resolution=_as_int("scanner.resolution", section.get("resolution", 300), 75, 1200),
        mode=mode,
        source=source,
        timeout_seconds=_as_int("scanner.timeout_seconds", section.get("timeout_seconds", 120), 5, 3600),
        drop_folder=drop_folder,
        options=tuple(options),
    )


def load_settings(env: dict[str, str] | None = None, *, demo: bool = False) -> Settings:
    """Read the config file and the environment into validated settings."""
    env = dict(os.environ if env is None else env)
    for name in ("HOME", "DB_URL", "CENTRAL_URL", "UNIT", "COUNTER"):
        _check_chars(ENV_PREFIX + name, env.get(ENV_PREFIX + name))
    home_value = env.get(f"{ENV_PREFIX}HOME", "").strip()
    home = Path(home_value).expanduser().resolve() if home_value else None
    config_dir, data_dir, log_dir = _dirs(home)
    config_file = config_dir / "config.toml"
    data = _read_toml(config_file)
    _check_chars("", data)
    store = _section(data, "store")
    counter = _section(data, "counter")
    cal = _section(data, "calendar")
    printing = _section(data, "printing")
    security = _section(data, "security")
    legal = _section(data, "legal")
    scanner = _scanner_from(_section(data, "scanner"))
    speech = _speech_from(_section(data, "speech"))
    rating = _section(data, "rating")
    for key in rating:
        if key != "wait_seconds":
            raise ConfigError(f"rating.{key}", "không có mục này; mục được dùng: wait_seconds")
    forms = legal.get("forms", FORM_SETS[0])
    if forms not in FORM_SETS:
        raise ConfigError(
            "legal.forms", f"không có bộ biểu mẫu {forms!r}; chọn một trong {', '.join(FORM_SETS)}"
        )
    centre = legal.get("centre", True)
    if not isinstance(centre, bool):
        raise ConfigError("legal.centre", f"phải là true hoặc false, nhận được {centre!r}")

    db_url = env.get(f"{ENV_PREFIX}DB_URL") or store.get("db_url")
    if db_url is None:
        db_url = f"sqlite:///{data_dir / 'counter.sqlite3'}"
    db_url = _as_str("COUNTER_APP_DB_URL" if env.get(f"{ENV_PREFIX}DB_URL") else "store.db_url", db_url)
    if not db_url.startswith(("sqlite:", "postgresql:", "postgresql+psycopg:", "postgres:")):
        raise ConfigError(
            "COUNTER_APP_DB_URL", f"chỉ hỗ trợ sqlite:/// hoặc postgresql://, nhận được {db_url!r}"
        )

    central_url = env.get(f"{ENV_PREFIX}CENTRAL_URL") or store.get("central_url") or None
    if central_url is not None:
        central_url = _as_str("COUNTER_APP_CENTRAL_URL", central_url)
        if not central_url.startswith(("postgresql:", "postgresql+psycopg:", "postgres:")):
            raise ConfigError(
                "COUNTER_APP_CENTRAL_URL", f"phải là địa chỉ postgresql://, nhận được {central_url!r}"
            )

    if env.get(f"{ENV_PREFIX}UNIT"):
        unit_code = _unit_from("COUNTER_APP_UNIT", env[f"{ENV_PREFIX}UNIT"])
    elif "unit" in counter:
        unit_code = _unit_from("counter.unit", counter["unit"])
    else:
        unit_code = DEMO_UNIT_CODE

    if env.get(f"{ENV_PREFIX}COUNTER"):
        counter_no = _as_int("COUNTER_APP_COUNTER", env[f"{ENV_PREFIX}COUNTER"], 1, 9)
    else:
        counter_no = _as_int("counter.number", counter.get("number", 1), 1, 9)

    # the identifier is configured, never derived (Decision 20/2020/QĐ-TTg, amended by Decision
    # 09/2025/QĐ-TTg): absent, the demo uses its clearly fake one and a real unit has none until setup
    from counter_app.domain.identifiers import InvalidIdentifier, demo_identifier, parse_unit_identifier

    if "one_stop_code" in counter:
        one_stop_code = _as_str("counter.one_stop_code", counter["one_stop_code"])
        try:
            one_stop_code = parse_unit_identifier(one_stop_code)
        except InvalidIdentifier as error:
            raise ConfigError("counter.one_stop_code", str(error)) from None
    else:
        one_stop_code = demo_identifier(unit_code) if demo else ""

    return Settings(
        home=home,
        config_file=config_file,
        data_dir=data_dir,
        log_dir=log_dir,
        db_url=db_url,
        central_url=central_url,
        unit_code=unit_code,
        counter=counter_no,
        one_stop_code=one_stop_code,
        extra_days_off=_as_dates("calendar.extra_days_off", cal.get("extra_days_off", [])),
        extra_working_days=_as_dates("calendar.extra_working_days", cal.get("extra_working_days", [])),
        office_hours=(
            _as_office_hours("calendar.office_hours", cal["office_hours"])
            if "office_hours" in cal
            else DEFAULT_OFFICE_HOURS
        ),
        printer=_as_str("printing.printer", printing["printer"]) if printing.get("printer") else None,
        escpos=_as_str("printing.escpos", printing["escpos"]) if printing.get("escpos") else None,
        idle_lock_minutes=_as_int("security.idle_lock_minutes", security.get("idle_lock_minutes", 5), 1, 240),
        forms=forms,
        one_stop_centre=centre,
        scanner=scanner,
        speech=speech,
        rating_wait_seconds=_as_int("rating.wait_seconds", rating.get("wait_seconds", 180), 30, 1800),
        demo=demo,
        files=_files_from(env, _section(data, "files")),
        extra=data,
    )


# --- [files]: the central object store (S3 API) ------------------------------------------------------

#: an S3 bucket name (the path of ``[files] url``): 3-63 lowercase letters, digits, dots and hyphens
_BUCKET = re.compile(r"[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]")


@dataclass(frozen=True)
class FilesSettings:
    """Where digitised files are pushed (``COUNTER_APP_FILES_URL`` or ``[files] url``) and the counter's S3
    identity (``[files] access_key``/``secret_key``, or ``COUNTER_APP_FILES_ACCESS_KEY``/``…_SECRET_KEY``)."""

    endpoint: str  # scheme://host:port, without the bucket
    bucket: str
    access_key: str
    secret_key: str = field(repr=False)

    @property
    def url(self) -> str:
        return f"{self.endpoint}/{self.bucket}"


def _files_url(setting: str, value: Any) -> tuple[str, str]:
    """(endpoint, bucket) of an S3 URL with the bucket as its path: ``http://127.0.0.1:8333/counter-files``."""
    from urllib.parse import urlsplit

    text = _as_str(setting, value)
    expected = f"phải là địa chỉ http(s)://máy-chủ:cổng/tên-bucket, nhận được {text!r}"
    try:
        parts = urlsplit(text)
        port = parts.port
    except ValueError:
        raise ConfigError(setting, expected) from None
    if parts.scheme not in ("http", "https") or not parts.hostname or parts.query or parts.fragment:
        raise ConfigError(setting, expected)
    if parts.username or parts.password:
        raise ConfigError(
            setting, "không ghi khóa truy cập trong địa chỉ; đặt files.access_key và files.secret_key"
        )
    bucket = parts.path.strip("/")
    if not _BUCKET.fullmatch(bucket) or ".." in bucket:
        raise ConfigError(
            setting, f"tên bucket {bucket!r} không hợp lệ (3-63 ký tự: chữ thường, số, dấu chấm, gạch nối)"
        )
    host = f"[{parts.hostname}]" if ":" in parts.hostname else parts.hostname
    return f"{parts.scheme}://{host}{f':{port}' if port else ''}", bucket


def _files_from(env: dict[str, str], section: dict[str, Any]) -> FilesSettings | None:
    """The ``[files]`` settings, environment over file; None when no object store is configured."""
    names = {"url": "FILES_URL", "access_key": "FILES_ACCESS_KEY", "secret_key": "FILES_SECRET_KEY"}
    values: dict[str, tuple[str, Any]] = {}
    for key, name in names.items():
        _check_chars(ENV_PREFIX + name, env.get(ENV_PREFIX + name))
        if env.get(ENV_PREFIX + name):
            values[key] = (ENV_PREFIX + name, env[ENV_PREFIX + name])
        elif section.get(key) not in (None, ""):
            values[key] = (f"files.{key}", section[key])
    if "url" not in values:
        return None
    endpoint, bucket = _files_url(*values["url"])
    for key in ("access_key", "secret_key"):
        if key not in values:
            raise ConfigError(f"files.{key}", "cần khi đã đặt địa chỉ kho tệp (files.url)")
    return FilesSettings(endpoint, bucket, _as_str(*values["access_key"]), _as_str(*values["secret_key"]))
