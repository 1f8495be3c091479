"""Errors from Python: located as the CLI locates them, InputError or SimulationError."""

import subprocess

import pytest

from conftest import HPSIM, ROOT


def cli_error(*arguments):
    done = subprocess.run([HPSIM, *map(str, arguments)], cwd=ROOT, capture_output=True, text=True)
    assert done.returncode == 1
    return done.stderr.strip().splitlines()[-1]


def test_a_bad_deck_is_an_input_error_located_as_the_cli_prints_it(hpsim, tmp_path):
    deck = tmp_path / "bad.cir"
    deck.write_text("bad deck\nr1 a 0 1k\nq1 c b e mod\n.op\n.end\n")
    with pytest.raises(hpsim.InputError) as raised:
        hpsim.run(deck)
    error = raised.value
    assert isinstance(error, ValueError)
    assert (error.file, error.line, error.column) == (str(deck), 3, 1)
    assert str(error) == cli_error("run", deck)
    assert error.message in str(error)


def test_a_circuit_that_does_not_solve_is_a_simulation_error(hpsim):
    # A current source into a capacitor: no DC path for the operating point.
    text = "no dc path\ni1 0 a dc 1m\nc1 a 0 1u\n.op\n.end\n"
    with pytest.raises(hpsim.SimulationError) as raised:
        hpsim.run(text)
    assert "DC path" in str(raised.value) or "dc path" in str(raised.value).lower()
    assert not isinstance(raised.value, ValueError)


def test_a_misspelt_rig_figure_is_located_in_the_file(hpsim, tmp_path):
    rig = tmp_path / "rig.toml"
    rig.write_text('[amplifier]\nmodel = "portable-player"\n[cable]\nmodel = "iem-3wire-26awg"\nlenght_m = 2\n'
                   '[headphone]\nmodel = "iem-dynamic-16"\n')
    with pytest.raises(hpsim.InputError) as raised:
        hpsim.compare(rig)
    assert raised.value.file == str(rig) and raised.value.line == 5
    assert str(raised.value) == cli_error("compare", rig)


def test_a_bad_sweep_spec_is_located(hpsim, tmp_path):
    spec = tmp_path / "spec.toml"
    spec.write_text(f'rig = "{ROOT}/netlists/rigs/player-multi-ba-iem.toml"\n[[axis]]\n'
                    'figure = "amplifier.output_impedance_ohmm"\nvalues = [1, 2]\n')
    with pytest.raises(hpsim.InputError, match="did you mean 'amplifier.output_impedance_ohm'") as raised:
        hpsim.sweep(spec)
    assert (raised.value.line, raised.value.column) == (3, 10)  # the figure's name
    assert str(raised.value) == cli_error("sweep", spec)


def test_a_dict_that_is_not_toml_names_the_key(hpsim):
    with pytest.raises(hpsim.InputError, match=r"headphone.reversed\[0\]: object is not a TOML value"):
        hpsim.compare({"headphone": {"reversed": [object()]}})


def test_unknown_parts_in_match_are_input_errors(hpsim):
    with pytest.raises(hpsim.InputError, match="no-such-amp"):
        hpsim.match("no-such-amp", "hd600-class")


def test_an_infinite_figure_is_an_input_error(hpsim):
    rig = {"amplifier": {"model": "portable-player", "output_impedance_ohm": float("inf")},
           "cable": {"model": "iem-3wire-26awg"}, "headphone": {"model": "iem-dynamic-16"}}
    with pytest.raises(hpsim.InputError, match="'output_impedance_ohm' must be a finite number"):
        hpsim.compare(rig)


def test_an_integer_beyond_64_bits_names_the_key(hpsim):
    with pytest.raises(hpsim.InputError, match=r"cable.length_m: 1000000000000000000000000000000 is not representable"):
        hpsim.compare({"amplifier": {"model": "portable-player"}, "cable": {"model": "iem-3wire-26awg", "length_m": 10**30},
                       "headphone": {"model": "iem-dynamic-16"}})


@pytest.mark.parametrize("call", [
    lambda h: h.compare(3),
    lambda h: h.compare(None),
    lambda h: h.compare(b"netlists/rigs/player-multi-ba-iem.toml"),
    lambda h: h.compare("netlists/rigs/player-multi-ba-iem.toml", level_vrms="2"),
    lambda h: h.compare("netlists/rigs/player-multi-ba-iem.toml", exact="no"),
    lambda h: h.match("portable-player", "hd600-class", target_spl="abc"),
    lambda h: h.match("portable-player", "hd600-class", max_adapters=2.0),
    lambda h: h.models_show(None),
    lambda h: h.run(42),
])
def test_a_wrong_type_is_a_type_error_that_says_what_is_expected(hpsim, call):
    with pytest.raises(TypeError, match="must be|is a|is True or False|is a rig"):
        call(hpsim)


@pytest.mark.parametrize("call, message", [
    (lambda h: h.compare("netlists/rigs/player-multi-ba-iem.toml", modes="bridged"), "unknown mode"),
    (lambda h: h.compare("netlists/rigs/player-multi-ba-iem.toml", level_vrms=0), "above zero"),
    (lambda h: h.sweep("netlists/sweeps/multi-ba-output-impedance.toml", jobs=0), "jobs is 1 to 1024"),
    (lambda h: h.match("portable-player", "hd600-class", max_adapters=5), "max_adapters is 0 to 4"),
    (lambda h: h.match("portable-player"), "or one rig"),
])
def test_misuse_is_a_value_error_before_anything_runs(hpsim, call, message):
    with pytest.raises(ValueError, match=message):
        call(hpsim)
