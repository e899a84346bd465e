import * as vscode from 'vscode';
import { escapeMarkdown } from '../../core/html';
import { Commands, ContextKeys } from '../../constants';
import { stageLabel } from '../../core/ids';
import { TreeModel, type TreeFilter, type TreeNode } from '../../core/roadmap/treeModel';
import type { SaveResult } from '../../core/progress/progressBook';
import type { ProgressStore } from '../progressStore';
import type { RoadmapService } from '../roadmapService';

/** Adapts the core {@link TreeModel} into TreeItems; owns the view, the filter and the checkboxes. */
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
  ) {
    this.view = vscode.window.createTreeView(viewId, { treeDataProvider: this, showCollapseAll: true, manageCheckboxStateManually: true });
    this.disposables.push(
      this.view,
      this.view.onDidChangeCheckboxState((e) => {
        for (const [node, state] of e.items) {
          if (node.kind === 'topic') void this.store.set(node.topic.id, state === vscode.TreeItemCheckboxState.Checked ? 'done' : undefined).then(this.onSaved);
        }
      }),
      store.onDidChange(() => this.refresh()),
    );
    void vscode.commands.executeCommand('setContext', ContextKeys.filter, this.filter);
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
    return model.children(element);
  }

  getParent(element: TreeNode): TreeNode | undefined {
    return this.model?.parent(element);
  }

  getTreeItem(node: TreeNode): vscode.TreeItem {
    const model = this.model!;
    switch (node.kind) {
      case 'problem': {
        const item = new vscode.TreeItem(node.message, vscode.TreeItemCollapsibleState.None);
        item.iconPath = new vscode.ThemeIcon('error', new vscode.ThemeColor('problemsErrorIcon.foreground'));
        item.tooltip = node.message;
        item.contextValue = 'problem';
        item.id = node.id;
        return item;
      }
      case 'stage': {
        const c = model.counts(node);
        const item = new vscode.TreeItem(stageLabel(node.stage), vscode.TreeItemCollapsibleState.Collapsed);
        item.id = `stage:${node.id}`;
        item.description = `${c.done}/${c.total}`;
        item.tooltip = new vscode.MarkdownString(`**${node.stage.title}**\n\n${c.done} of ${c.total} topics done`);
        item.iconPath = new vscode.ThemeIcon(c.done === c.total ? 'pass-filled' : 'milestone');
        item.contextValue = 'stage';
        item.accessibilityInformation = { label: `Stage ${node.stage.number}: ${node.stage.title}, ${c.done} of ${c.total} done` };
        return item;
      }
      case 'section': {
        const c = model.counts(node);
        const item = new vscode.TreeItem(node.section.title, vscode.TreeItemCollapsibleState.Collapsed);
        item.id = `section:${node.id}`;
        item.description = `${c.done}/${c.total}`;
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
        item.accessibilityInformation = { label: `${t.title}, ${done ? 'done' : 'not done'}` };
        return item;
      }
    }
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

