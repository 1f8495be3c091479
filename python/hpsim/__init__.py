"""hpsim from Python: comparisons, sweeps, matches and SPICE runs as pandas DataFrames.

The functions call the same engine code as the ``hpsim`` command, so every number is the
one the CLI prints: compare, sweep and match to 6 significant digits as their JSON and
CSV write them (``exact=True`` gives the numbers as computed), run in full precision as
``run --out`` writes it. Columns are numpy arrays; text columns are categorical. The
engine works without the GIL, on its own threads where a command has ``jobs``.

    >>> import hpsim
    >>> hpsim.compare("netlists/rigs/player-se-vs-balanced-hd600.toml",
    ...               modes=["single-ended", "balanced"])[["mode", "power_mw.left"]]

Errors raise :class:`InputError` (a ``ValueError``) or :class:`SimulationError`, each
with ``file``, ``line``, ``column`` and ``message``.
"""

import difflib
import numbers
import os
import warnings

import numpy as np
import pandas as pd

from . import _engine
from .errors import Error, HpsimWarning, InputError, SimulationError

__version__ = _engine.version

__all__ = ["compare", "sweep", "match", "run", "models", "models_show", "to_toml",
           "Error", "InputError", "SimulationError", "HpsimWarning"]

MODES = ("single-ended", "balanced")


def _frame(columns):
    """A DataFrame from the engine's columns: (name, kind, array, categories)."""
    data = {}
    for name, kind, values, categories in columns:
        if kind == "text":
            data[name] = pd.Categorical.from_codes(values, categories=pd.Index(categories, dtype=object))
        elif kind == "flag":
            data[name] = pd.arrays.BooleanArray(values == 1, values < 0)
        else:
            data[name] = values
    return pd.DataFrame(data, copy=False)


def _is_path(value):
    return isinstance(value, (str, os.PathLike))


def _is_rig(value):
    """A rig file, rig TOML text (a string with a line break) or a dict shaped like a rig file."""
    return isinstance(value, (str, os.PathLike, dict))


def _modes(modes):
    if modes is None:
        return None
    names = [modes] if isinstance(modes, str) else list(modes)
    if not names:
        raise ValueError("modes: give single-ended, balanced or both")
    for name in names:
        if name not in MODES:
            raise ValueError(f"unknown mode {name!r} (single-ended or balanced)")
    return names


def _number(name, value):
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        raise TypeError(f"{name} must be a number, not {type(value).__name__}")
    return float(value)


def _positive(name, value):
    number = _number(name, value)
    if not number > 0 or number == float("inf"):
        raise ValueError(f"{name} must be above zero and finite")
    return number


def _whole(name, value, low, high):
    if isinstance(value, bool) or not isinstance(value, numbers.Integral):
        raise TypeError(f"{name} must be a whole number, not {type(value).__name__}")
    if not low <= value <= high:
        raise ValueError(f"{name} is {low} to {high}")
    return int(value)


def _jobs(jobs):
    return None if jobs is None else _whole("jobs", jobs, 1, 1024)


def _flag(name, value):
    if not isinstance(value, (bool, np.bool_)):
        raise TypeError(f"{name} is True or False, not {type(value).__name__}")
    return bool(value)


def compare(rigs, modes=None, level_vrms=None, *, exact=False):
    """Measures rigs as ``hpsim compare`` does: one row per rig and mode.

    rigs: a rig file, rig TOML text, a dict shaped like a rig file (relative files are
    read from the working folder), or a list of them; a rig without a file is named by
    its description, else "rig N" (N its place in the list), and its `rig` column reads
    "<rig dict N>" or "<rig text N>". modes: "single-ended", "balanced" or a list; None:
    each rig's own mode. level_vrms: each leg's open-circuit level (1 Vrms).

    Columns as the sweep CSV names them (``drive_vrms.left``, ``power_mw.right``,
    ``crosstalk_db.left_to_right.1000``, ..., ``hazards.codes``), after ``rig``,
    ``name`` (compare's column title) and ``mode``. ``attrs``: ``level_vrms``,
    ``sentences``, ``hazards`` (per row, with their messages) and ``skipped`` (a mode
    asked that a rig's amplifier does not have: skipped, with an HpsimWarning).
    """
    if _is_rig(rigs):
        items = [rigs]
    elif isinstance(rigs, (list, tuple, pd.Series, np.ndarray)) or hasattr(rigs, "__next__"):
        items = list(rigs)
    else:
        raise TypeError(f"rigs is a rig (a file name, TOML text or a dict) or a list of them, not {type(rigs).__name__}")
    if not items:
        raise ValueError("compare: no rig given")
    for item in items:
        if not _is_rig(item):
            raise TypeError(f"a rig is a file name, TOML text or a dict, not {type(item).__name__}")
    level = 1.0 if level_vrms is None else _positive("level_vrms", level_vrms)
    result = _engine.compare(items, _modes(modes), level, _flag("exact", exact))
    frame = _frame(result["columns"])
    frame.attrs.update(level_vrms=result["level_vrms"], sentences=result["sentences"], hazards=result["hazards"],
                       skipped=result["skipped"])
    for warning in result["warnings"]:
        warnings.warn(warning, HpsimWarning, stacklevel=2)
    for skipped in result["skipped"]:
        warnings.warn(f"{skipped['rig']} {skipped['mode']} skipped: {skipped['reason']}", HpsimWarning, stacklevel=2)
    return frame


def sweep(spec, jobs=None, *, exact=False):
    """Runs a sweep as ``hpsim sweep`` does: one row per variant, the CSV's columns.

    spec: a spec file, or a dict shaped like one (its ``rig`` a file, relative to the
    working folder, or a dict shaped like a rig file). jobs: threads (default: one per
    processor). A progress bar shows on a terminal's stderr; Ctrl-C stops the sweep.
    """
    if not _is_rig(spec):
        raise TypeError(f"a spec is a file name, TOML text or a dict, not {type(spec).__name__}")
    result = _engine.sweep(spec, _jobs(jobs), _flag("exact", exact))
    for warning in result["warnings"]:
        warnings.warn(warning, HpsimWarning, stacklevel=2)
    return _frame(result["columns"])


def match(amplifier, headphone=None, target_spl=None, max_adapters=None, *, exact=False):
    """Every path from an amplifier to a headphone through the catalog, ranked, as
    ``hpsim match`` finds them: one row per path, best first.

    amplifier, headphone: catalog names; or a rig alone (a file, TOML text or a dict:
    its amplifier and headphone with their overrides). target_spl: dB SPL to reach (110). max_adapters:
    adapters in a chain, 0 to 4 (1).

    ``attrs``: ``amplifier``, ``headphone``, ``target_spl_db``, ``max_adapters``,
    ``needed`` (power_mw, voltage_vrms, from) and ``sentences`` (the two answers).
    """
    target = 110.0 if target_spl is None else _number("target_spl", target_spl)
    if not np.isfinite(target):
        raise ValueError("target_spl must be a finite number of dB")
    adapters = 1 if max_adapters is None else _whole("max_adapters", max_adapters, 0, 4)
    if headphone is None:
        if not (isinstance(amplifier, dict) or (isinstance(amplifier, str) and "\n" in amplifier)
                or (_is_path(amplifier) and os.fspath(amplifier).endswith(".toml"))):
            raise ValueError("give an amplifier and a headphone from the catalog, or one rig (a .toml file, TOML text or a dict)")
    else:
        for name, value in (("amplifier", amplifier), ("headphone", headphone)):
            if not isinstance(value, str):
                raise TypeError(f"{name} is a catalog name, not {type(value).__name__}")
    result = _engine.match(amplifier, headphone, target, adapters, _flag("exact", exact))
    frame = _frame(result["columns"])
    frame.attrs.update({key: result[key] for key in
                        ("amplifier", "headphone", "target_spl_db", "max_adapters", "needed", "sentences")})
    return frame


def run(deck, mode=None, jobs=None):
    """Simulates a SPICE deck as ``hpsim run`` does: a dict with one DataFrame per
    analysis in deck order, keyed as the CSV files are named (``op``, ``ac``, ``tran``,
    ``dc``, then ``ac2``, ...), with the CSV's columns (``step.NAME``, the sweep
    variable, ``v(node)``, ``i(element)``); AC vectors as complex columns.

    deck: a deck file, a rig file or rig dict (compiled; mode chooses its output mode), or
    SPICE text (any string with a line break; .include is read from the working folder).
    jobs: threads for the steps of a ``.step`` sweep (default: one per processor).
    Warnings come as :class:`HpsimWarning`.
    """
    if isinstance(deck, dict):
        kind = "rig"
    elif isinstance(deck, str) and "\n" in deck:
        kind = "spice"
    elif _is_path(deck):
        kind = "file"
    else:
        raise TypeError(f"a deck is a file name, SPICE text or a rig dict, not {type(deck).__name__}")
    if mode is not None and mode not in MODES:
        raise ValueError(f"unknown mode {mode!r} (single-ended or balanced)")
    result = _engine.run(deck, kind, mode, _jobs(jobs))
    for warning in result["warnings"]:
        warnings.warn(warning, HpsimWarning, stacklevel=2)
    return {name: _frame(columns) for name, columns in result["analyses"]}


def models():
    """The part catalog ($HPSIM_MODELS, else the source tree's models/): one row per
    entry, by kind, with ``name``, ``kind``, ``description`` and ``path``."""
    rows = _engine.models()
    return pd.DataFrame(rows, columns=["name", "kind", "description", "path"])


def models_show(name):
    """One catalog entry as a dict: its file's content, with ``name``, ``path`` and, for
    a headphone, ``driver_summary`` (the driver's figures as ``hpsim models show``
    prints them)."""
    if not isinstance(name, str):
        raise TypeError(f"a catalog name is a str, not {type(name).__name__}")
    shown = _engine.models_show(name)
    if shown is None:
        names = [row[0] for row in _engine.models()]
        close = difflib.get_close_matches(name, names, n=1)
        hint = f" (did you mean {close[0]!r}?)" if close else " (see hpsim.models())"
        message = f"no catalog entry {name!r}{hint}"
        raise InputError("error: " + message, message=message)
    return shown


def to_toml(document):
    """The TOML text a rig or spec dict stands for: what a file with the same content
    holds (and what the lines of an error about a dict rig point into)."""
    if not isinstance(document, dict):
        raise TypeError("to_toml takes a dict")
    return _engine.to_toml(document)
