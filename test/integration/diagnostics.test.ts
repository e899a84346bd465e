// Results where you work: failing checks in the Problems panel, on the task's check cell or test
// function, cleared by a pass; commands about a topic act on the active exercise.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { Commands } from '../../src/constants';
import { checkNames, buildNotebook, buildScript } from '../../src/core/exercises/exerciseFiles';
import { EMPTY_PROGRESS } from '../../src/core/progress/progressState';
import type { CheckOutcome } from '../../src/vscode/exercises/checkRunner';
import { DIAGNOSTIC_SOURCE } from '../../src/vscode/exercises/checkDiagnostics';
import { SOLUTION_SCHEME } from '../../src/vscode/commands/solutionScheme';
import { activateForTests, until, type TestApi } from './helpers';

/** Replaces the whole text of an open document and saves it: the file on disk then holds `text`. */
async function typeAndSave(doc: vscode.TextDocument, text: string): Promise<void> {
  const edit = new vscode.WorkspaceEdit();
  edit.replace(doc.uri, new vscode.Range(0, 0, doc.lineCount, 0), text);
  assert.ok(await vscode.workspace.applyEdit(edit), 'the edit applies');
  assert.ok(await doc.save(), 'the document saves');
  assert.equal(doc.getText(), text);
  assert.equal(fs.readFileSync(doc.uri.fsPath, 'utf8'), text);
}

const TOPIC = 'derivatives';

/** Every diagnostic of ours, by the uri it is on. */
function ours(): [vscode.Uri, vscode.Diagnostic[]][] {
  return vscode.languages.getDiagnostics().map(([u, ds]) => [u, ds.filter((d) => d.source === DIAGNOSTIC_SOURCE)] as [vscode.Uri, vscode.Diagnostic[]]).filter(([, ds]) => ds.length);
}

describe('check results in the Problems panel', () => {
  let a: TestApi;
  let ws: string;
  const cfg = () => vscode.workspace.getConfiguration('dsRoadmap');
  /** The exercise files of TOPIC, untouched, half solved or solved. */
  const files = async () => {
    const index = (await a.roadmap.get()).index!;
    const topic = index.topic(TOPIC)!;
    const stage = index.stage(topic.stageId)!;
    const exercise = await a.catalog.exerciseFor(topic);
    const half = { ...exercise, tasks: exercise.tasks.map((t, i) => (i === 0 ? { ...t, starter: t.solution } : t)) };
    return {
      tasks: checkNames(exercise),
      notebook: (which: 'half' | 'solved') => (which === 'half' ? buildNotebook(topic, stage, half) : buildNotebook(topic, stage, exercise, { solved: true })),
      script: (which: 'half' | 'solved') => (which === 'half' ? buildScript(topic, stage, half) : buildScript(topic, stage, exercise, { solved: true })),
    };
  };
  before(async () => {
    a = await activateForTests();
    ws = vscode.workspace.workspaceFolders![0].uri.fsPath;
    await cfg().update('pythonPath', '/usr/bin/python3', vscode.ConfigurationTarget.Workspace);
    await a.store.replace(EMPTY_PROGRESS);
  });
  after(async () => {
    await cfg().update('pythonPath', undefined, vscode.ConfigurationTarget.Workspace);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('shows each failing task of a notebook on its check cell, and clears them as they pass', async function () {
    this.timeout(120_000);
    const { tasks, notebook } = await files();
    const uri = vscode.Uri.parse(await vscode.commands.executeCommand<string>(Commands.scaffoldNotebook, TOPIC));
    await until(() => vscode.window.activeNotebookEditor?.notebook.uri.toString() === uri.toString(), 'the notebook editor');
    // No argument: the active notebook is the exercise (a quick pick would never resolve here).
    const outcome = await vscode.commands.executeCommand<CheckOutcome>(Commands.checkExercise);
    assert.equal(outcome.topic, TOPIC);
    assert.equal(outcome.passed, false);
    const nb = vscode.window.activeNotebookEditor!.notebook;
    const shown = ours().filter(([u]) => u.path === uri.path);
    assert.equal(shown.length, tasks.length, JSON.stringify(shown));
    for (const [cellUri, ds] of shown) {
      const cell = nb.getCells().find((c) => c.document.uri.toString() === cellUri.toString());
      assert.ok(cell, `${cellUri} is a cell of the notebook`);
      assert.equal(ds.length, 1);
      const d = ds[0];
      assert.equal(d.severity, vscode.DiagnosticSeverity.Error);
      assert.match(d.message, /^not implemented yet/);
      assert.match(cell.document.lineAt(d.range.start.line).text, new RegExp(`^with rc\\.check\\("${d.code}"\\):`));
    }
    assert.deepEqual(shown.map(([, ds]) => ds[0].code).sort(), [...tasks].sort());
    // The first task solved: its problem goes, the others stay.
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    fs.writeFileSync(uri.fsPath, notebook('half'));
    await vscode.commands.executeCommand<CheckOutcome>(Commands.checkExercise, uri);
    assert.deepEqual(a.diagnostics.of(uri).map((d) => d.code).sort(), tasks.slice(1).sort());
    // All solved: the notebook has no problem left.
    fs.writeFileSync(uri.fsPath, notebook('solved'));
    const passed = await vscode.commands.executeCommand<CheckOutcome>(Commands.checkExercise, uri);
    assert.equal(passed.passed, true, passed.output);
    assert.deepEqual(ours().filter(([u]) => u.path === uri.path), []);
  });

  it('shows a script\'s failures on its test functions with the check\'s own message', async function () {
    this.timeout(120_000);
    const { tasks, script } = await files();
    const uri = vscode.Uri.parse(await vscode.commands.executeCommand<string>(Commands.scaffoldScript, TOPIC));
    await until(() => vscode.window.activeTextEditor?.document.uri.toString() === uri.toString(), 'the script editor');
    // The active script is the exercise: no topic is asked for.
    const outcome = await vscode.commands.executeCommand<CheckOutcome>(Commands.checkExercise);
    assert.equal(outcome.topic, TOPIC);
    const ds = vscode.languages.getDiagnostics(uri).filter((d) => d.source === DIAGNOSTIC_SOURCE);
    assert.deepEqual(ds.map((d) => d.code), tasks);
    const doc = vscode.window.activeTextEditor!.document;
    for (const d of ds) assert.equal(doc.lineAt(d.range.start.line).text, `def test_${String(d.code).replace(/-/g, '_')}():`);
    // A wrong answer gets the checker's "expected ..., got ..." message.
    const wrong = script('solved').replace(/def test_/, 'forward_diff = lambda f, x, h=1e-6: 0.0\n\n\ndef test_');
    // Typed and saved in the editor, as a learner does (a write behind the editor's back would
    // wait on the file watcher, which a loaded machine can leave seconds behind).
    await typeAndSave(doc, wrong);
    await vscode.commands.executeCommand<CheckOutcome>(Commands.checkExercise, uri);
    const after = vscode.languages.getDiagnostics(uri).filter((d) => d.source === DIAGNOSTIC_SOURCE);
    assert.deepEqual(after.map((d) => d.code), [tasks[0]]);
    assert.match(after[0].message, /^expected .+ got /);
    await typeAndSave(doc, script('solved'));
    const passed = await vscode.commands.executeCommand<CheckOutcome>(Commands.checkExercise, uri);
    assert.equal(passed.passed, true, passed.output);
    assert.deepEqual(vscode.languages.getDiagnostics(uri).filter((d) => d.source === DIAGNOSTIC_SOURCE), []);
  });

  it('clears a topic\'s problems when a run in Jupyter writes its passing result', async function () {
    this.timeout(120_000);
    const { script } = await files();
    const uri = vscode.Uri.file(path.join(ws, 'exercises', '00-math-statistics', `${TOPIC}.py`));
    fs.writeFileSync(uri.fsPath, script('half'));
    await vscode.commands.executeCommand<CheckOutcome>(Commands.checkExercise, uri);
    assert.ok(a.diagnostics.of(uri).length > 0);
    const result = path.join(ws, 'exercises', '.results', `${TOPIC}.json`);
    fs.writeFileSync(result, JSON.stringify({ topic: TOPIC, passed: true, checks: ['x'], time: new Date().toISOString() }));
    await until(() => a.diagnostics.of(uri).length === 0, 'the result file to clear the problems', 15_000);
    assert.deepEqual(vscode.languages.getDiagnostics(uri).filter((d) => d.source === DIAGNOSTIC_SOURCE), []);
  });

  it('asks which exercise to check only when none is active', async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    const pending = vscode.commands.executeCommand<CheckOutcome>(Commands.checkExercise);
    let settled = false;
    void pending.then(() => { settled = true; });
    // The picker of the topics that have an exercise is waiting for the learner: dismiss it.
    await new Promise((r) => setTimeout(r, 1500));
    assert.equal(settled, false, 'the command waits for a choice');
    await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
    assert.deepEqual(await pending, { ran: false, reason: 'cancelled' });
  });

  it('Show Solution, Mark Complete and Open Notes act on the active exercise', async () => {
    await a.store.replace(EMPTY_PROGRESS);
    const uri = vscode.Uri.file(path.join(ws, 'exercises', '00-math-statistics', `${TOPIC}.py`));
    await vscode.window.showTextDocument(uri);
    const solution = await vscode.commands.executeCommand<string>(Commands.showSolution);
    assert.equal(solution, vscode.Uri.from({ scheme: SOLUTION_SCHEME, path: `/${TOPIC}-solution.py` }).toString());
    await vscode.window.showTextDocument(uri);
    assert.equal(await vscode.commands.executeCommand<string>(Commands.markComplete), TOPIC);
    assert.equal(a.store.isDone(TOPIC), true);
    await vscode.window.showTextDocument(uri);
    const note = await vscode.commands.executeCommand<string>(Commands.openNotes);
    assert.match(note ?? '', new RegExp(`/${TOPIC}\\.md$`));
  });
});
