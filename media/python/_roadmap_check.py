"""Checks for Data Science Roadmap exercises.

Written beside your exercises by the VS Code extension "Data Science Roadmap". Each check raises
`CheckFailed` with a specific message when something is wrong. When every check of an exercise
passes, `report()` writes `.results/<topic-id>.json` next to this file; the extension watches that
folder and marks the topic complete.

Only the standard library is imported at the top; numpy, pandas and scikit-learn are imported when
a check needs them, so a missing package gives one clear line, not a traceback.
"""
from __future__ import annotations

import contextlib
import datetime as _dt
import importlib.util
import json
import math
import os
import sys
import tempfile
from pathlib import Path

__all__ = [
    "CheckFailed", "require", "check", "close", "equal", "true", "shape", "dtype", "columns",
    "fitted", "at_least", "at_most", "between", "answered", "rated", "report", "main",
]

VERSION = 2
HERE = Path(__file__).resolve().parent
RESULTS = HERE / ".results"

# Import name -> pip name, for the "this exercise needs ..." message.
_PIP = {
    "sklearn": "scikit-learn", "umap": "umap-learn", "dask": "dask[dataframe]", "yaml": "pyyaml", "PIL": "pillow",
}

_passed: dict = {}
_failed: dict = {}


class CheckFailed(AssertionError):
    """A check did not pass. The message says what was expected and what was found."""


def require(*packages: str) -> None:
    """Stops with one clear line when a package the exercise needs is not installed."""
    missing = [p for p in packages if importlib.util.find_spec(p) is None]
    if missing:
        names = ", ".join(_PIP.get(p, p) for p in missing)
        raise SystemExit(f"this exercise needs {names}: pip install {' '.join(_PIP.get(p, p) for p in missing)}")


def _fmt(value, limit: int = 120) -> str:
    try:
        import numpy as np  # noqa: F401  (only for nicer array printing)
        text = np.array2string(np.asarray(value), precision=4, threshold=12) if hasattr(value, "__len__") and not isinstance(value, (str, dict)) else repr(value)
    except Exception:  # noqa: BLE001  printing must never fail a check
        text = repr(value)
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _in_notebook() -> bool:
    """Whether the checks run in a notebook: a Jupyter kernel (IPython's shell there has a kernel;
    the terminal IPython has none), or the extension's headless run of a notebook, which compiles
    each cell under the name "cell N". Anything else is a script run with python or pytest."""
    ipython = sys.modules.get("IPython")
    try:
        shell = ipython.get_ipython() if ipython is not None else None
    except Exception:  # noqa: BLE001  a broken IPython is no kernel
        shell = None
    if shell is not None and (getattr(shell, "kernel", None) is not None or type(shell).__name__ == "ZMQInteractiveShell"):
        return True
    frame = sys._getframe(1)
    while frame is not None:
        name = frame.f_code.co_filename
        if name.startswith("cell ") and name[5:].isdigit():
            return True
        frame = frame.f_back
    return False


@contextlib.contextmanager
def check(task: str):
    """Runs one task's checks; records the outcome and turns errors into a clear message."""
    try:
        yield
    except NotImplementedError as e:
        _failed[task] = "not implemented yet"
        _passed.pop(task, None)
        what = f" ({e})" if str(e) else ""
        again = "run this cell again" if _in_notebook() else "run this file again (or pytest)"
        raise CheckFailed(f"[{task}] not implemented yet{what}: complete the TODO above, then {again}") from None
    except CheckFailed as e:
        _failed[task] = str(e)
        _passed.pop(task, None)
        raise CheckFailed(f"[{task}] {e}") from None
    except SystemExit:
        raise
    except Exception as e:  # noqa: BLE001  a bug in the learner's code is a failed check
        _failed[task] = f"{type(e).__name__}: {e}"
        _passed.pop(task, None)
        raise CheckFailed(f"[{task}] your code raised {type(e).__name__}: {e}") from e
    else:
        _passed[task] = True
        _failed.pop(task, None)
        print(f"✓ {task}: passed")


def true(condition, message: str) -> None:
    if not condition:
        raise CheckFailed(message)


def close(name: str, actual, expected, atol: float = 1e-8, rtol: float = 1e-5) -> None:
    """`actual` ≈ `expected` elementwise (numbers, lists, arrays, Series)."""
    import numpy as np
    try:
        a = np.asarray(actual, dtype=float)
        e = np.asarray(expected, dtype=float)
    except (TypeError, ValueError):
        raise CheckFailed(f"expected {name} to be numeric ≈ {_fmt(expected)}, got {_fmt(actual)}") from None
    if a.shape != e.shape:
        raise CheckFailed(f"expected {name} with shape {e.shape}, got shape {a.shape}: {_fmt(actual)}")
    if not np.allclose(a, e, atol=atol, rtol=rtol, equal_nan=True):
        raise CheckFailed(f"expected {name} ≈ {_fmt(expected)} (atol {atol:g}), got {_fmt(actual)}")


def equal(name: str, actual, expected) -> None:
    ok = actual == expected
    try:
        ok = bool(ok) if not hasattr(ok, "all") else bool(ok.all())
    except Exception:  # noqa: BLE001
        ok = False
    if not ok:
        raise CheckFailed(f"expected {name} == {_fmt(expected)}, got {_fmt(actual)}")


def shape(name: str, value, expected: tuple) -> None:
    got = getattr(value, "shape", None)
    if got is None:
        try:
            import numpy as np
            got = np.asarray(value).shape
        except Exception:  # noqa: BLE001
            got = None
    if tuple(got or ()) != tuple(expected):
        raise CheckFailed(f"expected {name} to have shape {tuple(expected)}, got {got}")


def dtype(name: str, value, kind: str) -> None:
    """kind: 'float', 'int', 'bool', 'object', 'category', 'datetime' (numpy/pandas kinds)."""
    import numpy as np
    dt = getattr(value, "dtype", None)
    if dt is None:
        raise CheckFailed(f"expected {name} to be an array or Series with a dtype, got {type(value).__name__}")
    kinds = {"float": "f", "int": "iu", "bool": "b", "object": "O", "datetime": "M"}
    if kind == "category":
        ok = str(dt) == "category"
    else:
        ok = np.dtype(dt).kind in kinds.get(kind, "") if str(dt) != "category" else False
    if not ok:
        raise CheckFailed(f"expected {name} to have a {kind} dtype, got {dt}")


def columns(name: str, frame, expected) -> None:
    got = list(getattr(frame, "columns", []))
    missing = [c for c in expected if c not in got]
    if missing:
        raise CheckFailed(f"expected {name} to have columns {list(expected)}; missing {missing} (has {got})")


def fitted(name: str, estimator) -> None:
    """The estimator (scikit-learn style) has been fitted."""
    try:
        from sklearn.exceptions import NotFittedError
        from sklearn.utils.validation import check_is_fitted
    except ImportError:
        if not any(k.endswith("_") and not k.startswith("_") for k in vars(estimator)):
            raise CheckFailed(f"expected {name} to be fitted (call .fit first)") from None
        return
    try:
        check_is_fitted(estimator)
    except NotFittedError:
        raise CheckFailed(f"expected {name} to be fitted: call {name}.fit(X, y) first") from None
    except TypeError as e:
        raise CheckFailed(f"expected {name} to be a fitted estimator, got {type(estimator).__name__}: {e}") from None


def at_least(name: str, value, threshold: float) -> None:
    if not (isinstance(value, (int, float)) or hasattr(value, "__float__")) or math.isnan(float(value)) or float(value) < threshold:
        raise CheckFailed(f"expected {name} ≥ {threshold:g}, got {_fmt(value)}")


def at_most(name: str, value, threshold: float) -> None:
    if not (isinstance(value, (int, float)) or hasattr(value, "__float__")) or math.isnan(float(value)) or float(value) > threshold:
        raise CheckFailed(f"expected {name} ≤ {threshold:g}, got {_fmt(value)}")


def between(name: str, value, low: float, high: float) -> None:
    at_least(name, value, low)
    at_most(name, value, high)


def answered(answers: dict, min_words: dict) -> None:
    """Reflection: every question has an answer of at least its minimum number of words."""
    if not isinstance(answers, dict):
        raise CheckFailed("expected `answers` to be a dict of question id -> your answer")
    short = []
    for qid, need in min_words.items():
        text = answers.get(qid, "")
        n = len(str(text).split())
        if n < need:
            short.append(f"'{qid}' has {n} of {need} words")
    if short:
        raise CheckFailed("write a bit more: " + "; ".join(short))


def rated(rubric: dict, criteria) -> None:
    """Reflection: every rubric criterion carries your rating, 0 (missing), 1 (partly) or 2 (as well
    as the model answer). Any honest rating passes; the criteria rated 0 are listed to revisit."""
    if not isinstance(rubric, dict):
        raise CheckFailed("expected `rubric` to be a dict of criterion -> your rating 0, 1 or 2")
    criteria = list(criteria)
    problems = []
    missing = [c for c in criteria if c not in rubric]
    if missing:
        problems.append("criteria missing from `rubric` (keep their text as given): " + "; ".join(repr(c) for c in missing))
    unknown = [c for c in rubric if c not in criteria]
    if unknown:
        problems.append("not criteria of this exercise: " + "; ".join(repr(c) for c in unknown))
    unrated = [c for c in criteria if c in rubric and (isinstance(rubric[c], bool) or not isinstance(rubric[c], int) or rubric[c] not in (0, 1, 2))]
    if unrated:
        problems.append(f"rate each criterion 0 (missing), 1 (partly) or 2 (as well as the model answer): "
                        f"{len(unrated)} of {len(criteria)} not rated yet, first {unrated[0]!r} = {rubric[unrated[0]]!r}")
    if problems:
        raise CheckFailed("; ".join(problems))
    score = sum(rubric[c] for c in criteria)
    weak = [c for c in criteria if rubric[c] == 0]
    print(f"self-rating {score}/{2 * len(criteria)}" + (f"; read again: {'; '.join(weak)}" if weak else ""))


def report(topic: str, tasks) -> bool:
    """Writes .results/<topic>.json when every task passed. Returns whether it did."""
    tasks = list(tasks)
    missing = [t for t in tasks if not _passed.get(t)]
    if missing:
        print(f"{len(tasks) - len(missing)}/{len(tasks)} checks passed; still to do: {', '.join(missing)}")
        return False
    RESULTS.mkdir(parents=True, exist_ok=True)
    # The results folder must really be beside this file: a symbolic link that leads elsewhere
    # (outside the workspace) gets nothing written to it.
    if RESULTS.resolve().parent != HERE or not RESULTS.is_dir():
        print(f"Not recorded: {RESULTS} leads outside the exercises folder ({RESULTS.resolve()}); remove that link.")
        return False
    payload = {
        "version": VERSION,
        "topic": topic,
        "passed": True,
        "checks": tasks,
        "time": _dt.datetime.now(_dt.timezone.utc).isoformat(timespec="seconds"),
    }
    target = RESULTS / f"{topic}.json"
    # Written whole: a fresh temporary file (never an existing name, so never through a link), then renamed.
    fd, tmp = tempfile.mkstemp(prefix=f".{topic}.", suffix=".tmp", dir=RESULTS)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            f.write(json.dumps(payload, indent=1))
        os.replace(tmp, target)
    except OSError as e:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        print(f"Not recorded: could not write {target}: {e}")
        return False
    print(f"All {len(tasks)} checks passed. Progress recorded for '{topic}' ✓")
    return True


def main(namespace: dict, topic: str, tasks) -> None:
    """Script entry: runs every `test_<task>` function, prints a line each, then reports."""
    failures = 0
    for task in tasks:
        fn = namespace.get("test_" + task.replace("-", "_"))
        try:
            fn()
        except CheckFailed as e:
            failures += 1
            print(f"✗ {e}")
    ok = report(topic, tasks)
    sys.exit(0 if ok and failures == 0 else 1)
