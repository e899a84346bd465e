import vscode = require('vscode');
import { Commands } from '../../constants';
import { DASHBOARD_VIEW, ENVIRONMENT_VIEW, OVERVIEW_VIEW, partView, REVIEW_VIEW, topicView, type PageView } from '../../core/pages/navigation';
import type { EnvironmentAction, PageLink, WebviewMessage } from '../../protocol';
import { reportSave } from '../commands/commandKit';
import type { QuizService } from '../review/quizService';
import type { RoadmapPage } from './roadmapPage';

/** What the page manager does for a page's messages. */
export interface PageActions {
  /** The page's document painted `reported`. */
  ready(page: RoadmapPage, reported: PageView): void;
  /** A link or map node inside the page. */
  openTopic(page: RoadmapPage, topicId: string): Promise<void>;
  /** The page's Progress button. */
  showProgress(page: RoadmapPage): Promise<void>;
  /** A breadcrumb, pager button or link to the overview, the dashboard, a stage or a section. */
  openPage(page: RoadmapPage, view: PageView): Promise<void>;
  /** Review: the next card, or a session started from this page. */
  review(page: RoadmapPage, restart: boolean): Promise<void>;
  /** A button of the environment page: the host does the work, then shows the page again. */
  environment(page: RoadmapPage, action: EnvironmentAction): Promise<void>;
}

type Handler<T extends WebviewMessage['type']> = (page: RoadmapPage, message: Extract<WebviewMessage, { type: T }>) => unknown;
export type MessageHandlers = { readonly [T in WebviewMessage['type']]: Handler<T> };

/** The view a `ready` message reports. */
function readyView(m: Extract<WebviewMessage, { type: 'ready' }>): PageView {
  if ('id' in m) return partView(m.page, m.id);
  if (m.page === 'dashboard') return DASHBOARD_VIEW;
  if (m.page === 'review') return REVIEW_VIEW;
  if (m.page === 'overview') return OVERVIEW_VIEW;
  if (m.page === 'environment') return ENVIRONMENT_VIEW;
  return topicView(('topicId' in m ? m.topicId : undefined) ?? '');
}

/** The view a link names. */
export function linkView(l: PageLink): PageView {
  if ('id' in l) return partView(l.view, l.id);
  return l.view === 'overview' ? OVERVIEW_VIEW : DASHBOARD_VIEW;
}

const run = (command: string) => (_page: RoadmapPage, m: { readonly topicId: string }) => vscode.commands.executeCommand(command, m.topicId);

/**
 * One handler per message type (messages arrive validated, see pageAssets.ts `receive`). The
 * buttons of a page run the same commands as the palette, so they behave the same everywhere.
 */
export function messageHandlers(actions: PageActions, quiz: QuizService): MessageHandlers {
  return {
    ready: (page, m) => actions.ready(page, readyView(m)),
    openPage: (page, m) => actions.openPage(page, linkView(m)),
    openTopic: (page, m) => actions.openTopic(page, m.topicId),
    showProgress: (page) => actions.showProgress(page),
    markComplete: run(Commands.markComplete),
    markIncomplete: run(Commands.markIncomplete),
    scaffoldNotebook: run(Commands.scaffoldNotebook),
    scaffoldScript: run(Commands.scaffoldScript),
    showSolution: run(Commands.showSolution),
    openNotes: run(Commands.openNotes),
    // Graded here, in the host: the page only shows what it is sent.
    answer: async (page, m) => {
      const g = await quiz.answer(m.topicId, m.questionId, m.answer);
      if (!g) return;
      // Shown first; a save that fails is reported when it does (the answer is kept in memory meanwhile).
      await page.post({ type: 'graded', topicId: m.topicId, questionId: m.questionId, correct: g.correct, html: g.html, score: g.score });
      reportSave(await g.saved);
    },
    rate: async (page, m) => {
      const r = await quiz.rate(m.topicId, m.questionId, m.rating);
      if (!r) return;
      await page.post({ type: 'rated', topicId: m.topicId, questionId: m.questionId, html: r.html });
      reportSave(await r.saved);
    },
    nextCard: (page) => actions.review(page, false),
    startReview: (page) => actions.review(page, true),
    openExternal: (_page, m) => vscode.env.openExternal(vscode.Uri.parse(m.url, true)),
    environment: (page, m) => actions.environment(page, m.action),
  };
}

/** Calls the handler of a message's type. */
export function dispatch(handlers: MessageHandlers, page: RoadmapPage, message: WebviewMessage): unknown {
  return (handlers[message.type] as Handler<typeof message.type>)(page, message as never);
}
