/** The time left, as the dashboard and the overview say it (see core/progress/studyTime.ts). */
import { escapeHtml as esc } from '../html';
import type { RoadmapMeta } from '../roadmap/model';
import { MIN_DONE_FOR_PACE, MIN_HISTORY_DAYS, type HoursRange, type PaceOutlook } from '../progress/studyTime';

/** `1,025` */
export function formatHours(h: number): string {
  return Math.round(h).toLocaleString('en-US');
}

/** Months to say: whole months from 10 on, one decimal below. */
export function formatMonths(m: number): string {
  return m >= 10 ? String(Math.round(m)) : (Math.round(m * 10) / 10).toFixed(1).replace(/\.0$/, '');
}

export function formatRange(r: HoursRange, f: (n: number) => string): string {
  const a = f(r.min);
  const b = f(r.max);
  return a === b ? a : `${a}–${b}`;
}

/** "Optimistic 12–18 months · Realistic 18–30 months, at 20–25 hours a week": the roadmap's own estimates. */
export function renderEstimates(meta: RoadmapMeta): string {
  const list = meta.estimates.map((e) => `${esc(e.label)} ${e.minMonths}–${e.maxMonths} months`).join(' · ');
  const wh = meta.weeklyHours;
  return wh.max > 0 ? `${list}, at ${wh.min}–${wh.max} hours a week` : list;
}

/** The pace panel's text (HTML): a projection once the pace is known, else the estimates at the learner's hours. */
export function renderPaceText(outlook: PaceOutlook, meta: RoadmapMeta): string {
  if (outlook.kind === 'finished') return 'All topics are done.';
  if (outlook.kind === 'projection') {
    return `At this pace (${outlook.perWeek.toFixed(1)} topics a week over the last 4 weeks) you finish around <strong>${esc(outlook.finish.toISOString().slice(0, 10))}</strong> `
      + `(${outlook.monthsLeft.toFixed(1)} months from now; about ${outlook.totalMonths.toFixed(1)} months in all). <span class="muted">Roadmap estimates: ${renderEstimates(meta)}.</span>`;
  }
  const days = Math.floor(outlook.historyDays);
  const why = `A finish date from your own pace needs ${MIN_HISTORY_DAYS} days of history and ${MIN_DONE_FOR_PACE} topics done `
    + `(so far: ${days} day${days === 1 ? '' : 's'}, ${outlook.done} done).`;
  const at = outlook.estimates.map((e) => `${esc(e.label)} about <strong>${formatRange(e.monthsLeft, formatMonths)} months</strong>`).join(', ');
  return `<span class="muted">${why}</span> Until then: the roadmap estimates ${renderEstimates(meta)}. `
    + `What is left is about <strong>${formatRange(outlook.hoursLeft, formatHours)} hours</strong> of study; `
    + `at your ${outlook.hoursPerWeek} hours a week (setting <code>dsRoadmap.hoursPerWeek</code>) that is ${at}.`;
}
