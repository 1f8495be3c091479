"""hpsim.models and hpsim.models_show against `hpsim models` and the catalog files."""

import tomllib

import pytest

from conftest import cli


def test_models_lists_the_cli_catalog(hpsim):
    listed = []
    for line in cli("models").splitlines():
        if line.startswith("  "):
            listed.append(line.split()[0])
    frame = hpsim.models()
    assert list(frame["name"]) == listed
    assert set(frame["kind"]) >= {"amplifier", "headphone", "cable", "adapter", "termination"}


@pytest.mark.parametrize("name", ["hd600-class", "portable-player", "trrrs-4.4", "iem-3wire-26awg"])
def test_models_show_is_the_entry_file(hpsim, name):
    shown = hpsim.models_show(name)
    with open(shown["path"], "rb") as file:
        written = tomllib.load(file)
    assert {key: value for key, value in shown.items() if key not in ("name", "path", "driver_summary")} == written
    assert shown["name"] == name


def test_a_headphone_shows_its_driver_figures_as_the_cli(hpsim):
    shown = hpsim.models_show("hd600-class")
    assert shown["driver_summary"].strip() in cli("models", "show", "hd600-class")
    assert "Cmes 17.68 uF" in shown["driver_summary"]


def test_an_unknown_name_suggests_the_closest(hpsim):
    with pytest.raises(hpsim.InputError, match="did you mean 'hd600-class'"):
        hpsim.models_show("hd600-clas")
