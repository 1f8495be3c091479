"""The engine works without the GIL, and Ctrl-C stops a sweep."""

import os
import signal
import subprocess
import sys
import textwrap

from conftest import ROOT

# A sweep of 20,000 variants (a few seconds), while another Python thread counts.
SCRIPT = textwrap.dedent(f"""
    import sys, threading, time
    import hpsim
    spec = {{
        "rig": {str(ROOT / "netlists" / "rigs" / "player-se-vs-balanced-hd600.toml")!r},
        "modes": ["single-ended", "balanced"],
        "axis": [{{"figure": "cable.length_m", "lin": {{"from": 0.5, "to": 10, "points": 100}}}},
                 {{"figure": "amplifier.output_impedance_ohm", "log": {{"from": 0.1, "to": 100, "points": 100}}}}],
    }}
    counted = [0]
    stop = threading.Event()
    def count():
        while not stop.is_set():
            counted[0] += 1
            time.sleep(0.001)
    counter = threading.Thread(target=count)
    counter.start()
    print("sweeping", flush=True)
    try:
        hpsim.sweep(spec, jobs=1)
        print("finished", flush=True)
    except KeyboardInterrupt:
        print("interrupted", flush=True)
    stop.set()
    counter.join()
    print("counted", counted[0], flush=True)
""")


def test_ctrl_c_stops_a_sweep_while_other_threads_run(hpsim):
    package_folder = os.path.dirname(os.path.dirname(hpsim.__file__))
    process = subprocess.Popen([sys.executable, "-c", SCRIPT], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                               env={**os.environ, "PYTHONPATH": package_folder})
    assert process.stdout.readline().strip() == "sweeping"
    try:
        process.wait(timeout=0.5)
    except subprocess.TimeoutExpired:
        pass
    process.send_signal(signal.SIGINT)
    output, errors = process.communicate(timeout=120)
    lines = output.split()
    assert "interrupted" in lines, output + errors
    # Sleeping 1 ms a turn for the half second before the signal: hundreds of turns,
    # none if the sweep held the GIL.
    assert int(lines[lines.index("counted") + 1]) > 20, output
