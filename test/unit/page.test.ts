import * as assert from 'node:assert/strict';
import { compileRoadmap, renderTopicHtml } from '../../src/core/compile';
import type { TopicHtml } from '../../src/core/compiled';
import { renderDashboard } from '../../src/core/dashboard';
import { renderInline, renderMarkdown } from '../../src/core/markdown';
import type { Resource, Roadmap, Section, Stage, Topic } from '../../src/core/model';
import { inlineKatexCss, renderTopicContent, renderTopicPage, type PageAssets, type TopicLink, type TopicPageModel } from '../../src/core/page';
import { EMPTY_PROGRESS, setStatus, type ProgressState } from '../../src/core/progress';
import { realFiles } from './fixtures';
import { XSS_PAYLOADS } from './xss-corpus';

const NONCE = 'Zm9vYmFyYmF6cXV4MTIzNDU2Nzg5MA';
const ASSETS: PageAssets = {
  cspSource: 'https://file+.vscode-resource.vscode-cdn.net',
  nonce: NONCE,
  css: 'body { color: var(--vscode-foreground); }',
  script: 'acquireVsCodeApi().postMessage({ type: "ready" });',
  fontSize: 14,
};
const ASSET_URLS = new Set<string>();

// ---------------------------------------------------------------------------------------------
// A small HTML tokenizer: good enough for the documents these renderers produce, and strict:
// every '<' in the output must start a well-formed tag it recognises.
// ---------------------------------------------------------------------------------------------

interface Tag {
  readonly name: string;
  readonly closing: boolean;
  readonly attrs: ReadonlyArray<readonly [string, string]>;
  readonly index: number;
}

const TAG_RE = /<(\/?)([a-zA-Z][a-zA-Z0-9:-]*)((?:\s+[^\s"'>/=]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'=<>`]+))?)*)\s*\/?>/g;
const ATTR_RE = /([^\s"'>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?/g;

const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", colon: ':', tab: '\t', newline: '\n', nbsp: '\u00a0' };

/** Decodes character references the way a browser would in an attribute value or text. */
function decodeEntities(s: string): string {
  return s.replace(/&(?:#(\d+)|#[xX]([0-9a-fA-F]+)|([a-zA-Z]+));?/g, (m, dec?: string, hex?: string, name?: string) => {
    if (dec) return String.fromCodePoint(Math.min(Number(dec), 0x10ffff));
    if (hex) return String.fromCodePoint(Math.min(parseInt(hex, 16), 0x10ffff));
    return name && NAMED[name.toLowerCase()] !== undefined ? NAMED[name.toLowerCase()] : m;
  });
}

function tokenize(html: string): Tag[] {
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

const attr = (t: Tag, name: string): string | undefined => t.attrs.find(([n]) => n === name)?.[1];

const PAGE_TAGS = new Set([
  'html', 'head', 'meta', 'link', 'title', 'body', 'header', 'nav', 'span', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'p', 'div',
  'button', 'main', 'section', 'figure', 'figcaption', 'dl', 'dt', 'dd', 'ul', 'ol', 'li', 'a', 'footer', 'script', 'style',
  // from KaTeX (typeset math: spans, plus an SVG for stretchy symbols such as \sqrt)
  'svg', 'path',
  // from markdown (raw HTML disabled, so only what markdown syntax itself produces)
  'strong', 'em', 'code', 'pre', 'blockquote', 'hr', 'br', 'table', 'thead', 'tbody', 'tr', 'th', 'td', 's',
]);
const SVG_TAGS = new Set(['svg', 'g', 'rect', 'text', 'title']);
const URL_ATTRS = new Set(['href', 'src', 'data-href', 'action', 'formaction', 'xlink:href', 'background', 'poster', 'srcset', 'ping', 'cite']);

/** The inline styles KaTeX writes: positions and sizes in em, and a hex colour for unsupported commands. */
const KATEX_STYLE = /^(?:(?:height|min-width|width|margin-right|margin-left|vertical-align|top|left|border-bottom-width|padding-left):-?[\d.]+em;?|position:relative;?|color:#[0-9a-f]{6};?)+$/;

interface Expect {
  readonly kind: 'page' | 'dashboard';
}

/** Asserts the document is free of injected markup; returns its tags. */
function assertSafe(html: string, ctx: string, e: Expect): Tag[] {
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
  // The dashboard has the map plus four legend swatches; content never adds an <svg>.
  if (e.kind === 'dashboard' && count('svg') !== 5) fail(`unexpected number of <svg>: ${count('svg')}`);
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
      if (name === 'style' && !/^(--ds-font-size: \d+px|width:\d+%)$/.test(value) && !KATEX_STYLE.test(value)) fail(`style attribute ${JSON.stringify(value)} on <${t.name}>`);
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
function shape(tags: readonly Tag[]): string[] {
  return tags.map((t) => `${t.closing ? '/' : ''}${t.name}[${t.attrs.map(([n]) => n).join(',')}]`);
}

/** The expected escaped form of a text: independent of src/core/html.ts. */
function escaped(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;').replace(/`/g, '&#96;');
}

// ---------------------------------------------------------------------------------------------
// Models
// ---------------------------------------------------------------------------------------------

const TOPIC_FIELDS = [
  'title', 'summary', 'details', 'keyPoint', 'keyTerm', 'formulaLabel', 'formulaLatex', 'formulaSymbol', 'formulaMeaning',
  'stageTitle', 'sectionTitle', 'resourceTitle', 'resourceAuthor', 'resourceNote', 'resourceUrl',
  'prerequisiteTitle', 'relatedTitle', 'previousTitle', 'nextTitle', 'linkId', 'topicId',
] as const;
type TopicField = (typeof TOPIC_FIELDS)[number];
/** Fields that go through markdown and so legitimately produce markup of their own. */
const MARKDOWN_FIELDS: ReadonlySet<TopicField> = new Set(['details', 'keyPoint']);
/** Fields typeset by KaTeX: their glyphs become spans, and their source is the label (escaped). */
const MATH_FIELDS: ReadonlySet<TopicField> = new Set(['formulaLatex', 'formulaSymbol']);

function topicModel(v: Partial<Record<TopicField, string>> = {}, done = false): TopicPageModel {
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

const DASH_FIELDS = ['topicTitle', 'stageTitle', 'sectionTitle', 'estimateLabel', 'topicId'] as const;
type DashField = (typeof DASH_FIELDS)[number];
const NOW = new Date('2026-03-01T12:00:00Z');

function dashModel(v: Partial<Record<DashField, string>> = {}): { roadmap: Roadmap; state: ProgressState; ids: string[] } {
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
  return { roadmap, state, ids: [t1.id, 'beta', 'gamma'] };
}

function mapNodes(tags: readonly Tag[]): string[] {
  return tags.filter((t) => !t.closing && t.name === 'rect' && /^node /.test(attr(t, 'class') ?? '')).map((t) => attr(t, 'data-topic') ?? '<none>');
}

// ---------------------------------------------------------------------------------------------

describe('page: topic page and dashboard rendering', () => {
  it('has a corpus of at least 100 distinct XSS payloads', () => {
    console.log(`      XSS corpus: ${XSS_PAYLOADS.length} payloads`);
    assert.ok(XSS_PAYLOADS.length >= 100, `${XSS_PAYLOADS.length}`);
    assert.equal(new Set(XSS_PAYLOADS).size, XSS_PAYLOADS.length);
  });

  it('the checker itself catches injected markup', () => {
    const good = renderTopicPage(topicModel(), ASSETS);
    assertSafe(good, 'baseline', { kind: 'page' });
    const bad: Record<string, string> = {
      script: good.replace('<main>', '<main><script>alert(1)</script>'),
      handler: good.replace('<main>', '<main onclick="x()">'),
      jsUrl: good.replace('href="https://example.org/naked"', 'href="java&#x09;script:alert(1)"'),
      img: good.replace('<main>', '<main><img src="https://x.org/a.png">'),
      refresh: good.replace('<main>', '<main><meta http-equiv="refresh" content="0">'),
      broken: good.replace('<main>', '<main><img src=x onerror=alert(1)//'),
      nonce: good.replace(`nonce="${NONCE}"`, 'nonce="other"'),
    };
    for (const [name, html] of Object.entries(bad)) {
      assert.throws(() => assertSafe(html, name, { kind: 'page' }), assert.AssertionError, name);
    }
  });

  it('renders a benign topic page exactly', () => {
    const html = renderTopicPage(topicModel({}, true), ASSETS);
    const tags = assertSafe(html, 'benign', { kind: 'page' });
    assert.match(html, /^<!DOCTYPE html>\n<html lang="en">/);
    assert.ok(html.includes('<title>Dot product</title>'));
    assert.ok(html.includes('<h1>Dot product <span class="status" role="status">Done</span></h1>'));
    assert.ok(html.includes('<body class="topic-page" style="--ds-font-size: 14px" data-view="topic" data-topic="dot-product" data-done="true">'));
    assert.ok(html.includes('<nav class="breadcrumb" aria-label="Breadcrumb">Stage 00 · Maths <span aria-hidden="true">›</span> Linear Algebra</nav>'));
    assert.ok(html.includes('<button id="toggle-complete" data-action="markIncomplete">Mark incomplete</button>'));
    assert.ok(html.includes('<p class="terms" aria-label="Key terms"><span class="term">inner product</span> <span class="term">cosine</span></p>'));
    // Math arrives typeset by KaTeX at build time, labelled with its source.
    assert.ok(html.includes('<div class="math" data-display="block" role="img" aria-label="a \\cdot b = \\sum_i a_i b_i"><span class="katex-display"><span class="katex">'));
    assert.match(html, /<dt><span class="math" data-display="inline" role="img" aria-label="a_i"><span class="katex">.*?<\/span><\/dt><dd>the i-th component of a<\/dd>/);
    assert.ok(html.includes('<li><a href="#" class="topic-link done" data-topic="vectors">Vectors</a> <span class="badge" aria-label="done">✓</span></li>'));
    assert.ok(html.includes('<li><a href="https://example.org/naked" class="external" data-href="https://example.org/naked">Naked Statistics</a> <span class="muted">— Charles Wheelan</span> <span class="muted">(an easy read)</span> <span class="tag tag-book">book</span> <span class="tag tag-paid">paid</span></li>'));
    assert.ok(html.includes('<li><span class="resource-title">Khan Academy</span> <span class="tag tag-course">course</span> <span class="tag tag-free">free</span></li>'));
    assert.ok(html.includes('<footer class="pager"><button class="nav prev" data-action="open" data-topic="matrices" title="Matrices">Previous: Matrices</button><button class="nav next" data-action="open" data-topic="norms" title="Norms">Next: Norms</button></footer>'));
    assert.ok(html.includes('<span class="math" data-display="inline" role="img" aria-label="a"><span class="katex"><span class="katex-html" aria-hidden="true">'));
    assert.ok(!html.includes('$a$'));
    assert.ok(html.includes('<a href="https://example.org/dot" class="external">number</a>'));
    assert.ok(html.includes(`<meta http-equiv="Content-Security-Policy" content="default-src &#39;none&#39;; style-src ${ASSETS.cspSource} &#39;unsafe-inline&#39;; font-src ${ASSETS.cspSource}; img-src ${ASSETS.cspSource} data:; script-src &#39;nonce-${NONCE}&#39;">`));
    assert.equal(tags.filter((t) => t.name === 'a' && !t.closing).length, 4);
  });

  it('shows markdown images as text plus a link, and non-https resource urls as plain titles', () => {
    assert.equal(renderMarkdown('![x](https://e.org/a.png)'), '<p>!<a href="https://e.org/a.png" class="external">x</a></p>\n');
    assert.equal(renderInline('![x](javascript:alert(1))'), '![x](javascript:alert(1))');
    for (const url of ['javascript:alert(1)', 'data:text/html,x', 'http://example.org/', '//example.org/x', 'https://ok.example/ x']) {
      const html = renderTopicPage(topicModel({ resourceUrl: url }), ASSETS);
      assert.ok(html.includes('<li><span class="resource-title">Naked Statistics</span> <span class="muted">— Charles Wheelan</span>'), url);
      assert.ok(!html.includes(escaped(url)), url);
    }
    assert.ok(renderTopicPage(topicModel({ resourceUrl: 'https://example.org/a?b=1&c=2' }), ASSETS)
      .includes('<a href="https://example.org/a?b=1&amp;c=2" class="external" data-href="https://example.org/a?b=1&amp;c=2">Naked Statistics</a>'));
  });

  it('clamps the font size and shows "Not done" and "Mark complete" for an open topic', () => {
    const html = renderTopicPage(topicModel(), { ...ASSETS, fontSize: 99 });
    assert.ok(html.includes('style="--ds-font-size: 32px"'));
    assert.ok(html.includes('<span class="status" role="status">Not done</span>'));
    assert.ok(html.includes('data-action="markComplete">Mark complete</button>'));
    assert.ok(renderTopicPage(topicModel(), { ...ASSETS, fontSize: Number.NaN }).includes('--ds-font-size: 14px'));
  });

  it('puts the swappable content in #page, identical to what in-page navigation sends', () => {
    const m = topicModel({}, true);
    const html = renderTopicPage(m, ASSETS);
    const content = renderTopicContent(m);
    assert.ok(html.includes(`<div id="page">${content}</div>\n<script nonce=`));
    assert.ok(content.startsWith('<header>') && content.endsWith('</footer>'));
    assert.ok(!content.includes('<script') && !content.includes('<style'));
  });

  it('shows the escaped TeX source when a formula was not typeset by the build', () => {
    const m = topicModel({ formulaLatex: 'x < y' });
    const html = renderTopicPage({ ...m, html: { details: '<p>d</p>', keyPoints: [] } }, ASSETS);
    assertSafe(html, 'untypeset', { kind: 'page' });
    assert.ok(html.includes('<div class="math math-source" data-display="block">x &lt; y</div>'));
    assert.ok(html.includes('<dt><span class="math math-source" data-display="inline">a_i</span></dt>'));
  });

  it('typesets a formula KaTeX rejects as its escaped source, marked as an error', () => {
    const html = renderTopicPage(topicModel({ formulaLatex: '\\frac{1<b>' }), ASSETS);
    assertSafe(html, 'bad tex', { kind: 'page' });
    assert.ok(html.includes('<div class="math math-error" data-display="block">\\frac{1&lt;b&gt;</div>'));
  });

  it('cannot be closed early by the inlined stylesheet or script', () => {
    const html = renderTopicPage(topicModel(), { ...ASSETS, css: 'a{}</style><script>alert(1)</script>', script: 'let s = "</script><img src=x>";' });
    assert.equal((html.match(/<\/style/g) ?? []).length, 1);
    assert.equal((html.match(/<\/script/gi) ?? []).length, 1);
    assert.equal((html.match(/<script/gi) ?? []).length, 1);
  });

  it('points the inlined KaTeX stylesheet at the fonts by absolute URL', () => {
    const css = '@font-face{font-family:KaTeX_Main;src:url(fonts/KaTeX_Main-Regular.woff2) format("woff2")}.x{src:url("fonts/a.woff2")}';
    const out = inlineKatexCss(css, 'https://file+.vscode-resource.vscode-cdn.net/ext/dist/webview/katex/fonts/');
    assert.equal(out, '@font-face{font-family:KaTeX_Main;src:url(https://file+.vscode-resource.vscode-cdn.net/ext/dist/webview/katex/fonts/KaTeX_Main-Regular.woff2) format("woff2")}'
      + '.x{src:url("https://file+.vscode-resource.vscode-cdn.net/ext/dist/webview/katex/fonts/a.woff2")}');
  });

  it('keeps every XSS payload inert in every text field of a topic page', function () {
    this.timeout(120_000);
    const baselines = new Map<TopicField, string[]>();
    for (const f of TOPIC_FIELDS) baselines.set(f, shape(assertSafe(renderTopicPage(topicModel({ [f]: 'SAFE' }), ASSETS), `${f}=SAFE`, { kind: 'page' })));
    let pages = 0;
    for (const p of XSS_PAYLOADS) {
      for (const f of TOPIC_FIELDS) {
        const ctx = `${f}=${JSON.stringify(p)}`;
        const html = renderTopicPage(topicModel({ [f]: p }), ASSETS);
        const tags = assertSafe(html, ctx, { kind: 'page' });
        pages++;
        if (MATH_FIELDS.has(f)) {
          // Typeset glyphs or, when KaTeX rejects it, the escaped source: either way the source is there as text.
          assert.ok(html.includes(escaped(p)), `${ctx}: the TeX source is not shown or labelled`);
        } else if (MARKDOWN_FIELDS.has(f)) {
          // Markdown may add its own elements but shows raw HTML as text.
          if (p.includes('<')) assert.ok(html.includes('&lt;'), ctx);
        } else if (f === 'resourceUrl') {
          // A non-https URL is shown without a link; an https one keeps it.
          const anchors = tags.filter((t) => t.name === 'a' && !t.closing && attr(t, 'class') === 'external');
          assert.equal(anchors.some((t) => attr(t, 'href') === p), /^https:\/\/[^\s"'<>`]+$/.test(p), ctx);
        } else {
          // Plain text fields: the payload is shown escaped and the page keeps its exact shape.
          assert.ok(html.includes(escaped(p)), `${ctx}: payload not shown as text`);
          assert.deepEqual(shape(tags), baselines.get(f), `${ctx}: page structure changed`);
        }
      }
    }
    // All fields at once.
    for (const p of XSS_PAYLOADS) {
      const all = Object.fromEntries(TOPIC_FIELDS.map((f) => [f, p])) as Record<TopicField, string>;
      assertSafe(renderTopicPage(topicModel(all, pages % 2 === 0), ASSETS), `all=${JSON.stringify(p)}`, { kind: 'page' });
      pages++;
    }
    console.log(`      topic pages checked: ${pages} (${XSS_PAYLOADS.length} payloads x ${TOPIC_FIELDS.length} fields + all-fields)`);
    assert.equal(pages, XSS_PAYLOADS.length * (TOPIC_FIELDS.length + 1));
  });

  it('renders every real topic page safely', () => {
    const { compiled } = compileRoadmap(realFiles());
    assert.ok(compiled);
    const r = compiled.roadmap;
    const all = r.stages.flatMap((s) => s.sections.flatMap((sec) => sec.topics.map((t) => ({ t, s, sec }))));
    const title = new Map(all.map(({ t }) => [t.id, t.title]));
    all.forEach(({ t, s, sec }, i) => {
      const link = (id: string): TopicLink => ({ id, title: title.get(id)!, done: false });
      const html = renderTopicPage({
        topic: t, html: compiled.html.topics[t.id], stage: s, section: sec, done: false,
        prerequisites: t.prerequisites.map(link), related: t.related.map(link),
        previous: i > 0 ? link(all[i - 1].t.id) : undefined, next: i + 1 < all.length ? link(all[i + 1].t.id) : undefined,
      }, ASSETS);
      const tags = assertSafe(html, t.id, { kind: 'page' });
      assert.equal(tags.filter((x) => !x.closing && x.name === 'figure').length, t.formulas.length, t.id);
      assert.equal(tags.filter((x) => !x.closing && x.name === 'a' && attr(x, 'class')?.startsWith('topic-link')).length, t.prerequisites.length + t.related.length, t.id);
    });
    assert.equal(all.length, 137);
  });

  it('renders a benign dashboard with one SVG node per topic', () => {
    const { roadmap, state, ids } = dashModel();
    const html = renderDashboard({ roadmap, state, now: NOW }, ASSETS);
    const tags = assertSafe(html, 'dashboard', { kind: 'dashboard' });
    assert.deepEqual(mapNodes(tags), ids);
    assert.ok(html.includes('<div class="big" id="overall">1/3 (33%)</div>'));
    assert.ok(html.includes('<rect class="node done" x="256" y="14" width="12" height="12" rx="3" data-topic="alpha" tabindex="0" role="button" aria-label="Alpha (done)"><title>Alpha (done)</title></rect>'));
    assert.ok(html.includes('aria-label="Beta (not done)"'));
    assert.ok(html.includes('<a href="#" data-topic="beta" id="next-up">Beta</a>'));
    assert.ok(html.includes('Roadmap estimates: Optimistic 12–18 months.'));
    assert.ok(html.includes('<g class="stage" aria-label="Stage 0: Maths, 1 of 2 done">'));
  });

  it('keeps every XSS payload inert in every text field of the dashboard', () => {
    const baselines = new Map<DashField, string[]>();
    for (const f of DASH_FIELDS) {
      const { roadmap, state } = dashModel({ [f]: 'SAFE' });
      baselines.set(f, shape(assertSafe(renderDashboard({ roadmap, state, now: NOW }, ASSETS), `${f}=SAFE`, { kind: 'dashboard' })));
    }
    let pages = 0;
    for (const p of XSS_PAYLOADS) {
      for (const f of [...DASH_FIELDS, 'all' as const]) {
        const v = f === 'all' ? Object.fromEntries(DASH_FIELDS.map((k) => [k, p])) : { [f]: p };
        const { roadmap, state, ids } = dashModel(v);
        const ctx = `dashboard ${f}=${JSON.stringify(p)}`;
        const html = renderDashboard({ roadmap, state, now: NOW }, ASSETS);
        const tags = assertSafe(html, ctx, { kind: 'dashboard' });
        pages++;
        assert.deepEqual(mapNodes(tags), ids, ctx);
        if (f !== 'all') {
          assert.deepEqual(shape(tags), baselines.get(f), `${ctx}: structure changed`);
          assert.ok(html.includes(escaped(p)), `${ctx}: payload not shown as text`);
        }
      }
    }
    console.log(`      dashboards checked: ${pages}`);
    assert.equal(pages, XSS_PAYLOADS.length * (DASH_FIELDS.length + 1));
  });

  it('draws every real topic as an SVG node with data-topic', () => {
    const { compiled } = compileRoadmap(realFiles());
    assert.ok(compiled);
    const ids = compiled.roadmap.stages.flatMap((s) => s.sections.flatMap((sec) => sec.topics.map((t) => t.id)));
    let state: ProgressState = EMPTY_PROGRESS;
    state = setStatus(state, ids[0], 'done', 'manual', new Date('2026-02-20T10:00:00Z'));
    state = setStatus(state, ids[1], 'in-progress', 'manual', new Date('2026-02-21T10:00:00Z'));
    const html = renderDashboard({ roadmap: compiled.roadmap, state, now: NOW }, ASSETS);
    const tags = assertSafe(html, 'real dashboard', { kind: 'dashboard' });
    assert.deepEqual(mapNodes(tags), ids);
    const classes = tags.filter((t) => !t.closing && t.name === 'rect' && /^node /.test(attr(t, 'class') ?? '')).map((t) => attr(t, 'class'));
    assert.deepEqual(classes.slice(0, 3), ['node done', 'node in-progress', 'node open']);
    assert.equal(classes.filter((c) => c === 'node open').length, ids.length - 2);
    assert.ok(html.includes(`<div class="big" id="overall">1/${ids.length} (0%)</div>`));
    assert.equal(tags.filter((t) => !t.closing && t.name === 'g' && attr(t, 'class') === 'stage').length, 7);
  });
});
