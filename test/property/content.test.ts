// The real roadmap's every page, rendered: each formula typeset by KaTeX, no stray $ left, and the
// whole compile (moved whole from the unit layer, test/unit/content.test.ts: they render all 137
// topics and take seconds).
import * as assert from 'node:assert/strict';
import { compileRoadmap, renderTopicHtml } from '../../src/build/compile';
import { renderInline, renderMarkdown } from '../../src/build/markdown';
import type { Roadmap } from '../../src/core/roadmap/model';
import { realFiles, realRoadmap } from '../unit/fixtures';
import { allTopics, katexError, mathIn, visibleText, type MathItem } from '../unit/mathScan';

describe('content: the real roadmap, every page rendered', () => {
  const { roadmap: loaded } = realRoadmap();
  const roadmap = loaded as Roadmap;
  const topics = loaded ? allTopics(loaded) : [];

  it('renders every formula, symbol and $...$ / $$...$$ of details and key points with KaTeX', () => {
    const items: MathItem[] = [];
    for (const t of topics) {
      const typeset = renderTopicHtml(t).formulas ?? [];
      assert.equal(typeset.length, t.formulas.length, t.id);
      t.formulas.forEach((f, i) => {
        items.push({ where: `${t.id} formula ${i}`, tex: f.latex, display: true });
        for (const s of f.symbols) items.push({ where: `${t.id} formula ${i} symbol`, tex: s.symbol, display: false });
        // What the page shows: typeset by the build, labelled with exactly this source.
        assert.deepEqual(mathIn(typeset[i].latex, 'x').map((m) => [m.tex, m.display, m.failed]), [[f.latex, true, undefined]], `${t.id} formula ${i}`);
        typeset[i].symbols.forEach((h, j) => assert.deepEqual(mathIn(h, 'x').map((m) => [m.tex, m.failed]), [[f.symbols[j].symbol, undefined]], `${t.id} formula ${i} symbol ${j}`));
      });
      items.push(...mathIn(renderMarkdown(t.details), `${t.id} details`));
      t.keyPoints.forEach((k, i) => items.push(...mathIn(renderInline(k), `${t.id} keyPoint ${i}`)));
    }
    for (const s of roadmap.stages) {
      items.push(...mathIn(renderMarkdown(s.intro), `${s.id} intro`));
      for (const sec of s.sections) if (sec.intro) items.push(...mathIn(renderMarkdown(sec.intro), `${sec.id} intro`));
    }
    roadmap.faq.forEach((f, i) => items.push(...mathIn(renderMarkdown(f.answer), `faq ${i}`)));
    const errors = items.map(katexError).filter((e): e is string => e !== undefined);
    const fromMarkdown = items.filter((i) => / (details|keyPoint \d+|intro)$/.test(i.where)).length;
    console.log(`      KaTeX: ${items.length} expressions rendered (${fromMarkdown} from markdown), ${errors.length} errors`);
    assert.deepEqual(errors, []);
    assert.ok(fromMarkdown > 0 && items.length > fromMarkdown);
  });

  it('leaves no unparsed $ math delimiter in rendered text (outside code)', () => {
    const leftovers: string[] = [];
    const check = (html: string, where: string) => {
      const m = /.{0,40}\$.{0,40}/.exec(visibleText(html));
      if (m) leftovers.push(`${where}: ${m[0]}`);
    };
    for (const t of topics) {
      check(renderMarkdown(t.details), `${t.id} details`);
      t.keyPoints.forEach((k, i) => check(renderInline(k), `${t.id} keyPoint ${i}`));
    }
    assert.deepEqual(leftovers, []);
  });

  it('compiles: html for every topic, stage, section intro and FAQ answer (timed)', () => {
    const t0 = process.hrtime.bigint();
    const { compiled, result } = compileRoadmap(realFiles());
    const ms = Number(process.hrtime.bigint() - t0) / 1e6;
    console.log(`      load + compile of the real roadmap: ${ms.toFixed(0)} ms`);
    assert.deepEqual(result.issues, []);
    assert.ok(compiled);
    const html = compiled.html;
    assert.equal(compiled.version, 2);
    const ids = allTopics(compiled.roadmap).map((t) => t.id);
    assert.deepEqual(Object.keys(compiled.html.topics).sort(), [...ids].sort());
    for (const t of allTopics(compiled.roadmap)) {
      const h = html.topics[t.id];
      assert.equal(h.details, renderMarkdown(t.details), t.id);
      assert.deepEqual(h.keyPoints, t.keyPoints.map(renderInline), t.id);
      assert.deepEqual(h, renderTopicHtml(t), t.id);
      assert.ok(h.details.trim().startsWith('<'), `${t.id} has rendered details`);
    }
    assert.deepEqual(Object.keys(compiled.html.stages), compiled.roadmap.stages.map((s) => s.id));
    const sectionsWithIntro = compiled.roadmap.stages.flatMap((s) => s.sections).filter((s) => s.intro).map((s) => s.id);
    assert.deepEqual(Object.keys(compiled.html.sections), sectionsWithIntro);
    assert.equal(compiled.html.faq.length, 4);
    // The compiled form is plain JSON and survives a round trip.
    assert.deepEqual(JSON.parse(JSON.stringify(compiled)), compiled);
    assert.ok(ms < 10_000, `compile took ${ms} ms`);
  });
});
