import * as assert from 'node:assert/strict';
import { layoutMap } from '../../src/build/mapLayout';
import { renderMap } from '../../src/core/pages/roadmapMap';
import { EMPTY_PROGRESS, setStatus } from '../../src/core/progress/progressState';
import { attr, dashModel, escaped, tokenize } from './pageFixtures';

describe('dashboard map: drawing the shipped layout', () => {
  it('escapes every title and label (a topic titled <script> stays text)', async function () {
    this.timeout(60_000);
    const evil = '<script>alert(1)</script> & "quotes" \'single\' <img src=x onerror=alert(2)>';
    const { roadmap, state } = dashModel({ topicTitle: evil, sectionTitle: evil, stageTitle: evil });
    const layout = await layoutMap(roadmap);
    const svg = renderMap({ layout, state, nextUp: 'beta' });
    assert.ok(!/<script|<img/i.test(svg), 'no markup from a title');
    const tags = tokenize(svg);
    assert.deepEqual([...new Set(tags.map((t) => t.name))].sort(), ['circle', 'defs', 'div', 'g', 'marker', 'path', 'rect', 'svg', 'text', 'title', 'tspan']);
    const labels = tags.filter((t) => t.name === 'g' && /^node /.test(attr(t, 'class') ?? '')).map((t) => attr(t, 'aria-label'));
    assert.deepEqual(labels, [`${evil} — done`, `${evil} — not started, next up`, `${evil} — not started`]);
    assert.ok(svg.includes(`<title>${escaped(evil)} — done</title>`));
    for (const t of tags) for (const [name] of t.attrs) assert.ok(!/^on/i.test(name), `no ${name} attribute`);
  });

  it('marks each status with a class, a mark and a label; counts each stage', () => {
    const { roadmap, map } = dashModel();
    let state = setStatus(EMPTY_PROGRESS, 'alpha', 'in-progress', 'manual', new Date('2026-02-01T00:00:00Z'));
    state = setStatus(state, 'beta', 'skipped', 'manual', new Date('2026-02-01T00:00:00Z'));
    state = setStatus(state, 'gamma', 'done', 'manual', new Date('2026-02-01T00:00:00Z'));
    const svg = renderMap({ layout: map, state, nextUp: undefined });
    assert.ok(svg.includes('<g class="node in-progress" data-topic="alpha" tabindex="0" role="link" aria-label="Alpha — in progress">'));
    assert.ok(svg.includes('aria-label="Beta — skipped"'));
    assert.ok(svg.includes('aria-label="Gamma — done"'));
    assert.ok(!svg.includes(' next"'), 'nothing is next up');
    assert.ok(svg.includes('0 of 2 done') && svg.includes('1 of 1 done'));
    // The SVG keeps its natural size in units of the page's text size: never scaled to the container.
    assert.match(svg, new RegExp(`style="width:calc\\(var\\(--ds-font-size, 14px\\) \\* ${(map.width / 14).toFixed(4)}\\);height:calc`));
    assert.ok(svg.includes(`viewBox="0 0 ${map.width} ${map.height}"`));
    assert.equal((svg.match(/marker-end="url\(#map-arrow\)"/g) ?? []).length, map.edges.length);
    assert.ok(roadmap.stages.length === 2);
  });
});
