"""The order of every picker's list, tested like the rule it is."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from counter_app.domain.matching import INSIDE, WHOLE_WORD, WORD_START, match_rank, word_level
from counter_app.domain.vntext import fold


def rank(typed: str, name: str):
    return match_rank(fold(typed).split(), fold(name))


def test_a_whole_word_ranks_above_a_word_start():
    death = rank("khai tu", "Thủ tục đăng ký khai tử")
    birth = rank("khai tu", "Thủ tục đăng ký khai sinh")
    assert death is not None and birth is not None and death < birth


def test_an_exact_ward_name_ranks_above_a_longer_one():
    assert rank("nghia lo", "Phường Nghĩa Lộ Quảng Ngãi") < rank("nghia lo", "Xã Nghĩa Lộc Nghệ An")


def test_levels():
    words = "thu tuc dang ky khai tu".split()
    assert word_level("khai", words, " ".join(words)) == WHOLE_WORD
    assert word_level("tuc", words, " ".join(words)) == WHOLE_WORD
    assert word_level("dan", words, " ".join(words)) == WORD_START
    assert word_level("ang", words, " ".join(words)) == INSIDE
    assert word_level("xyz", words, " ".join(words)) is None


def test_every_typed_word_must_match():
    assert rank("khai hon", "Thủ tục đăng ký khai sinh") is None
    assert rank("", "Thủ tục đăng ký khai sinh") == (0, 0)


@given(st.lists(st.sampled_from("abcdeghiklmnost "), max_size=30).map("".join))
def test_a_name_matches_its_own_words_best(name):
    words = name.split()
    if words:
        assert match_rank(words, " ".join(words)) == (0, 0)
