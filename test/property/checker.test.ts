// The real checker (media/python/_roadmap_check.py) run by Debian's Python on real exercises: its
// output mapped to cells and test functions, and its words where it runs. Moved whole from
// test/unit/checkProblems.test.ts (the unit layer runs no Python). Needs /usr/bin/python3 with numpy and pytest.
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { notebookProblems, parseCheckOutput, scriptProblems, type CellText } from '../../src/core/exercises/checkProblems';
import { notebookToCheckScript } from '../../src/core/exercises/checkScript';
import { buildNotebook, buildScript } from '../../src/core/exercises/exerciseFiles';
import { loadExercises } from '../../src/build/exerciseLoader';
import type { Exercise } from '../../src/core/exercises/exerciseModel';
import { parseProbeOutput, PROBE_SCRIPT, type ProbeResult } from '../../src/core/exercises/pythonEnv';
import { realTopics, ROOT } from '../unit/fixtures';

function realExercises(): { items: ReturnType<typeof realTopics>['items']; exercises: ReadonlyMap<string, Exercise> } {
  const { items } = realTopics();
  const dir = path.join(ROOT, 'roadmap', 'exercises');
  const files = fs.readdirSync(dir).filter((n) => n.endsWith('.yaml')).sort().map((n) => ({ name: `exercises/${n}`, text: fs.readFileSync(path.join(dir, n), 'utf8') }));
  return { items, exercises: loadExercises(files, items.map((i) => i.topic.id)).exercises };
}

/** A notebook's cells as the editor sees them. */
function cellsOf(notebook: string): CellText[] {
  return (JSON.parse(notebook).cells as { cell_type: string; source: string }[]).map((c) => ({ kind: c.cell_type === 'code' ? 'code' : 'markdown', text: c.source }));
}

/** Runs Python in a stage folder under one holding the shipped checker (as scaffolded); returns stdout + stderr. */
function runPython(dir: string, args: string[], stdin?: string): string {
  fs.copyFileSync(path.join(ROOT, 'media', 'python', '_roadmap_check.py'), path.join(dir, '_roadmap_check.py'));
  fs.mkdirSync(path.join(dir, 'stage'), { recursive: true });
  try {
    return execFileSync('/usr/bin/python3', args, { cwd: path.join(dir, 'stage'), input: stdin, encoding: 'utf8', stdio: ['pipe', 'pipe', 'pipe'], env: { ...process.env, MPLBACKEND: 'Agg' } });
  } catch (e) {
    const err = e as { stdout?: string; stderr?: string };
    return `${err.stdout ?? ''}${err.stderr ?? ''}`;
  }
}
describe('the real checker\'s output, mapped to where failing checks show', () => {
  it('maps the real checker\'s output of an untouched notebook to each task\'s check cell', function () {
    this.timeout(60_000);
    const { items, exercises } = realExercises();
    const item = items.find((i) => i.topic.id === 'dot-product')!;
    const exercise = exercises.get('dot-product')!;
    const nb = buildNotebook(item.topic, item.stage, exercise);
    const script = notebookToCheckScript(nb);
    assert.ok(!('error' in script));
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ds-problems-'));
    try {
      const output = runPython(dir, ['-'], script.script);
      const cells = cellsOf(nb);
      const problems = notebookProblems(parseCheckOutput(output), cells);
      assert.deepEqual(problems.map((p) => p.task), ['dot', 'cosine'], output);
      for (const p of problems) {
        assert.equal(cells[p.cell!].kind, 'code');
        assert.match(cells[p.cell!].text.split('\n')[p.line], new RegExp(`with rc\\.check\\("${p.task}"\\)`));
        assert.match(p.message, /^not implemented yet/);
      }
      // Solved: nothing left to show.
      const solved = notebookToCheckScript(buildNotebook(item.topic, item.stage, exercise, { solved: true }));
      assert.ok(!('error' in solved));
      const passing = runPython(dir, ['-'], solved.script);
      assert.match(passing, /All 2 checks passed/);
      assert.deepEqual(notebookProblems(parseCheckOutput(passing), cells), []);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('maps the real checker\'s output of a script to its test functions, with the check\'s message', function () {
    this.timeout(60_000);
    const { items, exercises } = realExercises();
    const item = items.find((i) => i.topic.id === 'dot-product')!;
    const exercise = exercises.get('dot-product')!;
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ds-problems-'));
    try {
      // Half solved, and the second task wrong: one "not implemented", one "expected ..., got ...".
      const text = buildScript(item.topic, item.stage, exercise, { solved: true }).replace(/return dot\(u, v\) \/ .*/, 'return 0.5');
      const file = path.join(dir, 'stage', 'dot-product.py');
      fs.mkdirSync(path.dirname(file), { recursive: true });
      fs.writeFileSync(file, text);
      const problems = scriptProblems(parseCheckOutput(runPython(dir, [file])), text, (f) => f === file);
      assert.equal(problems.length, 1, JSON.stringify(problems));
      assert.equal(problems[0].task, 'cosine');
      assert.match(problems[0].message, /^expected cosine\(.+\) ≈ .+, got 0\.5$/);
      assert.equal(text.split('\n')[problems[0].line], 'def test_cosine():');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('the checker\'s "not implemented yet" says how to run again where it runs', () => {
  const CELL = 'complete the TODO above, then run this cell again';
  const FILE = 'complete the TODO above, then run this file again (or pytest)';
  const untouched = () => {
    const { items, exercises } = realExercises();
    const item = items.find((i) => i.topic.id === 'dot-product')!;
    return { item, exercise: exercises.get('dot-product')! };
  };
  const withDir = (fn: (dir: string) => void) => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ds-words-'));
    try {
      fn(dir);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  };

  it('a script run with python, or with pytest, is told to run this file again', function () {
    this.timeout(60_000);
    const { item, exercise } = untouched();
    withDir((dir) => {
      const file = path.join(dir, 'stage', 'dot-product.py');
      fs.mkdirSync(path.dirname(file), { recursive: true });
      fs.writeFileSync(file, buildScript(item.topic, item.stage, exercise));
      const failed = parseCheckOutput(runPython(dir, [file])).failed;
      assert.deepEqual(failed.map((f) => f.task), ['dot', 'cosine']);
      for (const f of failed) assert.ok(f.message.endsWith(FILE), f.message);
      const pytest = runPython(dir, ['-m', 'pytest', '-q', '-p', 'no:cacheprovider', file]);
      // pytest's own line for each failed check: `E   _roadmap_check.CheckFailed: [task] message`.
      const said = [...pytest.matchAll(/^E\s+\S*CheckFailed: \[([^\]]+)\] (.*)$/gm)].map((m) => [m[1], m[2].trim()]);
      assert.deepEqual(said, [['dot', `not implemented yet (dot): ${FILE}`], ['cosine', `not implemented yet (cosine): ${FILE}`]], pytest);
    });
  });

  it('a notebook is told to run this cell again: checked headless, or in a kernel', function () {
    this.timeout(60_000);
    const { item, exercise } = untouched();
    withDir((dir) => {
      const script = notebookToCheckScript(buildNotebook(item.topic, item.stage, exercise));
      assert.ok(!('error' in script));
      const failed = parseCheckOutput(runPython(dir, ['-'], script.script)).failed;
      assert.deepEqual(failed.map((f) => f.task), ['dot', 'cosine']);
      for (const f of failed) assert.ok(f.message.endsWith(CELL), f.message);
      // IPython's get_ipython() in a Jupyter kernel has a kernel; the terminal IPython's has none.
      const shells = [
        'import sys, types',
        'sys.path.insert(0, "..")',
        'import _roadmap_check as rc',
        'def todo():',
        '    raise NotImplementedError',
        'for shell in (type("ZMQ", (), {"kernel": object()})(), type("Terminal", (), {})(), None):',
        '    sys.modules["IPython"] = types.SimpleNamespace(get_ipython=lambda: shell)',
        '    try:',
        '        with rc.check("t"):',
        '            todo()',
        '    except rc.CheckFailed as e:',
        '        print(e)',
      ].join('\n');
      assert.deepEqual(runPython(dir, ['-'], shells).trim().split('\n'), [`[t] not implemented yet: ${CELL}`, `[t] not implemented yet: ${FILE}`, `[t] not implemented yet: ${FILE}`]);
    });
  });
});

// Moved whole from the unit layer (test/unit/pythonEnv.test.ts), which runs no Python.
describe('python environment: the probe in a real Python', () => {
  it('the probe script runs in one Python and its answer parses (when python3 is installed)', function () {
    let out: string;
    try {
      out = execFileSync('python3', ['-c', PROBE_SCRIPT, 'json=', 'no_such_module_xyz=no-such-dist', 'sqlite3='], { encoding: 'utf8', timeout: 30_000 });
    } catch {
      this.skip();
      return;
    }
    const r = parseProbeOutput(out) as ProbeResult;
    assert.ok(!('error' in r));
    assert.equal(r.packages.get('json')?.found, true);
    assert.equal(r.packages.get('no_such_module_xyz')?.found, false);
    assert.ok(r.version[0] === 3);
  });

});
