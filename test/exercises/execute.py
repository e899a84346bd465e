"""Proves every generated exercise with real clients (run with Debian's /usr/bin/python3).

For each topic:
  1. the notebook validates with nbformat, strict about cell ids (warnings are errors);
  2. untouched, executed in a real Jupyter kernel (nbclient, allow_errors): the setup cell runs
     clean, every check cell fails, and no result file is written;
  3. solved (reference solution filled in): every cell runs clean and .results/<topic>.json says
     passed;
  4. the script, untouched, exits 1 without a result file; solved, exits 0 and writes it.
Then pytest runs every solved script. Prints LAYER-RESULT passed=N failed=M.

Usage: execute.py <run-dir> [workers]
DSR_SKIP_MISSING=1 skips (and lists) the topics whose manifest `packages` the running interpreter
cannot import, e.g. xgboost on a venv of current releases; it also prints counts per stage, as
DSR_STAGE_COUNTS=1 does alone. Without them nothing is skipped and the output is unchanged.
DSR_RESULTS=<file> also writes how each topic ended there ({"topics": {id: passed|failed|skipped}}),
for `--record` (test/exercises/recordTested.ts): a topic passed when all its tests passed and
pytest reported no failure in its script.
"""
import copy
import importlib.util
import json
import os
import re
import shutil
import tempfile
import statistics
import subprocess
import sys
import time
import warnings
from concurrent.futures import ProcessPoolExecutor

PY = sys.executable
ID = re.compile(r"^[a-zA-Z0-9-_]{1,64}$")
with open(os.path.join(os.path.dirname(os.path.abspath(__file__)), "kernel-retry.json"), encoding="utf-8") as _f:
    RETRY = json.load(_f)


def should_retry(text):
    """Whether a kernel failure may be retried: it died before answering, and no cell failed."""
    if any(re.search(p, text) for p in RETRY["neverWhen"]):
        return False
    return any(re.search(p, text) for p in RETRY["retryOn"])


def validate(path):
    import nbformat
    with open(path, encoding="utf-8") as f:
        nb = nbformat.reads(f.read(), as_version=4)
    ids = [c.get("id") for c in nb.cells]
    assert all(isinstance(i, str) and ID.match(i) for i in ids), f"bad cell ids {ids}"
    assert len(set(ids)) == len(ids), f"duplicate cell ids {ids}"
    assert nb.nbformat == 4 and nb.nbformat_minor == 5, f"nbformat {nb.nbformat}.{nb.nbformat_minor}"
    assert nb.metadata.kernelspec.name == "python3", "kernelspec must be python3"
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        # zmq sockets closed by the garbage collector meanwhile are not the notebook's problem.
        warnings.simplefilter("ignore", ResourceWarning)
        nbformat.validate(copy.deepcopy(nb))
    return nb


RETRIES = []  # (notebook, reason) of every kernel started again, reported in the summary


def execute(path, allow_errors):
    """Runs a notebook in a real kernel over IPC (Unix sockets in a private folder), so no TCP port
    can be taken by another worker between picking and binding. A kernel that dies before it
    answers is started again (at most RETRY["maxRetries"] times, each counted and reported); any
    other failure is the exercise's own and is raised with the kernel's error."""
    import nbformat
    from jupyter_client.manager import KernelManager
    from nbclient import NotebookClient
    for attempt in range(RETRY["maxRetries"] + 1):
        with open(path, encoding="utf-8") as f:
            nb = nbformat.reads(f.read(), as_version=4)
        sockets = tempfile.mkdtemp(prefix="dsr-k-")
        km = KernelManager(kernel_name="python3", transport="ipc", ip=os.path.join(sockets, "k"))
        client = NotebookClient(nb, km=km, timeout=240, allow_errors=allow_errors,
                                resources={"metadata": {"path": os.path.dirname(path)}})
        log_path = os.path.join(sockets, "kernel.log")
        try:
            with open(log_path, "w", encoding="utf-8") as log:
                client.execute(stderr=log)
            return nb
        except Exception as e:  # noqa: BLE001  classified below, re-raised unless retryable
            text = f"{type(e).__name__}: {e}"
            if attempt >= RETRY["maxRetries"] or not should_retry(text):
                if should_retry(text):
                    # The kernel kept dying: report its own last words, not only that it died.
                    with open(log_path, encoding="utf-8", errors="replace") as log:
                        tail = " | ".join(line.strip() for line in log.read().strip().splitlines()[-4:])
                    raise RuntimeError(f"{text}; kernel log: {tail or '(empty)'}") from e
                raise
            reason = " ".join(text.split())[:160]
            name = os.path.relpath(path, os.path.dirname(os.path.dirname(os.path.dirname(os.path.dirname(path)))))
            RETRIES.append((name, reason))
            print(f"retry {name} (attempt {attempt + 2}): {reason}", flush=True)
        finally:
            # nbclient shuts down only the kernels it created itself: this one is ours to stop.
            try:
                if km.has_kernel:
                    km.shutdown_kernel(now=True)
            except Exception:  # noqa: BLE001  already gone
                pass
            shutil.rmtree(sockets, ignore_errors=True)
    raise AssertionError("unreachable")


def errors_of(cell):
    return [o for o in cell.get("outputs", []) if o.get("output_type") == "error"]


def tags_of(cell):
    return cell.get("metadata", {}).get("tags", [])


def result_path(run, variant, topic):
    return os.path.join(run, variant, "exercises", ".results", f"{topic}.json")


def check_topic(run, m):
    """Returns (topic, [(test name, ok, message)], solved notebook seconds)."""
    topic = m["topic"]
    out = []
    RETRIES.clear()  # a worker process checks many topics; report this topic's retries only

    def test(name, fn):
        try:
            fn()
            out.append((name, True, ""))
        except Exception as e:  # noqa: BLE001  the message is the report
            msg = " ".join(str(e).split())[:400]
            out.append((name, False, f"{type(e).__name__}: {msg}"))

    nb_u = os.path.join(run, "untouched", m["notebook"])
    nb_s = os.path.join(run, "solved", m["notebook"])
    test("notebook validates (nbformat, strict ids)", lambda: (validate(nb_u), validate(nb_s)))

    def untouched():
        res = result_path(run, "untouched", topic)
        if os.path.exists(res):
            os.remove(res)
        nb = execute(nb_u, allow_errors=True)
        checks = [c for c in nb.cells if "check" in tags_of(c)]
        assert checks, "no check cells"
        for c in nb.cells:
            t = tags_of(c)
            if "setup" in t or "todo" in t or "report" in t:
                assert not errors_of(c), f"{t} cell failed: {errors_of(c)[0].get('evalue', '')[:200]}"
        todo = []
        for c in checks:
            errs = errors_of(c)
            assert errs, f"check cell passed untouched: {c.source[:120]}"
            assert errs[0].get("ename") == "CheckFailed", f"check failed with {errs[0].get('ename')}: {errs[0].get('evalue', '')[:200]}"
            if "not implemented yet" in errs[0].get("evalue", ""):
                todo.append(errs[0]["evalue"])
        # In a kernel the checker speaks of cells, never of the file (a starter that leaves a
        # TODO without raising, such as missing type hints, fails its check in words of its own).
        for e in todo:
            assert e.endswith("complete the TODO above, then run this cell again"), f"in a kernel: {e[:200]}"
        assert not os.path.exists(res), "result file written by an untouched exercise"
    test("untouched notebook: setup runs, every check fails", untouched)

    elapsed = [None]

    def solved():
        res = result_path(run, "solved", topic)
        if os.path.exists(res):
            os.remove(res)
        t0 = time.time()
        execute(nb_s, allow_errors=False)
        elapsed[0] = time.time() - t0
        with open(res, encoding="utf-8") as f:
            data = json.load(f)
        assert data["topic"] == topic and data["passed"] is True and data["checks"] == m["checks"], data
    test("solved notebook: all checks pass, result written", solved)

    sc_u = os.path.join(run, "untouched", m["script"])
    sc_s = os.path.join(run, "solved", m["script"])

    def script_untouched():
        res = result_path(run, "untouched", topic)
        r = subprocess.run([PY, sc_u], cwd=os.path.dirname(sc_u), capture_output=True, text=True, timeout=240)
        assert r.returncode == 1, f"exit {r.returncode}: {r.stderr[-300:]}"
        assert "✗" in r.stdout, f"no failed check reported: {r.stdout[-300:]}"
        todo = [l for l in r.stdout.splitlines() if l.startswith("✗ ") and "not implemented yet" in l]
        for l in todo:
            assert l.endswith("complete the TODO above, then run this file again (or pytest)"), f"in a script: {l[:200]}"
        assert not os.path.exists(res), "result file written by an untouched script"
    test("untouched script exits 1", script_untouched)

    def script_solved():
        res = result_path(run, "solved", topic)
        if os.path.exists(res):
            os.remove(res)
        r = subprocess.run([PY, sc_s], cwd=os.path.dirname(sc_s), capture_output=True, text=True, timeout=240)
        assert r.returncode == 0, f"exit {r.returncode}: {(r.stdout + r.stderr)[-400:]}"
        assert os.path.exists(res), "no result file"
    test("solved script exits 0 and writes the result", script_solved)
    return topic, out, elapsed[0], list(RETRIES)


def pytest_failed_topics(manifest, stdout):
    """Topics whose solved script pytest reported FAILED or ERROR; None when it failed without naming one."""
    named = [m.group(1) for m in re.finditer(r"^(?:FAILED|ERROR) (\S+?)(?:::\S*)?(?: - .*)?$", stdout, re.M)]
    def names(n, script):
        n, rel = n.replace(os.sep, "/"), script.split("/", 1)[1]
        return n == rel or n.endswith("/" + rel)
    topics = {m["topic"] for m in manifest if any(names(n, m["script"]) for n in named)}
    return topics or None


def write_results(path, manifest, failed_topics, skipped, pytest_run):
    bad = set(failed_topics)
    if pytest_run.returncode != 0:
        from_pytest = pytest_failed_topics(manifest, pytest_run.stdout)
        bad |= from_pytest if from_pytest is not None else {m["topic"] for m in manifest}
    topics = {m["topic"]: "failed" if m["topic"] in bad else "passed" for m in manifest}
    topics.update({t: "skipped" for t, _, _ in skipped})
    with open(path, "w", encoding="utf-8") as f:
        json.dump({"topics": topics}, f, indent=1, sort_keys=True)


def main():
    run = os.path.abspath(sys.argv[1])
    workers = int(sys.argv[2]) if len(sys.argv) > 2 else 2
    with open(os.path.join(run, "manifest.json"), encoding="utf-8") as f:
        manifest = json.load(f)
    os.environ.setdefault("PYDEVD_DISABLE_FILE_VALIDATION", "1")
    os.environ.setdefault("MPLBACKEND", "Agg")
    skip_missing = os.environ.get("DSR_SKIP_MISSING") == "1"
    per_stage_counts = skip_missing or os.environ.get("DSR_STAGE_COUNTS") == "1"
    skipped = []  # (topic, stage, [missing packages])
    if skip_missing:
        kept = []
        for m in manifest:
            missing = [p for p in m.get("packages", []) if importlib.util.find_spec(p) is None]
            if missing:
                skipped.append((m["topic"], m["stage"], missing))
            else:
                kept.append(m)
        manifest = kept
    stage_of = {m["topic"]: m["stage"] for m in manifest}
    stages = {}  # stage -> [passed, failed, topics]
    for m in manifest:
        stages.setdefault(m["stage"], [0, 0, 0])[2] += 1
    passed = failed = 0
    failed_topics = set()
    retries = []
    times = []
    t0 = time.time()
    with ProcessPoolExecutor(max_workers=workers) as pool:
        for topic, results, secs, retried in pool.map(check_topic, [run] * len(manifest), manifest):
            retries.extend(retried)
            bad = [r for r in results if not r[1]]
            passed += len(results) - len(bad)
            failed += len(bad)
            stages[stage_of[topic]][0] += len(results) - len(bad)
            stages[stage_of[topic]][1] += len(bad)
            if secs is not None:
                times.append(secs)
            kind = next(m["kind"] for m in manifest if m["topic"] == topic)
            if bad:
                failed_topics.add(topic)
            status = "ok  " if not bad else "FAIL"
            print(f"{status} {topic} ({kind}{f', solved notebook {secs:.1f} s' if secs else ''})", flush=True)
            for name, _, msg in bad:
                print(f"       ✗ {name}: {msg}", flush=True)
    # pytest over every solved script, in one run.
    solved_dir = os.path.join(run, "solved", "exercises")
    # Files are named on the command line (not matched by python_files=*.py), so pytest rewrites
    # asserts only in them and never in libraries such as numba.
    scripts = [os.path.join(run, "solved", m["script"]) for m in manifest]
    r = subprocess.run([PY, "-m", "pytest", "-q", "--import-mode=importlib", "-p", "no:cacheprovider", *scripts],
                       capture_output=True, text=True, timeout=1800, cwd=solved_dir)
    tail = r.stdout.strip().splitlines()[-1] if r.stdout.strip() else r.stderr[-300:]
    if os.environ.get("DSR_RESULTS"):
        write_results(os.environ["DSR_RESULTS"], manifest, failed_topics, skipped, r)
    if r.returncode == 0:
        passed += 1
        print(f"ok   pytest over every solved script: {tail}")
    else:
        failed += 1
        print(f"FAIL pytest over every solved script: {tail}\n{r.stdout[-2000:]}")
    coded = sum(1 for m in manifest if m["kind"] == "code")
    print(f"exercises: {len(manifest)} topics, {coded} coded; wall time {time.time() - t0:.0f} s with {workers} workers")
    if times:
        print(f"solved notebook execution per exercise in a real kernel: median {statistics.median(times):.2f} s, max {max(times):.2f} s")
    if per_stage_counts:
        for st, (p, f, n) in stages.items():
            print(f"stage {st}: {n} topics, passed={p} failed={f}")
        print(f"pytest over every solved script: {'passed' if r.returncode == 0 else 'FAILED'} (counted once, not per stage)")
    if skip_missing:
        names = ", ".join(f"{t} ({', '.join(p)})" for t, _, p in skipped)
        print(f"skipped (package not available here): {names or 'none'}")
    for name, reason in retries:
        print(f"kernel retried: {name}: {reason}")
    print(f"kernel retries: {len(retries)}")
    print(f"LAYER-RESULT passed={passed} failed={failed} retries={len(retries)}")
    sys.exit(0 if failed == 0 else 1)


if __name__ == "__main__":
    main()
