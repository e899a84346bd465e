/**
 * The progress dashboard page: a roadmap.sh-like map drawn as SVG (stages as lanes, sections as
 * boxes, topics as nodes coloured by status), progress bars, pace, projection, next up and streak.
 */
import { escapeAttr as attr, escapeHtml as esc } from '../html';
import type { Roadmap, Topic } from '../roadmap/model';
import type { PageAssets } from './pageDocument';
import { documentHead, fontSize, inlineScript } from './pageDocument';
import { countDone, nextUp, pace, streak } from '../progress/progressStats';
import { DEFAULT_HOURS_PER_WEEK, paceOutlook } from '../progress/studyTime';
import { renderPaceText } from './pacePanel';
import { type ProgressState } from '../progress/progressState';
import { forecast, retention, type ReviewCards } from '../review/reviewCards';

const LANE_H = 34;
const NODE = 12;
const GAP = 4;
const BOX_PAD = 6;
const LABEL_W = 250;

function statusClass(state: ProgressState, id: string): string {
  return state.topics[id]?.status ?? 'open';
}

/** Lays the map out left to right: one lane per stage, one box per section, one node per topic. */
export function renderMap(roadmap: Roadmap, state: ProgressState, width = 1100): string {
  const rows: string[] = [];
  let y = 0;
  const usable = width - LABEL_W - 10;
  for (const stage of roadmap.stages) {
    // Wrap boxes onto more lines when a stage has many sections.
    const lines: { x: number; parts: string[] }[] = [{ x: 0, parts: [] }];
    for (const section of stage.sections) {
      const w = section.topics.length * (NODE + GAP) - GAP + 2 * BOX_PAD;
      let line = lines[lines.length - 1];
      if (line.x > 0 && line.x + w > usable) {
        line = { x: 0, parts: [] };
        lines.push(line);
      }
      const bx = LABEL_W + line.x;
      const li = lines.length - 1;
      const by = y + 4 + li * LANE_H;
      const nodes = section.topics.map((t, i) => {
        const cls = statusClass(state, t.id);
        const label = `${t.title} (${cls === 'open' ? 'not done' : cls})`;
        return `<rect class="node ${cls}" x="${bx + BOX_PAD + i * (NODE + GAP)}" y="${by + 10}" width="${NODE}" height="${NODE}" rx="3" data-topic="${attr(t.id)}" tabindex="0" role="button" aria-label="${attr(label)}"><title>${esc(label)}</title></rect>`;
      }).join('');
      line.parts.push(`<g class="section"><rect class="box" x="${bx}" y="${by}" width="${w}" height="${LANE_H - 8}" rx="4"><title>${esc(section.title)}</title></rect>${nodes}</g>`);
      line.x += w + 10;
    }
    const laneH = lines.length * LANE_H;
    const c = countDone(state, stage.sections.flatMap((s) => s.topics.map((t) => t.id)));
    rows.push(`<g class="stage" aria-label="${attr(`Stage ${stage.number}: ${stage.title}, ${c.done} of ${c.total} done`)}">
<rect class="lane" x="0" y="${y}" width="${width}" height="${laneH}" rx="6"/>
<text x="10" y="${y + 21}" font-size="12">${esc(`${String(stage.number).padStart(2, '0')} ${truncate(stage.title, 27)}`)}</text>
<text x="${LABEL_W - 12}" y="${y + 21}" font-size="11" text-anchor="end">${c.done}/${c.total}</text>
${lines.flatMap((l) => l.parts).join('\n')}
</g>`);
    y += laneH + 6;
  }
  return `<svg class="map" viewBox="0 0 ${width} ${y}" role="group" aria-label="Roadmap map: click a topic to open it">${rows.join('\n')}</svg>`;
}

function truncate(s: string, n: number): string {
  return s.length > n ? `${s.slice(0, n - 1)}…` : s;
}

function bar(pct: number): string {
  const p = Math.max(0, Math.min(100, pct));
  return `<div class="bar-wrap" role="progressbar" aria-valuemin="0" aria-valuemax="100" aria-valuenow="${p}"><div class="bar-fill" style="width:${p}%"></div></div>`;
}

export interface DashboardModel {
  readonly roadmap: Roadmap;
  readonly state: ProgressState;
  readonly now: Date;
  /** The dsRoadmap.hoursPerWeek setting: the estimates turn into months at these hours until a pace is known. */
  readonly hoursPerWeek?: number;
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
    return `<span>${esc(`${String(s.number).padStart(2, '0')} · ${s.title}`)}</span>${bar(c.percent)}<span>${c.done}/${c.total}</span>`;
  }).join('\n');
  return `<h1>Your Data Science Roadmap</h1>
<p class="actions"><a href="#" class="page-link" data-page="overview" id="overview-link">Overview: the role, the stages, the estimates and the FAQ</a></p>
<div class="cards">
<div class="card"><div class="big" id="overall">${counts.done}/${counts.total} (${counts.percent}%)</div>${bar(counts.percent)}<div class="muted">topics done</div></div>
<div class="card"><div class="big">${p.perWeek.toFixed(1)}</div><div class="muted">topics per week (last ${p.weeks} weeks)</div></div>
<div class="card"><div class="big">${days}</div><div class="muted">day streak</div></div>
<div class="card"><div class="muted">Next up</div>${nextTopic ? `<a href="#" data-topic="${attr(nextTopic.id)}" id="next-up">${esc(nextTopic.title)}</a>` : '<span>Nothing left: well done!</span>'}</div>
</div>
<p class="pace" id="pace">${projection}</p>
${renderReviewPanel(m.state.cards, m.now)}
<h2>Map</h2>
<p class="legend muted">${(['done', 'in-progress', 'skipped', 'open'] as const).map((c) => `<svg class="swatch" width="14" height="14" viewBox="0 0 14 14" aria-hidden="true"><rect class="legend-node ${c}" x="1" y="1" width="12" height="12" rx="3"/></svg> ${c === 'open' ? 'not done' : c.replace('-', ' ')}`).join(' ')} — click a node to open its topic.</p>
${renderMap(m.roadmap, m.state)}
<h2>By stage</h2>
<div class="stage-bars">${stageRows}</div>`;
}
