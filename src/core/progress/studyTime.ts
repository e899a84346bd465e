/**
 * How long the roadmap takes, said honestly. A finish date projected from a pace is shown only
 * once the pace means something (two weeks of history and five topics done); before that, the
 * roadmap's own estimates are turned into months at the hours a week the learner studies, so two
 * topics ticked off in the first hour never turn into "62 months".
 */
import type { Estimate, Roadmap, RoadmapMeta } from '../roadmap/model';
import type { ProgressState } from './progressState';
import { countDone, pace, project, type Counts } from './progressStats';

/** A pace is projected only after this many days since the first recorded change... */
export const MIN_HISTORY_DAYS = 14;
/** ...and with at least this many topics done. */
export const MIN_DONE_FOR_PACE = 5;
/** package.json's default of dsRoadmap.hoursPerWeek (a unit test keeps them equal). */
export const DEFAULT_HOURS_PER_WEEK = 20;
/** 52 weeks over 12 months. */
export const WEEKS_PER_MONTH = 52 / 12;
const DAY = 86_400_000;

export interface HoursRange {
  readonly min: number;
  readonly max: number;
}

/** The study hours an estimate stands for: its months, at the weekly hours the roadmap assumes. */
export function estimateHours(meta: Pick<RoadmapMeta, 'weeklyHours'>, e: Pick<Estimate, 'minMonths' | 'maxMonths'>): HoursRange {
  return { min: e.minMonths * WEEKS_PER_MONTH * meta.weeklyHours.min, max: e.maxMonths * WEEKS_PER_MONTH * meta.weeklyHours.max };
}

/**
 * The hours one topic takes. The roadmap gives no per-topic estimate, so this is the whole span of
 * its estimates (the lowest hours of any to the highest of any) shared evenly by its topics.
 */
export function hoursPerTopic(roadmap: Pick<Roadmap, 'meta' | 'stages'>): HoursRange {
  const topics = roadmap.stages.reduce((n, s) => n + s.sections.reduce((m, sec) => m + sec.topics.length, 0), 0);
  const spans = roadmap.meta.estimates.map((e) => estimateHours(roadmap.meta, e));
  if (topics === 0 || spans.length === 0) return { min: 0, max: 0 };
  return { min: Math.min(...spans.map((h) => h.min)) / topics, max: Math.max(...spans.map((h) => h.max)) / topics };
}

/** The hours a number of topics take (a stage's, a section's, or those not done yet). */
export function hoursFor(topics: number, perTopic: HoursRange): HoursRange {
  return { min: topics * perTopic.min, max: topics * perTopic.max };
}

/** An estimate of the roadmap at the learner's hours: the months left if it holds. */
export interface EstimateAtYourHours {
  readonly label: string;
  readonly minMonths: number;
  readonly maxMonths: number;
  /** Months for the topics left, at `hoursPerWeek`. */
  readonly monthsLeft: HoursRange;
}

export type PaceOutlook =
  | { readonly kind: 'finished' }
  /** A pace worth projecting: the finish date at it. */
  | { readonly kind: 'projection'; readonly perWeek: number; readonly finish: Date; readonly monthsLeft: number; readonly totalMonths: number }
  /** Too early for a pace: the roadmap's estimates at the learner's hours instead. */
  | {
    readonly kind: 'estimate';
    /** Days since the first recorded change (0 with none). */
    readonly historyDays: number;
    readonly done: number;
    readonly hoursLeft: HoursRange;
    readonly hoursPerWeek: number;
    readonly estimates: readonly EstimateAtYourHours[];
  };

/** Days since the learner's first recorded change, or 0. */
export function historyDays(state: Pick<ProgressState, 'topics'>, now: Date): number {
  let first = Infinity;
  for (const e of Object.values(state.topics)) {
    for (const h of e.history) {
      const t = Date.parse(h.at);
      if (!Number.isNaN(t)) first = Math.min(first, t);
    }
  }
  return Number.isFinite(first) ? Math.max(0, (now.getTime() - first) / DAY) : 0;
}

/** Whether a pace can be projected yet. */
export function paceIsKnown(days: number, done: number): boolean {
  return days >= MIN_HISTORY_DAYS && done >= MIN_DONE_FOR_PACE;
}

/** What the dashboard and the overview say about the time left. `hoursPerWeek` is the dsRoadmap.hoursPerWeek setting. */
export function paceOutlook(roadmap: Pick<Roadmap, 'meta' | 'stages'>, state: ProgressState, hoursPerWeek: number, now: Date): PaceOutlook {
  const ids = roadmap.stages.flatMap((s) => s.sections.flatMap((sec) => sec.topics.map((t) => t.id)));
  const counts: Counts = countDone(state, ids);
  if (counts.total > 0 && counts.done >= counts.total) return { kind: 'finished' };
  const days = historyDays(state, now);
  const p = pace(state, now);
  if (paceIsKnown(days, counts.done) && p.perWeek > 0) {
    const proj = project(state, counts, p, now);
    if (proj.finish && proj.monthsLeft !== undefined && proj.totalMonths !== undefined) {
      return { kind: 'projection', perWeek: p.perWeek, finish: proj.finish, monthsLeft: proj.monthsLeft, totalMonths: proj.totalMonths };
    }
  }
  const hours = Math.max(1, hoursPerWeek);
  const left = counts.total - counts.done;
  const share = counts.total === 0 ? 0 : left / counts.total;
  const months = (h: number) => (h * share) / hours / WEEKS_PER_MONTH;
  return {
    kind: 'estimate',
    historyDays: days,
    done: counts.done,
    hoursLeft: hoursFor(left, hoursPerTopic(roadmap)),
    hoursPerWeek: hours,
    estimates: roadmap.meta.estimates.map((e) => {
      const h = estimateHours(roadmap.meta, e);
      return { label: e.label, minMonths: e.minMonths, maxMonths: e.maxMonths, monthsLeft: { min: months(h.min), max: months(h.max) } };
    }),
  };
}
