"""The `pledgetrack` command: documented, and working exactly as the README says."""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from flows.cli import HANDLERS, build_parser
from tests.conftest import ROOT

PLEDGETRACK = [sys.executable, "-m", "flows.cli"]


def subcommands() -> dict[str, argparse.ArgumentParser]:
    parser = build_parser()
    [action] = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
    return dict(action.choices)


def test_every_command_has_a_handler_and_help():
    commands = subcommands()
    assert set(commands) == set(HANDLERS)
    top = build_parser().format_help()
    for name, parser in commands.items():
        assert name in top
        assert parser.description, f"{name} has no description"


@pytest.mark.parametrize("name", sorted(subcommands()))
def test_every_option_is_documented(name):
    parser = subcommands()[name]
    for action in parser._actions:
        if isinstance(action, argparse._HelpAction):
            continue
        assert action.help, f"`pledgetrack {name}` option {action.option_strings or action.dest} has no help"
    assert "--db" in parser.format_help()


def test_run_then_run_again_then_status(tmp_path):
    inbox = tmp_path / "inbox"
    shutil.copytree(ROOT / "examples" / "inbox", inbox)
    (inbox / "notes.txt").write_text("这不是报告。", encoding="utf-8")
    db = tmp_path / "w.duckdb"
    first = subprocess.run(
        [*PLEDGETRACK, "run", "--inbox", str(inbox), "--db", str(db)],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        timeout=300,
    )
    assert first.returncode == 0, first.stderr
    assert "loaded 2 new reports" in first.stdout
    assert "notes.txt" in first.stdout  # the quarantined file is listed with its reason
    second = subprocess.run(
        [*PLEDGETRACK, "run", "--inbox", str(inbox), "--db", str(db)],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        timeout=300,
    )
    assert second.returncode == 0, second.stderr
    assert "nothing new to load" in second.stdout
    status = subprocess.run(
        [*PLEDGETRACK, "status", "--db", str(db)], capture_output=True, text=True, cwd=tmp_path, timeout=120
    )
    assert status.returncode == 0, status.stderr
    assert "上海市杨浦区" in status.stdout and "notes.txt" in status.stdout


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["run", "--inbox", "/no/such/folder", "--db", "x.duckdb"], "is not a folder"),
        (["status", "--db", "/no/such/w.duckdb"], "no warehouse"),
    ],
)
def test_clear_errors(tmp_path: Path, args, message):
    out = subprocess.run([*PLEDGETRACK, *args], capture_output=True, text=True, cwd=tmp_path, timeout=120)
    assert out.returncode == 2 and message in out.stderr
