// Exercises inside the real VS Code: result files mark topics complete, and Check Exercise runs
// the learner's Python headless (Debian's /usr/bin/python3 through dsRoadmap.pythonPath).
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { EMPTY_PROGRESS } from '../../src/core/progress/progressState';
import { Commands } from '../../src/constants';
import type { CheckOutcome } from '../../src/vscode/exercises/checkRunner';
import { activateForTests, until, type TestApi } from './helpers';


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
    await new Promise((r) => setTimeout(r, 1500));
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
      assert.match(outcome.reason ?? '', /^Python was not found \(tried '\/nonexistent\/python3'\)/);
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
    assert.ok(!/Traceback/.test(outcome.output ?? ''), 'no traceback');
  });

  it('shows the reference solution only when asked', async () => {
    const uri = await vscode.commands.executeCommand<string>(Commands.showSolution, 'dot-product');
    const doc = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri)!;
    assert.match(doc.getText(), /return float\(\(np\.asarray\(u\) \* np\.asarray\(v\)\)\.sum\(\)\)/);
    const learnerFile = fs.readFileSync(path.join(ws, 'exercises', '00-math-statistics', 'dot-product.ipynb'), 'utf8');
    assert.ok(!learnerFile.includes('np.asarray(u) * np.asarray(v)'), 'the learner file holds no solution');
  });
});
