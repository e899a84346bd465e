import vscode = require('vscode');
import { escapeMarkdown } from '../../core/html';
import { Commands, ContextKeys, FROM_TREE } from '../../constants';
import { stageLabel, stageShortLabel } from '../../core/ids';
import { TreeModel, type TreeFilter, type TreeNode as ModelNode } from '../../core/roadmap/treeModel';
import { dueCards } from '../../core/review/reviewCards';

/** The tree's nodes: the roadmap's, and a Review entry at the top once the learner has review cards. */
export type TreeNode = ModelNode | { readonly kind: 'review'; readonly id: 'review' };
import type { SaveResult } from '../../core/progress/progressBook';
import type { Clock } from '../clock';
import type { ProgressStore } from '../progressStore';
import type { RoadmapService } from '../roadmapService';

const REVIEW_NODE: TreeNode = Object.freeze({ kind: 'review', id: 'review' });
/** The workspaceState key of the expanded stages and sections (tree item ids, `stage:<id>` / `section:<id>`). */
export const EXPANDED_KEY = 'dsRoadmap.tree.expanded';
/** Enough for every stage and section; a damaged entry cannot grow without bound. */
const MAX_EXPANDED = 500;

/** The Review row: how many questions are due, and a click starts a session. */
function reviewItem(due: number): vscode.TreeItem {
  const item = new vscode.TreeItem('Review', vscode.TreeItemCollapsibleState.None);
  item.id = 'review';
  item.description = `${due} due`;
  item.iconPath = new vscode.ThemeIcon(due > 0 ? 'bell-dot' : 'bell');
  item.tooltip = due > 0 ? `${due} question${due === 1 ? '' : 's'} to review now. Click to start a review session.` : 'Nothing to review now. Answered questions come back here when they are due.';
  item.command = { command: Commands.review, title: 'Review Due Questions' };
  item.contextValue = 'review';
  item.accessibilityInformation = { label: `Review, ${due} due` };
  return item;
}

/** A row that says why the roadmap could not be shown. */
function problemItem(id: string, message: string): vscode.TreeItem {
  const item = new vscode.TreeItem(message, vscode.TreeItemCollapsibleState.None);
  item.iconPath = new vscode.ThemeIcon('error', new vscode.ThemeColor('problemsErrorIcon.foreground'));
  item.tooltip = message;
  item.contextValue = 'problem';
  item.id = id;
  return item;
}

/** Adapts the core {@link TreeModel} into TreeItems; owns the view, the filter, the checkboxes and the expanded items. */
export class RoadmapTreeProvider implements vscode.TreeDataProvider<TreeNode>, vscode.Disposable {
  private readonly emitter = new vscode.EventEmitter<TreeNode | undefined>();
  readonly onDidChangeTreeData = this.emitter.event;
  private model: TreeModel | undefined;
  private filter: TreeFilter = 'all';
  readonly view: vscode.TreeView<TreeNode>;
  private readonly disposables: vscode.Disposable[] = [];

  constructor(
    viewId: string,
    private readonly roadmap: RoadmapService,
    private readonly store: ProgressStore,
    /** Told the result of a save made by ticking a checkbox (the tree shows nothing itself). */
    private readonly onSaved: (result: SaveResult) => void = () => {},
    private readonly clock: Clock = () => new Date(),
    /** Where the expanded stages and sections are kept across reloads (the workspaceState). */
    private readonly memento?: vscode.Memento,
  ) {
    const saved = memento?.get<unknown>(EXPANDED_KEY);
    this.expanded = new Set(Array.isArray(saved) ? saved.filter((x): x is string => typeof x === 'string').slice(0, MAX_EXPANDED) : []);
    this.view = vscode.window.createTreeView(viewId, { treeDataProvider: this, showCollapseAll: true, manageCheckboxStateManually: true });
    this.disposables.push(
      this.view,
      this.view.onDidChangeCheckboxState((e) => {
        for (const [node, state] of e.items) {
          if (node.kind === 'topic') void this.store.set(node.topic.id, state === vscode.TreeItemCheckboxState.Checked ? 'done' : undefined).then(this.onSaved);
        }
      }),
      store.onDidChange(() => this.refresh()),
      this.view.onDidExpandElement((e) => this.setExpanded(e.element, true)),
      this.view.onDidCollapseElement((e) => this.setExpanded(e.element, false)),
    );
    void vscode.commands.executeCommand('setContext', ContextKeys.filter, this.filter);
  }

  private notes: ReadonlySet<string> = new Set();
  private readonly expanded: Set<string>;

  /** The tree item ids of the stages and sections that are expanded now (tests). */
  get expandedIds(): readonly string[] {
    return [...this.expanded];
  }

  private setExpanded(node: TreeNode, open: boolean): void {
    if (node.kind !== 'stage' && node.kind !== 'section') return;
    const id = `${node.kind}:${node.id}`;
    if (open === this.expanded.has(id)) return;
    if (open) this.expanded.add(id);
    else this.expanded.delete(id);
    void this.memento?.update(EXPANDED_KEY, [...this.expanded].slice(-MAX_EXPANDED));
  }

  private collapsible(id: string): vscode.TreeItemCollapsibleState {
    return this.expanded.has(id) ? vscode.TreeItemCollapsibleState.Expanded : vscode.TreeItemCollapsibleState.Collapsed;
  }
  private quizScore: ((topicId: string) => Promise<string | undefined>) | undefined;

  /** What the tooltip of a topic says about its quiz (set once the quizzes can be read). */
  setQuizScores(score: (topicId: string) => Promise<string | undefined>): void {
    this.quizScore = score;
  }

  /** A topic's tooltip adds its quiz score and its note when the learner points at it. */
  async resolveTreeItem(item: vscode.TreeItem, node: TreeNode): Promise<vscode.TreeItem> {
    if (node.kind !== 'topic') return item;
    const score = await this.quizScore?.(node.topic.id).catch(() => undefined);
    const extra = [score ? `**Check yourself:** ${escapeMarkdown(score)}` : '', this.notes.has(node.topic.id) ? '✎ You have notes on this topic.' : ''].filter(Boolean);
    if (extra.length && item.tooltip instanceof vscode.MarkdownString) item.tooltip.appendMarkdown(`\n\n${extra.join('\n\n')}`);
    return item;
  }

  /** The topics that have a note of the learner's: their items say so. */
  setNotes(ids: ReadonlySet<string>): void {
    this.notes = new Set(ids);
    this.refresh();
  }

  setFilter(filter: TreeFilter): void {
    this.filter = filter;
    void vscode.commands.executeCommand('setContext', ContextKeys.filter, filter);
    this.view.description = filter === 'all' ? undefined : filter === 'done' ? 'done only' : 'remaining only';
    this.refresh();
  }

  refresh(): void {
    this.model?.setOptions(this.options());
    this.emitter.fire(undefined);
    this.updateMessage();
  }

  private options() {
    return { isDone: (id: string) => this.store.isDone(id), filter: this.filter };
  }

  private async ensureModel(): Promise<TreeModel> {
    if (this.model) return this.model;
    const loaded = await this.roadmap.get();
    this.model ??= new TreeModel(loaded.index, loaded.issues, this.options());
    this.updateMessage();
    return this.model;
  }

  private updateMessage(): void {
    if (!this.model) return;
    this.view.message = this.model.children().length === 0 && this.filter !== 'all'
      ? (this.filter === 'done' ? 'No topic is done yet.' : 'Every topic is done. Congratulations!')
      : undefined;
  }

  async getChildren(element?: TreeNode): Promise<TreeNode[]> {
    const model = await this.ensureModel();
    if (element?.kind === 'review') return [];
    const children: TreeNode[] = model.children(element);
    // The Review entry appears once there is something to review (cards are read here, on first use).
    if (!element && Object.keys(this.store.reviewCards).length > 0) children.unshift(REVIEW_NODE);
    return children;
  }

  getParent(element: TreeNode): TreeNode | undefined {
    return element.kind === 'review' ? undefined : this.model?.parent(element);
  }

  getTreeItem(node: TreeNode): vscode.TreeItem {
    const model = this.model!;
    switch (node.kind) {
      case 'review':
        return reviewItem(dueCards(this.store.reviewCards, this.clock()).length);
      case 'problem':
        return problemItem(node.id, node.message);
      case 'stage': {
        const c = model.counts(node);
        const item = new vscode.TreeItem(stageShortLabel(node.stage), this.collapsible(`stage:${node.id}`));
        item.id = `stage:${node.id}`;
        item.description = `${c.done}/${c.total}`;
        item.tooltip = new vscode.MarkdownString(`**Stage ${escapeMarkdown(stageLabel(node.stage))}**\n\n${c.done} of ${c.total} topics done. Click to open the stage's page.`);
        item.command = { command: Commands.openStage, title: 'Open Stage Page', arguments: [node.id, FROM_TREE] };
        item.iconPath = new vscode.ThemeIcon(c.done === c.total ? 'pass-filled' : 'milestone');
        item.contextValue = 'stage';
        item.accessibilityInformation = { label: `Stage ${node.stage.number}: ${node.stage.title}, ${c.done} of ${c.total} done` };
        return item;
      }
      case 'section': {
        const c = model.counts(node);
        const item = new vscode.TreeItem(node.section.title, this.collapsible(`section:${node.id}`));
        item.id = `section:${node.id}`;
        item.description = `${c.done}/${c.total}`;
        item.tooltip = new vscode.MarkdownString(`**${escapeMarkdown(node.section.title)}**\n\n${c.done} of ${c.total} topics done. Click to open the section's page.`);
        item.command = { command: Commands.openSection, title: 'Open Section Page', arguments: [node.id, FROM_TREE] };
        item.iconPath = new vscode.ThemeIcon(c.done === c.total ? 'pass-filled' : 'folder-library');
        item.contextValue = 'section';
        item.accessibilityInformation = { label: `Section ${node.section.title}, ${c.done} of ${c.total} done` };
        return item;
      }
      case 'topic': {
        const t = node.topic;
        const status = this.store.status(t.id);
        const done = status === 'done';
        const item = new vscode.TreeItem(t.title, vscode.TreeItemCollapsibleState.None);
        item.id = `topic:${t.id}`;
        item.checkboxState = done ? vscode.TreeItemCheckboxState.Checked : vscode.TreeItemCheckboxState.Unchecked;
        item.iconPath = new vscode.ThemeIcon(
          done ? 'pass-filled' : status === 'in-progress' ? 'circle-large-outline' : status === 'skipped' ? 'debug-step-over' : 'circle-outline',
          done ? new vscode.ThemeColor('testing.iconPassed') : undefined,
        );
        item.tooltip = new vscode.MarkdownString(`**${escapeMarkdown(t.title)}**${done ? ' — done' : ''}\n\n${escapeMarkdown(t.summary)}`);
        item.command = { command: Commands.openTopic, title: 'Open Topic', arguments: [t.id] };
        item.contextValue = done ? 'topic.done' : status ? `topic.${status}` : 'topic.open';
        item.accessibilityInformation = { label: `${t.title}, ${done ? 'done' : 'not done'}${this.notes.has(t.id) ? ', has notes' : ''}` };
        if (this.notes.has(t.id)) item.description = '✎ note';
        return item;
      }
    }
  }

  /** Expands a stage or section and selects it (its item was clicked: the page opens and its content shows). */
  async expand(kind: 'stage' | 'section', id: string): Promise<boolean> {
    const model = await this.ensureModel();
    const node = model.partNode(kind, id);
    if (!node || !this.view.visible) return false;
    await this.view.reveal(node, { select: true, focus: false, expand: true });
    return true;
  }

  /** Reveals a topic: expands its stage and section and selects it. */
  async reveal(topicId: string, options: { select?: boolean; focus?: boolean } = {}): Promise<boolean> {
    const model = await this.ensureModel();
    let node = model.topicNode(topicId);
    if (!node) return false;
    if (this.filter !== 'all' && !model.children(model.parent(node)).includes(node)) this.setFilter('all');
    node = model.topicNode(topicId)!;
    await this.view.reveal(node, { select: options.select ?? true, focus: options.focus ?? false, expand: true });
    return true;
  }

  dispose(): void {
    this.emitter.dispose();
    for (const d of this.disposables) d.dispose();
  }
}

