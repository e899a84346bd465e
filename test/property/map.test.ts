// The real map's layout, checked box by box and edge by edge (moved whole from the unit layer,
// test/unit/map.test.ts: ELK lays out 137 topics in about two seconds).
import * as assert from 'node:assert/strict';
import { layoutMap, textWidth, wrapLabel } from '../../src/build/mapLayout';
import { isMapLayout, type MapBox, type MapLayout } from '../../src/core/pages/mapModel';
import type { Roadmap, Topic } from '../../src/core/roadmap/model';
import { compiledReal } from '../unit/fixtures';

const overlap = (a: MapBox, b: MapBox) => a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
const inside = (a: MapBox, b: MapBox) => a.x >= b.x && a.y >= b.y && a.x + a.width <= b.x + b.width && a.y + a.height <= b.y + b.height;
const onBorder = ([x, y]: readonly [number, number], b: MapBox) => x >= b.x - 1 && x <= b.x + b.width + 1 && y >= b.y - 1 && y <= b.y + b.height + 1
  && (Math.abs(x - b.x) <= 1 || Math.abs(x - b.x - b.width) <= 1 || Math.abs(y - b.y) <= 1 || Math.abs(y - b.y - b.height) <= 1);

/** The box a label's lines take at the layout's text size, estimated the way the build estimates them. */
function labelBox(m: MapLayout, b: MapBox, x: number, y: number): MapBox {
  return { ...b, x, y, width: Math.max(...b.lines.map((l) => textWidth(l, m.fontSize))), height: b.lines.length * m.lineHeight };
}

describe('dashboard map: the build-time layout (ELK)', () => {
  let roadmap: Roadmap;
  let topics: Topic[];
  let m: MapLayout;

  before(async function () {
    this.timeout(120_000);
    roadmap = compiledReal().compiled!.roadmap;
    topics = roadmap.stages.flatMap((s) => s.sections.flatMap((sec) => sec.topics));
    m = await layoutMap(roadmap);
  });

  it('lays out every one of the 137 topics once, in its own section and stage', () => {
    assert.equal(topics.length, 137);
    assert.ok(isMapLayout(JSON.parse(JSON.stringify(m))));
    assert.deepEqual(m.nodes.map((n) => n.id).sort(), topics.map((t) => t.id).sort());
    for (const t of topics) {
      const n = m.nodes.find((x) => x.id === t.id)!;
      assert.equal(n.title, t.title);
      assert.equal(n.sectionId, t.sectionId);
      assert.equal(n.stageId, t.stageId);
    }
    assert.deepEqual(m.sections.map((s) => s.id).sort(), roadmap.stages.flatMap((s) => s.sections.map((sec) => sec.id)).sort());
    assert.deepEqual(m.stages.map((s) => s.id), roadmap.stages.map((s) => s.id));
  });

  it('overlaps no two nodes, sections or stages, and keeps the stages in order from the top', () => {
    for (const list of [m.nodes, m.sections, m.stages] as readonly (readonly MapBox[])[]) {
      for (let i = 0; i < list.length; i++) for (let j = i + 1; j < list.length; j++) assert.ok(!overlap(list[i], list[j]), `${list[i].id} overlaps ${list[j].id}`);
    }
    for (let i = 1; i < m.stages.length; i++) assert.ok(m.stages[i].y >= m.stages[i - 1].y + m.stages[i - 1].height, `${m.stages[i].id} starts below ${m.stages[i - 1].id}`);
    for (const b of [...m.nodes, ...m.sections, ...m.stages]) assert.ok(b.x >= 0 && b.y >= 0 && b.x + b.width <= m.width && b.y + b.height <= m.height, `${b.id} is inside the map`);
  });

  it('puts every node inside its section box, below the title, and every section inside its stage box', () => {
    for (const n of m.nodes) {
      const sec = m.sections.find((s) => s.id === n.sectionId)!;
      assert.ok(inside(n, sec), `${n.id} is inside ${sec.id}`);
      const title = labelBox(m, sec, sec.tx, sec.ty);
      assert.ok(!overlap(title, n), `${sec.id}'s title is clear of ${n.id}`);
    }
    for (const stage of roadmap.stages) {
      const box = m.stages.find((s) => s.id === stage.id)!;
      for (const sec of stage.sections) assert.ok(inside(m.sections.find((s) => s.id === sec.id)!, box), `${sec.id} is inside ${stage.id}`);
      const title = labelBox(m, box, box.tx, box.ty);
      assert.ok(inside(title, box), `${stage.id}'s title is inside its box`);
      for (const sec of m.sections) assert.ok(!overlap(title, sec), `${stage.id}'s title is clear of ${sec.id}`);
    }
  });

  it('fits every label inside its node (estimated at the layout text size), clear of the status mark', () => {
    for (const n of m.nodes) {
      const label = labelBox(m, n, n.x + m.padLeft, n.y + m.padTop);
      assert.ok(inside(label, n), `${n.id}: ${JSON.stringify(n.lines)} (${label.width} px) fits ${n.width} px`);
      assert.equal(n.lines.join(' '), n.title.split(/\s+/).join(' '));
    }
    for (const s of m.sections) assert.ok(inside(labelBox(m, s, s.tx, s.ty), s), `${s.id}'s title fits its box`);
  });

  it('draws every prerequisite as an edge from the prerequisite to the topic, ending on both boxes', () => {
    const want = topics.flatMap((t) => t.prerequisites.map((p) => `${p}>${t.id}`)).sort();
    assert.equal(want.length, 285);
    assert.deepEqual(m.edges.map((e) => `${e.from}>${e.to}`).sort(), want);
    const at = new Map(m.nodes.map((n) => [n.id, n]));
    for (const e of m.edges) {
      assert.ok(e.points.length >= 2, `${e.from}>${e.to} has a route`);
      assert.ok(onBorder(e.points[0], at.get(e.from)!), `${e.from}>${e.to} starts on ${e.from}: ${JSON.stringify(e.points[0])}`);
      assert.ok(onBorder(e.points[e.points.length - 1], at.get(e.to)!), `${e.from}>${e.to} ends on ${e.to}: ${JSON.stringify(e.points.at(-1))}`);
    }
  });

  it('estimates label widths generously and wraps long titles into lines', () => {
    assert.ok(textWidth('WWWW') > textWidth('iiii') * 2);
    assert.ok(textWidth('Linear regression') >= 'Linear regression'.length * 14 * 0.5);
    const lines = wrapLabel('Data warehouse SQL (Snowflake, BigQuery, Redshift)');
    assert.ok(lines.length >= 2);
    assert.equal(lines.join(' '), 'Data warehouse SQL (Snowflake, BigQuery, Redshift)');
    for (const l of lines) assert.ok(textWidth(l) <= 190 || !l.includes(' '), l);
  });
});
