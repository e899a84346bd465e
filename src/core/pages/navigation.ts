/**
 * The rules of the roadmap's pages, free of `vscode`: which page shows a view, when a page is
 * reused, what a link inside a page does, and which page takes over when one closes. The page
 * manager (src/vscode/pages) applies them to real webviews.
 *
 * - Never two pages for the same view: an open one is revealed.
 * - Something not open yet is shown in the page used last, when pages are reused (the way the
 *   Markdown preview follows the editor); links inside a page always navigate in place.
 * - Open to the Side always makes a page of its own.
 */
import { isId } from '../ids';

/** What a page shows. */
export type PageView =
  | { readonly kind: 'topic'; readonly topicId: string }
  | { readonly kind: 'dashboard' } | { readonly kind: 'review' } | { readonly kind: 'overview' } | { readonly kind: 'environment' }
  /** A stage's or a section's page, by its id. */
  | { readonly kind: 'stage' | 'section'; readonly id: string };

export const DASHBOARD_VIEW: PageView = Object.freeze({ kind: 'dashboard' });
export const REVIEW_VIEW: PageView = Object.freeze({ kind: 'review' });
export const OVERVIEW_VIEW: PageView = Object.freeze({ kind: 'overview' });
export const ENVIRONMENT_VIEW: PageView = Object.freeze({ kind: 'environment' });

export function partView(kind: 'stage' | 'section', id: string): PageView {
  return { kind, id };
}

export function topicView(topicId: string): PageView {
  return { kind: 'topic', topicId };
}

/** A view's key among the open pages: the topic id, ':<view>', or ':stage:<id>' (never a kebab-case id). */
export function viewKey(v: PageView): string {
  if (v.kind === 'topic') return v.topicId;
  return v.kind === 'stage' || v.kind === 'section' ? `:${v.kind}:${v.id}` : `:${v.kind}`;
}

export function sameView(a: PageView, b: PageView): boolean {
  return viewKey(a) === viewKey(b);
}

/** What to do to show a view. */
export type ShowDecision<P> =
  | { readonly action: 'reveal'; readonly page: P }
  | { readonly action: 'navigate'; readonly page: P }
  | { readonly action: 'create'; readonly retain: boolean };

export interface ShowContext<P> {
  /** The page that shows this view now, if any. */
  readonly showing: P | undefined;
  /** The page that was active last. */
  readonly lastActive: P | undefined;
  /** The `dsRoadmap.topicPage.reuse` setting. */
  readonly reuse: boolean;
  /** Open to the Side: always a new page. */
  readonly newPage: boolean;
}

/**
 * Where a view goes: its own page if one shows it; else the page used last when pages are reused;
 * else a new page, which keeps its document while hidden only when it will be reused.
 */
export function decideShow<P>(c: ShowContext<P>): ShowDecision<P> {
  if (c.showing) return { action: 'reveal', page: c.showing };
  const reuse = c.reuse && !c.newPage;
  if (reuse && c.lastActive) return { action: 'navigate', page: c.lastActive };
  return { action: 'create', retain: reuse };
}

/** What a link or map node inside a page does: reveal the page that already shows it, or navigate in place. */
export function decideLink<P>(from: P, showing: P | undefined): { readonly action: 'reveal'; readonly page: P } | { readonly action: 'navigate' } | { readonly action: 'none' } {
  if (showing === from) return { action: 'none' };
  if (showing) return { action: 'reveal', page: showing };
  return { action: 'navigate' };
}

/**
 * A document reported that it painted `reported`. It is up to date when it shows the page's
 * view and missed no change while it loaded; otherwise the page must be brought up to date.
 */
export function readyIsCurrent(view: PageView, reported: PageView, missedChanges: boolean): boolean {
  return sameView(view, reported) && !missedChanges;
}

/** The page that shows the next topic after `closed` closes: the last one still open. */
export function nextActiveAfterClose<P>(lastActive: P | undefined, closed: P, open: readonly P[]): P | undefined {
  if (lastActive !== closed) return lastActive;
  return open.filter((p) => p !== closed).at(-1);
}

/** What the serializer stores for a page (older versions stored only `topicId`). */
export interface PageState {
  readonly view?: 'topic' | 'dashboard' | 'review' | 'overview' | 'environment' | 'stage' | 'section';
  readonly topicId?: string;
  /** The stage's or section's id. */
  readonly id?: string;
}

/** The view a restored page shows, from its saved state: a plain view or a part (ids still to look up), a topic id to look up, or nothing. */
export function restoredView(state: unknown): Exclude<PageView, { kind: 'topic' }> | { readonly kind: 'topic'; readonly topicId: string | undefined } {
  const s = (typeof state === 'object' && state !== null ? state : {}) as PageState;
  if (s.view === 'dashboard' || s.view === 'review' || s.view === 'overview' || s.view === 'environment') return { kind: s.view };
  if ((s.view === 'stage' || s.view === 'section') && typeof s.id === 'string' && isId(s.id)) return { kind: s.view, id: s.id };
  if (s.view === 'stage' || s.view === 'section') return OVERVIEW_VIEW as { kind: 'overview' };
  return { kind: 'topic', topicId: typeof s.topicId === 'string' ? s.topicId : undefined };
}
