"""The basket and its store: bounded, ordered, and a form's token is its session's alone."""

from __future__ import annotations

from pathlib import Path

import pytest

from publish.errors import PublishError
from publish.serve.sessions import MAX_ITEMS, MAX_LINE, Basket, Sessions


def test_a_basket_holds_at_most_max_items_and_each_text_once() -> None:
    basket = Basket()
    for number in range(MAX_ITEMS):
        basket = basket.add(f"archive/a/{number}.htm")
    assert basket.add("archive/a/0.htm") is basket  # already in it: no change, no refusal
    with pytest.raises(PublishError, match=f"at most {MAX_ITEMS}"):
        basket.add("archive/a/one-more.htm")
    with pytest.raises(PublishError, match=f"at most {MAX_LINE}"):
        basket.named("t" * (MAX_LINE + 1), "")


def test_moving_stops_at_the_ends() -> None:
    basket = Basket(keys=("a", "b", "c"))
    assert basket.move("a", -1).keys == ("a", "b", "c")
    assert basket.move("a", 1).keys == ("b", "a", "c")
    assert basket.move("c", 1).keys == ("a", "b", "c")
    assert basket.move("nothing", 1).keys == ("a", "b", "c")


def test_a_token_is_its_sessions_and_a_stranger_id_is_replaced(tmp_path: Path) -> None:
    store = Sessions(tmp_path / "sessions.sqlite")
    sid, token = store.open(None)
    other, other_token = store.open(None)
    assert sid != other and store.check(sid, token) and not store.check(sid, other_token)
    assert store.open(sid) == (sid, token)
    assert store.open("../../etc/passwd")[0] != "../../etc/passwd"
    store.save(sid, Basket(keys=("k",), title="T"))
    assert store.basket(sid).keys == ("k",) and store.basket(other) == Basket()
    store.close()
    again = Sessions(tmp_path / "sessions.sqlite")
    assert again.open(sid) == (sid, token) and again.basket(sid).title == "T"  # the secret is kept
    again.close()


def test_baskets_kept_in_memory_are_the_stored_ones_and_survive_a_restart(tmp_path: Path) -> None:
    store = Sessions(tmp_path / "sessions.sqlite")
    sid, _ = store.open(None)
    assert store.basket(sid) == Basket()  # asked before it was saved: kept as empty
    filled = Basket().add("a.htm").add("b.htm").named("Two", "")
    store.save(sid, filled)
    assert store.basket(sid) == filled  # the kept one follows the save
    store.close()
    again = Sessions(tmp_path / "sessions.sqlite")
    assert again.basket(sid) == filled  # and the database has it
    again.close()
