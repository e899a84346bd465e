// The roadmap at a glance, in a real VS Code: the overview and the stage and section pages are
// swapped into the one page, and the tree's stage and section items open them.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { Commands } from '../../src/constants';
import { EMPTY_PROGRESS } from '../../src/core/progress/progressState';
import { OVERVIEW_VIEW, partView } from '../../src/core/pages/navigation';
import type { TreeNode } from '../../src/vscode/views/treeProvider';
import { activateForTests, painted, topicReady, until, webviewTabCount, type TestApi } from './helpers';

/** Resolves when a page reports it painted the view with this key (':overview', ':stage:<id>', ':section:<id>'). */
const partReady = async (a: TestApi, key: string): Promise<number> => (await painted(a, (e) => e.key === key)).at;

describe('overview, stage and section pages in a real VS Code', () => {
  let a: TestApi;
  before(async () => {
    a = await activateForTests();
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await a.store.replace(EMPTY_PROGRESS);
  });
  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await a.store.replace(EMPTY_PROGRESS);
  });

  it('Open Overview shows the overview in the page already open, by a swap, with the FAQ and the estimates', async () => {
    const t = topicReady(a, 'vectors');
    const panel = await a.pages.open('vectors');
    await t;
    const before = { ...a.pages.counts };
    const ready = partReady(a, ':overview');
    await vscode.commands.executeCommand(Commands.openOverview);
    await ready;
    assert.equal(panel?.title, 'Roadmap Overview');
    assert.deepEqual(a.pages.counts, { documents: before.documents, swaps: before.swaps + 1 }, 'the overview was swapped into the same page');
    assert.deepEqual(a.pages.openTopicIds, []);
    assert.equal(webviewTabCount(), 1);
    const html = (await a.pages.contentOf(OVERVIEW_VIEW)) ?? '';
    for (const q of ['How long does it take to become a Data Scientist?', 'Which certifications matter for data science?', 'Do I need a master&#39;s or PhD?', 'What separates a hired Data Scientist from one who doesn&#39;t?']) {
      assert.ok(html.includes(q), q);
    }
    assert.ok(html.includes('Optimistic 12–18 months · Realistic 18–30 months'));
    assert.ok(html.includes('These estimates assume 20–25 hours of study a week.'));
    assert.equal((html.match(/data-page="stage"/g) ?? []).length, 7, 'the seven stages, linked');
  });

  it("runs the stage item's command: its short label opens the stage's page in the same page, and the breadcrumb leads on", async () => {
    const roots = await a.tree.getChildren();
    const stage = roots.find((n): n is Extract<TreeNode, { kind: 'stage' }> => n.kind === 'stage' && n.id === 'math-statistics');
    assert.ok(stage, 'the stage is in the tree');
    const item = a.tree.getTreeItem(stage);
    assert.equal(item.label, '00 · Math & Statistics');
    assert.match(String((item.tooltip as vscode.MarkdownString).value), /Mathematics and Statistics Foundations/);
    assert.match(String(item.description), /^0\/\d+$/);
    assert.ok(item.command, 'the stage item has a command');
    assert.equal(item.checkboxState, undefined, 'stages have no checkbox');
    const swaps = a.pages.counts.swaps;
    const ready = partReady(a, ':stage:math-statistics');
    await vscode.commands.executeCommand(item.command.command, ...(item.command.arguments ?? []));
    await ready;
    assert.equal(a.pages.counts.swaps, swaps + 1);
    assert.equal(webviewTabCount(), 1);
    const html = (await a.pages.contentOf(partView('stage', 'math-statistics'))) ?? '';
    assert.ok(html.includes('<h1>Stage 00 · Mathematics and Statistics Foundations</h1>'));
    assert.ok(html.includes('data-topic="vectors"'));
    // A section link on the page navigates in place; an unknown id is dropped by the host.
    const section = partReady(a, ':section:linear-algebra');
    await a.pages.simulateMessage(':stage:math-statistics', { type: 'openPage', view: 'section', id: 'linear-algebra' });
    await section;
    const after = a.pages.counts.swaps;
    await a.pages.simulateMessage(':section:linear-algebra', { type: 'openPage', view: 'stage', id: 'no-such-stage' });
    await new Promise((r) => setTimeout(r, 300));
    assert.equal(a.pages.counts.swaps, after, 'nothing navigated');
    // A topic link from the section page.
    const t = topicReady(a, 'vectors');
    await a.pages.simulateMessage(':section:linear-algebra', { type: 'openTopic', topicId: 'vectors' });
    await t;
    assert.deepEqual(a.pages.openTopicIds, ['vectors']);
  });

  it('redraws an open stage page when progress changes', async () => {
    const ready = partReady(a, ':stage:math-statistics');
    await vscode.commands.executeCommand(Commands.openStage, 'math-statistics');
    await ready;
    const redrawn = partReady(a, ':stage:math-statistics');
    await vscode.commands.executeCommand(Commands.markComplete, 'vectors');
    await redrawn;
    const html = (await a.pages.contentOf(partView('stage', 'math-statistics'))) ?? '';
    assert.ok(html.includes('<li class="part-topic done"><a href="#" class="topic-link done" data-topic="vectors">'));
    await vscode.commands.executeCommand(Commands.markIncomplete, 'vectors');
  });

  it('remembers the expanded stages in the workspace state, and the items come back expanded', async () => {
    await vscode.commands.executeCommand('workbench.view.extension.dsRoadmap');
    await until(() => a.tree.view.visible, 'the tree view to be visible');
    const stage = (await a.tree.getChildren()).find((n) => n.kind === 'stage' && n.id === 'machine-learning')!;
    await a.tree.view.reveal(stage, { expand: true, select: false, focus: false });
    await until(() => a.tree.expandedIds.includes('stage:machine-learning'), 'the expansion to be recorded');
    assert.equal(a.tree.getTreeItem(stage).collapsibleState, vscode.TreeItemCollapsibleState.Expanded);
    await vscode.commands.executeCommand('workbench.actions.treeView.dsRoadmap.roadmap.collapseAll');
    await until(() => !a.tree.expandedIds.includes('stage:machine-learning'), 'the collapse to be recorded');
    assert.equal(a.tree.getTreeItem(stage).collapsibleState, vscode.TreeItemCollapsibleState.Collapsed);
  });
});
