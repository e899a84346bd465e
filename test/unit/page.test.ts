import * as assert from 'node:assert/strict';
import { renderDashboard } from '../../src/core/pages/dashboard';
import { renderInline, renderMarkdown } from '../../src/build/markdown';
import { inlineKatexCss } from '../../src/core/pages/pageDocument';
import { renderTopicContent, renderTopicPage } from '../../src/core/pages/topicPage';
import { EMPTY_PROGRESS, setStatus, type ProgressState } from '../../src/core/progress/progressState';
import { compiledReal } from './fixtures';
import { XSS_PAYLOADS } from './xss-corpus';
import { ASSETS, NONCE, NOW, assertSafe, attr, dashModel, escaped, gridLayout, mapNodes, topicModel } from './pageFixtures';
import { nextUp } from '../../src/core/progress/progressStats';

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
    // The breadcrumb navigates in place: the overview, the stage's page, the section's page.
    assert.ok(html.includes('<nav class="breadcrumb" aria-label="Breadcrumb"><a href="#" class="page-link" data-page="overview">Overview</a> <span aria-hidden="true">›</span> '
      + '<a href="#" class="page-link" data-page="stage" data-id="math-statistics">Stage 00 · Maths</a> <span aria-hidden="true">›</span> '
      + '<a href="#" class="page-link" data-page="section" data-id="linear-algebra">Linear Algebra</a></nav>'));
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
    assert.equal(tags.filter((t) => t.name === 'a' && !t.closing).length, 7);
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

  it('renders a benign dashboard with one labelled map node per topic', () => {
    const { roadmap, state, ids, map } = dashModel();
    const html = renderDashboard({ roadmap, state, now: NOW, map }, ASSETS);
    const tags = assertSafe(html, 'dashboard', { kind: 'dashboard' });
    assert.deepEqual(mapNodes(tags), ids);
    assert.ok(html.includes('<div class="big" id="overall">1/3 (33%)</div>'));
    assert.ok(html.includes('<g class="node done" data-topic="alpha" tabindex="0" role="link" aria-label="Alpha — done"><title>Alpha — done</title>'));
    assert.ok(html.includes('<g class="node open next" data-topic="beta" tabindex="0" role="link" aria-label="Beta — not started, next up">'));
    assert.ok(html.includes('<a href="#" data-topic="beta" id="next-up">Beta</a>'));
    // One topic done today: too early for a pace, so the estimates at the default 20 hours a week.
    assert.ok(html.includes('Until then: the roadmap estimates Optimistic 12–18 months'), html.match(/<p class="pace"[^]*?<\/p>/)?.[0]);
    assert.ok(html.includes('<a href="#" class="page-link" data-page="overview" id="overview-link">'));
    assert.ok(html.includes('<tspan x="10" y="37">1 of 2 done</tspan>'), 'the stage box counts its done topics');
  });

  it('says the map could not be read when the layout is missing, and still shows the rest', () => {
    const { roadmap, state } = dashModel();
    const html = renderDashboard({ roadmap, state, now: NOW }, ASSETS);
    assert.ok(html.includes('id="map-missing"'));
    assert.ok(!html.includes('class="map"'));
    assert.ok(html.includes('<div class="big" id="overall">1/3 (33%)</div>'));
  });

  it('draws every real topic as an SVG node with data-topic', () => {
    const { compiled } = compiledReal();
    assert.ok(compiled);
    const ids = compiled.roadmap.stages.flatMap((s) => s.sections.flatMap((sec) => sec.topics.map((t) => t.id)));
    let state: ProgressState = EMPTY_PROGRESS;
    state = setStatus(state, ids[0], 'done', 'manual', new Date('2026-02-20T10:00:00Z'));
    state = setStatus(state, ids[1], 'in-progress', 'manual', new Date('2026-02-21T10:00:00Z'));
    const html = renderDashboard({ roadmap: compiled.roadmap, state, now: NOW, map: gridLayout(compiled.roadmap) }, ASSETS);
    const tags = assertSafe(html, 'real dashboard', { kind: 'dashboard' });
    assert.deepEqual(mapNodes(tags), ids);
    const classes = tags.filter((t) => !t.closing && t.name === 'g' && /^node /.test(attr(t, 'class') ?? '')).map((t) => attr(t, 'class'));
    // The next-up topic: the first not done or skipped whose prerequisites are done (progressStats.nextUp).
    const next = nextUp(state, compiled.roadmap.stages.flatMap((s) => s.sections.flatMap((sec) => sec.topics)));
    assert.deepEqual(classes.slice(0, 2), ['node done', `node in-progress${next === ids[1] ? ' next' : ''}`]);
    assert.equal(classes.filter((c) => c?.startsWith('node open')).length, ids.length - 2);
    assert.equal(classes.filter((c) => c?.endsWith(' next')).length, 1);
    assert.equal(attr(tags.find((t) => t.name === 'g' && attr(t, 'data-topic') === next)!, 'class')?.endsWith(' next'), true);
    assert.ok(html.includes(`<div class="big" id="overall">1/${ids.length} (1%)</div>`), 'one topic done never shows 0%');
    assert.equal(tags.filter((t) => !t.closing && t.name === 'g' && attr(t, 'class') === 'stage').length, 7);
  });
});
