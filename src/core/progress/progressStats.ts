/** Counts, "next up", pace, projection and streak over a progress state. */
import type { ProgressState } from './progressState';

export interface Counts {
  readonly done: number;
  readonly total: number;
  readonly percent: number;
}

export function countDone(state: Pick<ProgressState, 'topics'>, ids: readonly string[]): Counts {
  let done = 0;
  for (const id of ids) if (state.topics[id]?.status === 'done') done++;
  const total = ids.length;
  return { done, total, percent: shownPercent(done, total) };
}

/**
 * The percentage to show: floored, but never 0% once a topic is done (1/137 shows 1%) and never
 * 100% until every topic is (136/137 shows 99%).
 */
export function shownPercent(done: number, total: number): number {
  if (total <= 0 || done <= 0) return 0;
  if (done >= total) return 100;
  return Math.min(99, Math.max(1, Math.floor((done / total) * 100)));
}

/** `12/143 (8%)`: the status bar's text and the contract acceptance checks read. */
export function formatCounts(c: Counts): string {
  return `${c.done}/${c.total} (${c.percent}%)`;
}

export interface TopicRef {
  readonly id: string;
  readonly prerequisites: readonly string[];
}

/** The first topic in reading order that is not done or skipped and whose prerequisites are done. */
export function nextUp(state: Pick<ProgressState, 'topics'>, topics: readonly TopicRef[]): string | undefined {
  const finished = (id: string) => state.topics[id]?.status === 'done';
  const open = (id: string) => !finished(id) && state.topics[id]?.status !== 'skipped';
  const ready = topics.find((t) => open(t.id) && t.prerequisites.every(finished));
  return (ready ?? topics.find((t) => open(t.id)))?.id;
}

const DAY = 86_400_000;
const WEEK = 7 * DAY;

/** When each topic that is done now was (last) finished. */
function doneTimes(state: ProgressState): number[] {
  const out: number[] = [];
  for (const entry of Object.values(state.topics)) {
    if (entry.status !== 'done') continue;
    const t = Date.parse(entry.updated);
    if (!Number.isNaN(t)) out.push(t);
  }
  return out;
}

export interface Pace {
  /** Topics finished per week over the last `weeks` weeks. */
  readonly perWeek: number;
  readonly weeks: number;
  readonly recentDone: number;
}

export function pace(state: ProgressState, now: Date = new Date(), weeks = 4): Pace {
  const since = now.getTime() - weeks * WEEK;
  const recentDone = doneTimes(state).filter((t) => t > since && t <= now.getTime()).length;
  return { perWeek: recentDone / weeks, weeks, recentDone };
}

export interface Projection {
  /** Undefined when there is no pace yet. */
  readonly finish?: Date;
  readonly monthsLeft?: number;
  /** Months from the first completion to the projected finish, to compare with the estimates. */
  readonly totalMonths?: number;
}

export function project(state: ProgressState, counts: Counts, p: Pace, now: Date = new Date()): Projection {
  const remaining = counts.total - counts.done;
  if (remaining <= 0) return { finish: now, monthsLeft: 0, totalMonths: totalSpan(state, now) };
  if (p.perWeek <= 0) return {};
  const weeksLeft = remaining / p.perWeek;
  const finish = new Date(now.getTime() + weeksLeft * WEEK);
  const monthsLeft = (weeksLeft * 7) / 30.44;
  const span = totalSpan(state, now);
  return { finish, monthsLeft, totalMonths: (span ?? 0) + monthsLeft };
}

function totalSpan(state: ProgressState, now: Date): number | undefined {
  let first = Infinity;
  for (const e of Object.values(state.topics)) for (const h of e.history) first = Math.min(first, Date.parse(h.at));
  return Number.isFinite(first) ? Math.max(0, (now.getTime() - first) / (30.44 * DAY)) : undefined;
}

/** Consecutive days, ending today or yesterday (local days as UTC dates), with at least one change. */
export function streak(state: ProgressState, now: Date = new Date()): number {
  const days = new Set<string>();
  for (const e of Object.values(state.topics)) for (const h of e.history) days.add(h.at.slice(0, 10));
  let d = new Date(now.toISOString().slice(0, 10) + 'T00:00:00Z');
  if (!days.has(d.toISOString().slice(0, 10))) d = new Date(d.getTime() - DAY);
  let n = 0;
  while (days.has(d.toISOString().slice(0, 10))) {
    n++;
    d = new Date(d.getTime() - DAY);
  }
  return n;
}

