"""The `pledgetrack` command: documented, and working exactly as the README says."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from flows import cli_docs
from flows.cli import main
from tests.conftest import ROOT

PLEDGETRACK = [sys.executable, "-m", "flows.cli"]
COMMANDS = cli_docs.commands()


def test_every_command_is_listed_with_its_help(capsys):
    assert main(["--help"]) == 0
    listing = capsys.readouterr().out
    assert list(COMMANDS) == [
        "run", "serve", "fetch", "status", "show", "eval", "verdicts", "scorecard", "review", "override",
        "export", "query", "report", "load-results",
    ]  # fmt: skip
    for name, command in COMMANDS.items():
        assert re.search(rf"^  {name} ", listing, re.MULTILINE), f"{name} is not in `pledgetrack --help`"
        assert command.help and command.short_help, f"{name} has no help"


@pytest.mark.parametrize("name", list(COMMANDS))
def test_every_option_is_documented(name, capsys):
    assert main([name, "--help"]) == 0
    text = capsys.readouterr().out
    for param in COMMANDS[name].params:
        label = param.opts[0] if param.param_type_name == "option" else param.metavar
        assert param.help, f"`pledgetrack {name}` {label} has no help"
        assert label in text, f"`pledgetrack {name} --help` does not show {label}"
    assert "--db FILE" in text and "--config FILE" in text


# A usage error says what is wrong on stderr, with the usage line, and exits 2 (argparse did too).
USAGE_ERRORS = [
    (["nonsense"], "No such command 'nonsense'"),
    (["verdicts", "--year", "x"], "Invalid value for '--year'"),
    (["verdicts", "--status", "bogus"], "'bogus' is not one of 'kept', 'missed', 'no_evidence', 'pending'"),
    (["show", "target"], "Missing argument 'ID'"),
    (["eval"], "Missing option '--gold'"),
    (["query", "SELECT 1", "--format", "xml"], "Invalid value for '--format'"),
    (["run", "--wait"], "Option '--wait' requires an argument"),
    (["status", "--regio", "x"], "No such option: --regio"),  # argparse took abbreviations; click does not
]


@pytest.mark.parametrize(("args", "message"), USAGE_ERRORS, ids=[" ".join(a) for a, _ in USAGE_ERRORS])
def test_usage_errors_exit_2(args, message, capsys):
    assert main(args) == 2
    assert message in capsys.readouterr().err


# Bad input met by a command: one line, `error: ...`, exit 2, before anything is opened or written.
BAD_INPUT = [
    (["status", "--config", "/no/such.toml"], {}, "error: config file /no/such.toml not found"),
    (["run", "--tol-points", "nan"], {}, "error: option tol_points: expected a finite number, got nan"),
    (["status"], {"PLEDGETRACK_QUERY_TIMEOUT": "soon"}, "error: PLEDGETRACK_QUERY_TIMEOUT:"),
    (["fetch"], {"PLEDGETRACK_MANIFEST": ""}, "error: no URL to fetch"),
]


@pytest.mark.parametrize(("args", "env", "message"), BAD_INPUT, ids=[" ".join(a) for a, _, _ in BAD_INPUT])
def test_bad_input_exits_2(args, env, message, tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)  # no pledgetrack.toml of the checkout's
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    assert main([*args, "--db", str(tmp_path / "w.duckdb")]) == 2
    assert message in capsys.readouterr().err
    assert list(tmp_path.iterdir()) == []


def on_terminals(args: list[str], cwd: Path, timeout: float = 300) -> tuple[int, str, str]:
    """`pledgetrack ARGS` with stdout and stderr on terminals of their own (pseudo-terminals of 120 columns),
    as a person at a terminal runs it: the exit code and what each terminal showed, escape codes removed."""
    import fcntl
    import pty
    import select
    import struct
    import termios

    masters, terminals = zip(*(pty.openpty() for _ in range(2)), strict=True)
    for fd in terminals:
        fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 120, 0, 0))
    env = {**os.environ, "TERM": "xterm-256color"}
    command = subprocess.Popen(
        [*PLEDGETRACK, *args], cwd=cwd, env=env, stdin=subprocess.DEVNULL, stdout=terminals[0],
        stderr=terminals[1],
    )  # fmt: skip
    for fd in terminals:
        os.close(fd)
    shown: dict[int, bytes] = {fd: b"" for fd in masters}
    reading, deadline = set(masters), time.monotonic() + timeout
    # read both as they come: a terminal nobody reads fills up and blocks its writer
    while reading and time.monotonic() < deadline:
        for fd in select.select(list(reading), [], [], 1)[0]:
            try:
                data = os.read(fd, 65536)
            except OSError:  # EIO: every process that had the terminal has ended
                data = b""
            shown[fd] += data
            if not data:
                reading.discard(fd)
                os.close(fd)
    code = command.wait(timeout=30)
    out, err = (re.sub(r"\x1b\[[0-9;?]*[A-Za-z]", "", shown[fd].decode()) for fd in masters)
    return code, out.replace("\r\n", "\n"), err.replace("\r\n", "\n")


def test_run_then_run_again_then_status(tmp_path):
    inbox = tmp_path / "inbox"
    shutil.copytree(ROOT / "examples" / "inbox", inbox)
    (inbox / "notes.txt").write_text("这不是报告。", encoding="utf-8")
    db = tmp_path / "w.duckdb"
    # at a terminal: a progress bar on stderr, the summary alone on stdout
    run = ["run", "--inbox", str(inbox), "--db", str(db), "--batch-size", "1"]
    code, out, err = on_terminals(run, tmp_path)
    assert code == 0, err
    assert out.startswith("run ") and "loaded 2 new reports" in out
    assert "notes.txt" in out  # the quarantined file is listed with its reason
    assert "reports/s" not in out and re.search(r"reports .* 3/3 .* reports/s", err), err
    assert "Finished in state Completed" in err  # Prefect's log lines shown: above the bar, not after it
    assert not re.search(r"left\d\d:\d\d:\d\d\.\d+ \| INFO", err), err
    # not at a terminal (a scheduled job, this test): no bar
    second = subprocess.run(
        [*PLEDGETRACK, "run", "--inbox", str(inbox), "--db", str(db)],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        timeout=300,
    )
    assert second.returncode == 0, second.stderr
    assert "nothing new to load" in second.stdout
    assert "reports/s" not in second.stderr and "looking for new" not in second.stderr
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


def test_override_then_remove_rewrites_the_targets_page(tmp_path):
    db = str(tmp_path / "w.duckdb")
    assert cli("run", "--inbox", str(ROOT / "examples" / "inbox"), "--db", db, cwd=tmp_path).returncode == 0
    first_missed = "SELECT target_key, year FROM verdicts WHERE status = 'missed' ORDER BY 1 LIMIT 1"
    [missed] = json.loads(cli("query", "--db", db, first_missed, "--format", "json", cwd=tmp_path).stdout)
    key, page = missed["target_key"], tmp_path / "w.pages" / "上海市杨浦区" / f"{missed['year']}.html"
    assert page.exists() and "编辑复核" not in page.read_text(encoding="utf-8")

    unsaid = cli("override", key, "--status", "kept", "--db", db, cwd=tmp_path)
    assert unsaid.returncode == 2 and "needs a status and a note" in unsaid.stderr

    decision = ["--status", "kept", "--note", "统计公报口径不同", "--editor", "编辑甲"]
    decided = cli("override", key, *decision, "--db", db, cwd=tmp_path)
    assert decided.returncode == 0, decided.stderr
    assert ": kept (by an editor: 统计公报口径不同)" in decided.stdout and f"#t-{key}" in decided.stdout
    assert "编辑复核：统计公报口径不同" in page.read_text(encoding="utf-8")

    removed = cli("override", key, "--remove", "--db", db, cwd=tmp_path)
    assert removed.returncode == 0 and "override removed" in removed.stdout and f"#t-{key}" in removed.stdout
    assert "编辑复核" not in page.read_text(encoding="utf-8")
    again = cli("override", key, "--remove", "--db", db, cwd=tmp_path)
    assert again.returncode == 0 and f"no override of {key}" in again.stdout


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


# The progress bar's arithmetic, on a clock of the test's: (time, done, total) calls of the pipeline, then
# the rate and the time left shown after the last. The clock starts when the reports are counted.
CLOCK = [
    ([(5.0, 0, 3000)], "… reports/s", "-:--:-- left"),
    ([(5.0, 0, 3000), (105.0, 1000, 3000)], "10.0 reports/s", "0:03:20 left"),
    ([(5.0, 0, 3000), (105.0, 1000, 3000), (155.0, 3000, 3000)], "20.0 reports/s", "0:00:00 left"),
    ([(5.0, 0, 40), (3605.0, 4, 40)], "0.0 reports/s", "9:00:00 left"),
]


@pytest.mark.parametrize(("calls", "rate", "left"), CLOCK)
def test_the_bar_shows_the_rate_and_the_time_left(calls, rate, left):
    import io

    from rich.console import Console

    from flows import progress as bar

    now = [0.0]
    shown = bar.make_progress(Console(file=io.StringIO(), force_terminal=True, width=120), lambda: now[0])
    advance = bar.tracker(shown)
    for when, done, total in calls:
        now[0] = when
        advance(done, total)
    [task] = shown.tasks
    assert (task.completed, task.total) == calls[-1][1:]
    assert str(bar.RateColumn().render(task)) == rate
    assert str(bar.LeftColumn().render(task)) == left


def test_no_bar_without_a_terminal():
    from flows.progress import run_progress

    with run_progress() as progress:  # pytest holds stdout and stderr: no terminal
        assert progress is None


def test_the_flow_reports_progress_in_the_callers_process(tmp_path):
    """The pipeline calls `progress` in the flow, in the process that started it: a bar there can draw it."""
    from prefect.settings import get_current_settings

    from flows.local_api import prefect_api
    from flows.pipeline import pipeline

    calls, prepared = [], []
    own_server = not os.environ.get("PREFECT_API_URL")
    # as `run` does: Prefect's own ephemeral server gives up after 20 s on a busy machine; the caller's own
    # preparation runs once, while the server starts (before its URL is set)
    with prefect_api(meanwhile=lambda: prepared.append(os.environ.get("PREFECT_API_URL"))):
        assert prepared == [None if own_server else os.environ["PREFECT_API_URL"]]
        # no heartbeats to a server that ends with the command (they held each run's end up to a second)
        assert (get_current_settings().flows.heartbeat_frequency is None) == own_server
        summary = pipeline(
            inboxes=[str(ROOT / "examples" / "inbox")],
            db=str(tmp_path / "w.duckdb"),
            batch_size=1,
            progress=lambda done, total: calls.append((done, total, os.getpid())),
        )
    assert len(summary.loaded) == 2
    assert calls == [(0, 2, os.getpid()), (1, 2, os.getpid()), (2, 2, os.getpid())]
