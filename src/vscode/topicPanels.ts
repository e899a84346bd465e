import * as vscode from 'vscode';
import { Commands, Settings, ViewIds } from '../constants';
import { renderDashboard, renderDashboardContent } from '../core/dashboard';
import { renderMessagePage, renderTopicContent, renderTopicPage, type TopicLink, type TopicPageModel } from '../core/page';
import type { HostMessage } from '../protocol';
import type { ProgressStore } from './progressStore';
import type { LoadedRoadmap, RoadmapService } from './roadmapService';
import { pageAssets, receive, webviewOptions } from './webviewAssets';
import type { Log } from './log';

/** What a page shows: a topic, or the progress dashboard. */
export type PageView = { readonly kind: 'topic'; readonly topicId: string } | { readonly kind: 'dashboard' };

/** What the serializer stores (older versions stored only `topicId`). */
interface PanelState {
  view?: 'topic' | 'dashboard';
  topicId?: string;
}

/** One page: a webview panel and what it shows now (navigation changes it). */
interface Page {
  readonly panel: vscode.WebviewPanel;
  view: PageView;
  /** The current document has loaded and reported ready, so it can take a `show` message. */
  live: boolean;
  /** The panel keeps its document while hidden (retainContextWhenHidden). */
  readonly retained: boolean;
}

export interface OpenOptions {
  readonly viewColumn?: vscode.ViewColumn;
  /** Always a page of its own (Open Topic to the Side), never an existing page reused. */
  readonly newPage?: boolean;
}

/** Map key of a view: the topic id, or ':dashboard' (never a topic id, which is kebab-case). */
const keyOf = (v: PageView) => (v.kind === 'topic' ? v.topicId : ':dashboard');
const DASHBOARD: PageView = { kind: 'dashboard' };

/**
 * The roadmap's pages: topic pages and the progress dashboard, in webview panels.
 *
 * - Never two pages for the same topic (or two dashboards): an open one is revealed.
 * - Something not open yet is shown in the page used last, by default
 *   (`dsRoadmap.topicPage.reuse`), the way the Markdown preview follows the editor; links inside
 *   a page and the dashboard's map always navigate in place.
 * - A live page changes what it shows by a message that swaps its content: no new document and
 *   no new webview has to load, which in the browser (code-server) costs over a second per webview.
 * - Pages are restored after a reload by the serializer, and follow progress made elsewhere.
 */
export class TopicPanels implements vscode.Disposable, vscode.WebviewPanelSerializer<PanelState> {
  private readonly pages = new Map<string, Page>();
  /** The page that was active last: the one that shows the next topic when pages are reused. */
  private lastActive: Page | undefined;
  /** Pages that missed a change while hidden. */
  private readonly stale = new Set<Page>();
  private readonly disposables: vscode.Disposable[] = [];
  private readonly readyEmitter = new vscode.EventEmitter<{ topicId: string; at: number }>();
  private readonly dashboardReadyEmitter = new vscode.EventEmitter<number>();
  /** Fires when a page reports it painted a topic (a new document, or swapped content). */
  readonly onDidBecomeReady = this.readyEmitter.event;
  /** Fires when a page reports it painted the dashboard. */
  readonly onDidDashboardBecomeReady = this.dashboardReadyEmitter.event;
  /** How pages got their content: whole documents written, and in-place swaps (tests, benchmarks). */
  readonly counts = { documents: 0, swaps: 0 };
  /** Set by the extension: selects a topic in the tree (when the tree is visible). */
  revealInTree: (topicId: string) => Promise<void> = async () => {};

  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly roadmap: RoadmapService,
    private readonly store: ProgressStore,
    private readonly log: Log,
  ) {
    this.disposables.push(
      store.onDidChange(({ ids }) => {
        // Pages update in place (a topic's state and its links, or the whole dashboard); their
        // documents are kept while hidden (retainContextWhenHidden), so hidden ones follow too.
        for (const page of this.pages.values()) {
          if (!page.live) {
            this.stale.add(page);
            continue;
          }
          if (page.view.kind === 'dashboard') {
            this.refreshDashboardSoon();
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

  private dashboardRefresh: ReturnType<typeof setTimeout> | undefined;

  /** Redraws a visible dashboard once for a burst of changes (a passed check, an import, fast ticking). */
  private refreshDashboardSoon(): void {
    this.dashboardRefresh ??= setTimeout(() => {
      this.dashboardRefresh = undefined;
      const page = this.pages.get(keyOf(DASHBOARD));
      if (page?.live) void this.navigate(page, DASHBOARD);
      else if (page) this.stale.add(page);
    }, 30);
  }

  /** Topics that have a page now. */
  get openTopicIds(): string[] {
    return [...this.pages.values()].flatMap((p) => (p.view.kind === 'topic' ? [p.view.topicId] : []));
  }

  /** Whether a page shows the dashboard now. */
  get dashboardOpen(): boolean {
    return this.pages.has(keyOf(DASHBOARD));
  }

  /** Shows a topic: its own page if open, else the page used last (when reused), else a new page. */
  async open(topicId: string, options: OpenOptions = {}): Promise<vscode.WebviewPanel | undefined> {
    const loaded = await this.roadmap.get();
    const topic = loaded.index?.topic(topicId);
    if (!topic) {
      void vscode.window.showWarningMessage(`Data Science Roadmap: there is no topic '${topicId}'.`);
      return undefined;
    }
    return this.show({ kind: 'topic', topicId: topic.id }, topic.title, options, loaded);
  }

  /** Shows the progress dashboard, the same way. */
  async openDashboard(options: OpenOptions = {}): Promise<vscode.WebviewPanel> {
    return this.show(DASHBOARD, 'Roadmap Progress', options);
  }

  private async show(view: PageView, title: string, options: OpenOptions, loaded?: LoadedRoadmap): Promise<vscode.WebviewPanel> {
    const existing = this.pages.get(keyOf(view));
    if (existing) {
      existing.panel.reveal(options.newPage ? undefined : options.viewColumn);
      return existing.panel;
    }
    const reuse = !options.newPage && vscode.workspace.getConfiguration(Settings.section).get<boolean>(Settings.topicPageReuse, true);
    const target = reuse ? this.lastActive : undefined;
    if (target) {
      await this.navigate(target, view, loaded);
      target.panel.reveal(target.panel.viewColumn);
      return target.panel;
    }
    const panel = vscode.window.createWebviewPanel(ViewIds.topicPanel, title, options.viewColumn ?? vscode.ViewColumn.Active, webviewOptions(this.extensionUri, reuse));
    await this.render(this.attach(panel, view), loaded);
    return panel;
  }

  async deserializeWebviewPanel(panel: vscode.WebviewPanel, state: PanelState | undefined): Promise<void> {
    panel.webview.options = webviewOptions(this.extensionUri, panel.options.retainContextWhenHidden === true);
    if (state?.view === 'dashboard') return this.restore(panel, DASHBOARD);
    const id = typeof state?.topicId === 'string' ? state.topicId : undefined;
    const loaded = await this.roadmap.get();
    const topic = id ? loaded.index?.topic(id) : undefined;
    if (!topic) {
      panel.webview.html = renderMessagePage('Topic not found', `This page showed a topic that is no longer in the roadmap (${id ?? 'unknown'}).`,
        await pageAssets(panel.webview, this.extensionUri));
      return;
    }
    return this.restore(panel, { kind: 'topic', topicId: topic.id }, loaded);
  }

  /** Restores a dashboard panel saved by an earlier version (its own panel type). */
  readonly legacyDashboardSerializer: vscode.WebviewPanelSerializer = {
    deserializeWebviewPanel: async (panel) => {
      panel.webview.options = webviewOptions(this.extensionUri, panel.options.retainContextWhenHidden === true);
      await this.restore(panel, DASHBOARD);
    },
  };

  private async restore(panel: vscode.WebviewPanel, view: PageView, loaded?: LoadedRoadmap): Promise<void> {
    if (this.pages.has(keyOf(view))) {
      panel.dispose();
      return;
    }
    await this.render(this.attach(panel, view), loaded);
  }

  private attach(panel: vscode.WebviewPanel, view: PageView): Page {
    const page: Page = { panel, view, live: false, retained: panel.options.retainContextWhenHidden === true };
    this.pages.set(keyOf(view), page);
    if (panel.active || !this.lastActive) this.lastActive = page;
    panel.iconPath = vscode.Uri.joinPath(this.extensionUri, 'media', 'icon.svg');
    const subs = [
      panel.webview.onDidReceiveMessage((raw) => void this.onMessage(page, raw)),
      panel.onDidChangeViewState((e) => {
        if (e.webviewPanel.active) this.lastActive = page;
        // A retained document is kept while hidden; any other is gone until the page is shown again
        // (VS Code then reloads the last document written, and its ready message brings it up to
        // date, changes missed meanwhile included).
        if (!e.webviewPanel.visible && !page.retained) page.live = false;
      }),
    ];
    panel.onDidDispose(() => {
      if (this.pages.get(keyOf(page.view)) === page) this.pages.delete(keyOf(page.view));
      // The next topic goes to another open page, if there is one.
      if (this.lastActive === page) this.lastActive = [...this.pages.values()].at(-1);
      this.stale.delete(page);
      for (const s of subs) s.dispose();
    });
    return page;
  }

  /** Points a page at another view and shows it: by swapping the content when it can, else a new document. */
  private async navigate(page: Page, view: PageView, loaded?: LoadedRoadmap): Promise<void> {
    if (this.pages.get(keyOf(page.view)) === page) this.pages.delete(keyOf(page.view));
    page.view = view;
    this.pages.set(keyOf(view), page);
    this.stale.delete(page);
    const data = loaded ?? (await this.roadmap.get());
    if (page.live) {
      const message = await this.content(view, data);
      if (page.view !== view) return; // navigated again meanwhile
      if (message) {
        page.panel.title = message.title;
        if (await page.panel.webview.postMessage(message)) {
          this.counts.swaps++;
          return;
        }
      }
    }
    await this.render(page, data);
  }

  /** The `show` message for a view: its content, rendered. */
  private async content(view: PageView, data: LoadedRoadmap): Promise<Extract<HostMessage, { type: 'show' }> | undefined> {
    if (view.kind === 'dashboard') {
      if (!data.index) return undefined;
      return { type: 'show', view: 'dashboard', title: 'Roadmap Progress', html: renderDashboardContent(this.dashboardModel(data)) };
    }
    const model = await this.topicModel(view.topicId, data);
    return model && { type: 'show', view: 'topic', topicId: model.topic.id, title: model.topic.title, done: model.done, html: renderTopicContent(model) };
  }

  private async onMessage(page: Page, raw: unknown): Promise<void> {
    const index = this.roadmap.current?.index;
    const m = receive(raw, this.log, (id) => index?.topic(id) !== undefined);
    if (!m) return;
    switch (m.type) {
      case 'ready': {
        page.live = true;
        const shows = m.page === 'dashboard' ? keyOf(DASHBOARD) : m.topicId;
        if (shows !== keyOf(page.view) || this.stale.delete(page)) {
          // A document VS Code reloaded shows what the page showed before, or progress changed
          // while it loaded: bring it up to date (its next ready is reported).
          void this.navigate(page, page.view);
          return;
        }
        if (m.page === 'dashboard') this.dashboardReadyEmitter.fire(Date.now());
        else this.readyEmitter.fire({ topicId: m.topicId ?? '', at: Date.now() });
        return;
      }
      case 'openTopic': {
        // A link or map node inside the page: navigate this page, unless the topic has a page of its own.
        const other = this.pages.get(m.topicId);
        if (other && other !== page) other.panel.reveal(other.panel.viewColumn);
        else if (other !== page) {
          await this.navigate(page, { kind: 'topic', topicId: m.topicId });
          await this.revealInTree(m.topicId);
        }
        return;
      }
      case 'showProgress': {
        const other = this.pages.get(keyOf(DASHBOARD));
        if (other) other.panel.reveal(other.panel.viewColumn);
        else await this.navigate(page, DASHBOARD);
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

  /** Handles a message as if the page showing `key` (a topic id, or ':dashboard') had posted it (tests). */
  async simulateMessage(key: string, raw: unknown): Promise<void> {
    const page = this.pages.get(key);
    if (page) await this.onMessage(page, raw);
  }

  private dashboardModel(data: LoadedRoadmap) {
    return { roadmap: data.index!.roadmap, state: this.store.snapshot, now: new Date() };
  }

  private async topicModel(topicId: string, data: LoadedRoadmap): Promise<TopicPageModel | undefined> {
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
    const view = page.view;
    const data = loaded ?? (await this.roadmap.get());
    const [assets, model] = await Promise.all([
      pageAssets(page.panel.webview, this.extensionUri),
      view.kind === 'topic' ? this.topicModel(view.topicId, data) : Promise.resolve(undefined),
    ]);
    if (page.view !== view) return; // navigated meanwhile; that navigation renders
    page.live = false;
    if (view.kind === 'dashboard') {
      page.panel.title = 'Roadmap Progress';
      page.panel.webview.html = data.index
        ? renderDashboard(this.dashboardModel(data), assets)
        : renderMessagePage('Roadmap not available', data.issues[0]?.message ?? 'The roadmap could not be loaded.', assets);
    } else if (!model) {
      page.panel.webview.html = renderMessagePage('Topic not available', data.issues[0]?.message ?? `No topic '${view.topicId}'.`, assets);
      return;
    } else {
      page.panel.title = model.topic.title;
      page.panel.webview.html = renderTopicPage(model, assets);
    }
    this.counts.documents++;
  }

  dispose(): void {
    if (this.dashboardRefresh) clearTimeout(this.dashboardRefresh);
    for (const p of this.pages.values()) p.panel.dispose();
    this.readyEmitter.dispose();
    this.dashboardReadyEmitter.dispose();
    for (const d of this.disposables) d.dispose();
  }
}
