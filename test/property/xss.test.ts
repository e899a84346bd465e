// The XSS corpus through every text field of a topic page and of the dashboard (slow: thousands
// of pages). Moved whole from test/unit/page.test.ts.
import * as assert from 'node:assert/strict';
import { renderDashboard } from '../../src/core/pages/dashboard';
import { renderTopicPage, type TopicLink } from '../../src/core/pages/topicPage';
import { compiledReal } from '../unit/fixtures';
import { XSS_PAYLOADS } from '../unit/xss-corpus';
import { ASSETS, DASH_FIELDS, DashField, type Tag, MARKDOWN_FIELDS, MATH_FIELDS, NOW, TOPIC_FIELDS, TopicField, assertSafe, attr, dashModel, escaped, mapNodes, shape, topicModel } from '../unit/pageFixtures';

describe('page: topic page and dashboard rendering (XSS corpus)', () => {
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
          // The map shows a section's title with its white space collapsed (it wraps on spaces).
          assert.ok(html.includes(escaped(p)) || html.includes(escaped(p.trim().split(/\s+/).join(' '))), `${ctx}: payload not shown as text`);
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

  // A longer title wraps onto more lines of the map (one <tspan> each): the rest keeps its shape.
  const withoutLines = (tags: readonly Tag[]) => tags.filter((t) => t.name !== 'tspan');

  it('keeps every XSS payload inert in every text field of the dashboard', () => {
    const baselines = new Map<DashField, string[]>();
    for (const f of DASH_FIELDS) {
      const { roadmap, state, map } = dashModel({ [f]: 'SAFE' });
      baselines.set(f, shape(withoutLines(assertSafe(renderDashboard({ roadmap, state, now: NOW, map }, ASSETS), `${f}=SAFE`, { kind: 'dashboard' }))));
    }
    let pages = 0;
    for (const p of XSS_PAYLOADS) {
      for (const f of [...DASH_FIELDS, 'all' as const]) {
        const v = f === 'all' ? Object.fromEntries(DASH_FIELDS.map((k) => [k, p])) : { [f]: p };
        const { roadmap, state, ids, map } = dashModel(v);
        const ctx = `dashboard ${f}=${JSON.stringify(p)}`;
        const html = renderDashboard({ roadmap, state, now: NOW, map }, ASSETS);
        const tags = assertSafe(html, ctx, { kind: 'dashboard' });
        pages++;
        assert.deepEqual(mapNodes(tags), ids, ctx);
        if (f !== 'all') {
          assert.deepEqual(shape(withoutLines(tags)), baselines.get(f), `${ctx}: structure changed`);
          // The map shows a section's title with its white space collapsed (it wraps on spaces).
          assert.ok(html.includes(escaped(p)) || html.includes(escaped(p.trim().split(/\s+/).join(' '))), `${ctx}: payload not shown as text`);
        }
      }
    }
    console.log(`      dashboards checked: ${pages}`);
    assert.equal(pages, XSS_PAYLOADS.length * (DASH_FIELDS.length + 1));
  });
});

// Moved whole from the unit layer (test/unit/page.test.ts): it compiles and renders all 137 topics.
describe('page: every real topic page', () => {
  it('renders every real topic page safely', () => {
    const { compiled } = compiledReal();
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

});
