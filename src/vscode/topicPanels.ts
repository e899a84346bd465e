import * as vscode from 'vscode';
import { Commands, ViewIds } from '../constants';
import { renderMessagePage, renderTopicPage, type TopicLink } from '../core/page';
import type { HostMessage } from '../protocol';
import type { ProgressStore } from './progressStore';
import type { LoadedRoadmap, RoadmapService } from './roadmapService';
import { pageAssets, receive, webviewOptions } from './webviewAssets';
import type { Log } from './log';

interface PanelState {
  topicId: string;
}

/**
 * One webview panel per topic: revealed when already open, created otherwise, restored after a
 * reload by the serializer, and updated at once when progress changes elsewhere.
 */
export class TopicPanels implements vscode.Disposable, vscode.WebviewPanelSerializer<PanelState> {
  private readonly panels = new Map<string, vscode.WebviewPanel>();
  /** Pages that missed a change while hidden. */
  private readonly stale = new Set<string>();
  private readonly disposables: vscode.Disposable[] = [];
  private readonly readyEmitter = new vscode.EventEmitter<{ topicId: string; at: number }>();
  /** Fires when a page reports its first paint. */
  readonly onDidBecomeReady = this.readyEmitter.event;

  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly roadmap: RoadmapService,
    private readonly store: ProgressStore,
    private readonly log: Log,
  ) {
    this.disposables.push(
      store.onDidChange(({ ids }) => {
        // Visible pages update in place (their own state and their links); hidden ones have no
        // live document, so they are re-rendered when shown again.
        for (const [topicId, panel] of this.panels) {
          if (!panel.visible) {
            this.stale.add(topicId);
            continue;
          }
          for (const id of ids.slice(0, 500)) void panel.webview.postMessage({ type: 'status', topicId: id, done: store.isDone(id) } satisfies HostMessage);
        }
      }),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration('dsRoadmap.fontSize')) for (const [id, panel] of this.panels) void this.render(panel, id);
      }),
    );
  }

  get openTopicIds(): string[] {
    return [...this.panels.keys()];
  }

  async open(topicId: string, viewColumn: vscode.ViewColumn = vscode.ViewColumn.Active): Promise<vscode.WebviewPanel | undefined> {
    const loaded = await this.roadmap.get();
    const topic = loaded.index?.topic(topicId);
    if (!topic) {
      void vscode.window.showWarningMessage(`Data Science Roadmap: there is no topic '${topicId}'.`);
      return undefined;
    }
    const existing = this.panels.get(topic.id);
    if (existing) {
      existing.reveal(viewColumn);
      return existing;
    }
    const panel = vscode.window.createWebviewPanel(ViewIds.topicPanel, topic.title, viewColumn, webviewOptions(this.extensionUri));
    this.attach(panel, topic.id);
    await this.render(panel, topic.id, loaded);
    return panel;
  }

  async deserializeWebviewPanel(panel: vscode.WebviewPanel, state: PanelState | undefined): Promise<void> {
    const id = typeof state?.topicId === 'string' ? state.topicId : undefined;
    const loaded = await this.roadmap.get();
    const topic = id ? loaded.index?.topic(id) : undefined;
    panel.webview.options = webviewOptions(this.extensionUri);
    if (!topic) {
      panel.webview.html = renderMessagePage('Topic not found', `This page showed a topic that is no longer in the roadmap (${id ?? 'unknown'}).`, pageAssets(panel.webview, this.extensionUri, 'topic'));
      return;
    }
    if (this.panels.has(topic.id)) {
      panel.dispose();
      return;
    }
    this.attach(panel, topic.id);
    await this.render(panel, topic.id, loaded);
  }

  private attach(panel: vscode.WebviewPanel, topicId: string): void {
    this.panels.set(topicId, panel);
    panel.iconPath = vscode.Uri.joinPath(this.extensionUri, 'media', 'icon.svg');
    const subs = [
      panel.webview.onDidReceiveMessage((raw) => this.onMessage(topicId, raw)),
      panel.onDidChangeViewState((e) => {
        if (e.webviewPanel.visible && this.stale.delete(topicId)) void this.render(panel, topicId);
      }),
    ];
    panel.onDidDispose(() => {
      this.panels.delete(topicId);
      this.stale.delete(topicId);
      for (const s of subs) s.dispose();
    });
  }

  private onMessage(topicId: string, raw: unknown): void {
    const index = this.roadmap.current?.index;
    const m = receive(raw, this.log, (id) => index?.topic(id) !== undefined);
    if (!m) return;
    switch (m.type) {
      case 'ready':
        this.readyEmitter.fire({ topicId, at: Date.now() });
        return;
      case 'openTopic':
        void vscode.commands.executeCommand(Commands.openTopic, m.topicId);
        return;
      case 'markComplete':
        void vscode.commands.executeCommand(Commands.markComplete, m.topicId);
        return;
      case 'markIncomplete':
        void vscode.commands.executeCommand(Commands.markIncomplete, m.topicId);
        return;
      case 'scaffoldNotebook':
        void vscode.commands.executeCommand(Commands.scaffoldNotebook, m.topicId);
        return;
      case 'scaffoldScript':
        void vscode.commands.executeCommand(Commands.scaffoldScript, m.topicId);
        return;
      case 'showSolution':
        void vscode.commands.executeCommand(Commands.showSolution, m.topicId);
        return;
      case 'openExternal':
        void vscode.env.openExternal(vscode.Uri.parse(m.url, true));
        return;
    }
  }

  private async render(panel: vscode.WebviewPanel, topicId: string, loaded?: LoadedRoadmap): Promise<void> {
    const data = loaded ?? (await this.roadmap.get());
    const index = data.index;
    const compiled = data.compiled;
    const topic = index?.topic(topicId);
    const assets = pageAssets(panel.webview, this.extensionUri, 'topic');
    if (!index || !compiled || !topic) {
      panel.webview.html = renderMessagePage('Topic not available', data.issues[0]?.message ?? `No topic '${topicId}'.`, assets);
      return;
    }
    const link = (id: string): TopicLink | undefined => {
      const t = index.topic(id);
      return t ? { id: t.id, title: t.title, done: this.store.isDone(t.id) } : undefined;
    };
    const links = (ids: readonly string[]) => ids.map(link).filter((l): l is TopicLink => l !== undefined);
    const stage = index.stage(topic.stageId)!;
    const section = index.section(topic.sectionId)!;
    const prev = index.previous(topic.id);
    const next = index.next(topic.id);
    panel.title = topic.title;
    panel.webview.html = renderTopicPage({
      topic, stage, section,
      html: compiled.html.topics[topic.id] ?? { details: '', keyPoints: [] },
      done: this.store.isDone(topic.id),
      prerequisites: links(topic.prerequisites),
      related: links(topic.related),
      ...(prev ? { previous: link(prev.id) } : {}),
      ...(next ? { next: link(next.id) } : {}),
    }, assets);
  }

  dispose(): void {
    for (const p of this.panels.values()) p.dispose();
    this.readyEmitter.dispose();
    for (const d of this.disposables) d.dispose();
  }
}
