"""The call, aloud: a chime, then «Mời công dân số B 0 0 4 đến quầy số 1» in espeak-ng's Vietnamese voice, as one
WAV file the board plays (issue 16).

Each phrase is synthesised once and kept (``<data>/speech/<hash>.wav``, the hash of the words, voice, speed and
chime): the same number called again (a recall, F8) plays the kept file. espeak-ng (Debian package
``espeak-ng``, voice ``vi``) runs as a program with a time limit; when it is missing, has no such voice, or
fails, the call is the chime alone and :func:`speech_problem` gives the one line to show at start. Nothing
here holds personal data: a ticket number and a counter.
"""

from __future__ import annotations

import hashlib
import io
import logging
import math
import os
import queue
import shutil
import subprocess
import tempfile
import threading
import wave
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from counter_app.config import SpeechSettings
from counter_app.domain.call_phrase import spaced_ticket, spoken_ticket
from counter_app.locale import t
from counter_app.services.queue import Call

log = logging.getLogger("counter_app.board")

#: espeak-ng writes 22,050 Hz mono 16-bit PCM; the chime is made to match
SAMPLE_RATE = 22_050
#: bump when the chime or the way the parts are joined changes: kept files are then made again
AUDIO_VERSION = "1"
#: longest a synthesis may take (espeak-ng says a call in milliseconds; a hung one must not hang the board)
ESPEAK_TIMEOUT_S = 10.0
ESPEAK = "espeak-ng"
#: ALSA's player (Debian package alsa-utils): the terminal board plays each call with it
APLAY = "aplay"
#: longest a call may play (a stuck sound device must not stop the next call for ever)
PLAY_TIMEOUT_S = 30.0


@dataclass(frozen=True)
class CallPhrase:
    """A call as the board writes it and as the voice says it."""

    shown: str
    spoken: str


@dataclass(frozen=True)
class CallAudio:
    """A call's sound: the WAV file, and whether the voice is in it (False: the chime alone)."""

    path: Path
    spoken: bool
    phrase: CallPhrase


def spoken_counter(counter: int) -> str:
    """The counter's number as a number, said the Vietnamese way (21 → «hai mươi mốt», 15 → «mười lăm»), by
    num2words' tested ``vi`` rules."""
    from num2words import num2words

    if counter < 1:
        raise ValueError(counter)
    return str(num2words(counter, lang="vi"))


def call_phrase(number: str, counter: int) -> CallPhrase:
    """«Mời công dân số B 0 0 4 đến quầy số 1», and the words the voice says for it."""
    return CallPhrase(
        t("speech.call.shown", ticket=spaced_ticket(number), counter=counter),
        t("speech.call.spoken", ticket=spoken_ticket(number), counter=spoken_counter(counter)),
    )


def speech_problem(settings: SpeechSettings, *, command: str = ESPEAK) -> str | None:
    """One line saying why calls will not be spoken (espeak-ng missing, or without the voice); None when they
    will be, or when speech is turned off."""
    if not settings.enabled:
        return None
    reason = _voice_problem(settings.voice, command)
    return t("speech.unavailable", reason=reason) if reason else None


def player_problem(*, command: str = APLAY) -> str | None:
    """One line saying why the terminal board will play no sound at all (no ALSA player); None when it will."""
    return None if shutil.which(command) else t("speech.no_player")


#: a call as the board tells calls apart: the ticket and when it was called (a recall, F8, calls it again)
CallKey = tuple[str, datetime]


def new_calls(seen: set[CallKey] | None, calls: Sequence[Call]) -> tuple[list[Call], set[CallKey]]:
    """The calls of ``calls`` (newest first, as the board reads them) not announced yet, oldest first, and the
    keys seen now. ``seen`` None is the board's first look: nothing is new then (a board started at noon does
    not announce the morning's calls)."""
    keys = {(c.ticket_id, c.called_at) for c in calls}
    if seen is None:
        return [], keys
    fresh = [c for c in reversed(calls) if (c.ticket_id, c.called_at) not in seen and c.counter_number]
    return fresh, keys | seen


@dataclass(frozen=True)
class Announced:
    """A call the announcer played (or tried to): what was said, the file, and whether the player succeeded."""

    phrase: CallPhrase
    audio: Path
    spoken: bool
    played: bool


class Announcer:
    """Plays calls one after another, in the order given, on a thread of its own (``aplay -q [-D output]``):
    the board never waits for a sound, and two calls never talk over each other."""

    def __init__(self, cache_dir: Path, settings: SpeechSettings, *, player: str = APLAY) -> None:
        self.cache_dir = cache_dir
        self.settings = settings
        self.player = player
        #: the calls played so far (tests and the log read it)
        self.history: list[Announced] = []
        self._calls: queue.Queue[tuple[str, int] | None] = queue.Queue()
        self._thread: threading.Thread | None = None

    def announce(self, number: str, counter: int) -> None:
        if self._thread is None:
            self._thread = threading.Thread(target=self._run, name="announcer", daemon=True)
            self._thread.start()
        self._calls.put((number, counter))

    def stop(self) -> None:
        if self._thread is not None:
            self._calls.put(None)

    def _run(self) -> None:
        while (call := self._calls.get()) is not None:
            try:
                audio = call_audio(self.cache_dir, *call, self.settings)
            except Exception as exc:  # an unspeakable ticket, a full disk: the next call still plays
                log.warning("a call could not be made into sound: %s", type(exc).__name__)
                continue
            self.history.append(Announced(audio.phrase, audio.path, audio.spoken, self._play(audio.path)))

    def _play(self, path: Path) -> bool:
        program = shutil.which(self.player)
        if program is None:
            return False
        device = ["-D", self.settings.output] if self.settings.output else []
        try:
            done = subprocess.run(
                [program, "-q", *device, str(path)], capture_output=True, timeout=PLAY_TIMEOUT_S, check=False
            )
        except (OSError, subprocess.TimeoutExpired) as exc:
            log.warning("playing a call failed: %s", type(exc).__name__)
            return False
        if done.returncode != 0:
            log.warning("playing a call failed: %s", done.stderr.decode(errors="replace").strip()[:200])
        return done.returncode == 0


def _voice_problem(voice: str, command: str) -> str | None:
    program = shutil.which(command)
    if program is None:
        return t("speech.reason.missing")
    try:
        listed = subprocess.run(
            [program, f"--voices={voice.split('-')[0]}"],
            capture_output=True,
            text=True,
            timeout=ESPEAK_TIMEOUT_S,
            check=False,
        )
    except (OSError, subprocess.TimeoutExpired) as exc:
        return t("speech.reason.failed", error=type(exc).__name__)
    names = {line.split()[1].lower() for line in listed.stdout.splitlines()[1:] if len(line.split()) > 1}
    return None if voice.lower() in names else t("speech.reason.no_voice", voice=voice)


def chime(rate: int = SAMPLE_RATE) -> bytes:
    """A two-note chime (E6 then C6, each fading out): 16-bit mono PCM frames."""
    frames = bytearray()
    for frequency, seconds in ((1318.5, 0.45), (1046.5, 0.65)):
        count = int(rate * seconds)
        for i in range(count):
            fade = math.exp(-4.0 * i / count)
            value = 0.45 * fade * math.sin(2 * math.pi * frequency * i / rate)
            frames += int(value * 32767).to_bytes(2, "little", signed=True)
    return bytes(frames)


def _silence(seconds: float, rate: int = SAMPLE_RATE) -> bytes:
    return b"\x00\x00" * int(rate * seconds)


def _speak(text: str, settings: SpeechSettings, command: str) -> bytes | None:
    """The PCM frames espeak-ng makes of ``text``; None when it cannot."""
    program = shutil.which(command)
    if program is None:
        return None
    argv = [program, "-v", settings.voice, "-s", str(settings.speed), "--stdout", text]
    try:
        done = subprocess.run(argv, capture_output=True, timeout=ESPEAK_TIMEOUT_S, check=False)
    except (OSError, subprocess.TimeoutExpired):
        return None
    if done.returncode != 0 or not done.stdout:
        return None
    try:
        with wave.open(io.BytesIO(done.stdout)) as spoken:
            if (spoken.getframerate(), spoken.getnchannels(), spoken.getsampwidth()) != (SAMPLE_RATE, 1, 2):
                return None
            # espeak-ng streams to stdout without knowing the length: its header may claim 0 frames
            return done.stdout[44:] if spoken.getnframes() == 0 else spoken.readframes(spoken.getnframes())
    except (wave.Error, EOFError):
        return None


def call_audio(
    cache_dir: Path, number: str, counter: int, settings: SpeechSettings, *, command: str = ESPEAK
) -> CallAudio:
    """The WAV of the call of ``number`` to ``counter``: kept under ``cache_dir`` and made only once per phrase
    (a recall plays the same file). The chime alone when speech is off or espeak-ng cannot say it."""
    phrase = call_phrase(number, counter)
    voice = f"{settings.voice}:{settings.speed}" if settings.enabled else "off"
    key = hashlib.sha256(f"{AUDIO_VERSION}|{voice}|{phrase.spoken}".encode()).hexdigest()[:32]
    path = cache_dir / f"{key}.wav"
    if path.exists():
        return CallAudio(path, settings.enabled, phrase)
    words = _speak(phrase.spoken, settings, command) if settings.enabled else None
    frames = chime() + _silence(0.25)
    if words is not None:
        frames += words + _silence(0.2)
    _write_wav(path, frames)
    spoken = words is not None
    if not spoken and settings.enabled:
        path = path.rename(
            path.with_name(f"{key}-chime.wav")
        )  # not kept as the spoken one: try again next time
    return CallAudio(path, spoken, phrase)


def _write_wav(path: Path, frames: bytes) -> None:
    """Write a mono 16-bit WAV atomically (a board reading it never sees half a file); 0700 folder."""
    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, suffix=".part")
    try:
        with os.fdopen(fd, "wb") as fh, wave.open(fh, "wb") as out:
            out.setnchannels(1)
            out.setsampwidth(2)
            out.setframerate(SAMPLE_RATE)
            out.writeframes(frames)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
