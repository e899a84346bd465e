// Runs inside the real VS Code (code-server) extension host.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { EMPTY_PROGRESS } from '../../src/core/progress/progressState';
import { Commands } from '../../src/constants';
import { activateForTests, dashboardReady, topicReady, until, webviewTabCount, type TestApi } from './helpers';

const pkg = JSON.parse(fs.readFileSync(path.resolve(__dirname, '..', '..', '..', 'package.json'), 'utf8'));

const api = activateForTests;

describe('extension in a real VS Code', () => {
  let a: TestApi;
  before(async () => {
    a = await api();
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await a.store.replace(EMPTY_PROGRESS);
  });

  it('registers every contract command', async () => {
    const all = await vscode.commands.getCommands(true);
    for (const id of Object.values(Commands)) assert.ok(all.includes(id), `${id} registered`);
    const contributed = pkg.contributes.commands.map((c: { command: string }) => c.command);
    for (const id of contributed) assert.ok(all.includes(id), `${id} from package.json registered`);
  });

  it('shows done/total and a percentage in the status bar, updated by a command', async () => {
    const total = a.roadmap.summary.topicIds.length;
    assert.ok(total > 100);
    assert.equal(a.statusBar.text, `$(mortar-board) 0/${total} (0%)`);
    const id = a.roadmap.summary.topicIds[0];
    await vscode.commands.executeCommand(Commands.markComplete, id);
    assert.equal(a.statusBar.text, `$(mortar-board) 1/${total} (1%)`, 'one topic done never shows 0%');
    assert.equal(a.store.isDone(id), true);
    await vscode.commands.executeCommand(Commands.markIncomplete, id);
    assert.equal(a.statusBar.text, `$(mortar-board) 0/${total} (0%)`);
  });

  it('opens the right topic page, one per topic, and reveals it in the tree', async () => {
    await vscode.commands.executeCommand('workbench.view.extension.dsRoadmap');
    await until(() => a.tree.view.visible, 'the tree view to be visible');
    const ready = topicReady(a);
    await vscode.commands.executeCommand(Commands.openTopic, 'gradient-descent');
    assert.equal((await ready).topicId, 'gradient-descent', 'the webview painted and reported ready');
    assert.deepEqual(a.pages.openTopicIds, ['gradient-descent']);
    await vscode.commands.executeCommand(Commands.openTopic, 'gradient-descent');
    assert.deepEqual(a.pages.openTopicIds, ['gradient-descent'], 'the existing page is revealed, not duplicated');
    await until(() => a.tree.view.selection.some((n) => n.kind === 'topic' && n.id === 'gradient-descent'), 'the topic to be selected in the tree');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('shows another topic in the page used last by swapping its content, and follows dsRoadmap.topicPage.reuse', async () => {
    const webviewTabs = webviewTabCount;
    const ready = (id: string) => topicReady(a, id);
    let r = ready('vectors');
    const first = await a.pages.open('vectors');
    await r;
    const before = { ...a.pages.counts };
    r = ready('matrices');
    const second = await a.pages.open('matrices');
    await r;
    assert.equal(second, first, 'the same webview panel shows the new topic');
    assert.equal(second?.title, 'Matrices');
    assert.deepEqual(a.pages.openTopicIds, ['matrices']);
    assert.equal(webviewTabs(), 1);
    assert.deepEqual(a.pages.counts, { documents: before.documents, swaps: before.swaps + 1 }, 'content swapped, no new document');
    // A link inside the page navigates in place too (the webview posts openTopic).
    r = ready('dot-product');
    await a.pages.simulateMessage('matrices', { type: 'openTopic', topicId: 'dot-product' });
    await r;
    assert.deepEqual(a.pages.openTopicIds, ['dot-product']);
    // Open to the Side always makes a page of its own; reopening an open topic reveals it.
    r = ready('norms');
    await vscode.commands.executeCommand(Commands.openTopicToSide, 'norms');
    await r;
    assert.deepEqual(a.pages.openTopicIds.sort(), ['dot-product', 'norms']);
    assert.equal(webviewTabs(), 2);
    // With reuse off, every topic gets a tab of its own.
    await vscode.workspace.getConfiguration('dsRoadmap').update('topicPage.reuse', false, vscode.ConfigurationTarget.Global);
    try {
      r = ready('eigenvalues-eigenvectors');
      await vscode.commands.executeCommand(Commands.openTopic, 'eigenvalues-eigenvectors');
      await r;
      assert.deepEqual(a.pages.openTopicIds.sort(), ['dot-product', 'eigenvalues-eigenvectors', 'norms']);
      assert.equal(webviewTabs(), 3);
    } finally {
      await vscode.workspace.getConfiguration('dsRoadmap').update('topicPage.reuse', undefined, vscode.ConfigurationTarget.Global);
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    }
    await until(() => a.pages.openTopicIds.length === 0, 'the pages to close');
  });

  it('reveals any topic through getParent', async () => {
    assert.equal(await a.tree.reveal('pca'), true);
    const sel = a.tree.view.selection[0];
    assert.equal(sel.kind, 'topic');
    const parent = a.tree.getParent(sel);
    assert.equal(parent?.kind, 'section');
    assert.equal(a.tree.getParent(parent!)?.kind, 'stage');
  });

  it('turns progress into tree checkboxes and stage counts', async () => {
    const stageNodes = await a.tree.getChildren();
    const stage = stageNodes.find((n) => n.kind === 'stage')!;
    const [section] = await a.tree.getChildren(stage);
    const [topic] = await a.tree.getChildren(section);
    assert.equal(a.tree.getTreeItem(topic).checkboxState, vscode.TreeItemCheckboxState.Unchecked);
    const before = a.tree.getTreeItem(stage).description;
    await vscode.commands.executeCommand(Commands.markComplete, topic.id);
    assert.equal(a.tree.getTreeItem(topic).checkboxState, vscode.TreeItemCheckboxState.Checked);
    assert.notEqual(a.tree.getTreeItem(stage).description, before);
    assert.match(String(a.tree.getTreeItem(stage).description), /^1\/\d+$/);
    await vscode.commands.executeCommand(Commands.markIncomplete, topic.id);
  });

  it('keeps in-progress and skipped statuses apart from done', async () => {
    await vscode.commands.executeCommand(Commands.markInProgress, 'vectors');
    await vscode.commands.executeCommand(Commands.markSkipped, 'matrices');
    assert.equal(a.store.status('vectors'), 'in-progress');
    assert.equal(a.store.status('matrices'), 'skipped');
    assert.match(a.statusBar.text, /^\$\(mortar-board\) 0\//, 'neither counts as done');
    const [stage] = (await a.tree.getChildren()).filter((n) => n.kind === 'stage');
    const sections = await a.tree.getChildren(stage);
    const topics = (await Promise.all(sections.map((x) => a.tree.getChildren(x)))).flat();
    const item = (id: string) => a.tree.getTreeItem(topics.find((t) => t.id === id)!);
    assert.equal(item('vectors').contextValue, 'topic.in-progress');
    assert.equal(item('matrices').contextValue, 'topic.skipped');
    await vscode.commands.executeCommand(Commands.markIncomplete, 'vectors');
    assert.equal(a.store.status('vectors'), undefined);
    await a.store.replace(EMPTY_PROGRESS);
  });

  it('filters the tree to remaining and done topics', async () => {
    await vscode.commands.executeCommand(Commands.markComplete, 'vectors');
    await vscode.commands.executeCommand(Commands.filterDone);
    const stages = await a.tree.getChildren();
    assert.equal(stages.length, 1);
    const [section] = await a.tree.getChildren(stages[0]);
    assert.deepEqual((await a.tree.getChildren(section)).map((n) => n.id), ['vectors']);
    await vscode.commands.executeCommand(Commands.filterRemaining);
    const [s0] = await a.tree.getChildren();
    const secs = await a.tree.getChildren(s0);
    const ids = (await Promise.all(secs.map((s) => a.tree.getChildren(s)))).flat().map((n) => n.id);
    assert.ok(!ids.includes('vectors'));
    await vscode.commands.executeCommand(Commands.filterAll);
    await vscode.commands.executeCommand(Commands.markIncomplete, 'vectors');
  });

  it('ends 1,000 rapid toggles in a consistent, persisted state', async () => {
    const ids = a.roadmap.summary.topicIds.slice(0, 10);
    const expected = new Map<string, boolean>();
    const pending: Thenable<unknown>[] = [];
    for (let i = 0; i < 1000; i++) {
      const id = ids[(i * 7) % ids.length];
      const done = (i % 3) !== 0;
      expected.set(id, done);
      pending.push(vscode.commands.executeCommand(done ? Commands.markComplete : Commands.markIncomplete, id));
    }
    await Promise.all(pending);
    await a.store.flush();
    for (const [id, done] of expected) assert.equal(a.store.isDone(id), done, id);
    const n = [...expected.values()].filter(Boolean).length;
    assert.match(a.statusBar.text, new RegExp(`^\\$\\(mortar-board\\) ${n}/`));
    await a.store.replace(EMPTY_PROGRESS);
  });

  it('mirrors progress to disk and adopts a newer mirror (a change the Memento lost)', async () => {
    await vscode.commands.executeCommand(Commands.markComplete, 'norms');
    await a.store.flush();
    const file = a.store.mirrorPath;
    assert.ok(file, 'a workspace has a mirror file');
    const mirror = JSON.parse(fs.readFileSync(file, 'utf8'));
    assert.equal(mirror.topics.norms.status, 'done');
    // Simulate a Memento that missed the last change: the mirror is newer and holds one more topic.
    mirror.topics.matrices = { status: 'done', updated: new Date().toISOString(), source: 'manual', history: [] };
    mirror.savedAt = new Date(Date.now() + 60_000).toISOString();
    fs.writeFileSync(file, JSON.stringify(mirror));
    assert.equal(await a.store.reconcileWithMirror(), true);
    assert.equal(a.store.isDone('matrices'), true);
    assert.equal(await a.store.reconcileWithMirror(), false, 'an older or equal mirror changes nothing');
    fs.writeFileSync(file, '{corrupt');
    assert.equal(await a.store.reconcileWithMirror(), false, 'a corrupt mirror is ignored');
    assert.equal(a.store.isDone('matrices'), true);
    await a.store.replace(EMPTY_PROGRESS);
  });

  it('export, reset and import give back the same state', async () => {
    const folder = vscode.workspace.workspaceFolders![0].uri;
    for (const id of ['vectors', 'matrices', 'pca']) await vscode.commands.executeCommand(Commands.markComplete, id);
    const before = JSON.stringify(a.store.snapshot.topics);
    const file = vscode.Uri.joinPath(folder, 'progress-export.json');
    await vscode.commands.executeCommand(Commands.exportProgress, file);
    const exported = JSON.parse(fs.readFileSync(file.fsPath, 'utf8'));
    assert.equal(exported.schema, 'ds-roadmap-progress');
    await a.store.replace(EMPTY_PROGRESS);
    assert.equal(a.store.counts(a.roadmap.summary.topicIds).done, 0);
    const report = await vscode.commands.executeCommand<{ added: number }>(Commands.importProgress, file);
    assert.equal(report.added, 3);
    assert.equal(JSON.stringify(a.store.snapshot.topics), before);
    const bad = vscode.Uri.joinPath(folder, 'bad.json');
    fs.writeFileSync(bad.fsPath, '{"schema": "something-else"}');
    const r2 = await vscode.commands.executeCommand<{ error?: string }>(Commands.importProgress, bad);
    assert.match(r2.error ?? '', /not a progress export/);
    assert.equal(JSON.stringify(a.store.snapshot.topics), before, 'an invalid import changes nothing');
    await a.store.replace(EMPTY_PROGRESS);
  });

  it('scaffolds a notebook and a script without ever overwriting', async () => {
    const folder = vscode.workspace.workspaceFolders![0].uri.fsPath;
    const nb = await vscode.commands.executeCommand<string>(Commands.scaffoldNotebook, 'gradient');
    const nbPath = vscode.Uri.parse(nb).fsPath;
    assert.equal(nbPath, path.join(folder, 'exercises', '00-math-statistics', 'gradient.ipynb'));
    const json = JSON.parse(fs.readFileSync(nbPath, 'utf8'));
    assert.equal(json.nbformat, 4);
    assert.equal(json.nbformat_minor, 5);
    await until(() => vscode.window.activeNotebookEditor?.notebook.uri.fsPath === nbPath, 'the notebook editor to open', 40_000);
    fs.writeFileSync(nbPath, fs.readFileSync(nbPath, 'utf8').replace('# TODO', '# MY OWN WORK'));
    const again = await vscode.commands.executeCommand<string>(Commands.scaffoldNotebook, 'gradient');
    assert.equal(vscode.Uri.parse(again).fsPath, nbPath);
    assert.match(fs.readFileSync(nbPath, 'utf8'), /MY OWN WORK/, 'the learner\'s file is untouched');
    const copy = await vscode.commands.executeCommand<string>(Commands.scaffoldNotebook, 'gradient', { fresh: true });
    assert.equal(vscode.Uri.parse(copy).fsPath, path.join(folder, 'exercises', '00-math-statistics', 'gradient-2.ipynb'));
    assert.match(fs.readFileSync(nbPath, 'utf8'), /MY OWN WORK/);
    const py = await vscode.commands.executeCommand<string>(Commands.scaffoldScript, 'gradient');
    assert.equal(vscode.Uri.parse(py).fsPath, path.join(folder, 'exercises', '00-math-statistics', 'gradient.py'));
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('keeps exercises inside the workspace whatever the setting says', async () => {
    const folder = vscode.workspace.workspaceFolders![0];
    const cfg = vscode.workspace.getConfiguration('dsRoadmap', folder.uri);
    await cfg.update('exercisesFolder', '../../escape', vscode.ConfigurationTarget.Workspace);
    try {
      const out = await vscode.commands.executeCommand<string>(Commands.scaffoldScript, 'norms');
      const p = vscode.Uri.parse(out).fsPath;
      assert.ok(p.startsWith(folder.uri.fsPath + path.sep), p);
      assert.equal(p, path.join(folder.uri.fsPath, 'exercises', '00-math-statistics', 'norms.py'));
    } finally {
      await cfg.update('exercisesFolder', undefined, vscode.ConfigurationTarget.Workspace);
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    }
  });

  it('opens the dashboard, which paints', async () => {
    const ready = dashboardReady(a);
    await vscode.commands.executeCommand(Commands.showProgress);
    assert.ok((await ready) > 0);
    assert.equal(a.pages.dashboardOpen, true);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('shows the dashboard in the open topic page, opens map nodes in place, and redraws on progress', async () => {
    let t = topicReady(a, 'vectors');
    const panel = await a.pages.open('vectors');
    await t;
    const before = { ...a.pages.counts };
    let d = dashboardReady(a);
    await vscode.commands.executeCommand(Commands.showProgress);
    await d;
    assert.equal(a.pages.dashboardOpen, true);
    assert.deepEqual(a.pages.openTopicIds, []);
    assert.equal(panel?.title, 'Roadmap Progress');
    assert.deepEqual(a.pages.counts, { documents: before.documents, swaps: before.swaps + 1 }, 'the dashboard was swapped in');
    // Progress made elsewhere redraws the visible dashboard in place.
    d = dashboardReady(a);
    await vscode.commands.executeCommand(Commands.markComplete, 'pca');
    await d;
    // A node of the map opens its topic in the same page; the topic page's Progress button goes back.
    t = topicReady(a, 'pca');
    await a.pages.simulateMessage(':dashboard', { type: 'openTopic', topicId: 'pca' });
    await t;
    assert.deepEqual(a.pages.openTopicIds, ['pca']);
    assert.equal(a.pages.dashboardOpen, false);
    d = dashboardReady(a);
    await a.pages.simulateMessage('pca', { type: 'showProgress' });
    await d;
    assert.equal(a.pages.dashboardOpen, true);
    assert.equal(webviewTabCount(), 1);
    await vscode.commands.executeCommand(Commands.markIncomplete, 'pca');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });
});

describe('quizzes, review and notes in a real VS Code', () => {
  let a: TestApi;
  const ws = () => vscode.workspace.workspaceFolders![0].uri.fsPath;
  before(async () => {
    a = await api();
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await a.store.replace(EMPTY_PROGRESS);
  });

  it('grades an answer posted by the page in the host, and the answer becomes a review card in the store', async () => {
    const ready = topicReady(a, 'descriptive-statistics');
    await vscode.commands.executeCommand(Commands.openTopic, 'descriptive-statistics');
    await ready;
    const questions = await a.quiz.questions('descriptive-statistics');
    assert.ok(questions.length >= 3, 'the topic has its quiz');
    const html = (await a.pages.contentOf({ kind: 'topic', topicId: 'descriptive-statistics' }))!;
    assert.ok(html.includes('Check yourself'), 'the page shows the quiz');
    const choice = questions.find((q) => q.kind !== 'numeric')!;
    for (const o of choice.options) assert.ok(!html.includes(o.feedback), 'no feedback is in the page before an answer');
    const right = choice.options.flatMap((o, i) => (o.correct ? [i] : []));
    await a.pages.simulateMessage('descriptive-statistics', { type: 'answer', topicId: 'descriptive-statistics', questionId: choice.id, answer: { kind: 'choice', selected: right } });
    const card = a.store.reviewCards[`descriptive-statistics/${choice.id}`];
    assert.ok(card, 'a review card exists');
    assert.equal(card.log.at(-1)?.correct, true);
    assert.ok(card.due > Date.now() + 86_400_000 / 2, 'a right answer is due in days');
    // A malformed or unknown answer changes nothing.
    await a.pages.simulateMessage('descriptive-statistics', { type: 'answer', topicId: 'descriptive-statistics', questionId: 'no-such-question', answer: { kind: 'choice', selected: [0] } });
    await a.pages.simulateMessage('descriptive-statistics', { type: 'answer', topicId: 'descriptive-statistics', questionId: choice.id, answer: { kind: 'choice', selected: [99] } });
    assert.deepEqual(Object.keys(a.store.reviewCards), [`descriptive-statistics/${choice.id}`]);
    // The learner rates it Easy: it moves further out.
    await a.pages.simulateMessage('descriptive-statistics', { type: 'rate', topicId: 'descriptive-statistics', questionId: choice.id, rating: 4 });
    assert.ok(a.store.reviewCards[`descriptive-statistics/${choice.id}`].due > card.due, 'Easy schedules later than Good');
    const after = (await a.pages.contentOf({ kind: 'topic', topicId: 'descriptive-statistics' }))!;
    assert.match(after, /Your score: 1 of \d+ right \(1 answered\)/);
  });

  it('shows the due count in the status bar tooltip and a Review entry at the top of the tree', async () => {
    await a.store.setCard('vectors/dot-or-norm', { due: Date.now() - 60_000, stability: 1, difficulty: 5, scheduledDays: 1, learningSteps: 0, reps: 1, lapses: 1, state: 2, lastReview: Date.now() - 86_400_000, updated: Date.now(), log: [] });
    await a.roadmap.get();
    a.statusBar.update();
    await until(() => a.statusBar.tooltipText.includes('1 review due'), 'the tooltip to show 1 review due');
    const [first] = await a.tree.getChildren();
    assert.equal(first.kind, 'review');
    const item = a.tree.getTreeItem(first);
    assert.equal(item.description, '1 due');
    assert.equal(item.command?.command, Commands.review);
    assert.equal(a.quiz.dueCount(), 1);
  });

  it('runs a review session over the due cards, one at a time, and ends with what is due when', async () => {
    await vscode.commands.executeCommand(Commands.review);
    await until(() => a.pages.openTopicIds.length === 0, 'the page to show the review');
    const first = (await a.pages.contentOf({ kind: 'review' }))!;
    assert.ok(first.includes('data-question="dot-or-norm"') || first.includes('Nothing is due'), first.slice(0, 300));
    await a.pages.simulateMessage(':review', { type: 'nextCard' });
    const done = (await a.pages.contentOf({ kind: 'review' }))!;
    assert.match(done, /What is due when/);
  });

  it('creates notes from a starter, never overwrites them, shows them on the page and follows a save', async () => {
    await a.store.replace(EMPTY_PROGRESS);
    const file = path.join(ws(), 'notes', '00-math-statistics', 'vectors.md');
    fs.rmSync(path.join(ws(), 'notes'), { recursive: true, force: true });
    const uri = await vscode.commands.executeCommand<string>(Commands.openNotes, 'vectors');
    assert.equal(vscode.Uri.parse(uri).fsPath, file);
    const starter = fs.readFileSync(file, 'utf8');
    assert.match(starter, /^# Vectors\n/);
    assert.ok(starter.includes('**Key terms:**'), 'the key terms are in the starter');
    // The learner writes in the editor and saves.
    const opened = await vscode.workspace.openTextDocument(vscode.Uri.file(file));
    const rewrite = new vscode.WorkspaceEdit();
    rewrite.replace(opened.uri, new vscode.Range(0, 0, opened.lineCount, 0), '# Vectors\n\nMy own words about **vectors**.\n');
    await vscode.workspace.applyEdit(rewrite);
    await opened.save();
    await vscode.commands.executeCommand(Commands.openNotes, 'vectors');
    assert.equal(fs.readFileSync(file, 'utf8'), '# Vectors\n\nMy own words about **vectors**.\n', 'an existing note is never overwritten');
    const ready = topicReady(a, 'vectors');
    await a.pages.open('vectors');
    await ready;
    assert.ok((await a.pages.contentOf({ kind: 'topic', topicId: 'vectors' }))!.includes('My own words about <strong>vectors</strong>.'), 'the note is rendered on the page');
    const doc = await vscode.workspace.openTextDocument(vscode.Uri.file(file));
    const edit = new vscode.WorkspaceEdit();
    edit.insert(doc.uri, new vscode.Position(doc.lineCount, 0), '\n<script>alert(1)</script> and a [link](https://example.org) and [bad](javascript:alert(1))\n');
    await vscode.workspace.applyEdit(edit);
    const swaps = a.pages.counts.swaps;
    await doc.save();
    await until(() => a.pages.counts.swaps > swaps, 'the page to follow the saved note');
    const html = (await a.pages.contentOf({ kind: 'topic', topicId: 'vectors' }))!;
    assert.ok(html.includes('&lt;script&gt;alert(1)&lt;/script&gt;'), 'raw HTML in a note is shown as text');
    assert.ok(html.includes('href="https://example.org"') && !/href="javascript/i.test(html), 'only https links');
    const stage = (await a.tree.getChildren()).find((n) => n.kind === 'stage');
    const sections = await a.tree.getChildren(stage);
    const vectors = (await Promise.all(sections.map((s) => a.tree.getChildren(s)))).flat().find((n) => n.kind === 'topic' && n.topic.id === 'vectors')!;
    await until(() => a.tree.getTreeItem(vectors).description === '✎ note', 'the tree to mark the topic that has a note');
    const exported = vscode.Uri.file(path.join(ws(), 'all-notes.md'));
    await vscode.commands.executeCommand(Commands.exportNotes, exported);
    const digest = fs.readFileSync(exported.fsPath, 'utf8');
    assert.match(digest, /## Mathematics and Statistics Foundations\n\n### Vectors\n/);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('exports and imports review cards with the progress', async () => {
    await a.store.replace(EMPTY_PROGRESS);
    await a.store.setCard('matrices/q', { due: Date.now() + 5 * 86_400_000, stability: 5, difficulty: 4, scheduledDays: 5, learningSteps: 0, reps: 2, lapses: 0, state: 2, lastReview: Date.now(), updated: Date.now(), log: [{ at: Date.now(), rating: 3, correct: true }] });
    const file = vscode.Uri.file(path.join(ws(), 'progress-with-cards.json'));
    await vscode.commands.executeCommand(Commands.exportProgress, file);
    const card = a.store.reviewCards['matrices/q'];
    await a.store.replace(EMPTY_PROGRESS);
    assert.deepEqual(a.store.reviewCards, {});
    await vscode.commands.executeCommand(Commands.importProgress, file);
    assert.deepEqual(a.store.reviewCards['matrices/q'], card);
  });
});
