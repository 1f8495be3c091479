"""hpsim.match against `hpsim match --format json`: the same paths, in rank order."""

import pytest

from conftest import ROOT, assert_row_matches, cli_json, flatten, hazard_columns

PAIRS = [("portable-player", "sundara-class", []),
         ("portable-player", "hd600-class", ["--target-spl", "105"]),
         ("phone-dongle", "dca-planar-class", ["--max-adapters", "2"]),
         (str(ROOT / "netlists" / "rigs" / "balanced-amp-se-adapter.toml"), None, [])]


def expected_rows(output):
    rows = []
    for path in output["paths"]:
        expected = {key: path[key] for key in ("rank", "mode", "verdict", "headroom_db", "powerful_enough", "max_spl_db", "limited_by",
                                               "limiting_leg", "crosstalk_db", "fr_error_db", "damping_factor")}
        expected["reasons"] = "; ".join(path["reasons"]) or None
        measurements = {key: value for key, value in path["measurements"].items() if key not in ("name", "hazards", "mode")}
        expected.update({f"measurements.{key}": value for key, value in flatten(measurements).items()})
        expected.update({f"measurements.{key}": value for key, value in hazard_columns(path["hazards"]).items()})
        rows.append(expected)
    return rows


@pytest.mark.parametrize("amplifier, headphone, options", PAIRS, ids=lambda value: str(value).split("/")[-1])
def test_paths_are_the_cli_paths(hpsim, amplifier, headphone, options):
    words = [amplifier] if headphone is None else [amplifier, headphone]
    output = cli_json("match", *words, *options)
    target = float(options[1]) if options[:1] == ["--target-spl"] else None
    adapters = int(options[1]) if options[:1] == ["--max-adapters"] else None
    frame = hpsim.match(amplifier, headphone, target_spl=target, max_adapters=adapters)
    expected = expected_rows(output)
    assert len(frame) == len(expected)
    for index, row in frame.iterrows():
        assert_row_matches(row, expected[index], f"path {index + 1}")
    for key in ("amplifier", "headphone", "target_spl_db", "max_adapters", "needed", "sentences"):
        assert frame.attrs[key] == output[key], key


def test_a_path_rig_compares_as_the_path_measured(hpsim, tmp_path):
    # The rig text of the best path, run through compare, gives its measurements.
    frame = hpsim.match("portable-player", "sundara-class")
    rig = tmp_path / "best.toml"
    rig.write_text(str(frame["rig"][0]))
    compared = hpsim.compare(rig).iloc[0]
    for column in ("drive_vrms.left", "power_mw.left", "clip.spl_db.left", "fr_error_db.left"):
        assert compared[column] == frame["measurements." + column][0]
    assert frame["max_spl_db"][0] == min(compared["clip.spl_db.left"], compared["clip.spl_db.right"])


def test_a_rig_as_a_dict_or_text_matches_as_the_file(hpsim):
    import tomllib
    path = ROOT / "netlists" / "rigs" / "balanced-amp-se-adapter.toml"
    expected = hpsim.match(path)
    text = path.read_text()
    for rig in (tomllib.loads(text), text):
        frame = hpsim.match(rig)
        columns = [column for column in expected.columns if column != "rig"]
        assert frame[columns].astype(object).equals(expected[columns].astype(object))
