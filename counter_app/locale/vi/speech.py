"""Vietnamese texts of the spoken call in the waiting room (issue 16): the phrase shown and said, and why the
voice may be missing (``services.announce``)."""

MESSAGES: dict[str, str] = {
    "speech.call.shown": "Mời công dân số {ticket} đến quầy số {counter}",
    "speech.call.spoken": "Mời công dân số {ticket}, đến quầy số {counter}.",
    "speech.unavailable": "Không đọc được số gọi bằng giọng nói ({reason}); chỉ phát tiếng chuông.",
    "speech.reason.missing": "chưa cài espeak-ng: apt-get install espeak-ng",
    "speech.reason.no_voice": "espeak-ng không có giọng {voice}",
    "speech.reason.failed": "espeak-ng không chạy được: {error}",
    "speech.no_player": "Bảng không phát được tiếng gọi số: chưa cài aplay (apt-get install alsa-utils).",
}
