// Exercises inside the real VS Code: result files mark topics complete, and Check Exercise runs
// the learner's Python headless (Debian's /usr/bin/python3 through dsRoadmap.pythonPath).
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { EMPTY_PROGRESS } from '../../src/core/progress/progressState';
import { Commands } from '../../src/constants';
import type { CheckOutcome } from '../../src/vscode/exercises/checkRunner';
import { activateForTests, EXTENSION_ID, until, type TestApi } from './helpers';


describe('exercises in a real VS Code', () => {
  let a: TestApi;
  let ws: string;
  const cfg = () => vscode.workspace.getConfiguration('dsRoadmap');
  before(async () => {
    a = await activateForTests();
    ws = vscode.workspace.workspaceFolders![0].uri.fsPath;
    await cfg().update('pythonPath', '/usr/bin/python3', vscode.ConfigurationTarget.Workspace);
  });
  beforeEach(async () => a.store.replace(EMPTY_PROGRESS));
  after(async () => {
    await cfg().update('pythonPath', undefined, vscode.ConfigurationTarget.Workspace);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('writes the checker beside the exercises on the first scaffold', async () => {
    await vscode.commands.executeCommand(Commands.scaffoldScript, 'norms');
    assert.ok(fs.existsSync(path.join(ws, 'exercises', '_roadmap_check.py')));
    const before = fs.readFileSync(path.join(ws, 'exercises', '_roadmap_check.py'), 'utf8');
    fs.appendFileSync(path.join(ws, 'exercises', '_roadmap_check.py'), '\n# my own note\n');
    await vscode.commands.executeCommand(Commands.scaffoldNotebook, 'norms');
    assert.equal(fs.readFileSync(path.join(ws, 'exercises', '_roadmap_check.py'), 'utf8'), `${before}\n# my own note\n`, 'never overwritten');
  });

  it('marks a topic complete when a passed result file appears', async () => {
    // As when a learner scaffolds a notebook and runs it in Jupyter: the checker writes the result.
    await vscode.commands.executeCommand(Commands.scaffoldNotebook, 'vectors');
    const dir = path.join(ws, 'exercises', '.results');
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, 'vectors.json'), JSON.stringify({ topic: 'vectors', passed: true, checks: ['answers'], time: new Date().toISOString() }));
    await until(() => a.store.isDone('vectors'), 'the watcher to mark vectors complete', 15_000);
    assert.equal(a.store.snapshot.topics.vectors.source, 'check');
    assert.match(a.statusBar.text, /^\$\(mortar-board\) 1\//);
    fs.writeFileSync(path.join(dir, 'matrices.json'), JSON.stringify({ topic: 'matrices', passed: false }));
    fs.writeFileSync(path.join(dir, 'bogus.json'), '{not json');
    // What the watcher calls for each file, awaited (no sleep): neither marks anything.
    assert.equal(await a.results.onResult(vscode.Uri.file(path.join(dir, 'matrices.json'))), undefined);
    assert.equal(await a.results.onResult(vscode.Uri.file(path.join(dir, 'bogus.json'))), undefined);
    assert.equal(a.store.isDone('matrices'), false, 'a failed result marks nothing');
  });

  it('checks an untouched script: it fails and nothing is marked', async () => {
    const uri = vscode.Uri.parse(await vscode.commands.executeCommand<string>(Commands.scaffoldScript, 'dot-product'));
    const outcome = await vscode.commands.executeCommand<CheckOutcome>(Commands.checkExercise, uri);
    assert.equal(outcome.ran, true);
    assert.equal(outcome.passed, false);
    assert.equal(outcome.topic, 'dot-product');
    assert.match(outcome.output ?? '', /not implemented yet/);
    assert.equal(a.store.isDone('dot-product'), false);
  });

  it('checks a completed script: it passes and the topic is marked complete', async () => {
    const file = path.join(ws, 'exercises', '00-math-statistics', 'dot-product.py');
    const solved = fs.readFileSync(file, 'utf8')
      .replace(/def dot\(u, v\):[\s\S]*?raise NotImplementedError\("dot"\)/, 'def dot(u, v):\n    return float((np.asarray(u) * np.asarray(v)).sum())')
      .replace(/def cosine\(u, v\):[\s\S]*?raise NotImplementedError\("cosine"\)/, 'def cosine(u, v):\n    return dot(u, v) / (dot(u, u) ** 0.5 * dot(v, v) ** 0.5)');
    assert.ok(!solved.includes('NotImplementedError'), 'the test completed both TODOs');
    fs.writeFileSync(file, solved);
    const outcome = await vscode.commands.executeCommand<CheckOutcome>(Commands.checkExercise, vscode.Uri.file(file));
    assert.equal(outcome.passed, true, outcome.output);
    await until(() => a.store.isDone('dot-product'), 'dot-product to be complete', 15_000);
    assert.ok(fs.existsSync(path.join(ws, 'exercises', '.results', 'dot-product.json')));
  });

  it('checks a notebook headless, reporting every failed check', async () => {
    const uri = vscode.Uri.parse(await vscode.commands.executeCommand<string>(Commands.scaffoldNotebook, 'dot-product'));
    const outcome = await vscode.commands.executeCommand<CheckOutcome>(Commands.checkExercise, uri);
    assert.equal(outcome.ran, true);
    assert.equal(outcome.passed, false);
    assert.equal((outcome.output?.match(/✗ \[/g) ?? []).length, 2, outcome.output);
  });

  it('says clearly when Python is missing', async () => {
    await cfg().update('pythonPath', '/nonexistent/python3', vscode.ConfigurationTarget.Workspace);
    try {
      const uri = vscode.Uri.file(path.join(ws, 'exercises', '00-math-statistics', 'dot-product.py'));
      const outcome = await vscode.commands.executeCommand<CheckOutcome>(Commands.checkExercise, uri);
      assert.equal(outcome.ran, false);
      assert.match(outcome.reason ?? '', /^Python was not found \(tried '\/nonexistent\/python3', chosen by the dsRoadmap.pythonPath setting\)/);
    } finally {
      await cfg().update('pythonPath', '/usr/bin/python3', vscode.ConfigurationTarget.Workspace);
    }
  });

  it('says in one line which package is missing', async () => {
    const file = path.join(ws, 'exercises', '00-math-statistics', 'norms-needs.py');
    fs.writeFileSync(file, '# dsRoadmap-topic: norms\nimport sys, pathlib\nsys.path.insert(0, str(pathlib.Path(__file__).resolve().parent.parent))\nimport _roadmap_check as rc\nrc.require("sklearn", "no_such_package_xyz")\n');
    const outcome = await vscode.commands.executeCommand<CheckOutcome>(Commands.checkExercise, vscode.Uri.file(file));
    assert.equal(outcome.passed, false);
    assert.equal(outcome.reason, 'this exercise needs no_such_package_xyz: pip install no_such_package_xyz');
    // The message names the interpreter the check used, and why (it offers Roadmap: Set Up Python...).
    assert.equal(outcome.interpreter, '/usr/bin/python3 (the dsRoadmap.pythonPath setting)');
    assert.ok(!/Traceback/.test(outcome.output ?? ''), 'no traceback');
  });

  it('shows the reference solution only when asked', async () => {
    const uri = await vscode.commands.executeCommand<string>(Commands.showSolution, 'dot-product');
    const doc = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri)!;
    assert.match(doc.getText(), /return float\(\(np\.asarray\(u\) \* np\.asarray\(v\)\)\.sum\(\)\)/);
    const learnerFile = fs.readFileSync(path.join(ws, 'exercises', '00-math-statistics', 'dot-product.ipynb'), 'utf8');
    assert.ok(!learnerFile.includes('np.asarray(u) * np.asarray(v)'), 'the learner file holds no solution');
  });

  it('refuses a symlinked exercises folder or stage folder that leads outside, and writes nothing there', async () => {
    const outside = fs.mkdtempSync(path.join(os.tmpdir(), 'ds-roadmap-outside-'));
    const exercises = path.join(ws, 'exercises');
    const moved = `${exercises}-real`;
    try {
      fs.renameSync(exercises, moved);
      fs.symlinkSync(outside, exercises);
      await vscode.commands.executeCommand(Commands.scaffoldScript, 'eigenvalues-eigenvectors');
      assert.deepEqual(fs.readdirSync(outside), [], 'nothing was written through the link');
      fs.unlinkSync(exercises);
      fs.renameSync(moved, exercises);
      fs.mkdirSync(path.join(ws, 'exercises'), { recursive: true });
      const stage = path.join(ws, 'exercises', '02-machine-learning');
      fs.rmSync(stage, { recursive: true, force: true });
      fs.symlinkSync(outside, stage);
      await vscode.commands.executeCommand(Commands.scaffoldNotebook, 'pca');
      assert.deepEqual(fs.readdirSync(outside), [], 'nothing was written through the stage link');
      fs.unlinkSync(stage);
    } finally {
      if (fs.existsSync(moved)) {
        if (fs.lstatSync(exercises).isSymbolicLink()) fs.unlinkSync(exercises);
        fs.renameSync(moved, exercises);
      }
      fs.rmSync(outside, { recursive: true, force: true });
    }
  });

  it('repairs a checker that was cut short (a full disk) before a check, and the check works', async () => {
    const uri = vscode.Uri.parse(await vscode.commands.executeCommand<string>(Commands.scaffoldScript, 'matrices'));
    const checker = path.join(ws, 'exercises', '_roadmap_check.py');
    const shipped = fs.readFileSync(path.join(vscode.extensions.getExtension(EXTENSION_ID)!.extensionPath, 'media', 'python', '_roadmap_check.py'), 'utf8');
    fs.writeFileSync(checker, shipped.slice(0, 4096));
    const outcome = await vscode.commands.executeCommand<CheckOutcome>(Commands.checkExercise, uri);
    assert.equal(fs.readFileSync(checker, 'utf8'), shipped, 'the damaged checker was replaced whole');
    assert.equal(outcome.ran, true);
    assert.doesNotMatch(outcome.output ?? '', /SyntaxError/);
  });

  it('reports a check that forks and exits when it exits, one killed by a signal, and keeps about 1 MB of a flood of output', async () => {
    const dir = path.join(ws, 'exercises', '00-math-statistics');
    fs.mkdirSync(dir, { recursive: true });
    const write = (name: string, body: string) => {
      const file = path.join(dir, name);
      fs.writeFileSync(file, `# dsRoadmap-topic: vectors\nimport os, sys, signal, time\n${body}\n`);
      return vscode.Uri.file(file);
    };
    const fork = write('forker.py', 'if os.fork() == 0:\n    time.sleep(60)\n    os._exit(0)\nprint("parent done")\nsys.exit(3)');
    let t0 = Date.now();
    const forked = await vscode.commands.executeCommand<CheckOutcome>(Commands.checkExercise, fork);
    assert.ok(Date.now() - t0 < 15_000, `reported after ${Date.now() - t0} ms, not when the fork ends`);
    assert.equal(forked.exitCode, 3);
    const killed = await vscode.commands.executeCommand<CheckOutcome>(Commands.checkExercise, write('killed.py', 'os.kill(os.getpid(), signal.SIGKILL)'));
    assert.equal(killed.passed, false);
    assert.match(killed.reason ?? '', /killed \(SIGKILL\): out of memory\?/);
    t0 = Date.now();
    const flood = await vscode.commands.executeCommand<CheckOutcome>(Commands.checkExercise, write('flood.py', 'chunk = "é" * 1024 + "\\n"\nfor _ in range(50 * 1024):\n    sys.stdout.write(chunk)'));
    assert.ok((flood.output ?? '').length < 1_100_000, `${(flood.output ?? '').length} characters kept`);
    assert.match(flood.output ?? '', /more characters of output were not kept/);
    assert.doesNotMatch((flood.output ?? '').slice(0, 1_000_000), /\uFFFD/, 'no character broken across chunks');
    console.log(`      100 MB of output checked in ${Date.now() - t0} ms`);
  });

  it('rebuilds progress from passed checks that are newer than anything recorded, and keeps what the learner took back', async () => {
    const dir = path.join(ws, 'exercises', '.results');
    fs.mkdirSync(dir, { recursive: true });
    // A pass the learner later took back: the watcher marks it, then they mark it incomplete.
    fs.writeFileSync(path.join(dir, 'chain-rule.json'), JSON.stringify({ topic: 'chain-rule', passed: true, checks: ['x'], time: new Date().toISOString() }));
    await until(() => a.store.isDone('chain-rule'), 'the watcher to mark chain-rule', 15_000);
    await a.store.set('chain-rule', undefined);
    // The store is wiped (as in a fresh profile, everything recorded is older than the pass below).
    await a.store.replace(EMPTY_PROGRESS);
    fs.writeFileSync(path.join(dir, 'gradient.json'), JSON.stringify({ topic: 'gradient', passed: true, checks: ['x'], time: new Date(Date.now() + 60_000).toISOString() }));
    // Its file time from the same clock as the store's (the file system's coarse clock can lag it by a tick).
    fs.utimesSync(path.join(dir, 'gradient.json'), new Date(), new Date());
    await a.results.restoreFromResults();
    await until(() => a.store.isDone('gradient'), 'the pass to be restored', 15_000);
    assert.equal(a.store.snapshot.topics.gradient.source, 'check', 'done by a check');
    assert.deepEqual((await a.results.restoreFromResults()).map((t) => t.id), [], 'nothing is restored twice');
    assert.equal(a.store.isDone('chain-rule'), false, 'a pass older than the learner\'s own change stays taken back');
    assert.equal(await a.results.onResult(vscode.Uri.file(path.join(dir, 'chain-rule.json'))), undefined);
    const big = path.join(dir, 'big.json');
    fs.writeFileSync(big, JSON.stringify({ topic: 'big', passed: true, pad: 'x'.repeat(70 * 1024) }));
    assert.equal(await a.results.onResult(vscode.Uri.file(big)), undefined, 'a result over 64 KB is refused by its size');
    // A result dated a minute ahead counts from when its file was written: after a later reset it is old news.
    await a.store.replace(EMPTY_PROGRESS);
    assert.equal(await a.results.onResult(vscode.Uri.file(path.join(dir, 'gradient.json'))), undefined, 'a result from a clock ahead does not outrank a later reset');
    assert.equal(a.store.isDone('gradient'), false);
    for (const f of ['chain-rule.json', 'gradient.json', 'big.json']) fs.rmSync(path.join(dir, f), { force: true });
  });

  it('refuses imports that are too big or name too many unknown topics, and clamps dates in the future', async () => {
    const file = path.join(ws, 'import.json');
    const exportOf = (topics: Record<string, unknown>) => JSON.stringify({ schema: 'ds-roadmap-progress', version: 3, exportedAt: new Date().toISOString(), roadmap: 'x', topics });
    const entry = (updated: string) => ({ status: 'done', updated, source: 'manual', history: [{ status: 'done', at: updated, source: 'manual' }] });
    const many = Object.fromEntries(Array.from({ length: 10_001 }, (_, i) => [`unknown-${i}`, entry('2026-01-01T00:00:00.000Z')]));
    fs.writeFileSync(file, exportOf(many));
    const before = JSON.stringify(a.store.snapshot.topics);
    const r1 = await vscode.commands.executeCommand<{ error?: string }>(Commands.importProgress, vscode.Uri.file(file));
    assert.match(r1.error ?? '', /10001 topics this roadmap does not know/);
    assert.equal(JSON.stringify(a.store.snapshot.topics), before, 'nothing changed');
    fs.writeFileSync(file, ' '.repeat(5 * 1024 * 1024 + 1));
    const r2 = await vscode.commands.executeCommand<{ error?: string }>(Commands.importProgress, vscode.Uri.file(file));
    assert.match(r2.error ?? '', /too large/);
    const some = Object.fromEntries(Array.from({ length: 9_000 }, (_, i) => [`unknown-${i}`, entry('2026-01-01T00:00:00.000Z')]));
    fs.writeFileSync(file, exportOf({ ...some, vectors: entry('2999-01-01T00:00:00.000Z') }));
    await vscode.commands.executeCommand(Commands.importProgress, vscode.Uri.file(file));
    assert.ok(Object.keys(a.store.snapshot.topics).filter((id) => id.startsWith('unknown-')).length === 9_000 && a.store.snapshot.topics.vectors, 'unknown ids within the bound are kept');
    assert.ok(Date.parse(a.store.snapshot.topics.vectors.updated) <= Date.now(), 'a date in the future is clamped to the import time');
    const t0 = performance.now();
    await vscode.commands.executeCommand(Commands.markIncomplete, 'vectors');
    const ms = performance.now() - t0;
    console.log(`      Mark Incomplete after importing 9,001 topics: ${ms.toFixed(1)} ms`);
    assert.equal(a.store.isDone('vectors'), false, 'a later change beats the clamped one');
    fs.rmSync(file);
  });
});
