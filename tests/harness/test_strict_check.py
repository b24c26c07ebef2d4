"""The strict check itself: a call the simulated Telegram rejected fails the test unless it was declared."""

import os

import pytest

from tests.harness.processes import ROOT

pytest_plugins = ["pytester"]

TEST_FILE = '''
import pytest
from telegram.error import BadRequest


async def test_undeclared_rejection(sandbox):
    with pytest.raises(BadRequest):
        await sandbox.app.bot.send_message(chat_id=424242, text="to nowhere")


async def test_declared_rejection(sandbox):
    sandbox.expect_rejection("sendMessage", "chat not found")
    with pytest.raises(BadRequest):
        await sandbox.app.bot.send_message(chat_id=424242, text="to nowhere")


async def test_injected_failure(sandbox):
    user = sandbox.add_user("Ani")
    sandbox.inject("sendMessage", error=(500, "Internal Server Error"))
    with pytest.raises(Exception):
        await sandbox.app.bot.send_message(chat_id=user.id, text="halo")
'''


def test_an_undeclared_rejection_fails_the_test(pytester: pytest.Pytester, monkeypatch: pytest.MonkeyPatch) -> None:
    pytester.makeconftest('pytest_plugins = ["tests.harness.fixtures", "tests.harness.fixtures_bot"]')
    pytester.makeini("[pytest]\nasyncio_mode = auto\nasyncio_default_fixture_loop_scope = function\n")
    pytester.makepyfile(test_strict=TEST_FILE)
    env_path = os.environ.get("PYTHONPATH", "")
    monkeypatch.setenv("PYTHONPATH", f"{ROOT}{os.pathsep}{env_path}" if env_path else str(ROOT))
    monkeypatch.delenv("TEST_DATABASE_URL", raising=False)
    monkeypatch.delenv("REQUIRE_POSTGRES", raising=False)
    result = pytester.runpytest_subprocess("-p", "no:cacheprovider", "-q")
    result.assert_outcomes(passed=3, errors=1)
    result.stdout.fnmatch_lines(["*test_undeclared_rejection*", "*simulated Telegram rejected*",
                                 "*sendMessage -> 400 Bad Request: chat not found*"])
