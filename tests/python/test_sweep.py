"""hpsim.sweep against `hpsim sweep`: the CSV's rows, identical."""

import tomllib

import pytest

from conftest import ROOT, SWEEPS, assert_frames_equal, cli, read_cli_csv


@pytest.mark.parametrize("spec", SWEEPS, ids=lambda path: path.stem)
def test_every_example_spec_gives_the_cli_rows(hpsim, spec, tmp_path):
    out = tmp_path / "rows.csv"
    cli("sweep", spec, "--out", out, "--jobs", "2")
    assert_frames_equal(hpsim.sweep(spec, jobs=2), read_cli_csv(out), spec.stem)


def test_two_threads_give_what_one_gives(hpsim):
    spec = SWEEPS[0]
    assert_frames_equal(hpsim.sweep(spec, jobs=2), hpsim.sweep(spec, jobs=1), "jobs 2 against jobs 1")


def spec_dict(spec_path):
    """The spec as a dict, its rig as an absolute path (a dict has no folder of its own)."""
    with open(spec_path, "rb") as file:
        spec = tomllib.load(file)
    spec["rig"] = str((spec_path.parent / spec["rig"]).resolve())
    return spec


def test_a_dict_spec_equals_the_file(hpsim):
    spec = SWEEPS[0]
    assert_frames_equal(hpsim.sweep(spec_dict(spec)), hpsim.sweep(spec), "dict against file")


def test_a_spec_may_hold_its_rig(hpsim, tmp_path):
    # The rig written inside the spec ([rig] in a file, a dict in Python) gives the
    # rows of the same rig named by path, from Python and from the CLI.
    source = SWEEPS[0]
    spec = spec_dict(source)
    with open(spec["rig"], "rb") as file:
        spec["rig"] = tomllib.load(file)
    spec["axis"][0]["log"]["points"] = 5
    by_path = spec_dict(source)
    by_path["axis"][0]["log"]["points"] = 5
    expected = hpsim.sweep(by_path)
    assert_frames_equal(hpsim.sweep(spec), expected, "dict with its rig")
    spec_file = tmp_path / "inline.toml"
    spec_file.write_text(hpsim.to_toml(spec))
    out = tmp_path / "rows.csv"
    cli("sweep", spec_file, "--out", out)
    assert_frames_equal(read_cli_csv(out), expected, "file with [rig]")


def test_an_axis_of_part_names(hpsim, tmp_path):
    # A headphone by name on one axis: a text column, as the CLI writes it.
    spec = {
        "rig": str(ROOT / "netlists" / "rigs" / "player-se-vs-balanced-hd600.toml"),
        "modes": ["single-ended", "balanced"],
        "axis": [{"figure": "headphone.model", "values": ["hd600-class", "hd800-class"]},
                 {"figure": "cable.length_m", "values": [1, 3]}],
    }
    frame = hpsim.sweep(spec)
    spec_file = tmp_path / "spec.toml"
    spec_file.write_text(hpsim.to_toml({**spec}))
    out = tmp_path / "rows.csv"
    cli("sweep", spec_file, "--out", out)
    assert_frames_equal(frame, read_cli_csv(out), "string axis")
    assert list(frame["headphone.model"].astype(str))[:4] == ["hd600-class"] * 4


def test_numpy_arrays_and_series_are_lists_of_values(hpsim):
    import numpy as np
    import pandas as pd
    spec = spec_dict(SWEEPS[0])
    spec["axis"] = [{"figure": "amplifier.output_impedance_ohm", "values": [0.1, 1.0, 10.0]},
                     {"figure": "cable.length_m", "values": [1.2, 3.0]}]
    expected = hpsim.sweep(spec)
    spec["axis"][0]["values"] = np.logspace(-1, 1, 3)
    spec["axis"][1]["values"] = pd.Series([1.2, 3.0])
    assert_frames_equal(hpsim.sweep(spec), expected, "numpy and pandas values")
