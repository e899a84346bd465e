/**
 * The dashboard's map, drawn from the layout the build shipped (mapModel.ts): stage and section
 * boxes with their titles, prerequisite edges with arrowheads, one labelled node per topic. Here
 * only the learner's state is added: a status class, mark and label per node, the next-up topic,
 * and each stage's count. The SVG keeps its natural size (it scrolls; it never shrinks its text).
 */
import { escapeAttr as attr, escapeHtml as esc } from '../html';
import type { ProgressState, Status as TopicStatus } from '../progress/progressState';
import type { MapBox, MapEdge, MapLayout, MapNode } from './mapModel';

export type MapStatus = TopicStatus | 'open';

/** What a learner reads for a status: in a node's aria-label and in the legend. */
export const STATUS_LABEL: Readonly<Record<MapStatus, string>> = { done: 'done', 'in-progress': 'in progress', skipped: 'skipped', open: 'not started' };

export function mapStatus(state: Pick<ProgressState, 'topics'>, id: string): MapStatus {
  return state.topics[id]?.status ?? 'open';
}

const n1 = (v: number) => String(Math.round(v * 10) / 10);

/** The status mark at a node's left: a check, a half-filled circle, a crossed circle or an empty ring. */
function statusMark(status: MapStatus, cx: number, cy: number): string {
  const r = 5.5;
  switch (status) {
    case 'done':
      return `<path class="mark" d="M${n1(cx - 5)} ${n1(cy)} l3.5 3.8 l6.5 -8"/>`;
    case 'in-progress':
      return `<circle class="mark ring" cx="${n1(cx)}" cy="${n1(cy)}" r="${r}"/><path class="mark half" d="M${n1(cx)} ${n1(cy - r)} a${r} ${r} 0 0 1 0 ${2 * r} z"/>`;
    case 'skipped':
      return `<circle class="mark ring" cx="${n1(cx)}" cy="${n1(cy)}" r="${r}"/><path class="mark" d="M${n1(cx - 3.9)} ${n1(cy + 3.9)} l7.8 -7.8"/>`;
    default:
      return `<circle class="mark ring" cx="${n1(cx)}" cy="${n1(cy)}" r="${r}"/>`;
  }
}

/** Lines of text starting at (x, y) (the first line's top), one tspan each. */
function lines(m: MapLayout, ls: readonly string[], x: number, y: number, cls: string): string {
  const base = y + m.fontSize;
  // A space ends every line but the last, so the text reads as the title (the accessible name matches it).
  return `<text class="${cls}" x="${n1(x)}" y="${n1(base)}">${ls.map((l, i) => `<tspan x="${n1(x)}" y="${n1(base + i * m.lineHeight)}">${esc(l)}${i < ls.length - 1 ? ' ' : ''}</tspan>`).join('')}</text>`;
}

function node(m: MapLayout, n: MapNode, status: MapStatus, next: boolean): string {
  const label = `${n.title} — ${STATUS_LABEL[status]}${next ? ', next up' : ''}`;
  const textTop = n.y + m.padTop - (m.lineHeight - m.fontSize) / 2;
  return `<g class="node ${status}${next ? ' next' : ''}" data-topic="${attr(n.id)}" tabindex="0" role="link" aria-label="${attr(label)}">`
    + `<title>${esc(label)}</title>`
    + `<rect class="ring" x="${n1(n.x - 3)}" y="${n1(n.y - 3)}" width="${n1(n.width + 6)}" height="${n1(n.height + 6)}" rx="7"/>`
    + `<rect class="body" x="${n1(n.x)}" y="${n1(n.y)}" width="${n1(n.width)}" height="${n1(n.height)}" rx="5"/>`
    + statusMark(status, n.x + m.padLeft / 2 + 1, n.y + m.padTop + m.fontSize * 0.6)
    + lines(m, n.lines, n.x + m.padLeft, textTop, 'label')
    + '</g>';
}

function edge(e: MapEdge): string {
  if (e.points.length < 2) return '';
  const d = e.points.map(([x, y], i) => `${i ? 'L' : 'M'}${n1(x)} ${n1(y)}`).join(' ');
  return `<path class="edge" d="${d}" marker-end="url(#map-arrow)" data-from="${attr(e.from)}" data-to="${attr(e.to)}"/>`;
}

function group(m: MapLayout, b: MapBox, cls: string, title: readonly string[]): string {
  return `<rect class="${cls}" x="${n1(b.x)}" y="${n1(b.y)}" width="${n1(b.width)}" height="${n1(b.height)}" rx="8"/>${lines(m, title, b.tx, b.ty, `${cls}-title`)}`;
}

export interface MapInput {
  readonly layout: MapLayout;
  readonly state: Pick<ProgressState, 'topics'>;
  /** The learner's next-up topic (progressStats.nextUp), highlighted. */
  readonly nextUp: string | undefined;
}

/**
 * The map's SVG inside its scrolling container. Its width and height follow the page's text
 * size (`--ds-font-size`), so labels are drawn exactly at the page's text size.
 */
export function renderMap({ layout: m, state, nextUp }: MapInput): string {
  const k = (v: number) => `calc(var(--ds-font-size, ${m.fontSize}px) * ${(v / m.fontSize).toFixed(4)})`;
  const byStage = new Map<string, { done: number; total: number }>();
  for (const n of m.nodes) {
    const c = byStage.get(n.stageId) ?? { done: 0, total: 0 };
    c.total++;
    if (mapStatus(state, n.id) === 'done') c.done++;
    byStage.set(n.stageId, c);
  }
  const stages = m.stages.map((s) => {
    const c = byStage.get(s.id) ?? { done: 0, total: 0 };
    return `<g class="stage">${group(m, s, 'stage-box', [...s.lines.slice(0, -1), `${c.done} of ${c.total} done`])}</g>`;
  }).join('');
  const sections = m.sections.map((s) => `<g class="section"><title>${esc(s.lines.join(' '))}</title>${group(m, s, 'section-box', s.lines)}</g>`).join('');
  const nodes = m.nodes.map((n) => node(m, n, mapStatus(state, n.id), n.id === nextUp)).join('');
  return `<div class="map-scroll" id="map-scroll">`
    + `<svg class="map" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${m.width} ${m.height}" style="width:${k(m.width)};height:${k(m.height)}" font-size="${m.fontSize}" role="group" aria-label="Roadmap map: every topic, its status and its prerequisites; Enter opens a topic">`
    + '<defs><marker id="map-arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path class="arrowhead" d="M0 0 L10 5 L0 10 z"/></marker></defs>'
    + `<g aria-hidden="true">${stages}${sections}</g>`
    + `<g class="edges" aria-hidden="true">${m.edges.map(edge).join('')}</g>`
    + `<g class="nodes">${nodes}</g>`
    + '</svg></div>';
}

/** The legend: each status with its mark, and the next-up highlight. */
export function renderMapLegend(): string {
  const item = (s: MapStatus) => `<span class="legend-item"><svg class="swatch node ${s}" width="16" height="16" viewBox="0 0 16 16" aria-hidden="true">${statusMark(s, 8, 8)}</svg> ${STATUS_LABEL[s]}</span>`;
  return `<p class="legend">${(['done', 'in-progress', 'skipped', 'open'] as const).map(item).join(' ')} <span class="legend-item"><svg class="swatch next-swatch" width="22" height="16" viewBox="0 0 22 16" aria-hidden="true"><rect x="2" y="2" width="18" height="12" rx="3"/></svg> next up</span> <span class="legend-item"><svg class="swatch" width="26" height="16" viewBox="0 0 26 16" aria-hidden="true"><path class="edge" d="M2 8 H20" marker-end="url(#map-arrow)"/></svg> prerequisite (arrow to the topic that needs it)</span>. Click a topic, or Tab to it and press Enter, to open it.</p>`;
}
