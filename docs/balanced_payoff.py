"""Where does balanced stop paying off?

A portable player's legs each swing 2 Vrms and give at most 150 mA (its catalog entry).
Into a high impedance a bridged output doubles the voltage: four times the power, +6 dB.
Into a low impedance each leg's current limit binds in both modes, so bridging gains
little. This sweeps a resistive headphone's impedance from 8 to 600 Ohm in both modes,
puts the two modes side by side with pandas, and finds the impedance below which
balanced gives less than 3 dB more level at clip.

    PYTHONPATH=build/python python3 docs/balanced_payoff.py [figure.png]

With matplotlib installed (Debian's python3-matplotlib) it also draws the maximum SPL of
both modes against the impedance into figure.png (balanced-payoff.png by default).
"""

import pathlib
import sys

import numpy as np

import hpsim

ROOT = pathlib.Path(__file__).resolve().parents[1]

spec = {
    "description": "Balanced against single-ended at clip, by headphone impedance",
    "rig": {
        "amplifier": {"model": "portable-player"},
        "cable": {"model": "headphone-modular-4wire-24awg",
                  "plug": {"single-ended": "trs-3.5", "balanced": "trrrs-4.4"}},
        "headphone": {"model": "resistor-32"},
    },
    "modes": ["single-ended", "balanced"],
    "axis": [{"figure": "headphone.resistance_ohm", "log": {"from": 8, "to": 600, "points": 40}}],
}


def main(figure_path):
    rows = hpsim.sweep(spec)
    # One row per impedance, one column per mode: the level at clip and what limits it.
    spl = rows.pivot(index="headphone.resistance_ohm", columns="mode", values="clip.spl_db.left")
    limit = rows.pivot(index="headphone.resistance_ohm", columns="mode", values="clip.limited_by")
    gain_db = spl["balanced"] - spl["single-ended"]
    by_limit = rows.groupby(["mode", "clip.limited_by"], observed=True)["headphone.resistance_ohm"].agg(["min", "max"])

    print("what limits each mode, over which impedances (Ohm):")
    print(by_limit.to_string())
    print()
    print(" impedance   single-ended   balanced   gain   balanced limited by")
    for ohm in gain_db.index[::4]:
        print(f"{ohm:8.1f}   {spl.loc[ohm, 'single-ended']:9.1f} dB  {spl.loc[ohm, 'balanced']:7.1f} dB"
              f"  {gain_db[ohm]:+5.2f}   {limit.loc[ohm, 'balanced']}")

    # Where the gain crosses 3 dB, interpolated in log impedance between the simulated points.
    above = gain_db >= 3
    if above.all() or not above.any():
        print("\nbalanced gains", "at least" if above.all() else "less than", "3 dB over the whole range")
    else:
        i = int(np.argmax(above.to_numpy()))
        ohm = gain_db.index.to_numpy()
        x = np.interp(3, [gain_db.iloc[i - 1], gain_db.iloc[i]], np.log([ohm[i - 1], ohm[i]]))
        print(f"\nbalanced stops paying off (less than +3 dB at clip) below about {np.exp(x):.0f} Ohm")

    try:
        import matplotlib
        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except ImportError:
        print("(matplotlib is not installed: no figure)")
        return
    figure, axes = plt.subplots(figsize=(7, 4))
    for mode in ("single-ended", "balanced"):
        axes.semilogx(spl.index, spl[mode], label=mode)
    axes.set_xlabel("Headphone impedance (Ohm)")
    axes.set_ylabel("Max SPL at clip (dB, 100 dB/mW)")
    axes.set_title(spec["description"])
    axes.grid(True, which="both", alpha=0.3)
    axes.legend()
    figure.tight_layout()
    figure.savefig(figure_path, dpi=120)
    print(f"wrote {figure_path}")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "balanced-payoff.png")
