/**
 * The progress dashboard page: a roadmap.sh-like map of every topic (roadmapMap.ts, laid out at
 * build time), progress bars, pace, projection, next up and streak.
 */
import { escapeAttr as attr, escapeHtml as esc } from '../html';
import type { Roadmap, Topic } from '../roadmap/model';
import type { MapLayout } from './mapModel';
import { renderMap, renderMapLegend } from './roadmapMap';
import type { PageAssets } from './pageDocument';
import { documentHead, fontSize, inlineScript } from './pageDocument';
import { countDone, nextUp, pace, streak } from '../progress/progressStats';
import { DEFAULT_HOURS_PER_WEEK, paceOutlook } from '../progress/studyTime';
import { renderPaceText } from './pacePanel';
import { type ProgressState } from '../progress/progressState';
import { forecast, retention, type ReviewCards } from '../review/reviewCards';

function bar(pct: number, label: string): string {
  const p = Math.max(0, Math.min(100, pct));
  return `<div class="bar-wrap" role="progressbar" aria-label="${attr(label)}" aria-valuemin="0" aria-valuemax="100" aria-valuenow="${p}"><div class="bar-fill" style="width:${p}%"></div></div>`;
}

export interface DashboardModel {
  readonly roadmap: Roadmap;
  readonly state: ProgressState;
  readonly now: Date;
  /** The dsRoadmap.hoursPerWeek setting: the estimates turn into months at these hours until a pace is known. */
  readonly hoursPerWeek?: number;
  /** The map's layout as the build shipped it; without it the dashboard says the map could not be read. */
  readonly map?: MapLayout;
}

/** The dashboard document. Its content lives in `#page`, like a topic page's (see renderDashboardContent). */
export function renderDashboard(m: DashboardModel, a: PageAssets): string {
  return `${documentHead('Roadmap progress', a)}
<body class="dashboard" style="--ds-font-size: ${fontSize(a)}px" data-view="dashboard">
<div id="page">${renderDashboardContent(m)}</div>
${inlineScript(a)}
</body></html>`;
}

/** Spaced review at a glance: due today, the next 14 days as a small bar chart, retention over 30 days. */
export function renderReviewPanel(cards: ReviewCards, now: Date): string {
  const total = Object.keys(cards).length;
  const days = forecast(cards, now, 14);
  const max = Math.max(1, ...days);
  const w = 14 * 18;
  const bars = days.map((n, i) => {
    const h = Math.round((n / max) * 40);
    const label = `${i === 0 ? 'today (overdue included)' : i === 1 ? 'tomorrow' : `in ${i} days`}: ${n} due`;
    return `<rect class="forecast-bar${i === 0 ? ' today' : ''}" x="${i * 18 + 2}" y="${44 - h}" width="14" height="${Math.max(h, 1)}" rx="2" role="img" aria-label="${attr(label)}"><title>${esc(label)}</title></rect>`;
  }).join('');
  const r = retention(cards, now, 30);
  return `<h2>Review</h2>
<div class="cards review-cards">
<div class="card"><div class="big" id="due-today">${days[0]}</div><div class="muted">reviews due today${total ? ` (of ${total} cards)` : ''}</div>${days[0] ? '<button data-action="startReview">Review now</button>' : ''}</div>
<div class="card"><svg class="forecast" width="${w}" height="48" viewBox="0 0 ${w} 48" role="group" aria-label="Reviews due over the next 14 days">${bars}</svg><div class="muted">due over the next 14 days</div></div>
<div class="card"><div class="big" id="retention">${r ? `${Math.round(r.rate * 100)}%` : '—'}</div><div class="muted">${r ? `answered right in ${r.reviews} reviews, last 30 days` : 'retention: no reviews in the last 30 days'}</div></div>
</div>`;
}

/** The dashboard's content: what a page swaps in when it navigates to the dashboard, or when progress changes. */
export function renderDashboardContent(m: DashboardModel): string {
  const topics: Topic[] = m.roadmap.stages.flatMap((s) => s.sections.flatMap((sec) => sec.topics));
  const ids = topics.map((t) => t.id);
  const counts = countDone(m.state, ids);
  const p = pace(m.state, m.now);
  const next = nextUp(m.state, topics);
  const nextTopic = topics.find((t) => t.id === next);
  const days = streak(m.state, m.now);
  const projection = renderPaceText(paceOutlook(m.roadmap, m.state, m.hoursPerWeek ?? DEFAULT_HOURS_PER_WEEK, m.now), m.roadmap.meta);
  const stageRows = m.roadmap.stages.map((s) => {
    const c = countDone(m.state, s.sections.flatMap((sec) => sec.topics.map((t) => t.id)));
    return `<span>${esc(`${String(s.number).padStart(2, '0')} · ${s.title}`)}</span>${bar(c.percent, `${s.title}: ${c.done} of ${c.total} done`)}<span>${c.done}/${c.total}</span>`;
  }).join('\n');
  return `<h1>Your Data Science Roadmap</h1>
<p class="actions"><a href="#" class="page-link" data-page="overview" id="overview-link">Overview: the role, the stages, the estimates and the FAQ</a></p>
<div class="cards">
<div class="card"><div class="big" id="overall">${counts.done}/${counts.total} (${counts.percent}%)</div>${bar(counts.percent, `${counts.done} of ${counts.total} topics done`)}<div class="muted">topics done</div></div>
<div class="card"><div class="big">${p.perWeek.toFixed(1)}</div><div class="muted">topics per week (last ${p.weeks} weeks)</div></div>
<div class="card"><div class="big">${days}</div><div class="muted">day streak</div></div>
<div class="card"><div class="muted">Next up</div>${nextTopic ? `<a href="#" data-topic="${attr(nextTopic.id)}" id="next-up">${esc(nextTopic.title)}</a>` : '<span>Nothing left: well done!</span>'}</div>
</div>
<p class="pace" id="pace">${projection}</p>
${renderReviewPanel(m.state.cards, m.now)}
<h2>Map</h2>
${m.map ? `${renderMapLegend()}
${renderMap({ layout: m.map, state: m.state, nextUp: next })}` : '<p class="muted" id="map-missing">The map could not be read; reinstalling the extension restores it.</p>'}
<h2>By stage</h2>
<div class="stage-bars">${stageRows}</div>`;
}
