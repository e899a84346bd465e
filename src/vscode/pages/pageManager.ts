import * as vscode from 'vscode';
import { ViewIds } from '../../constants';
import {
  DASHBOARD_VIEW, decideLink, decideShow, ENVIRONMENT_VIEW, nextActiveAfterClose, OVERVIEW_VIEW, partView, readyIsCurrent, restoredView, REVIEW_VIEW, topicView, viewKey, type PageView,
} from '../../core/pages/navigation';
import { renderMessagePage } from '../../core/pages/pageDocument';
import { isId } from '../../core/ids';
import type { HostMessage } from '../../protocol';
import type { Log } from '../log';
import type { ProgressStore } from '../progressStore';
import type { LoadedRoadmap, RoadmapService } from '../roadmapService';
import { affects, setting } from '../settings';
import { dispatch, messageHandlers, type MessageHandlers } from './messageHandlers';
import { pageAssets, receive, webviewOptions } from './pageAssets';
import type { NotesService } from '../notes/notesService';
import type { QuizService } from '../review/quizService';
import { DASHBOARD_TITLE, ENVIRONMENT_TITLE, OVERVIEW_TITLE, PageContent, REVIEW_TITLE, type EnvironmentSource } from './pageContent';
import { RoadmapPage } from './roadmapPage';

export interface OpenOptions {
  readonly viewColumn?: vscode.ViewColumn;
  /** Always a page of its own (Open Topic to the Side), never an existing page reused. */
  readonly newPage?: boolean;
}

/**
 * Which page shows what: topic pages and the progress dashboard in webview panels, following the
 * rules of core/pages/navigation.ts. A live page changes what it shows by a message that swaps its
 * content, so no new document and no new webview load (in code-server a webview costs over a
 * second). Pages are restored after a reload by the serializer and follow progress made elsewhere.
 */
export class PageManager implements vscode.Disposable, vscode.WebviewPanelSerializer {
  private readonly pages = new Map<string, RoadmapPage>();
  /** The page that was active last: the one that shows the next topic when pages are reused. */
  private lastActive: RoadmapPage | undefined;
  /** Pages that missed a change while hidden. */
  private readonly stale = new Set<RoadmapPage>();
  private readonly disposables: vscode.Disposable[] = [];
  private readonly content: PageContent;
  private readonly handlers: MessageHandlers;
  private readonly readyEmitter = new vscode.EventEmitter<{ topicId: string; at: number }>();
  private readonly dashboardReadyEmitter = new vscode.EventEmitter<number>();
  private dashboardRefresh: ReturnType<typeof setTimeout> | undefined;
  /** Fires when a page reports it painted a topic (a new document, or swapped content). */
  readonly onDidBecomeReady = this.readyEmitter.event;
  /** Fires when a page reports it painted the dashboard. */
  readonly onDidDashboardBecomeReady = this.dashboardReadyEmitter.event;
  private readonly reviewReadyEmitter = new vscode.EventEmitter<number>();
  /** Fires when a page reports it painted the review view. */
  readonly onDidReviewBecomeReady = this.reviewReadyEmitter.event;
  private readonly environmentReadyEmitter = new vscode.EventEmitter<number>();
  /** Fires when a page reports it painted the environment view (Set Up Python). */
  readonly onDidEnvironmentBecomeReady = this.environmentReadyEmitter.event;
  private readonly partReadyEmitter = new vscode.EventEmitter<{ key: string; at: number }>();
  /** Fires when a page reports it painted the overview, a stage or a section (`key` as in viewKey: ':overview', ':stage:<id>'). */
  readonly onDidPartBecomeReady = this.partReadyEmitter.event;
  /** How pages got their content: whole documents written, and in-place swaps (tests, benchmarks). */
  readonly counts = { documents: 0, swaps: 0 };

  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly roadmap: RoadmapService,
    private readonly store: ProgressStore,
    private readonly log: Log,
    /** Selects a topic in the tree (when the tree is visible), after in-page navigation. */
    private readonly revealInTree: (topicId: string) => Promise<void>,
    private readonly quiz: QuizService,
    notes: NotesService,
    clock: () => Date,
    private readonly environment: EnvironmentSource,
  ) {
    this.content = new PageContent(roadmap, store, quiz, notes, clock, environment);
    this.handlers = messageHandlers({
      ready: (page, reported) => this.onReady(page, reported),
      openTopic: (page, topicId) => this.onLink(page, topicId),
      showProgress: (page) => this.showIn(page, DASHBOARD_VIEW),
      openPage: (page, view) => this.showIn(page, view),
      review: async (page, restart) => {
        if (restart) this.quiz.startSession();
        else this.quiz.next();
        await this.showIn(page, REVIEW_VIEW, true);
      },
      environment: async (page, action) => {
        await this.environment.act(action);
        // The page shows the outcome: probed again (only if it still shows the environment).
        if (page.view.kind === 'environment') await this.navigate(page, ENVIRONMENT_VIEW);
      },
    }, quiz);
    this.disposables.push(
      store.onDidChange(({ ids }) => this.followProgress(ids)),
      // A saved note shows on its topic's page at once.
      notes.onDidChange((topicId) => {
        const page = this.pages.get(topicId);
        if (page) void this.navigate(page, page.view);
      }),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (affects(e, 'fontSize')) for (const page of this.pages.values()) void this.render(page);
        else if (affects(e, 'hoursPerWeek')) this.refreshSummariesSoon();
      }),
    );
  }

  /** Topics that have a page now. */
  get openTopicIds(): string[] {
    return [...this.pages.values()].flatMap((p) => (p.view.kind === 'topic' ? [p.view.topicId] : []));
  }

  /** The topic of the active page, when the active editor is a topic page. */
  get activeTopicId(): string | undefined {
    const page = [...this.pages.values()].find((p) => p.panel.active && p.view.kind === 'topic');
    return page?.view.kind === 'topic' ? page.view.topicId : undefined;
  }

  /** Whether a page shows the dashboard now. */
  get dashboardOpen(): boolean {
    return this.pages.has(viewKey(DASHBOARD_VIEW));
  }

  /** Shows a topic: its own page if open, else the page used last (when reused), else a new page. */
  async open(topicId: string, options: OpenOptions = {}): Promise<vscode.WebviewPanel | undefined> {
    const loaded = await this.roadmap.get();
    const topic = loaded.index?.topic(topicId);
    if (!topic) return undefined;
    return this.show(topicView(topic.id), topic.title, options, loaded);
  }

  /** Shows the progress dashboard, the same way. */
  openDashboard(options: OpenOptions = {}): Promise<vscode.WebviewPanel> {
    return this.show(DASHBOARD_VIEW, DASHBOARD_TITLE, options);
  }

  /** Shows the overview (the role, the estimates, the stages, the FAQ), the same way. */
  openOverview(options: OpenOptions = {}): Promise<vscode.WebviewPanel> {
    return this.show(OVERVIEW_VIEW, OVERVIEW_TITLE, options);
  }

  /** Shows a stage's or a section's page, the same way; undefined for an unknown id. */
  async openPart(kind: 'stage' | 'section', id: string, options: OpenOptions = {}): Promise<vscode.WebviewPanel | undefined> {
    const loaded = await this.roadmap.get();
    const index = loaded.index;
    const title = kind === 'stage' ? index?.stage(id)?.title : index?.section(id)?.title;
    return title === undefined ? undefined : this.show(partView(kind, id), title, options, loaded);
  }

  /** Starts a review session over the due cards and shows it, the same way. */
  async openReview(options: OpenOptions = {}): Promise<vscode.WebviewPanel> {
    this.quiz.startSession();
    return this.openFresh(REVIEW_VIEW, REVIEW_TITLE, options);
  }

  /** Shows the environment page (Set Up Python), probed afresh, the same way. */
  openEnvironment(options: OpenOptions = {}): Promise<vscode.WebviewPanel> {
    return this.openFresh(ENVIRONMENT_VIEW, ENVIRONMENT_TITLE, options);
  }

  /** Shows a view drawn afresh: the page that shows it is redrawn and revealed, else it is shown as usual. */
  private async openFresh(view: PageView, title: string, options: OpenOptions): Promise<vscode.WebviewPanel> {
    const page = this.pages.get(viewKey(view));
    if (page) {
      await this.navigate(page, view);
      page.reveal();
      return page.panel;
    }
    return this.show(view, title, options);
  }

  /** A button inside a page: show `view` there, or reveal the page that shows it (`refresh`: redraw it too). */
  private async showIn(page: RoadmapPage, view: PageView, refresh = false): Promise<void> {
    const other = this.pages.get(viewKey(view));
    if (other && other !== page) {
      other.reveal();
      if (refresh) await this.navigate(other, view);
    } else if (other !== page || refresh) await this.navigate(page, view);
  }

  private async show(view: PageView, title: string, options: OpenOptions, loaded?: LoadedRoadmap): Promise<vscode.WebviewPanel> {
    const decision = decideShow({
      showing: this.pages.get(viewKey(view)),
      lastActive: this.lastActive,
      reuse: setting('topicPage.reuse'),
      newPage: options.newPage === true,
    });
    switch (decision.action) {
      case 'reveal':
        decision.page.panel.reveal(options.newPage ? undefined : options.viewColumn);
        return decision.page.panel;
      case 'navigate':
        await this.navigate(decision.page, view, loaded);
        decision.page.reveal();
        return decision.page.panel;
      case 'create': {
        const panel = vscode.window.createWebviewPanel(ViewIds.topicPanel, title, options.viewColumn ?? vscode.ViewColumn.Active, webviewOptions(this.extensionUri, decision.retain));
        await this.render(this.attach(panel, view), loaded);
        return panel;
      }
    }
  }

  /** Restores a page after a reload (VS Code calls this for every saved page). */
  async deserializeWebviewPanel(panel: vscode.WebviewPanel, state: unknown): Promise<void> {
    panel.webview.options = webviewOptions(this.extensionUri, panel.options.retainContextWhenHidden === true);
    const saved = restoredView(state);
    if (saved.kind !== 'topic') return this.restore(panel, saved);
    const loaded = await this.roadmap.get();
    const topic = saved.topicId ? loaded.index?.topic(saved.topicId) : undefined;
    if (!topic) {
      panel.webview.html = renderMessagePage('Topic not found', `This page showed a topic that is no longer in the roadmap (${saved.topicId ?? 'unknown'}).`,
        await pageAssets(panel.webview, this.extensionUri));
      return;
    }
    return this.restore(panel, topicView(topic.id), loaded);
  }

  private async restore(panel: vscode.WebviewPanel, view: PageView, loaded?: LoadedRoadmap): Promise<void> {
    if (this.pages.has(viewKey(view))) {
      panel.dispose();
      return;
    }
    await this.render(this.attach(panel, view), loaded);
  }

  private attach(panel: vscode.WebviewPanel, view: PageView): RoadmapPage {
    const page = new RoadmapPage(panel, view, {
      onMessage: (p, raw) => void this.onMessage(p, raw),
      onActive: (p) => { this.lastActive = p; },
      onDispose: (p) => {
        if (this.pages.get(p.key) === p) this.pages.delete(p.key);
        // The next topic goes to another open page, if there is one.
        this.lastActive = nextActiveAfterClose(this.lastActive, p, [...this.pages.values()]);
        this.stale.delete(p);
      },
    }, vscode.Uri.joinPath(this.extensionUri, 'media', 'icon.svg'));
    this.pages.set(page.key, page);
    if (panel.active || !this.lastActive) this.lastActive = page;
    return page;
  }

  /** Open pages update in place (a topic's state and its links, or the whole dashboard). */
  private followProgress(ids: readonly string[]): void {
    // Documents are kept while hidden (retainContextWhenHidden), so hidden pages follow too.
    this.refreshSummariesSoon();
    for (const page of this.pages.values()) {
      if (!page.live) this.stale.add(page);
      else if (page.view.kind === 'topic') for (const id of ids.filter(isId).slice(0, 500)) void page.post({ type: 'status', topicId: id, done: this.store.isDone(id) });
    }
  }

  /**
   * Redraws the pages that show counts (the dashboard, the overview, stages, sections) once for a
   * burst of changes (a passed check, an import, fast ticking); hidden ones when shown again.
   */
  private refreshSummariesSoon(): void {
    this.dashboardRefresh ??= setTimeout(() => {
      this.dashboardRefresh = undefined;
      // A copy: navigating re-keys the page in the map, which would visit it again.
      for (const page of [...this.pages.values()]) {
        if (page.view.kind === 'topic' || page.view.kind === 'review') continue;
        if (page.live) void this.navigate(page, page.view);
        else this.stale.add(page);
      }
    }, 30);
  }

  /** Points a page at another view and shows it: by swapping the content when it can, else a new document. */
  private async navigate(page: RoadmapPage, view: PageView, loaded?: LoadedRoadmap): Promise<void> {
    if (this.pages.get(page.key) === page) this.pages.delete(page.key);
    page.view = view;
    this.pages.set(page.key, page);
    this.stale.delete(page);
    const data = loaded ?? (await this.roadmap.get());
    if (page.live) {
      const message = await this.content.message(view, data);
      if (page.view !== view) return; // navigated again meanwhile
      if (message && (await this.swap(page, message))) return;
    }
    await this.render(page, data);
  }

  private async swap(page: RoadmapPage, message: Extract<HostMessage, { type: 'show' }>): Promise<boolean> {
    page.panel.title = message.title;
    if (!(await page.post(message))) return false;
    this.counts.swaps++;
    return true;
  }

  private onReady(page: RoadmapPage, reported: PageView): void {
    page.live = true;
    if (!readyIsCurrent(page.view, reported, this.stale.delete(page))) {
      // A document VS Code reloaded shows what the page showed before, or progress changed
      // while it loaded: bring it up to date (its next ready is reported).
      void this.navigate(page, page.view);
      return;
    }
    if (page.view.kind === 'dashboard') this.dashboardReadyEmitter.fire(Date.now());
    else if (page.view.kind === 'topic') this.readyEmitter.fire({ topicId: page.view.topicId, at: Date.now() });
    else if (page.view.kind === 'environment') this.environmentReadyEmitter.fire(Date.now());
    else if (page.view.kind === 'review') this.reviewReadyEmitter.fire(Date.now());
    else this.partReadyEmitter.fire({ key: page.key, at: Date.now() });
  }

  /** A link or map node inside the page: navigate this page, unless the topic has a page of its own. */
  private async onLink(page: RoadmapPage, topicId: string): Promise<void> {
    const decision = decideLink(page, this.pages.get(topicId));
    if (decision.action === 'reveal') decision.page.reveal();
    else if (decision.action === 'navigate') {
      await this.navigate(page, topicView(topicId));
      await this.revealInTree(topicId);
    }
  }

  private async onMessage(page: RoadmapPage, raw: unknown): Promise<void> {
    const index = this.roadmap.current?.index;
    const m = receive(raw, this.log, (id) => index?.topic(id) !== undefined,
      (kind, id) => (kind === 'stage' ? index?.stage(id) : index?.section(id)) !== undefined);
    if (m) await dispatch(this.handlers, page, m);
  }

  /** The content a page showing `view` gets now (tests and benchmarks). */
  async contentOf(view: PageView): Promise<string | undefined> {
    return (await this.content.message(view, await this.roadmap.get()))?.html;
  }

  /** Handles a message as if the page showing `key` (a topic id, or ':dashboard') had posted it (tests). */
  async simulateMessage(key: string, raw: unknown): Promise<void> {
    const page = this.pages.get(key);
    if (page) await this.onMessage(page, raw);
  }

  /** Writes a whole new document into the page. */
  private async render(page: RoadmapPage, loaded?: LoadedRoadmap): Promise<void> {
    const view = page.view;
    const data = loaded ?? (await this.roadmap.get());
    // The page's HTML is read while the assets are prepared (both are cached after first use).
    const [assets] = await Promise.all([pageAssets(page.panel.webview, this.extensionUri), view.kind === 'topic' ? this.roadmap.topicHtml(view.topicId) : undefined]);
    const doc = await this.content.document(view, data, assets);
    if (page.view !== view) return; // navigated meanwhile; that navigation renders
    page.write(doc.title, doc.html);
    if (doc.counted) this.counts.documents++;
  }

  dispose(): void {
    if (this.dashboardRefresh) clearTimeout(this.dashboardRefresh);
    for (const p of this.pages.values()) p.panel.dispose();
    this.readyEmitter.dispose();
    this.dashboardReadyEmitter.dispose();
    this.reviewReadyEmitter.dispose();
    this.environmentReadyEmitter.dispose();
    this.partReadyEmitter.dispose();
    for (const d of this.disposables) d.dispose();
  }
}
