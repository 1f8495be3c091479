"""The example in docs/ answers its question, and the answer follows from the physics."""

import os
import re
import subprocess
import sys

from conftest import ROOT


def test_balanced_payoff_finds_where_the_current_limit_takes_over(hpsim, tmp_path):
    package_folder = os.path.dirname(os.path.dirname(hpsim.__file__))
    done = subprocess.run([sys.executable, str(ROOT / "docs" / "balanced_payoff.py"), str(tmp_path / "figure.png")],
                          cwd=tmp_path, capture_output=True, text=True,
                          env={**os.environ, "MPLBACKEND": "Agg", "PYTHONPATH": package_folder})
    assert done.returncode == 0, done.stderr
    found = re.search(r"below about (\d+) Ohm", done.stdout)
    assert found, done.stdout
    # Each leg: 2 Vrms behind 1 Ohm, at most 0.15 A. Below the crossing, balanced is
    # current-limited (P = I^2 R) and single-ended voltage-limited (P = V^2 R / (R + 1)^2):
    # their ratio is 2 (3 dB) where (R + 1)^2 = 2 V^2 / I^2, R = 17.9 Ohm (the cable's
    # 0.2 Ohm or so moves it a little).
    closed_form = (2 * 2.0**2 / 0.15**2) ** 0.5 - 1
    assert abs(int(found.group(1)) - closed_form) <= 1.5
    assert ("wrote" in done.stdout) == (tmp_path / "figure.png").exists()
