"""Mutation test of the exercise checks (run with Debian's /usr/bin/python3, MPLBACKEND=Agg).

Does each task's `check` reject small, plausible mistakes in its reference `solution`?
For every coded exercise of dist/exercises.json (optionally one stage or one topic):
  1. each task's solution is mutated with `ast` (operators below), at most --max-per-task mutants
     per task, chosen deterministically (fixed seed, round-robin over the operators), plus the
     hand-written mutants of extra-mutants.json; mutants that do not compile are skipped;
  2. one subprocess per exercise (--workers at a time) runs `setup` once; then for each task it
     forks a child per mutant from the state the notebook has at that task (setup, the earlier
     tasks' reference solutions and checks), execs the mutated solution and runs the task's check
     inside `rc.check(...)`. The check raising (or the mutant raising, crashing, or running
     longer than 10 times the reference, at least 3 s and at most --timeout) KILLS the mutant;
     the check passing means it SURVIVES. The reference solution is run the same way first
     (sanity, with 3 times --timeout): it must pass.
  3. mutants listed in equivalent-mutants.json (`{"topic/task": ["<id>: reason", ...]}`, or
     objects `{"id": ..., "reason": ...}`) that survive are excluded from the kill rate.
Prints every exercise, the kill rate overall and per stage, and `LAYER-RESULT passed=N failed=M`
(a test per exercise that runs with a passing reference solution, plus one for the kill rate;
exercises that keep unlisted survivors are listed and counted, and weigh on the kill rate). Exits 1 when the kill rate is below
--min-kill-rate, when a reference solution fails its check, or when an exercise cannot be run.

Operators (the tag starts each mutant id; ids are a hash of the operator and the changed line
before/after, so they stay valid while the line itself is unchanged):
  num      numeric constant: 0->1, 1->0/2, n->n+1/n-1, float x->2x/x/2 (0.5->0.25), 0.0->1.0;
           not floats <= 1e-3 or >= 1e3 (epsilons, tolerances, clip bounds), not seeds, and not
           settings that are not part of the answer (iterations, step sizes, tolerances, workers,
           verbosity, figure cosmetics, initial guesses: INERT below)
  bool     True <-> False
  binop    + <-> -, * <-> /, // -> /, % -> //, ** -> *, @ -> *, & <-> | (also in `x += ...`)
  cmp      < <-> <=, > <-> >=, == <-> !=, is <-> is not, in <-> not in
  boolop   and <-> or
  unary    drop a unary -, ~ or not
  ddof     ddof=0 <-> ddof=1; np.std/np.var(...) without ddof gets ddof=1
  axis     axis=0 <-> axis=1 (-1 -> 0, "index" <-> "columns")
  slice    a non-constant slice bound e -> e+1 / e-1
  range    range(..., n) -> n+1 / n-1, range(a, ...) -> a+1, range(n) -> range(1, n)
  func     sibling function or method: mean<->median, sum->mean, max<->min, std<->var,
           argmax<->argmin, idxmax<->idxmin, any<->all, floor<->ceil, nlargest<->nsmallest,
           head<->tail, ... (also as strings: agg("mean") -> agg("median"))
  unwrap   drop sqrt / abs / log / exp around its argument (np.sqrt(x) -> x, x.abs() -> x)
  negate   if/while/ternary/comprehension condition c -> not (c)
  retnone  return <expr> -> return None
  retop    returned expression -> one of its operands (a / b -> a, f(x) -> x, x.sum() -> x),
           looking through float()/int()/... wrappers
  extra    hand-written, from extra-mutants.json: {"topic/task": [{"id", "solution", "note"?}]}

Usage: mutate.py [stage-number|topic-id] [--min-kill-rate 0.97] [--max-per-task 25]
                 [--timeout 20] [--workers 2] [--exercises dist/exercises.json] [--list]
"""
import argparse
import ast
import copy
import hashlib
import json
import os
import random
import select
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import types
from concurrent.futures import ThreadPoolExecutor

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
CHECKER_DIR = os.path.join(ROOT, "media", "python")
EQUIVALENT_FILE = os.path.join(HERE, "equivalent-mutants.json")
EXTRA_FILE = os.path.join(HERE, "extra-mutants.json")
SEED = 20261202

# ---------------------------------------------------------------------------------------------
# Mutant generation
# ---------------------------------------------------------------------------------------------

SWAPS = {
    "mean": ["median", "sum"], "median": ["mean"], "sum": ["mean"], "max": ["min"], "min": ["max"],
    "std": ["var"], "var": ["std"], "argmax": ["argmin"], "argmin": ["argmax"],
    "idxmax": ["idxmin"], "idxmin": ["idxmax"], "nanmean": ["nanmedian"], "nanmedian": ["nanmean"],
    "nanmax": ["nanmin"], "nanmin": ["nanmax"], "nansum": ["nanmean"], "nanstd": ["nanvar"],
    "nanvar": ["nanstd"], "maximum": ["minimum"], "minimum": ["maximum"], "any": ["all"],
    "all": ["any"], "floor": ["ceil"], "ceil": ["floor"], "nlargest": ["nsmallest"],
    "nsmallest": ["nlargest"], "head": ["tail"], "tail": ["head"], "cummax": ["cummin"],
    "cummin": ["cummax"], "cumsum": ["cumprod"], "first": ["last"], "last": ["first"],
    "triu": ["tril"], "tril": ["triu"], "hstack": ["vstack"], "vstack": ["hstack"],
    "log": ["log1p"], "log1p": ["log"], "ttest_ind": ["ttest_rel"], "ttest_rel": ["ttest_ind"],
    "pearsonr": ["spearmanr"], "spearmanr": ["pearsonr"],
    "mean_squared_error": ["mean_absolute_error"], "mean_absolute_error": ["mean_squared_error"],
    "precision_score": ["recall_score"], "recall_score": ["precision_score"],
}
BUILTIN_SWAPS = {"max": ["min"], "min": ["max"], "any": ["all"], "all": ["any"]}
STRING_SWAPS = {"mean": "median", "median": "mean", "sum": "mean", "max": "min", "min": "max",
                "std": "var", "var": "std", "left": "inner", "inner": "left", "first": "last",
                "last": "first", "two-sided": "greater", "greater": "two-sided", "less": "greater"}
# Settings whose numbers are not part of the answer (iterations, tolerances, seeds, workers,
# verbosity, figure cosmetics): their numeric constants are left alone.
INERT = {"max_iter", "maxiter", "tol", "disp", "verbose", "n_jobs", "random_state", "seed",
         "max_workers", "workers", "rcond", "dpi", "figsize", "fontsize", "linewidth", "lw",
         "markersize", "indent", "timeout", "n_init", "nfev", "maxfev", "num_workers",
         "n_iter", "n_steps", "epochs", "lr", "learning_rate", "batch_size", "weight_decay",
         "compress", "xatol", "xtol", "ftol", "gtol", "n_reps", "n_boot", "n_resamples",
         "chunk_size", "p0", "x0", "bounds"}
SEEDERS = {"default_rng", "seed", "manual_seed", "RandomState", "Random", "PRNGKey", "Generator"}
UNWRAP = {"sqrt", "abs", "fabs", "exp", "log", "log1p", "log2", "log10"}
CONVERSIONS = {"float", "int", "round", "bool", "str", "list", "tuple", "array", "asarray",
               "Series", "DataFrame", "item", "tolist", "to_numpy", "values", "squeeze", "copy"}
BINOPS = {ast.Add: [ast.Sub], ast.Sub: [ast.Add], ast.Mult: [ast.Div], ast.Div: [ast.Mult],
          ast.FloorDiv: [ast.Div], ast.Mod: [ast.FloorDiv], ast.Pow: [ast.Mult],
          ast.MatMult: [ast.Mult], ast.BitAnd: [ast.BitOr], ast.BitOr: [ast.BitAnd]}
CMPOPS = {ast.Lt: ast.LtE, ast.LtE: ast.Lt, ast.Gt: ast.GtE, ast.GtE: ast.Gt, ast.Eq: ast.NotEq,
          ast.NotEq: ast.Eq, ast.Is: ast.IsNot, ast.IsNot: ast.Is, ast.In: ast.NotIn,
          ast.NotIn: ast.In}
ATOMIC = (ast.Name, ast.Attribute, ast.Call, ast.Subscript, ast.List, ast.Tuple, ast.Dict,
          ast.Set, ast.ListComp, ast.DictComp, ast.SetComp, ast.GeneratorExp, ast.JoinedStr)


def _func_name(call):
    f = call.func
    return f.attr if isinstance(f, ast.Attribute) else f.id if isinstance(f, ast.Name) else None


def _num(value):
    if isinstance(value, bool):
        return []
    if isinstance(value, int):
        return [1] if value == 0 else [0, 2] if value == 1 else [value + 1, value - 1]
    if isinstance(value, float):
        if value != 0 and not 1e-3 < abs(value) < 1e3:
            return []   # an epsilon, a tolerance or a clip bound, not part of the answer
        return [1.0] if value == 0 else [value / 2, value * 2]
    return []


def _plus(node, k):
    return ast.BinOp(copy.deepcopy(node), ast.Add() if k > 0 else ast.Sub(), ast.Constant(abs(k)))


class _Collector(ast.NodeVisitor):
    """Walks the solution and proposes (op, node, replacement-node) triples; the node's source
    span is then replaced by the unparsed replacement, so the rest of the text is untouched."""

    def __init__(self):
        self.edits = []
        self.skip_consts = set()   # constants handled by ddof/axis

    def add(self, op, node, new):
        self.edits.append((op, node, new))

    # Parts of the tree whose mutation cannot change the behaviour, or only raises.
    def visit_JoinedStr(self, node):
        return

    def visit_Assert(self, node):
        return

    def visit_Raise(self, node):
        return

    def visit_AnnAssign(self, node):
        if node.value is not None:
            self.visit(node.value)

    def visit_arguments(self, node):
        pos = node.posonlyargs + node.args
        pairs = list(zip(pos[len(pos) - len(node.defaults):], node.defaults)) + list(zip(node.kwonlyargs, node.kw_defaults))
        for a, d in pairs:
            if d is not None and a.arg not in INERT:
                self.visit(d)

    def _inert(self, node):
        for n in ast.walk(node):
            if isinstance(n, ast.Constant):
                self.skip_consts.add(id(n))

    def visit_FunctionDef(self, node):
        body = node.body
        if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
            body = body[1:]   # docstring
        self.visit(node.args)
        for d in node.decorator_list:
            self.visit(d)
        for s in body:
            self.visit(s)

    visit_AsyncFunctionDef = visit_FunctionDef

    def visit_Expr(self, node):
        if isinstance(node.value, ast.Call) and _func_name(node.value) == "print":
            return
        self.generic_visit(node)

    def visit_Constant(self, node):
        if id(node) in self.skip_consts:
            return
        v = node.value
        if isinstance(v, bool):
            self.add("bool", node, ast.Constant(not v))
        elif isinstance(v, (int, float)):
            for n in _num(v):
                self.add("num", node, ast.Constant(n))
        elif isinstance(v, str) and v in STRING_SWAPS:
            self.add("func", node, ast.Constant(STRING_SWAPS[v]))

    def visit_BinOp(self, node):
        for new in BINOPS.get(type(node.op), []):
            m = copy.copy(node)
            m.op = new()
            self.add("binop", node, m)
        self.generic_visit(node)

    def visit_AugAssign(self, node):
        for new in BINOPS.get(type(node.op), []):
            m = copy.copy(node)
            m.op = new()
            self.add("binop", node, m)
        self.generic_visit(node)

    def visit_Compare(self, node):
        for i, o in enumerate(node.ops):
            if type(o) in CMPOPS:
                m = copy.copy(node)
                m.ops = list(node.ops)
                m.ops[i] = CMPOPS[type(o)]()
                self.add("cmp", node, m)
        self.generic_visit(node)

    def visit_BoolOp(self, node):
        m = copy.copy(node)
        m.op = ast.Or() if isinstance(node.op, ast.And) else ast.And()
        self.add("boolop", node, m)
        self.generic_visit(node)

    def visit_UnaryOp(self, node):
        if isinstance(node.op, (ast.USub, ast.Invert, ast.Not)) and not isinstance(node.operand, ast.Constant):
            self.add("unary", node, node.operand)
        self.generic_visit(node)

    def _test(self, test):
        self.add("negate", test, ast.UnaryOp(ast.Not(), copy.deepcopy(test)))

    def visit_If(self, node):
        self._test(node.test)
        self.generic_visit(node)

    visit_While = visit_If
    visit_IfExp = visit_If

    def visit_comprehension(self, node):
        for c in node.ifs:
            self._test(c)
        self.generic_visit(node)

    def visit_Slice(self, node):
        for b in (node.lower, node.upper):
            if b is not None and not isinstance(b, ast.Constant) and not (isinstance(b, ast.UnaryOp) and isinstance(b.operand, ast.Constant)):
                self.add("slice", b, _plus(b, 1))
                self.add("slice", b, _plus(b, -1))
        self.generic_visit(node)

    def visit_Attribute(self, node):
        if isinstance(node.ctx, ast.Load):
            for s in SWAPS.get(node.attr, []):
                m = copy.copy(node)
                m.attr = s
                self.add("func", node, m)
        self.generic_visit(node)

    def visit_Name(self, node):
        if isinstance(node.ctx, ast.Load):
            for s in BUILTIN_SWAPS.get(node.id, []):
                self.add("func", node, ast.Name(s, ast.Load()))

    def visit_Call(self, node):
        name = _func_name(node)
        if name == "print":
            return
        f = node.func
        if name in UNWRAP:
            if len(node.args) == 1 and not node.keywords and not isinstance(node.args[0], ast.Starred):
                self.add("unwrap", node, node.args[0])
            elif not node.args and not node.keywords and isinstance(f, ast.Attribute) and not isinstance(f.value, ast.Name):
                self.add("unwrap", node, f.value)   # x.abs() -> x (not np.abs())
        if name == "range" and isinstance(f, ast.Name) and node.args and not node.keywords:
            a = node.args
            stop = a[0] if len(a) == 1 else a[1]
            if not isinstance(stop, ast.Constant):
                self.add("range", stop, _plus(stop, 1))
                self.add("range", stop, _plus(stop, -1))
            if len(a) >= 2 and not isinstance(a[0], ast.Constant):
                self.add("range", a[0], _plus(a[0], 1))
            if len(a) == 1:
                m = copy.copy(node)
                m.args = [ast.Constant(1), a[0]]
                self.add("range", node, m)
        kws = {k.arg: k for k in node.keywords}
        for k in node.keywords:
            if k.arg in INERT:
                self._inert(k.value)
        if name in ("reshape", "view"):   # -1 means "the rest"; -2 is the same to numpy 1.x
            for a in node.args:
                if isinstance(a, ast.UnaryOp):
                    self._inert(a)
        if name in SEEDERS:
            for a in node.args:
                self._inert(a)
        if "ddof" in kws and isinstance(kws["ddof"].value, ast.Constant) and kws["ddof"].value.value in (0, 1):
            c = kws["ddof"].value
            self.skip_consts.add(id(c))
            self.add("ddof", c, ast.Constant(1 - c.value))
        elif name in ("std", "var", "nanstd", "nanvar") and isinstance(f, ast.Attribute) and isinstance(f.value, ast.Name) and f.value.id in ("np", "numpy"):
            m = copy.copy(node)
            m.keywords = list(node.keywords) + [ast.keyword("ddof", ast.Constant(1))]
            self.add("ddof", node, m)
        if "axis" in kws and isinstance(kws["axis"].value, (ast.Constant, ast.UnaryOp)):
            c = kws["axis"].value
            v = c.value if isinstance(c, ast.Constant) else -1 if isinstance(c.op, ast.USub) and getattr(c.operand, "value", None) == 1 else None
            new = {0: 1, 1: 0, -1: 0, "index": "columns", "columns": "index", "rows": "columns"}.get(v) if not isinstance(v, bool) else None
            if new is not None:
                if isinstance(c, ast.Constant):
                    self.skip_consts.add(id(c))
                else:
                    self.skip_consts.add(id(c.operand))
                self.add("axis", c, ast.Constant(new))
        self.generic_visit(node)

    def visit_Return(self, node):
        v = node.value
        if v is None or (isinstance(v, ast.Constant) and v.value is None):
            return
        self.add("retnone", node, ast.Return(ast.Constant(None)))
        core = v
        while isinstance(core, ast.Call) and _func_name(core) in CONVERSIONS:
            if core.args and not isinstance(core.args[0], ast.Starred):
                core = core.args[0]
            elif isinstance(core.func, ast.Attribute) and not core.args:
                core = core.func.value
            else:
                break
        while isinstance(core, ast.Attribute) and core.attr in CONVERSIONS:
            core = core.value
        ops = []
        if isinstance(core, ast.BinOp):
            ops = [core.left, core.right]
        elif isinstance(core, ast.BoolOp):
            ops = list(core.values)
        elif isinstance(core, ast.Compare):
            ops = [core.left] + list(core.comparators)
        elif isinstance(core, ast.IfExp):
            ops = [core.body, core.orelse]
        elif isinstance(core, ast.UnaryOp):
            ops = [core.operand]
        elif isinstance(core, ast.Subscript):
            ops = [core.value]
        elif isinstance(core, ast.Call):
            ops = [a for a in core.args if not isinstance(a, ast.Starred)]
            if isinstance(core.func, ast.Attribute) and not isinstance(core.func.value, ast.Name):
                ops.append(core.func.value)   # x.sum() -> x
            elif isinstance(core.func, ast.Attribute) and isinstance(core.func.value, ast.Name) and core.func.value.id not in ("np", "numpy", "pd", "math", "stats", "torch", "sm", "smf"):
                ops.append(core.func.value)
        for o in ops:
            if o is not core:
                self.add("retop", core, o)
        self.generic_visit(node)


def _line_starts(data):
    starts = [0]
    for i, b in enumerate(data):
        if b == 10:
            starts.append(i + 1)
    return starts


def _render(new, is_stmt, grouped=False):
    text = ast.unparse(ast.fix_missing_locations(new))
    if is_stmt or grouped or isinstance(new, ATOMIC) or (isinstance(new, ast.Constant) and not (isinstance(new.value, (int, float)) and new.value < 0)):
        return text
    return f"({text})"


def _short(text, limit=150):
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def generate(source, key, cap, seed=SEED):
    """All compiling mutants of `source` (deduplicated), then at most `cap` of them chosen
    deterministically; each {id, op, line, desc, source}."""
    try:
        tree = ast.parse(source)
    except SyntaxError:
        return [], 0
    col = _Collector()
    col.visit(tree)
    data = source.encode("utf-8")
    starts = _line_starts(data)
    seen = {source}
    counts = {}
    found = []
    for op, node, new in col.edits:
        if not hasattr(node, "end_lineno") or node.end_lineno is None:
            continue
        a = starts[node.lineno - 1] + node.col_offset
        b = starts[node.end_lineno - 1] + node.end_col_offset
        try:
            grouped = data[a - 1:a] == b"(" and data[b:b + 1] == b")"
            rep = _render(new, isinstance(node, ast.stmt), grouped).encode("utf-8")
        except Exception:  # noqa: BLE001
            continue
        if rep == data[a:b]:
            continue
        mutated = (data[:a] + rep + data[b:]).decode("utf-8")
        if mutated in seen:
            continue
        seen.add(mutated)
        try:
            compile(mutated, "<mutant>", "exec")
        except (SyntaxError, ValueError):
            continue
        la = starts[node.lineno - 1]
        lb = starts[node.end_lineno] - 1 if node.end_lineno < len(starts) else len(data)
        before = data[la:lb].decode("utf-8")
        after = (data[la:a] + rep + data[b:lb]).decode("utf-8")
        base = f"{op}|{' '.join(before.split())}|{' '.join(after.split())}"
        counts[base] = counts.get(base, 0) + 1
        mid = f"{op}-{hashlib.sha1(f'{base}|{counts[base]}'.encode()).hexdigest()[:7]}"
        found.append({"id": mid, "op": op, "line": node.lineno,
                      "desc": f"L{node.lineno}: {_short(before)} → {_short(after)}", "source": mutated})
    total = len(found)
    if len(found) > cap:
        rng = random.Random(int(hashlib.sha256(f"{seed}:{key}".encode()).hexdigest(), 16))
        groups = {}
        for m in found:
            groups.setdefault(m["op"], []).append(m)
        order = sorted(groups)
        for g in order:
            rng.shuffle(groups[g])
        chosen = []
        while len(chosen) < cap:
            for g in order:
                if groups[g] and len(chosen) < cap:
                    chosen.append(groups[g].pop())
        found = sorted(chosen, key=lambda m: (m["line"], m["id"]))
    return found, total


def _load_json(path):
    if not os.path.exists(path):
        return {}
    with open(path, encoding="utf-8") as f:
        return json.load(f)


def mutants_for(topic, task, cap, extras):
    key = f"{topic}/{task['id']}"
    ms, total = generate(task["solution"], key, cap)
    for e in extras.get(key, []):
        try:
            compile(e["solution"], "<extra>", "exec")
        except SyntaxError as err:
            ms.append({"id": f"extra-{e['id']}", "op": "extra", "line": 0, "desc": f"hand-written {e['id']}: does not compile ({err})", "source": None})
            continue
        ms.append({"id": f"extra-{e['id']}", "op": "extra", "line": 0,
                   "desc": f"hand-written {e['id']}: {e.get('note') or _short(e['solution'], 120)}", "source": e["solution"]})
    return ms, total


# ---------------------------------------------------------------------------------------------
# Worker: one exercise, in its own process
# ---------------------------------------------------------------------------------------------

class _Timeout(BaseException):
    pass


def _on_alarm(_sig, _frame):
    raise _Timeout()


def _msg(e):
    return _short(f"{type(e).__name__}: {e}", 240)


def _child(ns, rc, source, check, task_id, timeout, w):
    """In the forked child: run the (mutated) solution, then the check; report on pipe `w`."""
    devnull = os.open(os.devnull, os.O_RDWR)
    for fd in (0, 1, 2):
        os.dup2(devnull, fd)
    signal.signal(signal.SIGALRM, _on_alarm)
    signal.setitimer(signal.ITIMER_REAL, timeout)
    try:
        try:
            exec(compile(source, f"<solution {task_id}>", "exec"), ns)
        except _Timeout:
            raise
        except BaseException as e:  # noqa: BLE001
            out = ("error", "solution raised " + _msg(e))
        else:
            try:
                with rc.check(task_id):
                    exec(compile(check, f"<check {task_id}>", "exec"), ns)
                out = ("survived", "")
            except _Timeout:
                raise
            except BaseException as e:  # noqa: BLE001
                out = ("killed", _msg(e))
        signal.setitimer(signal.ITIMER_REAL, 0)
    except _Timeout:
        out = ("timeout", f"over {timeout:g} s")
    os.write(w, json.dumps(out).encode("utf-8")[:4000])
    os._exit(0)


def run_forked(ns, rc, source, check, task_id, timeout):
    r, w = os.pipe()
    sys.stdout.flush()
    sys.stderr.flush()
    pid = os.fork()
    if pid == 0:
        try:
            os.close(r)
            _child(ns, rc, source, check, task_id, timeout, w)
        finally:
            os._exit(3)
    os.close(w)
    deadline = time.monotonic() + timeout + 10
    status = None
    try:
        pidfd = os.pidfd_open(pid)
    except (AttributeError, OSError):
        pidfd = None
    while status is None:
        left = deadline - time.monotonic()
        if left <= 0:
            os.kill(pid, signal.SIGKILL)
            os.waitpid(pid, 0)
            status = "hard-timeout"
            break
        if pidfd is not None:
            select.select([pidfd], [], [], left)
        else:
            time.sleep(0.002)
        done, st = os.waitpid(pid, os.WNOHANG)
        if done:
            status = st
    if pidfd is not None:
        os.close(pidfd)
    chunks = []
    while True:
        b = os.read(r, 65536)
        if not b:
            break
        chunks.append(b)
    os.close(r)
    if status == "hard-timeout":
        return "timeout", f"killed after {timeout + 10:g} s"
    try:
        return tuple(json.loads(b"".join(chunks).decode("utf-8", "replace")))
    except ValueError:
        if os.WIFSIGNALED(status):
            return "crash", f"child died of signal {os.WTERMSIG(status)}"
        return "crash", f"child exited {os.waitstatus_to_exitcode(status)} without a result"


def worker(args):
    t0 = time.monotonic()
    job = _load_json(args.worker)   # written by run_one: the exercise and its extra mutants
    ex, extras, topic = job["exercise"], job["extras"], job["topic"]
    result = {"topic": topic, "setup_error": None, "tasks": []}
    out_path = args.out
    # Keep the worker's own stdout clean of whatever the exercise prints.
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, 1)
    sys.path.insert(0, CHECKER_DIR)
    import _roadmap_check as rc
    work = tempfile.mkdtemp(prefix="mutate-")
    os.chdir(work)
    # The exercise runs as the __main__ module, as in a kernel, so pickle (multiprocessing,
    # joblib) finds the functions it defines.
    main_mod = types.ModuleType("__main__")
    sys.modules["__main__"] = main_mod
    ns = main_mod.__dict__
    ns["rc"] = rc
    try:
        signal.signal(signal.SIGALRM, _on_alarm)
        signal.alarm(args.timeout * 3)
        exec(compile(ex["setup"], "<setup>", "exec"), ns)
        signal.alarm(0)
    except BaseException as e:  # noqa: BLE001
        signal.alarm(0)
        result["setup_error"] = _msg(e)
    for task in ex["tasks"]:
        tid = task["id"]
        tr = {"id": tid, "sanity": None, "generated": 0, "mutants": []}
        result["tasks"].append(tr)
        if result["setup_error"]:
            tr["sanity"] = ["error", "setup failed"]
            continue
        t1 = time.monotonic()
        ref = run_forked(ns, rc, task["solution"], task["check"], tid, 3 * args.timeout)
        # A mutant may take 10 times as long as the reference (at least 3 s, at most --timeout).
        limit = min(float(args.timeout), max(3.0, 10 * (time.monotonic() - t1)))
        tr["sanity"] = list(ref)
        ms, total = mutants_for(topic, task, args.max_per_task, extras)
        tr["generated"] = total
        if ref[0] == "survived":   # the reference passes its check
            for m in ms:
                if m["source"] is None:
                    outcome = ("invalid", "does not compile")
                else:
                    outcome = run_forked(ns, rc, m["source"], task["check"], tid, limit)
                tr["mutants"].append({k: m[k] for k in ("id", "op", "desc")} | {"outcome": outcome[0], "message": outcome[1]})
        # Advance the notebook: this task's reference solution and check, as a learner runs them.
        try:
            signal.alarm(args.timeout * 3)
            exec(compile(task["solution"], f"<solution {tid}>", "exec"), ns)
            with rc.check(tid):
                exec(compile(task["check"], f"<check {tid}>", "exec"), ns)
        except BaseException:  # noqa: BLE001  reported by the sanity run
            pass
        finally:
            signal.alarm(0)
    os.chdir(ROOT)
    shutil.rmtree(work, ignore_errors=True)
    result["seconds"] = round(time.monotonic() - t0, 2)
    with open(out_path, "w", encoding="utf-8") as f:
        json.dump(result, f)
    return 0


# ---------------------------------------------------------------------------------------------
# Driver
# ---------------------------------------------------------------------------------------------

def stage_of_topics():
    path = os.path.join(ROOT, "dist", "roadmap.json")
    stages = {}
    try:
        for s in _load_json(path)["roadmap"]["stages"]:
            for sec in s["sections"]:
                for t in sec["topics"]:
                    stages[t["id"]] = f"{s['number']}-{s['id']}"
    except (KeyError, TypeError):
        pass
    return stages


def equivalents():
    """{"topic/task": {id: reason}} from equivalent-mutants.json."""
    out = {}
    for key, items in _load_json(EQUIVALENT_FILE).items():
        d = out.setdefault(key, {})
        for it in items:
            if isinstance(it, dict):
                d[str(it.get("id") or it.get("mutant"))] = str(it.get("reason", ""))
            else:
                mid, _, reason = str(it).partition(":")
                d[mid.strip()] = reason.strip()
    return out


def run_one(topic, exercise, extras, args):
    fd, out = tempfile.mkstemp(prefix=f"mutate-{topic}-", suffix=".json")
    os.close(fd)
    fd, job = tempfile.mkstemp(prefix=f"mutate-job-{topic}-", suffix=".json")
    with os.fdopen(fd, "w", encoding="utf-8") as f:
        json.dump({"topic": topic, "exercise": exercise, "extras": extras}, f)
    cmd = [sys.executable, os.path.abspath(__file__), "--worker", job, "--out", out,
           "--max-per-task", str(args.max_per_task),
           "--timeout", str(args.timeout)]
    env = dict(os.environ, MPLBACKEND="Agg", PYTHONHASHSEED="0", OMP_NUM_THREADS="1",
               OPENBLAS_NUM_THREADS="1", MKL_NUM_THREADS="1", PYDEVD_DISABLE_FILE_VALIDATION="1",
               TOKENIZERS_PARALLELISM="false", PYTHONDONTWRITEBYTECODE="1")
    env.pop("PYTHONPATH", None)
    t0 = time.monotonic()
    try:
        p = subprocess.run(cmd, capture_output=True, text=True, env=env, timeout=args.exercise_timeout)
        with open(out, encoding="utf-8") as f:
            text = f.read()
        res = json.loads(text) if text.strip() else None
        err = None if res else f"worker exited {p.returncode}: {_short(p.stderr[-600:], 600)}"
    except subprocess.TimeoutExpired:
        res, err = None, f"worker passed {args.exercise_timeout} s"
    except (OSError, ValueError) as e:
        res, err = None, _msg(e)
    finally:
        for path in (out, job):
            if os.path.exists(path):
                os.unlink(path)
    return {"topic": topic, "result": res, "error": err, "seconds": round(time.monotonic() - t0, 1)}


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("filter", nargs="?", help="stage number or topic id")
    ap.add_argument("--min-kill-rate", type=float, default=0.97)
    ap.add_argument("--max-per-task", type=int, default=25)
    ap.add_argument("--timeout", type=int, default=20, help="seconds per mutant at most (10x the reference's time, at least 3 s)")
    ap.add_argument("--exercise-timeout", type=int, default=900, help="seconds per exercise")
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--exercises", default=os.path.join(ROOT, "dist", "exercises.json"))
    ap.add_argument("--list", action="store_true", help="only list the mutants, run nothing")
    ap.add_argument("--verbose", action="store_true", help="also print every killed mutant and why")
    ap.add_argument("--worker", help=argparse.SUPPRESS)
    ap.add_argument("--out", help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.worker:
        return worker(args)

    t0 = time.monotonic()
    for attempt in range(5):   # a build running beside us rewrites the file
        try:
            with open(args.exercises, encoding="utf-8") as f:
                exercises = json.load(f)["exercises"]
            break
        except (OSError, ValueError, KeyError):
            if attempt == 4:
                raise
            time.sleep(2)
    stages = stage_of_topics()
    topics = [t for t, e in exercises.items() if e.get("kind") == "code"]
    f = args.filter
    if f is not None:
        if f.isdigit():
            topics = [t for t in topics if stages.get(t, "").split("-")[0] == str(int(f))]
        else:
            topics = [t for t in topics if t == f]
        if not topics:
            print(f"no coded exercise matches {f!r}")
            print("LAYER-RESULT passed=0 failed=1")
            return 1
    topics.sort(key=lambda t: (stages.get(t, "9"), t))
    extras = _load_json(EXTRA_FILE)
    unknown = [k for k in extras if k.split("/")[0] not in exercises or not any(t["id"] == k.split("/", 1)[-1] for t in exercises[k.split("/")[0]].get("tasks", []))]
    for k in unknown:
        print(f"warning: extra-mutants.json names {k}, which is not a task")

    if args.list:
        for t in topics:
            for task in exercises[t]["tasks"]:
                ms, total = mutants_for(t, task, args.max_per_task, extras)
                print(f"{t}/{task['id']}: {len(ms)} mutants (of {total} generated)")
                for m in ms:
                    print(f"  {m['id']:<16} {m['desc']}")
        return 0

    equiv = equivalents()
    used_equiv = set()
    stats = {}          # stage -> [mutants counted, killed]
    passed = failed = 0
    sanity_failures = []
    crashed = []
    totals = {"mutants": 0, "killed": 0, "equivalent": 0}
    broken_topics = set()
    print(f"mutation test of {len(topics)} exercises, at most {args.max_per_task} mutants per task, {args.workers} workers", flush=True)
    with ThreadPoolExecutor(args.workers) as pool:
        for r in pool.map(lambda t: run_one(t, exercises[t], extras, args), topics):
            topic = r["topic"]
            stage = stages.get(topic, "?")
            st = stats.setdefault(stage, [0, 0])
            res = r["result"]
            if res is None:
                failed += 1
                broken_topics.add(topic)
                crashed.append(topic)
                print(f"\n✗ {topic} [{stage}]: could not run: {r['error']}", flush=True)
                continue
            lines = []
            n = k = eq = 0
            bad = False
            if res["setup_error"]:
                bad = True
                broken_topics.add(topic)
                lines.append(f"    setup raised {res['setup_error']}")
            for tr in res["tasks"]:
                key = f"{topic}/{tr['id']}"
                if tr["sanity"][0] != "survived":
                    bad = True
                    broken_topics.add(topic)
                    sanity_failures.append(key)
                    lines.append(f"    ✗ {tr['id']}: the reference solution fails its check: {tr['sanity'][0]} {tr['sanity'][1]}")
                    continue
                tk = ts = te = 0
                surv = []
                for m in tr["mutants"]:
                    if m["outcome"] == "invalid":
                        lines.append(f"    ! {tr['id']} {m['id']}: {m['desc']}")
                        continue
                    listed = m["id"] in equiv.get(key, {}) or m["desc"] in equiv.get(key, {})
                    if listed:
                        used_equiv.add((key, m["id"]))
                        used_equiv.add((key, m["desc"]))
                    if m["outcome"] == "survived":
                        if listed:
                            te += 1
                            surv.append(f"      = {m['id']:<15} {m['desc']}  (equivalent: {equiv[key].get(m['id'], equiv[key].get(m['desc'], ''))})")
                        else:
                            ts += 1
                            surv.append(f"      ✗ {m['id']:<15} {m['desc']}")
                    else:
                        tk += 1
                        if args.verbose:
                            surv.append(f"      - {m['id']:<15} {m['outcome']}: {m['desc']}  [{m['message']}]")
                        if listed:
                            surv.append(f"      ! {m['id']:<15} listed as equivalent but killed ({m['outcome']}): {m['desc']}")
                n += tk + ts
                k += tk
                eq += te
                if ts:
                    bad = True
                if surv:
                    lines.append(f"    {tr['id']}: {tk + ts + te} mutants, {tk} killed, {ts} survived" + (f", {te} equivalent" if te else ""))
                    lines.extend(surv)
            st[0] += n
            st[1] += k
            totals["mutants"] += n
            totals["killed"] += k
            totals["equivalent"] += eq
            if bad:
                failed += 1
            else:
                passed += 1
            mark = "✗" if bad else "✓"
            print(f"\n{mark} {topic} [{stage}]: {n + eq} mutants, {k} killed, {n - k} survived" + (f", {eq} equivalent" if eq else "") + f"  ({r['seconds']} s)", flush=True)
            for line in lines:
                print(line, flush=True)

    stale = [(key, mid) for key, d in equiv.items() for mid in d if (key, mid) not in used_equiv
             and (args.filter is None or key.split("/")[0] in topics)]
    for key, mid in stale:
        print(f"warning: equivalent-mutants.json lists {key} {mid}, which is not among this run's mutants")
    rate = totals["killed"] / totals["mutants"] if totals["mutants"] else 1.0
    print("\nkill rate per stage (equivalent mutants excluded):")
    for stage in sorted(stats):
        m, kk = stats[stage]
        print(f"  {stage:<40} {kk}/{m} = {kk / m if m else 1.0:.1%}")
    print(f"overall kill rate: {totals['killed']}/{totals['mutants']} = {rate:.1%}"
          f" ({totals['equivalent']} equivalent excluded; threshold {args.min_kill_rate:.1%})")
    if sanity_failures:
        print(f"reference solutions failing their check: {', '.join(sanity_failures)}")
    if crashed:
        print(f"exercises that could not be run: {', '.join(crashed)}")
    print(f"time: {time.monotonic() - t0:.0f} s")
    # As a test layer: one test per exercise whose reference solution ran and passed its check,
    # one failure per exercise that could not run or whose reference fails, and one for a kill rate
    # under the threshold. Exercises that keep survivors (marked ✗ above) are the known gaps: they
    # are listed and counted here, and count against the kill rate, not as failures of their own.
    below = rate < args.min_kill_rate
    print(f"exercises with surviving mutants (not listed as equivalent): {failed} of {passed + failed}")
    broken = len(broken_topics)
    print(f"LAYER-RESULT passed={passed + failed - broken + (0 if below else 1)} failed={broken + (1 if below else 0)}")
    return 1 if below or broken_topics else 0


if __name__ == "__main__":
    sys.exit(main())
