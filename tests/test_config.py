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
        # the catalogues' files are settings like any other: file, environment, flag
        ('[pledgetrack]\nindicators = ["i.csv"]\n', {}, {}, {"indicators": (Path("i.csv"),), "regions": ()}),
        ('[pledgetrack]\nregions = "r.csv"\n', {"PLEDGETRACK_REGIONS": "s.csv:t.csv"}, {},
         {"regions": (Path("s.csv"), Path("t.csv"))}),
        ("", {"PLEDGETRACK_INDICATORS": "i.csv"}, {"indicators": [Path("j.csv")]},
         {"indicators": (Path("j.csv"),)}),
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
        ("[pledgetrack]\nbatch_size = 0\n", "batch_size: 0 is out of range"),
        ("[pledgetrack]\nbatch_size = 3.7\n", "batch_size: expected a whole number, got 3.7"),
        ("[pledgetrack]\nbatch_size = 1e400\n", "batch_size: expected a finite number"),
        ("[pledgetrack]\nbatch_size = true\n", "batch_size: expected a number"),
        ('[pledgetrack]\nworkers = "two"\n', "workers: expected a number"),
        ("[pledgetrack]\ninbox = 5\n", "inbox: expected a path or a list of paths, got 5"),
        ("[pledgetrack]\ninbox = [1, 2]\n", "inbox: expected a path or a list of paths"),
        ("[pledgetrack]\ndb = 7\n", "db: expected a path, got 7"),
        ("[pledgetrack]\nschedule = 6\n", "schedule: expected text"),
        ("[pledgetrack]\ntol_points = nan\n", "tol_points: expected a finite number"),
        ("[pledgetrack]\ntol_points = inf\n", "tol_points: expected a finite number"),
        ("[pledgetrack]\ntol_points = -0.5\n", "tol_points: -0.5 is out of range"),
        ("[pledgetrack]\ntol_relative = 2\n", "tol_relative: 2 is out of range"),
        ("[pledgetrack]\nfetch_timeout = 0\n", "fetch_timeout: 0 is out of range"),
        ("[pledgetrack]\nquery_timeout = -1\n", "query_timeout: -1 is out of range"),
        ('[pledgetrack]\nfetch_allow = ["intranet"]\n', "fetch_allow: 'intranet' is not a network"),
        ("[pledgetrack]\nbatch_size = \n", "not valid TOML"),
        ("pledgetrack = 3\n", "must be a table"),
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


@pytest.mark.parametrize(
    ("env", "flags", "message"),
    [
        ({"PLEDGETRACK_BATCH_SIZE": "ten"}, {}, "PLEDGETRACK_BATCH_SIZE: expected a number, got 'ten'"),
        ({"PLEDGETRACK_TOL_POINTS": "nan"}, {}, "PLEDGETRACK_TOL_POINTS: expected a finite number"),
        ({}, {"tol_points": float("nan")}, "option tol_points: expected a finite number"),
        ({}, {"tol_relative": -0.1}, "option tol_relative: -0.1 is out of range"),
        ({}, {"batch_size": 3.7}, "option batch_size: expected a whole number"),
    ],
)
def test_bad_environment_or_flag_is_a_clear_error(tmp_path, env, flags, message):
    with pytest.raises(ValueError, match=message):
        load_settings(env=env, **flags)


def test_networks_and_query_timeout_are_read(tmp_path):
    config = tmp_path / "c.toml"
    config.write_text('[pledgetrack]\nfetch_allow = ["10.1.2.3/16"]\nquery_timeout = 5\n', encoding="utf-8")
    settings = load_settings(config, env={"PLEDGETRACK_FETCH_ALLOW": "127.0.0.0/8,::1"})
    assert settings.fetch_allow == ("127.0.0.0/8", "::1/128")
    assert load_settings(config, env={}).fetch_allow == ("10.1.0.0/16",)
    assert load_settings(config, env={}).query_timeout == 5.0


def test_catalogue_files_named_in_the_config_file_are_used(tmp_path, monkeypatch):
    from pledgetrack import indicators, regions
    from pledgetrack.config import use_catalogues

    monkeypatch.setattr(indicators, "_configured", ())  # both restored after the test
    monkeypatch.setattr(regions, "_configured", ())
    (tmp_path / "mine.csv").write_text(
        "id,name,aliases,direction,kinds,units\ntourism_revenue,旅游总收入,,floor,growth|level,亿元\n",
        encoding="utf-8",
    )
    (tmp_path / "places.csv").write_text("name,parent\n示范新区,上海市\n", encoding="utf-8")
    config = tmp_path / "pledgetrack.toml"
    config.write_text(
        f'[pledgetrack]\nindicators = ["{tmp_path / "mine.csv"}"]\nregions = ["{tmp_path / "places.csv"}"]\n',
        encoding="utf-8",
    )
    assert indicators.load_catalogue().lookup("旅游总收入") is None
    use_catalogues(load_settings(config, env={}))
    assert indicators.load_catalogue().lookup("旅游总收入").id == "tourism_revenue"
    assert regions.load_regions().get("上海市示范新区") is not None
    assert indicators.configured() == (tmp_path / "mine.csv",)


def test_a_missing_catalogue_file_is_an_error_before_any_work(tmp_path, monkeypatch):
    from pledgetrack import indicators
    from pledgetrack.config import use_catalogues

    monkeypatch.setattr(indicators, "_configured", ())
    with pytest.raises(Exception, match="nope.csv"):
        use_catalogues(load_settings(None, env={"PLEDGETRACK_INDICATORS": str(tmp_path / "nope.csv")}))
    assert indicators.configured() == ()  # the process's catalogue is left as it was


@pytest.mark.parametrize("module_name", ["indicators", "regions"])
def test_catalogue_files_are_configured_as_absolute_paths(tmp_path, monkeypatch, module_name):
    """A relative path in pledgetrack.toml names a file from the folder the command ran in; the workers, and
    the pool kept per set of files, get the same file by its absolute path."""
    import importlib

    module = importlib.import_module(f"pledgetrack.{module_name}")
    monkeypatch.setattr(module, "_configured", ())
    (tmp_path / "own.csv").write_text(
        "id,name,aliases,direction,kinds,units\ntourism_revenue,旅游总收入,,floor,growth|level,亿元\n"
        if module_name == "indicators"
        else "name,parent\n示范新区,上海市\n",
        encoding="utf-8",
    )
    monkeypatch.chdir(tmp_path)
    module.configure(["own.csv"])
    assert module.configured() == ((tmp_path / "own.csv").resolve(),)
