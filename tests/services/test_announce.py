"""The call, aloud (issue 16): a chime then the phrase in espeak-ng's Vietnamese voice, as one WAV made once per
phrase; the chime alone, with one line saying why, when espeak-ng cannot speak (``services.announce``)."""

from __future__ import annotations

import math
import wave
from array import array
from pathlib import Path

import pytest

from counter_app.config import SpeechSettings
from counter_app.services.announce import SAMPLE_RATE, call_audio, call_phrase, chime, speech_problem

CHIME_S = len(chime()) / 2 / SAMPLE_RATE


def _read(path: Path) -> tuple[float, array]:
    with wave.open(str(path)) as w:
        assert (w.getframerate(), w.getnchannels(), w.getsampwidth()) == (SAMPLE_RATE, 1, 2)
        samples = array("h", w.readframes(w.getnframes()))
    return len(samples) / SAMPLE_RATE, samples


def _rms(samples: array) -> float:
    return math.sqrt(sum(s * s for s in samples) / max(1, len(samples)))


def test_the_phrase_shown_and_said():
    phrase = call_phrase("B004", 1)
    assert phrase.shown == "Mời công dân số B 0 0 4 đến quầy số 1"
    assert phrase.spoken == "Mời công dân số bê, không không bốn, đến quầy số một."


@pytest.mark.needs_command("espeak-ng")
def test_the_call_is_a_chime_then_the_spoken_phrase(tmp_path):
    audio = call_audio(tmp_path, "B004", 1, SpeechSettings())
    assert audio.spoken and audio.phrase.shown == "Mời công dân số B 0 0 4 đến quầy số 1"
    seconds, samples = _read(audio.path)
    assert CHIME_S + 1.5 < seconds < CHIME_S + 12  # the phrase takes a few seconds at 140 words a minute
    head = samples[: int(CHIME_S * SAMPLE_RATE)]
    voice = samples[int((CHIME_S + 0.25) * SAMPLE_RATE) :]
    assert _rms(head) > 3000  # the chime is heard
    assert _rms(voice) > 500  # the voice is not silence
    assert max(abs(s) for s in voice) > 5000


@pytest.mark.needs_command("espeak-ng")
def test_a_phrase_is_made_once_and_a_recall_plays_the_same_file(tmp_path):
    first = call_audio(tmp_path, "B004", 1, SpeechSettings())
    made = first.path.stat().st_mtime_ns
    again = call_audio(tmp_path, "B004", 1, SpeechSettings())
    assert again.path == first.path and again.path.stat().st_mtime_ns == made
    other = call_audio(tmp_path, "B005", 1, SpeechSettings())
    assert other.path != first.path and other.path.read_bytes() != first.path.read_bytes()
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([first.path.name, other.path.name])
    assert oct(tmp_path.stat().st_mode & 0o777) and oct(first.path.stat().st_mode & 0o777) == "0o600"


@pytest.mark.needs_command("espeak-ng")
def test_the_southern_voice_and_speed_make_another_file(tmp_path):
    north = call_audio(tmp_path, "B004", 1, SpeechSettings())
    south = call_audio(tmp_path, "B004", 1, SpeechSettings(voice="vi-vn-x-south", speed=120))
    assert south.spoken and south.path != north.path


def test_without_espeak_ng_the_call_is_the_chime_alone_and_one_line_says_why(tmp_path):
    settings = SpeechSettings()
    problem = speech_problem(settings, command="espeak-ng-not-installed")
    assert problem is not None and "\n" not in problem and "espeak-ng" in problem and "chuông" in problem
    audio = call_audio(tmp_path, "B004", 1, settings, command="espeak-ng-not-installed")
    assert not audio.spoken
    seconds, samples = _read(audio.path)
    assert abs(seconds - (CHIME_S + 0.25)) < 0.01 and _rms(samples) > 1000


@pytest.mark.needs_command("espeak-ng")
def test_a_voice_espeak_ng_lacks_is_said_at_start(tmp_path):
    assert speech_problem(SpeechSettings()) is None
    problem = speech_problem(SpeechSettings(voice="vi-vn-x-nowhere"))
    assert problem is not None and "vi-vn-x-nowhere" in problem


def test_speech_turned_off_is_the_chime_and_no_warning(tmp_path):
    settings = SpeechSettings(enabled=False)
    assert speech_problem(settings, command="espeak-ng-not-installed") is None
    audio = call_audio(tmp_path, "B004", 1, settings)
    assert not audio.spoken and _read(audio.path)[0] < CHIME_S + 0.3


def _call(ticket_id: str, number: str, counter: int | None, minute: int):
    from datetime import datetime

    from counter_app.services.queue import Call

    return Call(ticket_id, number, counter, datetime(2026, 12, 1, 9, minute), "serving")


def test_new_calls_are_the_ones_not_seen_oldest_first_and_a_recall_is_new_again():
    from counter_app.services.announce import new_calls

    morning = [_call("t2", "B002", 2, 5), _call("t1", "B001", 1, 1)]  # newest first, as the board reads them
    fresh, seen = new_calls(None, morning)
    assert fresh == []  # the board's first look announces nothing
    later = [_call("t4", "B004", 1, 9), _call("t3", "B003", 3, 8), *morning]
    fresh, seen = new_calls(seen, later)
    assert [c.number for c in fresh] == ["B003", "B004"]
    assert new_calls(seen, later)[0] == []
    recalled = [_call("t3", "B003", 3, 12), *later]
    assert [c.number for c in new_calls(seen, recalled)[0]] == ["B003"]
    assert new_calls(seen, [_call("t9", "B009", None, 13), *later])[0] == []  # no counter: nothing to say
