/**
 * The typed messages between the extension host and its webviews. Imported by both sides; the
 * host validates every incoming message with {@link parseWebviewMessage} before using it.
 */
import { isHttpsUrl, isId } from './core/ids';

/** A learner's answer to a quiz question: the indexes of the options chosen, or a number. */
export type AnswerPayload = { readonly kind: 'choice'; readonly selected: readonly number[] } | { readonly kind: 'numeric'; readonly value: number };

/** The page views other than a topic: shown by swapping content, like topics. */
export type PlainView = 'dashboard' | 'review' | 'overview' | 'environment';
const PLAIN_VIEWS: readonly PlainView[] = ['dashboard', 'review', 'overview', 'environment'];
const isPlainView = (v: unknown): v is PlainView => (PLAIN_VIEWS as readonly unknown[]).includes(v);

/** What the environment page's buttons ask the host for (the host does the work, see src/vscode/exercises/environment.ts). */
export const ENVIRONMENT_ACTIONS = ['refresh', 'pickInterpreter', 'createVenv', 'useVenv', 'kernelHelp', 'manageTrust', 'openFolder', 'showLog'] as const;
export type EnvironmentAction = (typeof ENVIRONMENT_ACTIONS)[number];

/** The pages of a part of the roadmap: a stage or a section, named by its id. */
export type PartView = 'stage' | 'section';
const isPartView = (v: unknown): v is PartView => v === 'stage' || v === 'section';
/** The pages a link inside a page may open (besides topics). */
export type PageLink = { readonly view: 'overview' | 'dashboard' } | { readonly view: PartView; readonly id: string };

/** Webview -> host. */
export type WebviewMessage =
  /** The page painted for the first time (used for first-paint benchmarks and tests). */
  | { readonly type: 'ready'; readonly page: 'topic' | PlainView; readonly topicId?: string }
  | { readonly type: 'ready'; readonly page: PartView; readonly id: string }
  /** Navigate to the overview, the dashboard, or a stage's or section's page (breadcrumbs, pager, links). */
  | ({ readonly type: 'openPage' } & PageLink)
  /** A quiz question answered (the host grades it; the page holds no answers). */
  | { readonly type: 'answer'; readonly topicId: string; readonly questionId: string; readonly answer: AnswerPayload }
  /** The learner's own rating after the feedback: 1 Again, 2 Hard, 3 Good, 4 Easy. */
  | { readonly type: 'rate'; readonly topicId: string; readonly questionId: string; readonly rating: 1 | 2 | 3 | 4 }
  /** Review: show the next due card (or start a session from a page). */
  | { readonly type: 'nextCard' }
  | { readonly type: 'startReview' }
  /** Open (or create) the learner's note on a topic. */
  | { readonly type: 'openNotes'; readonly topicId: string }
  /** Navigate to another topic (prerequisite / related / previous / next links, dashboard nodes). */
  | { readonly type: 'openTopic'; readonly topicId: string }
  | { readonly type: 'markComplete'; readonly topicId: string }
  | { readonly type: 'markIncomplete'; readonly topicId: string }
  | { readonly type: 'scaffoldNotebook'; readonly topicId: string }
  | { readonly type: 'scaffoldScript'; readonly topicId: string }
  /** Show the reference solution (only when the learner asks). */
  | { readonly type: 'showSolution'; readonly topicId: string }
  /** Show the progress dashboard (the topic page's Progress button). */
  | { readonly type: 'showProgress' }
  /** Open an https resource in the external browser. */
  | { readonly type: 'openExternal'; readonly url: string }
  /** A button of the environment page (Roadmap: Set Up Python...). */
  | { readonly type: 'environment'; readonly action: EnvironmentAction };

/** Host -> webview. */
export type HostMessage =
  /** The topic's status changed elsewhere (tree, command, passed check). */
  | { readonly type: 'status'; readonly topicId: string; readonly done: boolean }
  /**
   * In-page navigation: the page now shows another topic, or the dashboard. `html` is the page
   * content rendered by the host (core/page.ts `renderTopicContent`, core/dashboard.ts
   * `renderDashboardContent`; every piece of content escaped).
   */
  | { readonly type: 'show'; readonly view: 'topic'; readonly topicId: string; readonly title: string; readonly done: boolean; readonly html: string }
  | { readonly type: 'show'; readonly view: PlainView; readonly title: string; readonly html: string }
  | { readonly type: 'show'; readonly view: PartView; readonly id: string; readonly title: string; readonly html: string }
  /** A quiz answer, graded by the host: the feedback to show (rendered, escaped) and the topic's score. */
  | { readonly type: 'graded'; readonly topicId: string; readonly questionId: string; readonly correct: boolean; readonly html: string; readonly score: string }
  /** A rating was recorded: when the question comes back. */
  | { readonly type: 'rated'; readonly topicId: string; readonly questionId: string; readonly html: string };

/** Returns the message if it is a well-formed host message (checked by the webview on arrival). */
export function parseHostMessage(raw: unknown): HostMessage | undefined {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return undefined;
  const m = raw as Record<string, unknown>;
  if (m.type === 'show' && isPlainView(m.view) && typeof m.title === 'string' && typeof m.html === 'string') {
    return { type: 'show', view: m.view, title: m.title, html: m.html };
  }
  if (m.type === 'show' && isPartView(m.view)) {
    return isId(m.id) && typeof m.title === 'string' && typeof m.html === 'string' ? { type: 'show', view: m.view, id: m.id, title: m.title, html: m.html } : undefined;
  }
  if ((m.type === 'graded' || m.type === 'rated') && isId(m.topicId) && isId(m.questionId) && typeof m.html === 'string') {
    if (m.type === 'rated') return { type: 'rated', topicId: m.topicId, questionId: m.questionId, html: m.html };
    if (typeof m.correct === 'boolean' && typeof m.score === 'string') return { type: 'graded', topicId: m.topicId, questionId: m.questionId, correct: m.correct, html: m.html, score: m.score };
    return undefined;
  }
  if (typeof m.topicId !== 'string' || !isId(m.topicId) || typeof m.done !== 'boolean') return undefined;
  if (m.type === 'status') return { type: 'status', topicId: m.topicId, done: m.done };
  if (m.type === 'show' && m.view === 'topic' && typeof m.title === 'string' && typeof m.html === 'string') {
    return { type: 'show', view: 'topic', topicId: m.topicId, title: m.title, done: m.done, html: m.html };
  }
  return undefined;
}

const TOPIC_MESSAGES = ['openTopic', 'markComplete', 'markIncomplete', 'scaffoldNotebook', 'scaffoldScript', 'showSolution', 'openNotes'] as const;
/** The most options a question has; an answer naming more is malformed. */
const MAX_OPTIONS = 6;

function parseAnswer(raw: unknown): AnswerPayload | undefined {
  if (typeof raw !== 'object' || raw === null) return undefined;
  const a = raw as Record<string, unknown>;
  if (a.kind === 'numeric') return typeof a.value === 'number' && Number.isFinite(a.value) ? { kind: 'numeric', value: a.value } : undefined;
  if (a.kind !== 'choice' || !Array.isArray(a.selected) || a.selected.length === 0 || a.selected.length > MAX_OPTIONS) return undefined;
  const selected = a.selected.filter((i): i is number => Number.isInteger(i) && i >= 0 && i < MAX_OPTIONS);
  return selected.length === a.selected.length && new Set(selected).size === selected.length ? { kind: 'choice', selected } : undefined;
}

/** Returns the message if it is well-formed, otherwise a reason to log. Topic ids are checked by the caller. */
export function parseWebviewMessage(raw: unknown): { ok: true; message: WebviewMessage } | { ok: false; reason: string } {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return { ok: false, reason: 'not an object' };
  const m = raw as Record<string, unknown>;
  const type = m.type;
  if (typeof type !== 'string') return { ok: false, reason: 'missing type' };
  if ((TOPIC_MESSAGES as readonly string[]).includes(type)) {
    if (typeof m.topicId !== 'string' || !isId(m.topicId)) return { ok: false, reason: `${type}: invalid topicId` };
    return { ok: true, message: { type: type as (typeof TOPIC_MESSAGES)[number], topicId: m.topicId } };
  }
  if (type === 'answer' || type === 'rate') {
    if (!isId(m.topicId) || !isId(m.questionId)) return { ok: false, reason: `${type}: invalid topicId or questionId` };
    if (type === 'rate') {
      if (m.rating !== 1 && m.rating !== 2 && m.rating !== 3 && m.rating !== 4) return { ok: false, reason: 'rate: rating must be 1 to 4' };
      return { ok: true, message: { type, topicId: m.topicId, questionId: m.questionId, rating: m.rating } };
    }
    const answer = parseAnswer(m.answer);
    if (!answer) return { ok: false, reason: 'answer: malformed answer' };
    return { ok: true, message: { type, topicId: m.topicId, questionId: m.questionId, answer } };
  }
  if (type === 'nextCard' || type === 'startReview') return { ok: true, message: { type } };
  if (type === 'ready' && isPartView(m.page)) {
    if (!isId(m.id)) return { ok: false, reason: `ready: invalid ${m.page} id` };
    return { ok: true, message: { type, page: m.page, id: m.id } };
  }
  if (type === 'ready') {
    if (m.page !== 'topic' && !isPlainView(m.page)) return { ok: false, reason: 'ready: invalid page' };
    if (m.topicId !== undefined && (typeof m.topicId !== 'string' || !isId(m.topicId))) return { ok: false, reason: 'ready: invalid topicId' };
    return { ok: true, message: { type, page: m.page, ...(typeof m.topicId === 'string' ? { topicId: m.topicId } : {}) } };
  }
  if (type === 'showProgress') return { ok: true, message: { type } };
  if (type === 'openPage') {
    if (m.view === 'overview' || m.view === 'dashboard') return { ok: true, message: { type, view: m.view } };
    if (!isPartView(m.view)) return { ok: false, reason: 'openPage: invalid view' };
    if (!isId(m.id)) return { ok: false, reason: `openPage: invalid ${m.view} id` };
    return { ok: true, message: { type, view: m.view, id: m.id } };
  }
  if (type === 'openExternal') {
    if (typeof m.url !== 'string' || !isHttpsUrl(m.url)) return { ok: false, reason: 'openExternal: only https links' };
    return { ok: true, message: { type, url: m.url } };
  }
  if (type === 'environment') {
    if (!(ENVIRONMENT_ACTIONS as readonly unknown[]).includes(m.action)) return { ok: false, reason: 'environment: unknown action' };
    return { ok: true, message: { type, action: m.action as EnvironmentAction } };
  }
  return { ok: false, reason: `unknown message type '${type.slice(0, 40)}'` };
}
