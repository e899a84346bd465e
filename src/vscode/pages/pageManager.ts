import vscode = require('vscode');
import { ViewIds } from '../../constants';
import {
  DASHBOARD_VIEW, decideLink, decideShow, ENVIRONMENT_VIEW, readyIsCurrent, restoredView, REVIEW_VIEW, topicView, viewKey, type PageView,
} from '../../core/pages/navigation';
import { renderMessagePage } from '../../core/pages/pageDocument';
import type { HostMessage } from '../../protocol';
import type { Log } from '../log';
import type { ProgressStore } from '../progressStore';
import type { LoadedRoadmap, RoadmapService } from '../roadmapService';
import { setting } from '../settings';
import { dispatch, messageHandlers, type MessageHandlers } from './messageHandlers';
import { pageAssets, receive, webviewOptions } from './pageAssets';
import type { NotesService } from '../notes/notesService';
import type { QuizService } from '../review/quizService';
import { PageContent, type EnvironmentSource } from './pageContent';
import { followChanges } from './pageFollow';
import { PageRegistry } from './pageRegistry';
import { RoadmapPage } from './roadmapPage';

/** A page painted `view` (its key as in viewKey: a topic id, ':dashboard', ':stage:<id>'...) at `at` (ms). */
export interface PagePainted {
  readonly view: PageView;
  readonly key: string;
  readonly at: number;
}

/** Views drawn afresh when opened again: a review starts a new session, the environment is probed again. */
const DRAWN_AFRESH: ReadonlySet<PageView['kind']> = new Set(['review', 'environment']);

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
  private readonly pages = new PageRegistry();
  private readonly disposables: vscode.Disposable[] = [];
  private readonly content: PageContent;
  private readonly handlers: MessageHandlers;
  private readonly paintEmitter = new vscode.EventEmitter<PagePainted>();
  /** Fires when a page reports it painted what it shows (a new document, or swapped content). */
  readonly onDidPaint = this.paintEmitter.event;
  /** How pages got their content: whole documents written, and in-place swaps (tests, benchmarks). */
  readonly counts = { documents: 0, swaps: 0 };

  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly roadmap: RoadmapService,
    store: ProgressStore,
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
    this.disposables.push(followChanges({ pages: this.pages, store, notes, redraw: (page) => this.navigate(page, page.view), rewrite: (page) => this.render(page) }));
  }

  /** Topics that have a page now. */
  get openTopicIds(): string[] {
    return this.pages.all().flatMap((p) => (p.view.kind === 'topic' ? [p.view.topicId] : []));
  }

  /** The topic of the active page, when the active editor is a topic page. */
  get activeTopicId(): string | undefined {
    const page = this.pages.all().find((p) => p.panel.active && p.view.kind === 'topic');
    return page?.view.kind === 'topic' ? page.view.topicId : undefined;
  }

  /** Whether a page shows the dashboard now. */
  get dashboardOpen(): boolean {
    return this.pages.has(viewKey(DASHBOARD_VIEW));
  }

  /** Shows a topic, as openView does. */
  open(topicId: string, options: OpenOptions = {}): Promise<vscode.WebviewPanel | undefined> {
    return this.openView(topicView(topicId), options);
  }

  /**
   * Shows a view: its own page if open (redrawn, for a view drawn afresh each time: review and
   * environment), else the page used last (when reused), else a new page. Undefined for an unknown
   * topic, stage or section. A review starts a session over the due cards.
   */
  async openView(wanted: PageView, options: OpenOptions = {}): Promise<vscode.WebviewPanel | undefined> {
    const loaded = await this.roadmap.get();
    const found = this.content.resolve(wanted, loaded);
    if (!found) return undefined;
    const { view, title } = found;
    if (view.kind === 'review') this.quiz.startSession();
    const own = DRAWN_AFRESH.has(view.kind) ? this.pages.get(viewKey(view)) : undefined;
    if (own) {
      await this.navigate(own, view);
      own.reveal();
      return own.panel;
    }
    return this.show(view, title, options, loaded);
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
      lastActive: this.pages.lastActive,
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
      onActive: (p) => { this.pages.lastActive = p; },
      onDispose: (p) => this.pages.remove(p),
    }, vscode.Uri.joinPath(this.extensionUri, 'media', 'icon.svg'));
    this.pages.add(page);
    return page;
  }

  /** Points a page at another view and shows it: by swapping the content when it can, else a new document. */
  private async navigate(page: RoadmapPage, view: PageView, loaded?: LoadedRoadmap): Promise<void> {
    this.pages.point(page, view);
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
    if (!readyIsCurrent(page.view, reported, this.pages.takeStale(page))) {
      // A document VS Code reloaded shows what the page showed before, or progress changed
      // while it loaded: bring it up to date (its next ready is reported).
      void this.navigate(page, page.view);
      return;
    }
    this.paintEmitter.fire({ view: page.view, key: page.key, at: Date.now() });
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
    for (const p of this.pages.clear()) p.panel.dispose();
    this.paintEmitter.dispose();
    for (const d of this.disposables) d.dispose();
  }
}
