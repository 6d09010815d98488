"""The documented signing recipe (keeta.md §2.2) and webhook verification candidates (§3.4)."""

from __future__ import annotations

import hashlib

import pytest

from posapp.keeta.signing import WEBHOOK_RECIPES, joined_params, sign, verify_webhook
from tests.keeta.helpers import APP_ID, SECRET, WEBHOOK_URL, envelope

DOC_URL = "https://open.mykeeta.com/api/open/product/shopcategory/update"
DOC_PARAMS = {
    "accessToken": "abc",
    "appId": 123,
    "shopCategory": {"id": 123, "name": "test", "type": 0, "description": None},
    "shopId": 123,
    "timestamp": 1682566749,
}
DOC_HASH = "48eb6d562bb0673e3db753831f032be237fc19d1e5c33fcb5386d89c0eebca86"


def test_documented_worked_example_reproduces_published_hash() -> None:
    digest = sign(DOC_URL, DOC_PARAMS, "abc")
    assert digest.startswith("48eb6d56") and digest.endswith("ca86")
    assert digest == DOC_HASH


def test_pre_hash_string_is_the_documented_one() -> None:
    expected = (
        f"{DOC_URL}?accessToken=abc&appId=123"
        '&shopCategory={"id":123,"name":"test","type":0,"description":null}'
        "&shopId=123&timestamp=1682566749abc"
    )
    assert hashlib.sha256(expected.encode()).hexdigest() == DOC_HASH


def test_dropping_the_question_mark_changes_the_hash() -> None:
    without = hashlib.sha256(f"{DOC_URL}{joined_params(DOC_PARAMS)}abc".encode()).hexdigest()
    assert without != DOC_HASH


def test_empty_values_are_kept_and_non_ascii_not_escaped() -> None:
    params = {"b": "", "a": "少冰", "sig": "ignored"}
    assert joined_params(params) == "a=少冰&b="


def _signed_with(recipe: str) -> dict[str, object]:
    env = envelope(1002, {"orderViewId": 1, "shopId": 2, "status": 30, "opTime": 5})
    env.pop("sig")
    pre = WEBHOOK_RECIPES[recipe](WEBHOOK_URL, joined_params(env), SECRET)
    return {**env, "sig": hashlib.sha256(pre.encode()).hexdigest()}


@pytest.mark.parametrize("recipe", list(WEBHOOK_RECIPES))
def test_each_candidate_recipe_is_accepted_and_named(recipe: str) -> None:
    verdict = verify_webhook(_signed_with(recipe), WEBHOOK_URL, SECRET, APP_ID)
    assert verdict.ok
    assert verdict.recipe == recipe


def test_wrong_secret_is_rejected() -> None:
    verdict = verify_webhook(_signed_with("url?params+secret"), WEBHOOK_URL, "other", APP_ID)
    assert not verdict.ok
    assert "sig" in verdict.problem


def test_tampered_message_is_rejected() -> None:
    env = _signed_with("url?params+secret")
    env["message"] = str(env["message"]).replace("30", "50")
    assert not verify_webhook(env, WEBHOOK_URL, SECRET, APP_ID).ok


def test_other_app_id_is_rejected_even_with_a_valid_sig() -> None:
    env = envelope(1002, {"orderViewId": 1})
    verdict = verify_webhook(env, WEBHOOK_URL, SECRET, APP_ID + 1)
    assert not verdict.ok
    assert "appId" in verdict.problem


@pytest.mark.parametrize("app_id", [None, "abc", [1]])
def test_missing_or_garbled_app_id_is_rejected(app_id: object) -> None:
    env = {**envelope(1002, {"orderViewId": 1}), "appId": app_id}
    assert not verify_webhook(env, WEBHOOK_URL, SECRET, APP_ID).ok


def test_missing_sig_is_rejected() -> None:
    env = envelope(1002, {"orderViewId": 1})
    env.pop("sig")
    verdict = verify_webhook(env, WEBHOOK_URL, SECRET, APP_ID)
    assert not verdict.ok and verdict.problem == "sig missing"
