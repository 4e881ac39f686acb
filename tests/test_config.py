from pathlib import Path

import pytest

from pledgetrack.config import Settings, load_settings


@pytest.mark.parametrize(
    ("file_text", "env", "flags", "expected"),
    [
        ("", {}, {}, {"db": Path("warehouse/pledgetrack.duckdb"), "inbox": (Path("inbox"),)}),
        (
            '[pledgetrack]\ndb = "a.duckdb"\ninbox = ["x", "y"]\n',
            {},
            {},
            {"db": Path("a.duckdb"), "inbox": (Path("x"), Path("y"))},
        ),
        ('[pledgetrack]\ndb = "a.duckdb"\n', {"PLEDGETRACK_DB": "b.duckdb"}, {}, {"db": Path("b.duckdb")}),
        (
            '[pledgetrack]\ndb = "a.duckdb"\n',
            {"PLEDGETRACK_DB": "b.duckdb"},
            {"db": "c.duckdb"},
            {"db": Path("c.duckdb")},
        ),
        ("", {"PLEDGETRACK_INBOX": "p:q"}, {}, {"inbox": (Path("p"), Path("q"))}),
        (
            "",
            {"PLEDGETRACK_SCHEDULE": "*/5 * * * *", "PLEDGETRACK_BATCH_SIZE": "20"},
            {},
            {"schedule": "*/5 * * * *", "batch_size": 20},
        ),
        ("", {}, {"inbox": [Path("m")], "batch_size": None}, {"inbox": (Path("m"),), "batch_size": 1000}),
        ("", {}, {}, {"manifest": ()}),
        ('[pledgetrack]\nmanifest = "m.csv"\n', {}, {}, {"manifest": (Path("m.csv"),)}),
        ("", {"PLEDGETRACK_MANIFEST": "a.csv:b.csv"}, {}, {"manifest": (Path("a.csv"), Path("b.csv"))}),
        ("", {"PLEDGETRACK_MANIFEST": "a.csv"}, {"manifest": [Path("c")]}, {"manifest": (Path("c"),)}),
    ],
)
def test_precedence(tmp_path, file_text, env, flags, expected):
    config = tmp_path / "pledgetrack.toml"
    config.write_text(file_text, encoding="utf-8")
    settings = load_settings(config, env=env, **flags)
    for key, value in expected.items():
        assert getattr(settings, key) == value


@pytest.mark.parametrize(
    ("file_text", "message"),
    [
        ('[pledgetrack]\ndatabase = "x"\n', "unknown settings"),
        ("[pledgetrack]\nbatch_size = 0\n", "at least 1"),
    ],
)
def test_bad_config_is_a_clear_error(tmp_path, file_text, message):
    config = tmp_path / "c.toml"
    config.write_text(file_text, encoding="utf-8")
    with pytest.raises(ValueError, match=message):
        load_settings(config, env={})


def test_missing_named_config_file(tmp_path):
    with pytest.raises(FileNotFoundError):
        load_settings(tmp_path / "nope.toml", env={})


def test_env_names_config_file(tmp_path):
    config = tmp_path / "elsewhere.toml"
    config.write_text('[pledgetrack]\nschedule = "0 1 * * *"\n', encoding="utf-8")
    assert load_settings(env={"PLEDGETRACK_CONFIG": str(config)}).schedule == "0 1 * * *"
    assert Settings().schedule == "0 6 * * *"
