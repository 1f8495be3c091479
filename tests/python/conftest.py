"""What the Python module's tests share: the hpsim executable, its outputs read as a
user reading them would (JSON, CSV with pandas), and frames compared value by value."""

import json
import math
import os
import pathlib
import subprocess

import numpy as np
import pandas as pd
import pytest

ROOT = pathlib.Path(__file__).resolve().parents[2]
HPSIM = os.environ.get("HPSIM_EXECUTABLE", str(ROOT / "build" / "hpsim"))
RIGS = sorted((ROOT / "netlists" / "rigs").glob("*.toml"))
DECKS = sorted((ROOT / "netlists" / "decks").glob("*.cir"))
SWEEPS = sorted((ROOT / "netlists" / "sweeps").glob("*.toml"))


def cli(*arguments, cwd=ROOT):
    """Runs the hpsim executable; returns its standard output (fails on exit code != 0)."""
    done = subprocess.run([HPSIM, *map(str, arguments)], cwd=cwd, capture_output=True, text=True)
    assert done.returncode == 0, f"hpsim {' '.join(map(str, arguments))}: {done.stderr}"
    return done.stdout


def cli_json(*arguments):
    return json.loads(cli(*arguments, "--format", "json"))


def flatten(value, prefix=""):
    """A JSON object as dotted paths to scalars, as the sweep CSV names its columns."""
    if isinstance(value, dict):
        flat = {}
        for key, item in value.items():
            flat.update(flatten(item, f"{prefix}{key}."))
        return flat
    return {prefix[:-1]: value}


def hazard_columns(hazards):
    """hazards.danger/warning/info and hazards.codes as the sweep CSV writes them."""
    columns = {f"hazards.{severity}": sum(h["severity"] == severity for h in hazards)
               for severity in ("danger", "warning", "info")}
    codes = " ".join(h["code"] for h in hazards)
    columns["hazards.codes"] = codes if codes else None
    return columns


def same(actual, expected):
    """One value of a frame against the CLI's: numbers bit for bit, None/NaN as missing."""
    missing_actual = actual is None or (isinstance(actual, float) and math.isnan(actual))
    missing_expected = expected is None or (isinstance(expected, float) and math.isnan(expected))
    if missing_actual or missing_expected:
        return missing_actual and missing_expected
    if isinstance(expected, bool):
        return bool(actual) is expected
    if isinstance(expected, (int, float, np.integer, np.floating)):
        return float(actual) == float(expected)
    return actual == expected


def assert_row_matches(row, expected, where):
    """Every expected column is in the row with the same value."""
    for column, value in expected.items():
        assert column in row.index, f"{where}: no column {column!r}"
        assert same(row[column], value), f"{where}: {column} = {row[column]!r}, the CLI gives {value!r}"


def read_cli_csv(path):
    """A CSV of the CLI as pandas reads it, every number exactly as written."""
    return pd.read_csv(path, float_precision="round_trip", keep_default_na=True)


def assert_frames_equal(actual, expected, where):
    """Same columns in the same order, and every value equal (text columns compared as
    text, missing as missing)."""
    assert list(actual.columns) == list(expected.columns), where
    assert len(actual) == len(expected), where
    for column in expected.columns:
        a, e = actual[column], expected[column]
        if any(isinstance(x.dtype, pd.CategoricalDtype) or x.dtype == object for x in (a, e)):
            a_values = [None if pd.isna(v) else str(v) for v in a.astype(object)]
            e_values = [None if pd.isna(v) else str(v) for v in e.astype(object)]
            assert a_values == e_values, f"{where}: column {column}"
        else:
            np.testing.assert_array_equal(a.to_numpy(), e.to_numpy(), err_msg=f"{where}: column {column}")


@pytest.fixture(scope="session")
def hpsim():
    import hpsim as module
    return module
