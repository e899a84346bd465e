import { renderDashboard, renderDashboardContent, type DashboardModel } from '../../core/pages/dashboard';
import type { PageView } from '../../core/pages/navigation';
import { renderMessagePage, renderPlainPage, type PageAssets } from '../../core/pages/pageDocument';
import { renderQuizSection, renderReviewContent } from '../../core/pages/quizSection';
import { renderTopicContent, renderTopicPage, type TopicLink, type TopicPageModel } from '../../core/pages/topicPage';
import type { HostMessage } from '../../protocol';
import type { ProgressStore } from '../progressStore';
import type { NotesService } from '../notes/notesService';
import type { QuizService } from '../review/quizService';
import type { LoadedRoadmap, RoadmapService } from '../roadmapService';

export const DASHBOARD_TITLE = 'Roadmap Progress';
export const REVIEW_TITLE = 'Roadmap Review';

/** A whole document for a page, with its tab title (kept when undefined); `counted` is false for a missing topic. */
export interface PageDocument {
  readonly title: string | undefined;
  readonly html: string;
  readonly counted: boolean;
}

/** What a page shows, rendered from the roadmap and progress: as a whole document or as a swap. */
export class PageContent {
  constructor(private readonly roadmap: RoadmapService, private readonly store: ProgressStore, private readonly quiz: QuizService,
    private readonly notes: NotesService, private readonly clock: () => Date = () => new Date()) {}

  private async dashboardModel(data: LoadedRoadmap): Promise<DashboardModel> {
    const map = await this.roadmap.mapLayout();
    return { roadmap: data.index!.roadmap, state: this.store.snapshot, now: this.clock(), ...(map ? { map } : {}) };
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
    const model = await this.topicModel(view.topicId, data);
    if (!model) return { title: undefined, html: renderMessagePage('Topic not available', data.issues[0]?.message ?? `No topic '${view.topicId}'.`, assets), counted: false };
    return { title: model.topic.title, html: renderTopicPage(model, assets), counted: true };
  }
}
