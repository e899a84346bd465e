/**
 * The typed messages between the extension host and its webviews. Imported by both sides; the
 * host validates every incoming message with {@link parseWebviewMessage} before using it.
 */
import { isHttpsUrl, isId } from './core/ids';

/** Webview -> host. */
export type WebviewMessage =
  /** The page painted for the first time (used for first-paint benchmarks and tests). */
  | { readonly type: 'ready'; readonly page: 'topic' | 'dashboard'; readonly topicId?: string }
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
  | { readonly type: 'openExternal'; readonly url: string };

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
  | { readonly type: 'show'; readonly view: 'dashboard'; readonly title: string; readonly html: string };

/** Returns the message if it is a well-formed host message (checked by the webview on arrival). */
export function parseHostMessage(raw: unknown): HostMessage | undefined {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return undefined;
  const m = raw as Record<string, unknown>;
  if (m.type === 'show' && m.view === 'dashboard' && typeof m.title === 'string' && typeof m.html === 'string') {
    return { type: 'show', view: 'dashboard', title: m.title, html: m.html };
  }
  if (typeof m.topicId !== 'string' || !isId(m.topicId) || typeof m.done !== 'boolean') return undefined;
  if (m.type === 'status') return { type: 'status', topicId: m.topicId, done: m.done };
  if (m.type === 'show' && m.view === 'topic' && typeof m.title === 'string' && typeof m.html === 'string') {
    return { type: 'show', view: 'topic', topicId: m.topicId, title: m.title, done: m.done, html: m.html };
  }
  return undefined;
}

const TOPIC_MESSAGES = ['openTopic', 'markComplete', 'markIncomplete', 'scaffoldNotebook', 'scaffoldScript', 'showSolution'] as const;

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
  if (type === 'ready') {
    if (m.page !== 'topic' && m.page !== 'dashboard') return { ok: false, reason: 'ready: invalid page' };
    if (m.topicId !== undefined && (typeof m.topicId !== 'string' || !isId(m.topicId))) return { ok: false, reason: 'ready: invalid topicId' };
    return { ok: true, message: { type, page: m.page, ...(typeof m.topicId === 'string' ? { topicId: m.topicId } : {}) } };
  }
  if (type === 'showProgress') return { ok: true, message: { type } };
  if (type === 'openExternal') {
    if (typeof m.url !== 'string' || !isHttpsUrl(m.url)) return { ok: false, reason: 'openExternal: only https links' };
    return { ok: true, message: { type, url: m.url } };
  }
  return { ok: false, reason: `unknown message type '${type.slice(0, 40)}'` };
}
