import * as vscode from 'vscode';
import { Commands, Settings, ViewIds } from '../constants';
import { renderMessagePage, renderTopicContent, renderTopicPage, type TopicLink, type TopicPageModel } from '../core/page';
import type { HostMessage } from '../protocol';
import type { ProgressStore } from './progressStore';
import type { LoadedRoadmap, RoadmapService } from './roadmapService';
import { pageAssets, receive, webviewOptions } from './webviewAssets';
import type { Log } from './log';

interface PanelState {
  topicId: string;
}

/** One topic page: a webview panel and the topic it shows now (in-page navigation changes it). */
interface Page {
  readonly panel: vscode.WebviewPanel;
  topicId: string;
  /** The current document has loaded and reported ready, so it can take a `show` message. */
  live: boolean;
}

export interface OpenOptions {
  readonly viewColumn?: vscode.ViewColumn;
  /** Always a page of its own (Open Topic to the Side), never an existing page reused. */
  readonly newPage?: boolean;
}

/**
 * Topic pages. There is never more than one page per topic: an open one is revealed. A topic that
 * has no page is shown in the page used last, by default (`dsRoadmap.topicPage.reuse`), the way
 * the Markdown preview follows the editor; links inside a page always navigate in place. An open
 * page changes topic by a message that swaps its content, so no new document or webview has to
 * load. Pages are restored after a reload by the serializer, and updated at once when progress
 * changes elsewhere.
 */
export class TopicPanels implements vscode.Disposable, vscode.WebviewPanelSerializer<PanelState> {
  private readonly pages = new Map<string, Page>();
  /** The page that was active last: the one that shows the next topic when pages are reused. */
  private lastActive: Page | undefined;
  /** Pages that missed a change while hidden. */
  private readonly stale = new Set<Page>();
  private readonly disposables: vscode.Disposable[] = [];
  private readonly readyEmitter = new vscode.EventEmitter<{ topicId: string; at: number }>();
  /** Fires when a page reports it painted a topic (a new document, or swapped content). */
  readonly onDidBecomeReady = this.readyEmitter.event;
  /** How pages got their content: whole documents written, and in-place swaps (tests, benchmarks). */
  readonly counts = { documents: 0, swaps: 0 };

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
        for (const page of this.pages.values()) {
          if (!page.panel.visible) {
            this.stale.add(page);
            continue;
          }
          for (const id of ids.slice(0, 500)) void page.panel.webview.postMessage({ type: 'status', topicId: id, done: store.isDone(id) } satisfies HostMessage);
        }
      }),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration(`${Settings.section}.${Settings.fontSize}`)) for (const page of this.pages.values()) void this.render(page);
      }),
    );
  }

  get openTopicIds(): string[] {
    return [...this.pages.keys()];
  }

  /** Shows a topic: its own page if open, else the page used last (when reused), else a new page. */
  async open(topicId: string, options: OpenOptions = {}): Promise<vscode.WebviewPanel | undefined> {
    const loaded = await this.roadmap.get();
    const topic = loaded.index?.topic(topicId);
    if (!topic) {
      void vscode.window.showWarningMessage(`Data Science Roadmap: there is no topic '${topicId}'.`);
      return undefined;
    }
    const existing = this.pages.get(topic.id);
    if (existing) {
      existing.panel.reveal(options.newPage ? undefined : options.viewColumn);
      return existing.panel;
    }
    const reuse = !options.newPage && vscode.workspace.getConfiguration(Settings.section).get<boolean>(Settings.topicPageReuse, true);
    const target = reuse ? this.lastActive : undefined;
    if (target) {
      await this.navigate(target, topic.id, loaded);
      if (!target.panel.active) target.panel.reveal(target.panel.viewColumn);
      return target.panel;
    }
    const panel = vscode.window.createWebviewPanel(ViewIds.topicPanel, topic.title, options.viewColumn ?? vscode.ViewColumn.Active, webviewOptions(this.extensionUri));
    const page = this.attach(panel, topic.id);
    await this.render(page, loaded);
    return panel;
  }

  async deserializeWebviewPanel(panel: vscode.WebviewPanel, state: PanelState | undefined): Promise<void> {
    const id = typeof state?.topicId === 'string' ? state.topicId : undefined;
    const loaded = await this.roadmap.get();
    const topic = id ? loaded.index?.topic(id) : undefined;
    panel.webview.options = webviewOptions(this.extensionUri);
    if (!topic) {
      panel.webview.html = renderMessagePage('Topic not found', `This page showed a topic that is no longer in the roadmap (${id ?? 'unknown'}).`,
        await pageAssets(panel.webview, this.extensionUri, 'topic'));
      return;
    }
    if (this.pages.has(topic.id)) {
      panel.dispose();
      return;
    }
    await this.render(this.attach(panel, topic.id), loaded);
  }

  private attach(panel: vscode.WebviewPanel, topicId: string): Page {
    const page: Page = { panel, topicId, live: false };
    this.pages.set(topicId, page);
    if (panel.active || !this.lastActive) this.lastActive = page;
    panel.iconPath = vscode.Uri.joinPath(this.extensionUri, 'media', 'icon.svg');
    const subs = [
      panel.webview.onDidReceiveMessage((raw) => void this.onMessage(page, raw)),
      panel.onDidChangeViewState((e) => {
        if (e.webviewPanel.active) this.lastActive = page;
        // A hidden webview loses its document (retainContextWhenHidden is off).
        if (!e.webviewPanel.visible) page.live = false;
        else if (this.stale.delete(page)) void this.render(page);
      }),
    ];
    panel.onDidDispose(() => {
      if (this.pages.get(page.topicId) === page) this.pages.delete(page.topicId);
      if (this.lastActive === page) this.lastActive = undefined;
      this.stale.delete(page);
      for (const s of subs) s.dispose();
    });
    return page;
  }

  /** Points a page at another topic and shows it: by swapping the content when it can, else a new document. */
  private async navigate(page: Page, topicId: string, loaded?: LoadedRoadmap): Promise<void> {
    if (this.pages.get(page.topicId) === page) this.pages.delete(page.topicId);
    page.topicId = topicId;
    this.pages.set(topicId, page);
    this.stale.delete(page);
    const data = loaded ?? (await this.roadmap.get());
    const model = await this.model(topicId, data);
    if (page.topicId !== topicId) return; // navigated again meanwhile
    if (model && page.live && page.panel.visible) {
      page.panel.title = model.topic.title;
      const sent = await page.panel.webview.postMessage({
        type: 'show', topicId, title: model.topic.title, done: model.done, html: renderTopicContent(model),
      } satisfies HostMessage);
      if (sent) {
        this.counts.swaps++;
        return;
      }
    }
    await this.render(page, data);
  }

  private async onMessage(page: Page, raw: unknown): Promise<void> {
    const index = this.roadmap.current?.index;
    const m = receive(raw, this.log, (id) => index?.topic(id) !== undefined);
    if (!m) return;
    switch (m.type) {
      case 'ready':
        page.live = true;
        this.readyEmitter.fire({ topicId: m.topicId ?? page.topicId, at: Date.now() });
        return;
      case 'openTopic': {
        // A link inside the page: navigate this page, unless the topic has a page of its own.
        const other = this.pages.get(m.topicId);
        if (other && other !== page) other.panel.reveal(other.panel.viewColumn);
        else if (m.topicId !== page.topicId) {
          await this.navigate(page, m.topicId);
          this.revealInTree(m.topicId);
        }
        return;
      }
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

  /** Handles a message as if the page now showing `topicId` had posted it (tests). */
  async simulateMessage(topicId: string, raw: unknown): Promise<void> {
    const page = this.pages.get(topicId);
    if (page) await this.onMessage(page, raw);
  }

  /** Set by the extension: selects a topic in the tree (when the tree is visible). */
  revealInTree: (topicId: string) => void = () => {};

  private async model(topicId: string, data: LoadedRoadmap): Promise<TopicPageModel | undefined> {
    const index = data.index;
    const topic = index?.topic(topicId);
    if (!index || !topic) return undefined;
    // Without its HTML (a damaged install) the page still shows everything but the explanation.
    const html = (await this.roadmap.topicHtml(topic.id)) ?? { details: '<p class="muted">The explanation of this topic could not be read; reinstalling the extension restores it.</p>', keyPoints: [] };
    const link = (id: string): TopicLink | undefined => {
      const t = index.topic(id);
      return t ? { id: t.id, title: t.title, done: this.store.isDone(t.id) } : undefined;
    };
    const links = (ids: readonly string[]) => ids.map(link).filter((l): l is TopicLink => l !== undefined);
    const prev = index.previous(topic.id);
    const next = index.next(topic.id);
    return {
      topic,
      stage: index.stage(topic.stageId)!,
      section: index.section(topic.sectionId)!,
      html,
      done: this.store.isDone(topic.id),
      prerequisites: links(topic.prerequisites),
      related: links(topic.related),
      ...(prev ? { previous: link(prev.id) } : {}),
      ...(next ? { next: link(next.id) } : {}),
    };
  }

  /** Writes a whole new document into the page. */
  private async render(page: Page, loaded?: LoadedRoadmap): Promise<void> {
    const data = loaded ?? (await this.roadmap.get());
    const topicId = page.topicId;
    const [assets, model] = await Promise.all([pageAssets(page.panel.webview, this.extensionUri, 'topic'), this.model(topicId, data)]);
    if (page.topicId !== topicId) return; // navigated meanwhile; that navigation renders
    page.live = false;
    if (!model) {
      page.panel.webview.html = renderMessagePage('Topic not available', data.issues[0]?.message ?? `No topic '${topicId}'.`, assets);
      return;
    }
    page.panel.title = model.topic.title;
    page.panel.webview.html = renderTopicPage(model, assets);
    this.counts.documents++;
  }

  dispose(): void {
    for (const p of this.pages.values()) p.panel.dispose();
    this.readyEmitter.dispose();
    for (const d of this.disposables) d.dispose();
  }
}
