// Shared by the page tests of the unit and property layers: a strict HTML checker and page models.
import * as assert from 'node:assert/strict';
import { renderTopicHtml } from '../../src/build/compile';
import type { TopicHtml } from '../../src/core/roadmap/roadmapData';
import type { Resource, Roadmap, Section, Stage, Topic } from '../../src/core/roadmap/model';
import type { PageAssets } from '../../src/core/pages/pageDocument';
import type { TopicLink, TopicPageModel } from '../../src/core/pages/topicPage';
import { EMPTY_PROGRESS, setStatus, type ProgressState } from '../../src/core/progress/progressState';
import { MAP_LAYOUT_VERSION, type MapBox, type MapEdge, type MapLayout, type MapNode } from '../../src/core/pages/mapModel';
import { stageLines, wrapLabel } from '../../src/build/mapLayout';

export const NONCE = 'Zm9vYmFyYmF6cXV4MTIzNDU2Nzg5MA';
export const ASSETS: PageAssets = {
  cspSource: 'https://file+.vscode-resource.vscode-cdn.net',
  nonce: NONCE,
  css: 'body { color: var(--vscode-foreground); }',
  script: 'acquireVsCodeApi().postMessage({ type: "ready" });',
  fontSize: 14,
};
export const ASSET_URLS = new Set<string>();

// ---------------------------------------------------------------------------------------------
// A small HTML tokenizer: good enough for the documents these renderers produce, and strict:
// every '<' in the output must start a well-formed tag it recognises.
// ---------------------------------------------------------------------------------------------

export interface Tag {
  readonly name: string;
  readonly closing: boolean;
  readonly attrs: ReadonlyArray<readonly [string, string]>;
  readonly index: number;
}

export const TAG_RE = /<(\/?)([a-zA-Z][a-zA-Z0-9:-]*)((?:\s+[^\s"'>/=]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'=<>`]+))?)*)\s*\/?>/g;
export const ATTR_RE = /([^\s"'>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?/g;

export const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", colon: ':', tab: '\t', newline: '\n', nbsp: '\u00a0' };

/** Decodes character references the way a browser would in an attribute value or text. */
export function decodeEntities(s: string): string {
  return s.replace(/&(?:#(\d+)|#[xX]([0-9a-fA-F]+)|([a-zA-Z]+));?/g, (m, dec?: string, hex?: string, name?: string) => {
    if (dec) return String.fromCodePoint(Math.min(Number(dec), 0x10ffff));
    if (hex) return String.fromCodePoint(Math.min(parseInt(hex, 16), 0x10ffff));
    return name && NAMED[name.toLowerCase()] !== undefined ? NAMED[name.toLowerCase()] : m;
  });
}

export function tokenize(html: string): Tag[] {
  const tags: Tag[] = [];
  const starts = new Set<number>();
  for (const m of html.matchAll(TAG_RE)) {
    const attrs: [string, string][] = [];
    for (const a of m[3].matchAll(ATTR_RE)) attrs.push([a[1].toLowerCase(), decodeEntities(a[2] ?? a[3] ?? a[4] ?? '')]);
    tags.push({ name: m[2].toLowerCase(), closing: m[1] === '/', attrs, index: m.index! });
    starts.add(m.index!);
  }
  // Any other '<' would be parsed by a browser as markup we did not see.
  for (let i = html.indexOf('<'); i >= 0; i = html.indexOf('<', i + 1)) {
    if (starts.has(i)) continue;
    if (i === 0 && html.startsWith('<!DOCTYPE html>')) continue;
    throw new Error(`unrecognised markup at ${i}: ${JSON.stringify(html.slice(i, i + 60))}`);
  }
  return tags;
}

export const attr = (t: Tag, name: string): string | undefined => t.attrs.find(([n]) => n === name)?.[1];

export const PAGE_TAGS = new Set([
  'html', 'head', 'meta', 'link', 'title', 'body', 'header', 'nav', 'span', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'p', 'div',
  'button', 'main', 'section', 'figure', 'figcaption', 'dl', 'dt', 'dd', 'ul', 'ol', 'li', 'a', 'footer', 'script', 'style',
  // from KaTeX (typeset math: spans, plus an SVG for stretchy symbols such as \sqrt)
  'svg', 'path',
  // from markdown (raw HTML disabled, so only what markdown syntax itself produces)
  'strong', 'em', 'code', 'pre', 'blockquote', 'hr', 'br', 'table', 'thead', 'tbody', 'tr', 'th', 'td', 's',
]);
export const SVG_TAGS = new Set(['svg', 'g', 'rect', 'text', 'title', 'tspan', 'path', 'circle', 'defs', 'marker']);
export const URL_ATTRS = new Set(['href', 'src', 'data-href', 'action', 'formaction', 'xlink:href', 'background', 'poster', 'srcset', 'ping', 'cite']);

/** The inline styles KaTeX writes: positions and sizes in em, and a hex colour for unsupported commands. */
export const KATEX_STYLE = /^(?:(?:height|min-width|width|margin-right|margin-left|vertical-align|top|left|border-bottom-width|padding-left):-?[\d.]+em;?|position:relative;?|color:#[0-9a-f]{6};?)+$/;

/** The map's natural size, in units of the page's text size. */
export const MAP_STYLE = /^width:calc\(var\(--ds-font-size, \d+px\) \* \d+\.\d+\);height:calc\(var\(--ds-font-size, \d+px\) \* \d+\.\d+\)$/;

export interface Expect {
  readonly kind: 'page' | 'dashboard';
}

/** Asserts the document is free of injected markup; returns its tags. */
export function assertSafe(html: string, ctx: string, e: Expect): Tag[] {
  const fail = (msg: string): never => assert.fail(`${ctx}: ${msg}`);
  let tags: Tag[] = [];
  try {
    tags = tokenize(html);
  } catch (err) {
    fail((err as Error).message);
  }
  const open = tags.filter((t) => !t.closing);
  // Exactly one script: the nonce'd bundle, inlined, at the end.
  if ((html.match(/<script/gi) ?? []).length !== 1) fail(`expected exactly one <script, found ${(html.match(/<script/gi) ?? []).length}`);
  const scripts = open.filter((t) => t.name === 'script');
  if (scripts.length !== 1) fail('the bundle script is missing');
  const s = scripts[0];
  if (attr(s, 'nonce') !== NONCE || s.attrs.length !== 1) fail(`unexpected script tag ${JSON.stringify(s.attrs)}`);
  if (!html.endsWith(`<script nonce="${NONCE}">${ASSETS.script}</script>\n</body>\n</html>`) && !html.endsWith(`<script nonce="${NONCE}">${ASSETS.script}</script>\n</body></html>`)) {
    fail('the script is not the bundle, or not the last thing in the body');
  }
  // Exactly one stylesheet: the inlined one in the head.
  if ((html.match(/<style/gi) ?? []).length !== 1 || !html.includes(`<style>${ASSETS.css}</style>\n<title>`)) fail('the inlined stylesheet is missing or not alone');
  // Only the renderer's own elements.
  const allowed = e.kind === 'dashboard' ? new Set([...PAGE_TAGS, ...SVG_TAGS]) : PAGE_TAGS;
  for (const t of tags) if (!allowed.has(t.name)) fail(`forbidden element <${t.name}>`);
  const count = (n: string) => open.filter((t) => t.name === n).length;
  // The dashboard has the map, six legend swatches and the review forecast; content never adds an <svg>.
  if (e.kind === 'dashboard' && count('svg') !== 8) fail(`unexpected number of <svg>: ${count('svg')}`);
  if (e.kind === 'page') {
    // KaTeX's SVGs carry only geometry.
    for (const t of open.filter((x) => x.name === 'svg' || x.name === 'path')) {
      const ok = t.name === 'path' ? ['d'] : ['xmlns', 'width', 'height', 'viewbox', 'preserveaspectratio', 'style'];
      for (const [n] of t.attrs) if (!ok.includes(n)) fail(`attribute ${n} on KaTeX <${t.name}>`);
    }
  }
  if (count('meta') !== 3) fail(`expected 3 <meta>, found ${count('meta')}`);
  if (count('link') !== 0) fail(`unexpected <link>: ${count('link')}`);
  for (const t of open) {
    for (const [name, value] of t.attrs) {
      if (/^on/i.test(name)) fail(`event handler attribute ${name} on <${t.name}>`);
      if (name === 'srcdoc' || name === 'formaction' || name === 'xlink:href') fail(`attribute ${name} on <${t.name}>`);
      if (name === 'http-equiv' && value !== 'Content-Security-Policy') fail(`<meta http-equiv="${value}">`);
      if (name === 'style' && !/^(--ds-font-size: \d+px|width:\d+%)$/.test(value) && !MAP_STYLE.test(value) && !KATEX_STYLE.test(value)) fail(`style attribute ${JSON.stringify(value)} on <${t.name}>`);
      if (URL_ATTRS.has(name)) {
        const squashed = value.replace(/[\u0000-\u0020\u007f-\u00a0\u200b-\u200f\u2028\u2029\ufeff]/g, '').toLowerCase();
        if (/^(javascript|vbscript|data):/.test(squashed)) fail(`${name}=${JSON.stringify(value)} on <${t.name}>`);
        if (squashed.includes('data:text/html')) fail(`${name}=${JSON.stringify(value)} on <${t.name}>`);
        if (!(value === '#' || ASSET_URLS.has(value) || /^https:\/\/[^\s"'<>`]+$/.test(value))) fail(`${name}=${JSON.stringify(value)} is not '#', an asset or an https URL`);
      }
    }
  }
  // CSP
  const cspMeta = open.find((t) => t.name === 'meta' && attr(t, 'http-equiv') === 'Content-Security-Policy');
  if (!cspMeta) return fail('no CSP meta');
  const directives = new Map(attr(cspMeta, 'content')!.split(';').map((d) => d.trim().split(/\s+/)).map(([k, ...v]) => [k, v]));
  assert.deepEqual(directives.get('default-src'), ["'none'"], ctx);
  assert.deepEqual(directives.get('script-src'), [`'nonce-${NONCE}'`], ctx);
  for (const v of directives.values()) assert.ok(!v.includes("'unsafe-eval'") && !v.includes('*'), ctx);
  if (html.indexOf('Content-Security-Policy') > html.indexOf('<style')) fail('the CSP must come before the stylesheet');
  return tags;
}

/** Tag names and attribute names in document order: the shape of the page. */
export function shape(tags: readonly Tag[]): string[] {
  return tags.map((t) => `${t.closing ? '/' : ''}${t.name}[${t.attrs.map(([n]) => n).join(',')}]`);
}

/** The expected escaped form of a text: independent of src/core/html.ts. */
export function escaped(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;').replace(/`/g, '&#96;');
}

// ---------------------------------------------------------------------------------------------
// Models
// ---------------------------------------------------------------------------------------------

export const TOPIC_FIELDS = [
  'title', 'summary', 'details', 'keyPoint', 'keyTerm', 'formulaLabel', 'formulaLatex', 'formulaSymbol', 'formulaMeaning',
  'stageTitle', 'sectionTitle', 'resourceTitle', 'resourceAuthor', 'resourceNote', 'resourceUrl',
  'prerequisiteTitle', 'relatedTitle', 'previousTitle', 'nextTitle', 'linkId', 'topicId',
] as const;
export type TopicField = (typeof TOPIC_FIELDS)[number];
/** Fields that go through markdown and so legitimately produce markup of their own. */
export const MARKDOWN_FIELDS: ReadonlySet<TopicField> = new Set(['details', 'keyPoint']);
/** Fields typeset by KaTeX: their glyphs become spans, and their source is the label (escaped). */
export const MATH_FIELDS: ReadonlySet<TopicField> = new Set(['formulaLatex', 'formulaSymbol']);

export function topicModel(v: Partial<Record<TopicField, string>> = {}, done = false): TopicPageModel {
  const resources: Resource[] = [
    {
      title: v.resourceTitle ?? 'Naked Statistics', author: v.resourceAuthor ?? 'Charles Wheelan', type: 'book', free: false,
      url: v.resourceUrl ?? 'https://example.org/naked', note: v.resourceNote ?? 'an easy read',
    },
    { title: 'Khan Academy', type: 'course', free: true },
  ];
  const topic: Topic = {
    id: v.topicId ?? 'dot-product',
    title: v.title ?? 'Dot product',
    aliases: [],
    summary: v.summary ?? 'Multiply and add.',
    details: v.details ?? 'The **dot product** of $a$ and $b$ is a [number](https://example.org/dot).',
    keyPoints: [v.keyPoint ?? 'It is $a \\cdot b = |a||b|\\cos\\theta$', 'Zero means orthogonal'],
    keyTerms: [v.keyTerm ?? 'inner product', 'cosine'],
    prerequisites: ['vectors'],
    related: ['norms'],
    formulas: [{
      label: v.formulaLabel ?? 'Dot product',
      latex: v.formulaLatex ?? 'a \\cdot b = \\sum_i a_i b_i',
      symbols: [{ symbol: v.formulaSymbol ?? 'a_i', meaning: v.formulaMeaning ?? 'the i-th component of a' }],
    }],
    stageId: 'math-statistics',
    sectionId: 'linear-algebra',
  };
  const section: Section = { id: 'linear-algebra', title: v.sectionTitle ?? 'Linear Algebra', topics: [topic] };
  const stage: Stage = { id: 'math-statistics', number: 0, title: v.stageTitle ?? 'Maths', intro: 'Intro.', sections: [section], resources };
  const html: TopicHtml = renderTopicHtml(topic);
  const link = (id: string, title: string, isDone: boolean): TopicLink => ({ id, title, done: isDone });
  return {
    topic, html, stage, section, done,
    prerequisites: [link(v.linkId ?? 'vectors', v.prerequisiteTitle ?? 'Vectors', true)],
    related: [link('norms', v.relatedTitle ?? 'Norms', false)],
    previous: link('matrices', v.previousTitle ?? 'Matrices', true),
    next: link('norms', v.nextTitle ?? 'Norms', false),
  };
}

export const DASH_FIELDS = ['topicTitle', 'stageTitle', 'sectionTitle', 'estimateLabel', 'topicId'] as const;
export type DashField = (typeof DASH_FIELDS)[number];
export const NOW = new Date('2026-03-01T12:00:00Z');

/**
 * A map layout for rendering tests, without ELK: each section a column, sections side by side
 * (the build's real layout is tested in map.test.ts). Titles wrap the way the build wraps them.
 */
export function gridLayout(roadmap: Roadmap): MapLayout {
  const nodes: MapNode[] = [];
  const sections: MapBox[] = [];
  const stages: MapBox[] = [];
  let x = 10;
  for (const stage of roadmap.stages) {
    const x0 = x;
    for (const sec of stage.sections) {
      sections.push({ id: sec.id, x, y: 40, width: 240, height: 60 + 50 * sec.topics.length, lines: wrapLabel(sec.title), tx: x + 12, ty: 48 });
      sec.topics.forEach((t, i) => nodes.push({ id: t.id, title: t.title, sectionId: sec.id, stageId: stage.id, x: x + 10, y: 80 + 50 * i, width: 220, height: 40, lines: wrapLabel(t.title), tx: x + 22, ty: 84 + 50 * i }));
      x += 250;
    }
    stages.push({ id: stage.id, x: x0 - 5, y: 0, width: x - x0, height: 400, lines: stageLines(stage), tx: x0, ty: 4 });
  }
  const at = new Map(nodes.map((n) => [n.id, n]));
  const edges: MapEdge[] = nodes.flatMap((n) => roadmap.stages.flatMap((s) => s.sections.flatMap((sec) => sec.topics)).find((t) => t.id === n.id)!.prerequisites
    .filter((p) => at.has(p)).map((p) => ({ from: p, to: n.id, points: [[at.get(p)!.x, at.get(p)!.y], [n.x, n.y]] as const })));
  return { version: MAP_LAYOUT_VERSION, fontSize: 14, lineHeight: 19, padLeft: 26, padTop: 7, width: x + 10, height: 410, stages, sections, nodes, edges };
}

export function dashModel(v: Partial<Record<DashField, string>> = {}): { roadmap: Roadmap; state: ProgressState; ids: string[]; map: MapLayout } {
  const mk = (id: string, title: string, stageId: string, sectionId: string): Topic => ({
    id, title, aliases: [], summary: 's', details: '', keyPoints: [], keyTerms: [], prerequisites: [], related: [], formulas: [], stageId, sectionId,
  });
  const t1 = mk(v.topicId ?? 'alpha', v.topicTitle ?? 'Alpha', 's0', 'a');
  const t2 = mk('beta', v.topicTitle ?? 'Beta', 's0', 'a');
  const t3 = mk('gamma', v.topicTitle ?? 'Gamma', 's1', 'b');
  const roadmap: Roadmap = {
    meta: { title: 'T', description: 'D', estimates: [{ label: v.estimateLabel ?? 'Optimistic', minMonths: 12, maxMonths: 18 }], weeklyHours: { min: 20, max: 25 } },
    stages: [
      { id: 's0', number: 0, title: v.stageTitle ?? 'Maths', intro: '', resources: [], sections: [{ id: 'a', title: v.sectionTitle ?? 'Algebra', topics: [t1, t2] }] },
      { id: 's1', number: 1, title: 'Python', intro: '', resources: [], sections: [{ id: 'b', title: 'Basics', topics: [t3] }] },
    ],
    faq: [],
  };
  const state = setStatus(EMPTY_PROGRESS, t1.id, 'done', 'manual', new Date('2026-02-27T10:00:00Z'));
  return { roadmap, state, ids: [t1.id, 'beta', 'gamma'], map: gridLayout(roadmap) };
}

/** The topic ids of the map's nodes, in document order. */
export function mapNodes(tags: readonly Tag[]): string[] {
  return tags.filter((t) => !t.closing && t.name === 'g' && /^node /.test(attr(t, 'class') ?? '')).map((t) => attr(t, 'data-topic') ?? '<none>');
}

// ---------------------------------------------------------------------------------------------

