"""The `pledgetrack` command: documented, and working exactly as the README says."""

from __future__ import annotations

import argparse
import json
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


def cli(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run([*PLEDGETRACK, *args], capture_output=True, text=True, cwd=cwd, timeout=300)


def test_verdicts_query_and_official_results(tmp_path):
    db = str(tmp_path / "w.duckdb")
    ran = cli("run", "--inbox", str(ROOT / "examples" / "inbox"), "--db", db, cwd=tmp_path)
    assert ran.returncode == 0, ran.stderr
    assert "judged 14 targets of the year before" in ran.stdout

    # verdicts: a short region name, JSON with the evidence of every kept or missed target
    out = cli(
        "verdicts", "--db", db, "--region", "杨浦区", "--year", "2023", "--format", "json", cwd=tmp_path
    )
    assert out.returncode == 0, out.stderr
    rows = json.loads(out.stdout)
    assert {r["status"] for r in rows} >= {"kept", "missed"}
    assert all(r["outcome_phrase"] and r["target_phrase"] for r in rows if r["status"] in ("kept", "missed"))
    assert {r["region"] for r in rows} == {"上海市杨浦区"}
    table = cli("verdicts", "--db", db, "--status", "missed", cwd=tmp_path)
    assert "missed" in table.stdout and "kept " not in table.stdout

    # a region name is a parameter: SQL in it finds nothing and changes nothing
    hostile = cli("verdicts", "--db", db, "--region", "x'); DROP TABLE targets; --", cwd=tmp_path)
    assert hostile.returncode == 0 and "(0 rows)" in hostile.stdout

    # query: read-only, parameters bound
    q = cli(
        "query",
        "--db",
        db,
        "SELECT count(*) AS n FROM scorecard WHERE region = ?",
        "--param",
        "上海市杨浦区",
        "--format",
        "csv",
        cwd=tmp_path,
    )
    assert q.stdout.split() == ["n", "2"], q.stderr
    refused = cli("query", "--db", db, "DROP TABLE targets", cwd=tmp_path)
    assert refused.returncode == 2 and "read-only" in refused.stderr

    # official results: a bad file loads nothing and says why; a good one settles a pending target
    def official_count() -> str:
        return cli(
            "query",
            "--db",
            db,
            "SELECT count(*) FROM outcomes WHERE source = 'official'",
            "--format",
            "csv",
            cwd=tmp_path,
        ).stdout.split()[-1]

    header = "region,year,indicator,kind,value,unit,source_url\n"
    bad_rows = tmp_path / "bad rows.csv"
    bad_rows.write_text(header + "杨浦区,2024,全社会固定资产投资,speed,6.1,%,https://stats.example/2024\n")
    bad = cli("load-results", "--db", db, str(bad_rows), cwd=tmp_path)
    assert bad.returncode == 1 and "line 2: kind 'speed'" in bad.stderr and official_count() == "0"
    bad_gate = tmp_path / "bad gate.csv"
    bad_gate.write_text(
        header + "杨浦区,2024,全社会固定资产投资,growth,6.1,%,https://stats.example/2024\n"
        "杨浦区,2024,社会消费品零售总额,growth,5000,%,https://stats.example/2024\n"
    )
    refused = cli("load-results", "--db", db, str(bad_gate), cwd=tmp_path)
    assert refused.returncode == 1 and "percent_value" in refused.stderr and official_count() == "0"
    good = tmp_path / "communique.csv"
    good.write_text(header + "杨浦区,2024,全社会固定资产投资,growth,6.1,%,https://stats.example/2024\n")
    loaded = cli("load-results", "--db", db, str(good), cwd=tmp_path)
    assert loaded.returncode == 0 and "loaded 1 official results" in loaded.stdout, loaded.stderr
    assert "warning" not in loaded.stderr and "rewrote the pages of 1 regions and years" in loaded.stdout
    again = cli("load-results", "--db", db, str(good), cwd=tmp_path)
    assert "1 replaced" in again.stdout and official_count() == "1"
    useless = tmp_path / "useless.csv"
    useless.write_text(
        header + "北京市,2024,地区生产总值,growth,5.2,%,https://stats.example/bj\n"
        "杨浦区,2024,规模以上工业总产值,growth,3.3,%,https://stats.example/2024\n"
    )
    warned = cli("load-results", "--db", db, str(useless), cwd=tmp_path)
    assert warned.returncode == 0 and "holds no report of 北京市" in warned.stderr
    assert "规模以上工业总产值: no target of 2024 can be settled by it" in warned.stderr
    settled = cli(
        "verdicts", "--db", db, "--region", "上海市杨浦区", "--year", "2024", "--format", "json", cwd=tmp_path
    )
    [investment] = [r for r in json.loads(settled.stdout) if r["indicator"] == "全社会固定资产投资"]
    assert (investment["status"], investment["outcome_source"], investment["actual"]) == (
        "kept",
        "official",
        6.1,
    )


def test_scorecard_indicator_filter_and_friendly_answers(tmp_path):
    db = str(tmp_path / "w.duckdb")
    assert cli("run", "--inbox", str(ROOT / "examples" / "inbox"), "--db", db, cwd=tmp_path).returncode == 0

    # the kept rate always with its denominator, beside the coverage
    table = cli("scorecard", "--db", db, "--region", "杨浦区", cwd=tmp_path)
    assert table.returncode == 0, table.stderr
    [row_2023] = [line for line in table.stdout.splitlines() if " 2023 " in f" {line} "]
    assert "(12/14)" in row_2023 and "100%" in row_2023
    rows = json.loads(cli("scorecard", "--db", db, "--format", "json", cwd=tmp_path).stdout)
    by_year = {r["year"]: r for r in rows}
    assert (by_year[2023]["judged"], by_year[2023]["coverage"]) == (14, 1.0)
    assert by_year[2023]["rate_basis"] == "judged"
    assert by_year[2024]["rate_basis"] == "pending" and by_year[2024]["kept_rate"] is None

    # a CSV for a spreadsheet: the byte-order mark, and each row's source files by name, not by hash
    csv_out = cli("verdicts", "--db", db, "--year", "2023", "--format", "csv", "--bom", cwd=tmp_path).stdout
    assert csv_out.startswith("\ufeff") and "2023年杨浦区政府工作报告.txt" in csv_out
    assert "2024年杨浦区政府工作报告.txt" in csv_out.splitlines()[1]  # the follow-up that settled it

    # --indicator; target ids in the table, for `show target`
    investment = cli("verdicts", "--db", db, "--indicator", "固定资产投资", "--format", "json", cwd=tmp_path)
    found = json.loads(investment.stdout)
    assert found and all("固定资产投资" in r["indicator"] for r in found)
    shown = cli("verdicts", "--db", db, "--year", "2023", cwd=tmp_path).stdout
    assert shown.splitlines()[0].split()[0] == "target_id"
    assert cli("show", "--db", db, "target", found[0]["target_id"], cwd=tmp_path).returncode == 0

    # an empty answer says what the warehouse holds
    for command in ("verdicts", "scorecard"):
        empty = cli(command, "--db", db, "--region", "北京市", cwd=tmp_path)
        assert empty.returncode == 0 and "(0 rows)" in empty.stdout
        assert "上海市杨浦区 2023–2024" in empty.stderr

    # a reader that goes away is no error: no traceback
    piped = subprocess.run(
        f"{sys.executable} -m flows.cli verdicts --db {db} --format json | head -c 10",
        shell=True, capture_output=True, text=True, cwd=tmp_path, timeout=300,
    )  # fmt: skip
    assert "Traceback" not in piped.stderr and "BrokenPipe" not in piped.stderr


def test_export_for_researchers(tmp_path):
    import pandas as pd

    db = str(tmp_path / "w.duckdb")
    assert cli("run", "--inbox", str(ROOT / "examples" / "inbox"), "--db", db, cwd=tmp_path).returncode == 0
    for fmt in ("csv", "json", "parquet"):
        out = cli("export", "--db", db, "--format", fmt, "--out", str(tmp_path / fmt), "--bom", cwd=tmp_path)
        assert out.returncode == 0, out.stderr
        assert sorted(p.name for p in (tmp_path / fmt).iterdir()) == [
            f"{t}.{fmt}" for t in ("outcomes", "targets", "verdicts")
        ]
    verdicts_csv = (tmp_path / "csv" / "verdicts.csv").read_bytes()
    assert verdicts_csv.startswith(b"\xef\xbb\xbf")  # Excel on Windows reads the Chinese right
    rows = json.loads((tmp_path / "json" / "verdicts.json").read_text(encoding="utf-8"))
    assert len(rows) == 28 and all(r["target_source"].endswith(".txt") for r in rows)
    assert {r["status"] for r in rows} >= {"kept", "missed", "pending"}
    targets = pd.read_parquet(tmp_path / "parquet" / "targets.parquet")
    assert len(targets) == 28 and targets["target_key"].str.len().eq(12).all()
