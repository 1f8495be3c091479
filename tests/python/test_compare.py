"""hpsim.compare against `hpsim compare --format json`: the same figures, row by row."""

import tomllib

import numpy as np
import pandas as pd
import pytest

from conftest import RIGS, ROOT, assert_row_matches, cli_json, flatten, hazard_columns


def expected_rows(json_output, rig_for_each):
    rows = []
    for variant, rig in zip(json_output["variants"], rig_for_each):
        expected = {"rig": rig, "name": variant["name"]}
        expected.update(flatten({key: value for key, value in variant.items() if key not in ("name", "hazards")}))
        expected.update(hazard_columns(variant["hazards"]))
        rows.append(expected)
    return rows


@pytest.mark.parametrize("rig", RIGS, ids=lambda path: path.stem)
def test_every_example_rig_gives_the_cli_figures(hpsim, rig):
    relative = str(rig.relative_to(ROOT))
    frame = hpsim.compare(relative)
    expected = expected_rows(cli_json("compare", relative), [relative])
    assert len(frame) == 1
    assert_row_matches(frame.iloc[0], expected[0], rig.stem)


def test_several_rigs_in_both_modes_are_named_as_compare_names_its_columns(hpsim):
    rigs = ["netlists/rigs/player-se-vs-balanced-hd600.toml", "netlists/rigs/player-multi-ba-iem.toml"]
    frame = hpsim.compare(rigs, modes=["single-ended", "balanced"], level_vrms=0.5)
    output = cli_json("compare", *rigs, "--modes", "single-ended,balanced", "--level", "0.5")
    expected = expected_rows(output, [rig for rig in rigs for _ in range(2)])
    assert list(frame["name"]) == ["player-se-vs-balanced-hd600 single-ended", "player-se-vs-balanced-hd600 balanced",
                                   "player-multi-ba-iem single-ended", "player-multi-ba-iem balanced"]
    for index, row in frame.iterrows():
        assert_row_matches(row, expected[index], f"variant {index}")
    assert frame.attrs["sentences"] == output["sentences"]
    assert frame.attrs["level_vrms"] == 0.5


def test_columns_are_named_exactly_as_the_sweep_csv(hpsim):
    frame = hpsim.compare("netlists/rigs/player-multi-ba-iem.toml")
    header = open(ROOT / "netlists" / "sweeps" / "multi-ba-output-impedance.toml").read()  # noqa: F841 (the spec exists)
    from conftest import cli
    sweep_header = cli("sweep", "netlists/sweeps/multi-ba-output-impedance.toml", "--jobs", "1").splitlines()[0].split(",")
    figures = sweep_header[sweep_header.index("mode"):sweep_header.index("error")]
    assert list(frame.columns) == ["rig", "name"] + figures


def test_numbers_are_numpy_arrays_and_words_categorical(hpsim):
    frame = hpsim.compare("netlists/rigs/player-se-vs-balanced-hd600.toml", modes="balanced")
    assert frame["power_mw.left"].dtype == np.float64
    assert frame["hazards.danger"].dtype == np.int64
    assert isinstance(frame["mode"].dtype, pd.CategoricalDtype)


def test_a_dict_rig_equals_the_same_rig_as_a_file(hpsim):
    path = ROOT / "netlists" / "rigs" / "iem-2pin-left-reversed.toml"
    with open(path, "rb") as file:
        document = tomllib.load(file)
    from_file = hpsim.compare(str(path))
    from_dict = hpsim.compare(document)
    figures = [column for column in from_file.columns if column not in ("rig", "name")]
    pd.testing.assert_frame_equal(from_dict[figures], from_file[figures])
    assert list(from_dict["rig"]) == ["<rig dict 1>"]


def test_a_dict_rig_overrides_figures_as_a_rig_file_does(hpsim, tmp_path):
    rig = {"amplifier": {"model": "portable-player", "mode": "single-ended", "output_impedance_ohm": 10},
           "cable": {"model": "headphone-modular-4wire-24awg", "plug": "trs-3.5", "length_m": 3},
           "headphone": {"model": "hd600-class"}}
    written = tmp_path / "rig.toml"
    written.write_text('[amplifier]\nmodel = "portable-player"\nmode = "single-ended"\noutput_impedance_ohm = 10\n'
                       '[cable]\nmodel = "headphone-modular-4wire-24awg"\nplug = "trs-3.5"\nlength_m = 3\n'
                       '[headphone]\nmodel = "hd600-class"\n')
    expected = expected_rows(cli_json("compare", written), ["<rig dict 1>"])[0]
    expected["name"] = "rig 1"
    assert_row_matches(hpsim.compare(rig).iloc[0], expected, "dict rig")
    # The same as TOML text, and named by its description when it has one.
    text = written.read_text()
    expected.update(rig="<rig text 2>", name="10 Ohm, 3 m")
    frame = hpsim.compare([rig, 'description = "10 Ohm, 3 m"\n' + text])
    assert_row_matches(frame.iloc[1], expected, "rig text")


def test_exact_numbers_round_to_the_printed_ones(hpsim):
    exact = hpsim.compare("netlists/rigs/player-multi-ba-iem.toml", exact=True)
    printed = hpsim.compare("netlists/rigs/player-multi-ba-iem.toml")
    for column in ("drive_vrms.left", "power_mw.right", "fr_error_db.left", "damping_factor.left"):
        value = exact[column][0]
        assert float(f"{value:.6g}") == printed[column][0]


def test_a_mode_a_rig_lacks_is_skipped_with_a_warning_as_the_cli_skips_it(hpsim):
    rigs = ["netlists/rigs/ctia-headset-omtp-jack.toml", "netlists/rigs/player-se-vs-balanced-hd600.toml"]
    with pytest.warns(hpsim.HpsimWarning, match="balanced skipped: amplifier 'older-phone-omtp' has no balanced output"):
        frame = hpsim.compare(rigs, modes=["single-ended", "balanced"])
    output = cli_json("compare", *rigs, "--modes", "single-ended,balanced")
    assert frame.attrs["skipped"] == output["skipped"]
    assert list(frame["name"]) == [variant["name"] for variant in output["variants"]]


def test_an_implausible_figure_is_a_warning_and_the_rig_still_runs(hpsim):
    rig = {"amplifier": {"model": "portable-player"}, "cable": {"model": "iem-3wire-26awg", "length_m": 1500},
           "headphone": {"model": "iem-dynamic-16"}}
    with pytest.warns(hpsim.HpsimWarning, match=r"length_m = 1500 m is implausible"):
        frame = hpsim.compare(rig)
    assert len(frame) == 1
