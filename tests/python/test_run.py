"""hpsim.run against `hpsim run --out`: every analysis, every column, every number."""

import warnings

import numpy as np
import pandas as pd
import pytest

from conftest import DECKS, ROOT, cli, read_cli_csv


def cli_results(deck, folder, *options):
    """The CSV files of `hpsim run --out`, AC pairs joined into complex columns."""
    output = cli("run", deck, "--out", folder, *options)
    frames = {}
    for line in output.splitlines():
        if line.strip().startswith("wrote "):
            path = line.strip()[len("wrote "):]
            frame = read_cli_csv(path)
            if path.endswith(tuple(f"/ac{n}.csv" for n in ["", 2, 3, 4])):
                joined = {}
                for column in frame.columns:
                    if column.endswith(".re"):
                        name = column[:-3]
                        joined[name] = frame[column].to_numpy() + 1j * frame[name + ".im"].to_numpy()
                    elif not column.endswith(".im"):
                        joined[column] = frame[column].to_numpy()
                frame = pd.DataFrame(joined)
            frames[path.rsplit("/", 1)[1][:-4]] = frame
    return frames


def assert_results_equal(actual, expected, where):
    assert list(actual) == list(expected), where
    for name, frame in expected.items():
        assert list(actual[name].columns) == list(frame.columns), f"{where} {name}"
        for column in frame.columns:
            np.testing.assert_array_equal(actual[name][column].to_numpy(), frame[column].to_numpy(),
                                          err_msg=f"{where} {name} {column}")


@pytest.mark.parametrize("deck", DECKS, ids=lambda path: path.stem)
def test_every_example_deck_gives_the_cli_results(hpsim, deck, tmp_path):
    expected = cli_results(deck, tmp_path)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        assert_results_equal(hpsim.run(deck, jobs=2), expected, deck.stem)


def test_ac_columns_are_complex_and_dc_ones_real(hpsim):
    results = hpsim.run(ROOT / "netlists" / "decks" / "rc-lowpass.cir")
    assert results["ac"].columns[0] == "frequency"
    assert results["ac"]["v(out)"].dtype == np.complex128
    assert results["op"]["v(out)"].dtype == np.float64


def test_deck_text_runs_as_the_file_would(hpsim):
    # A first-order low-pass: |H| = 1/sqrt(1 + (f/fc)^2), fc = 1/(2 pi R C) = 1591.55 Hz.
    text = "rc low-pass\nv1 in 0 dc 0 ac 1\nr1 in out 1k\nc1 out 0 100n\n.ac dec 10 10 100k\n.end\n"
    ac = hpsim.run(text)["ac"]
    fc = 1 / (2 * np.pi * 1e3 * 100e-9)
    expected = 1 / np.sqrt(1 + (ac["frequency"] / fc) ** 2)
    np.testing.assert_allclose(np.abs(ac["v(out)"]), expected, rtol=1e-12)


def test_a_stepped_deck_has_step_columns_and_one_thread_equals_two(hpsim):
    deck = ROOT / "netlists" / "decks" / "stepped-output-impedance.cir"
    one, two = hpsim.run(deck, jobs=1), hpsim.run(deck, jobs=2)
    for name in one:
        assert one[name].columns[0].startswith("step.")
        pd.testing.assert_frame_equal(one[name], two[name])


def test_a_rig_runs_compiled_in_the_mode_asked(hpsim, tmp_path):
    rig = ROOT / "netlists" / "rigs" / "player-se-vs-balanced-hd600.toml"
    expected = cli_results(rig, tmp_path, "--mode", "balanced")
    assert_results_equal(hpsim.run(rig, mode="balanced"), expected, "rig")


def test_a_rig_dict_runs_as_its_file(hpsim):
    import tomllib
    rig = ROOT / "netlists" / "rigs" / "player-se-vs-balanced-hd600.toml"
    with open(rig, "rb") as file:
        document = tomllib.load(file)
    assert_results_equal(hpsim.run(document, mode="balanced"), hpsim.run(rig, mode="balanced"), "rig dict")


def test_a_deck_without_analyses_says_so(hpsim):
    with pytest.warns(hpsim.HpsimWarning, match="no analysis cards"):
        assert hpsim.run("title\nv1 a 0 dc 1\nr1 a 0 1k\n.end\n") == {}


def test_warnings_reach_python(hpsim):
    text = "skipped cards\nv1 a 0 dc 1\nr1 a 0 1k\n.print dc v(a)\n.op\n.end\n"
    with pytest.warns(hpsim.HpsimWarning, match="print"):
        hpsim.run(text)
