import { renderDashboard, renderDashboardContent, type DashboardModel } from '../../core/pages/dashboard';
import { topicView, type PageView } from '../../core/pages/navigation';
import { renderMessagePage, renderPlainPage, type PageAssets } from '../../core/pages/pageDocument';
import { renderQuizSection, renderReviewContent } from '../../core/pages/quizSection';
import { renderTopicContent, renderTopicPage, type TopicLink, type TopicPageModel } from '../../core/pages/topicPage';
import type { EnvironmentAction, HostMessage } from '../../protocol';
import { renderEnvironmentContent, type EnvironmentModel } from '../../core/pages/environmentPage';
import { partTitle, renderOverviewContent, renderSectionContent, renderStageContent, type PartPagesModel } from '../../core/pages/partPages';
import { paceOutlook } from '../../core/progress/studyTime';
import { setting } from '../settings';
import type { ProgressStore } from '../progressStore';
import type { NotesService } from '../notes/notesService';
import type { QuizService } from '../review/quizService';
import type { LoadedRoadmap, RoadmapService } from '../roadmapService';

/** The tab titles of the views that are not about one part of the roadmap. */
const TITLES = { dashboard: 'Roadmap Progress', review: 'Roadmap Review', environment: 'Python for the Exercises', overview: 'Roadmap Overview' } as const;
const DASHBOARD_TITLE = TITLES.dashboard;
const REVIEW_TITLE = TITLES.review;
const ENVIRONMENT_TITLE = TITLES.environment;
const OVERVIEW_TITLE = TITLES.overview;

/** What the environment page shows, and what its buttons do (src/vscode/exercises/environment.ts). */
export interface EnvironmentSource {
  model(): Promise<EnvironmentModel>;
  act(action: EnvironmentAction): Promise<void>;
}

type PartView = Extract<PageView, { kind: 'overview' | 'stage' | 'section' }>;
const isPart = (v: PageView): v is PartView => v.kind === 'overview' || v.kind === 'stage' || v.kind === 'section';

/** A whole document for a page, with its tab title (kept when undefined); `counted` is false for a missing topic. */
export interface PageDocument {
  readonly title: string | undefined;
  readonly html: string;
  readonly counted: boolean;
}

/** What a page shows, rendered from the roadmap and progress: as a whole document or as a swap. */
export class PageContent {
  constructor(private readonly roadmap: RoadmapService, private readonly store: ProgressStore, private readonly quiz: QuizService,
    private readonly notes: NotesService, private readonly clock: () => Date = () => new Date(), private readonly environment?: EnvironmentSource) {}

  private async environmentHtml(): Promise<string> {
    return this.environment ? renderEnvironmentContent(await this.environment.model()) : '<p class="muted">Not available.</p>';
  }

  private async dashboardModel(data: LoadedRoadmap): Promise<DashboardModel> {
    const map = await this.roadmap.mapLayout();
    return { roadmap: data.index!.roadmap, state: this.store.snapshot, now: this.clock(), hoursPerWeek: setting('hoursPerWeek'), ...(map ? { map } : {}) };
  }

  /** The view as it is shown (a topic by its own id) and its tab title; undefined for an unknown topic, stage or section. */
  resolve(view: PageView, data: LoadedRoadmap): { readonly view: PageView; readonly title: string } | undefined {
    if (view.kind === 'topic') {
      const topic = data.index?.topic(view.topicId);
      return topic && { view: topicView(topic.id), title: topic.title };
    }
    if (view.kind === 'stage' || view.kind === 'section') {
      const roadmap = data.index?.roadmap;
      const title = roadmap && partTitle(roadmap, view.kind, view.id);
      return title === undefined ? undefined : { view, title };
    }
    return { view, title: TITLES[view.kind] };
  }

  /** The overview's, a stage's or a section's content and tab title; undefined when it cannot be shown. */
  part(view: PartView, data: LoadedRoadmap): { readonly title: string; readonly html: string } | undefined {
    const roadmap = data.index?.roadmap;
    if (!roadmap) return undefined;
    const hoursPerWeek = setting('hoursPerWeek');
    const state = this.store.snapshot;
    const m: PartPagesModel = {
      roadmap, state, hoursPerWeek,
      html: data.compiled?.html ?? { stages: {}, sections: {}, faq: [] },
      outlook: paceOutlook(roadmap, state, hoursPerWeek, this.clock()),
    };
    if (view.kind === 'overview') return { title: OVERVIEW_TITLE, html: renderOverviewContent(m) };
    const html = view.kind === 'stage' ? renderStageContent(m, view.id) : renderSectionContent(m, view.id);
    const title = partTitle(roadmap, view.kind, view.id);
    return html !== undefined && title !== undefined ? { title, html } : undefined;
  }

  async topicModel(topicId: string, data: LoadedRoadmap): Promise<TopicPageModel | undefined> {
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
    const questions = html.quiz ?? [];
    const note = await this.notes.rendered(topic).catch(() => undefined);
    return {
      ...(note ? { note } : {}),
      quiz: renderQuizSection(topic.id, questions, this.quiz.score(topic.id, questions)),
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

  /** The `show` message for a view: its content, rendered; undefined when it cannot be shown. */
  async message(view: PageView, data: LoadedRoadmap): Promise<Extract<HostMessage, { type: 'show' }> | undefined> {
    if (view.kind === 'dashboard') {
      if (!data.index) return undefined;
      return { type: 'show', view: 'dashboard', title: DASHBOARD_TITLE, html: renderDashboardContent(await this.dashboardModel(data)) };
    }
    if (view.kind === 'review') return { type: 'show', view: 'review', title: REVIEW_TITLE, html: renderReviewContent(await this.quiz.sessionView()) };
    if (view.kind === 'environment') return { type: 'show', view: 'environment', title: ENVIRONMENT_TITLE, html: await this.environmentHtml() };
    if (isPart(view)) {
      const p = this.part(view, data);
      if (!p) return undefined;
      return view.kind === 'overview' ? { type: 'show', view: 'overview', ...p } : { type: 'show', view: view.kind, id: view.id, ...p };
    }
    const model = await this.topicModel(view.topicId, data);
    return model && { type: 'show', view: 'topic', topicId: model.topic.id, title: model.topic.title, done: model.done, html: renderTopicContent(model) };
  }

  /** A whole document for a view (or a message page when it cannot be shown). */
  async document(view: PageView, data: LoadedRoadmap, assets: PageAssets): Promise<PageDocument> {
    if (view.kind === 'dashboard') {
      return data.index
        ? { title: DASHBOARD_TITLE, html: renderDashboard(await this.dashboardModel(data), assets), counted: true }
        : { title: DASHBOARD_TITLE, html: renderMessagePage('Roadmap not available', data.issues[0]?.message ?? 'The roadmap could not be loaded.', assets), counted: true };
    }
    if (view.kind === 'review') return { title: REVIEW_TITLE, html: renderPlainPage('review', REVIEW_TITLE, renderReviewContent(await this.quiz.sessionView()), assets), counted: true };
    if (view.kind === 'environment') return { title: ENVIRONMENT_TITLE, html: renderPlainPage('environment', ENVIRONMENT_TITLE, await this.environmentHtml(), assets), counted: true };
    if (isPart(view)) {
      const p = this.part(view, data);
      if (!p) return { title: undefined, html: renderMessagePage('Page not available', data.issues[0]?.message ?? `No ${view.kind} '${view.kind === 'overview' ? '' : view.id}'.`, assets), counted: false };
      return { title: p.title, html: renderPlainPage(view.kind, p.title, p.html, assets, view.kind === 'overview' ? undefined : view.id), counted: true };
    }
    const model = await this.topicModel(view.topicId, data);
    if (!model) return { title: undefined, html: renderMessagePage('Topic not available', data.issues[0]?.message ?? `No topic '${view.topicId}'.`, assets), counted: false };
    return { title: model.topic.title, html: renderTopicPage(model, assets), counted: true };
  }
}
