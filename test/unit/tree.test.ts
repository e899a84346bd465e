import * as assert from 'node:assert/strict';
import { loadRoadmap } from '../../src/build/roadmapLoader';
import { formatIssue, type LoadIssue, type Roadmap } from '../../src/core/roadmap/model';
import { RoadmapIndex } from '../../src/core/roadmap/roadmapIndex';
import { stageLabel } from '../../src/core/ids';
import { TREE_FILTERS, TreeModel, type TreeFilter, type TreeNode } from '../../src/core/roadmap/treeModel';
import { files, realRoadmap, STAGE_A, STAGE_B } from './fixtures';

/** Stage A with an alias on alpha and a second section, so sections can be hidden inside a visible stage. */
const STAGE_A2 = STAGE_A
  .replace('      - id: alpha\n', '      - id: alpha\n        aliases: [old-alpha]\n')
  .replace('\nresources:', `
  - id: sec-a2
    title: Section A2
    topics:
      - id: delta
        title: Delta
        summary: The fourth topic.
resources:`);

function load(overrides: Record<string, string> = {}): { roadmap: Roadmap; issues: readonly LoadIssue[] } {
  const { roadmap, issues } = loadRoadmap(files(overrides));
  assert.ok(roadmap, JSON.stringify(issues));
  return { roadmap, issues };
}

function model(roadmap: Roadmap, done: Iterable<string> = [], filter: TreeFilter = 'all', issues: readonly LoadIssue[] = []): TreeModel {
  const set = new Set(done);
  return new TreeModel(new RoadmapIndex(roadmap), issues, { isDone: (id) => set.has(id), filter });
}

const ids = (nodes: readonly TreeNode[]): string[] => nodes.map((n) => n.id);
const kinds = (nodes: readonly TreeNode[]): string[] => nodes.map((n) => n.kind);

/** Every node reachable from the root, depth first. */
function walk(m: TreeModel): TreeNode[] {
  const out: TreeNode[] = [];
  const visit = (n?: TreeNode): void => {
    for (const c of m.children(n)) {
      out.push(c);
      visit(c);
    }
  };
  visit();
  return out;
}

describe('tree (fixture roadmap)', () => {
  const { roadmap, issues } = load({ 'stages/00-a.yaml': STAGE_A2 });

  it('loads the fixture without issues', () => {
    assert.deepEqual(issues, []);
  });

  it('lists children per level: stages, sections, topics, then nothing', () => {
    const m = model(roadmap);
    const root = m.children();
    assert.deepEqual(ids(root), ['stage-a', 'stage-b']);
    assert.deepEqual(kinds(root), ['stage', 'stage']);
    const secs = m.children(root[0]);
    assert.deepEqual(ids(secs), ['sec-a', 'sec-a2']);
    assert.deepEqual(kinds(secs), ['section', 'section']);
    assert.deepEqual(secs.map((s) => s.kind === 'section' && s.stageId), ['stage-a', 'stage-a']);
    assert.deepEqual(ids(m.children(secs[0])), ['alpha', 'beta']);
    assert.deepEqual(ids(m.children(secs[1])), ['delta']);
    assert.deepEqual(ids(m.children(m.children(root[1])[0])), ['gamma']);
    const alpha = m.children(secs[0])[0];
    assert.equal(alpha.kind, 'topic');
    assert.equal(alpha.kind === 'topic' && alpha.topic.title, 'Alpha');
    assert.deepEqual(m.children(alpha), []);
    assert.deepEqual(ids(walk(m)), ['stage-a', 'sec-a', 'alpha', 'beta', 'sec-a2', 'delta', 'stage-b', 'sec-b', 'gamma']);
  });

  it('counts done/total per stage, section and topic, ignoring the filter', () => {
    for (const filter of TREE_FILTERS) {
      const m = model(roadmap, ['alpha', 'gamma', 'not-a-topic'], filter);
      const all = model(roadmap);
      const [stageA, stageB] = all.children();
      const [secA, secA2] = all.children(stageA);
      assert.deepEqual(m.counts(stageA), { done: 1, total: 3 }, filter);
      assert.deepEqual(m.counts(secA), { done: 1, total: 2 });
      assert.deepEqual(m.counts(secA2), { done: 0, total: 1 });
      assert.deepEqual(m.counts(stageB), { done: 1, total: 1 });
      assert.deepEqual(m.counts(m.topicNode('alpha')!), { done: 1, total: 1 });
      assert.deepEqual(m.counts(m.topicNode('beta')!), { done: 0, total: 1 });
    }
  });

  it('filter "remaining" hides done topics and the sections and stages left empty', () => {
    const m = model(roadmap, ['alpha', 'beta', 'gamma'], 'remaining');
    assert.equal(m.filter, 'remaining');
    assert.deepEqual(ids(walk(m)), ['stage-a', 'sec-a2', 'delta']);
  });

  it('filter "done" shows only done topics and their sections and stages', () => {
    const m = model(roadmap, ['beta'], 'done');
    assert.deepEqual(ids(walk(m)), ['stage-a', 'sec-a', 'beta']);
    assert.deepEqual(model(roadmap, [], 'done').children(), []);
  });

  it('filter "all" shows everything whatever is done', () => {
    assert.equal(walk(model(roadmap, ['alpha', 'beta', 'gamma', 'delta'], 'all')).length, 9);
  });

  it('setOptions changes the filter and what is done', () => {
    const done = new Set<string>();
    const m = new TreeModel(new RoadmapIndex(roadmap), [], { isDone: (id) => done.has(id), filter: 'all' });
    m.setOptions({ isDone: (id) => id === 'gamma', filter: 'done' });
    assert.equal(m.filter, 'done');
    assert.deepEqual(ids(walk(m)), ['stage-b', 'sec-b', 'gamma']);
    m.setOptions({ isDone: (id) => id === 'gamma', filter: 'remaining' });
    assert.deepEqual(ids(walk(m)), ['stage-a', 'sec-a', 'alpha', 'beta', 'sec-a2', 'delta']);
  });

  it('walks parents topic -> section -> stage -> undefined', () => {
    const m = model(roadmap);
    const gamma = m.topicNode('gamma')!;
    const sec = m.parent(gamma)!;
    assert.equal(sec.kind, 'section');
    assert.equal(sec.id, 'sec-b');
    const stage = m.parent(sec)!;
    assert.equal(stage.kind, 'stage');
    assert.equal(stage.id, 'stage-b');
    assert.equal(m.parent(stage), undefined);
    assert.equal(m.parent(m.topicNode('delta')!)!.id, 'sec-a2');
    assert.equal(m.parent(m.parent(m.topicNode('delta')!)!)!.id, 'stage-a');
  });

  it('returns the same node objects across calls, filters and lookups', () => {
    const m = model(roadmap);
    const first = walk(m);
    const second = walk(m);
    assert.equal(first.length, second.length);
    first.forEach((n, i) => assert.equal(n, second[i], n.id));
    const [stageA] = m.children();
    const secA = m.children(stageA)[0];
    const alpha = m.children(secA)[0];
    assert.equal(m.topicNode('alpha'), alpha);
    assert.equal(m.parent(alpha), secA);
    assert.equal(m.parent(secA), stageA);
    m.setOptions({ isDone: () => true, filter: 'done' });
    assert.equal(m.children()[0], stageA);
    assert.equal(m.children(stageA)[0], secA);
    assert.equal(m.children(secA)[0], alpha);
  });

  it('finds topic nodes by id or alias, and nothing for unknown ids', () => {
    const m = model(roadmap);
    const byAlias = m.topicNode('old-alpha');
    assert.ok(byAlias);
    assert.equal(byAlias.id, 'alpha');
    assert.equal(byAlias, m.topicNode('alpha'));
    assert.equal(m.topicNode('nowhere'), undefined);
    assert.equal(m.topicNode('sec-a'), undefined, 'a section id is not a topic');
    assert.equal(m.topicNode('stage-a'), undefined);
  });

  it('labels stages with a two-digit number', () => {
    assert.deepEqual(roadmap.stages.map((s) => stageLabel(s)), ['00 · Stage A', '01 · Stage B']);
  });
});

describe('tree problems', () => {
  it('shows error issues first, as problem nodes, and leaves warnings out', () => {
    const a = STAGE_A.replace('        title: Beta\n', '        title: Beta\n        colour: blue\n');
    const { roadmap, issues } = load({ 'stages/00-a.yaml': a, 'stages/01-b.yaml': 'id: [unclosed\n  title: x' });
    const errors = issues.filter((i) => i.severity === 'error');
    assert.ok(errors.length >= 1);
    assert.ok(issues.some((i) => i.severity === 'warning' && i.message.includes("unknown field 'colour'")));
    const m = model(roadmap, [], 'all', issues);
    const root = m.children();
    assert.deepEqual(kinds(root), [...errors.map(() => 'problem'), 'stage']);
    assert.deepEqual(root.slice(0, errors.length), errors.map((e, n) => ({ kind: 'problem', id: `problem-${n}`, message: formatIssue(e), severity: 'error' })));
    assert.equal(root[errors.length].id, 'stage-a');
    assert.match((root[0] as { message: string }).message, /^stages\/01-b\.yaml:\d+:\d+ /);
    assert.deepEqual(m.children(root[0]), []);
    assert.equal(m.parent(root[0]), undefined);
    assert.deepEqual(m.counts(root[0]), { done: 0, total: 0 });
    assert.equal(m.children()[0], root[0], 'problem nodes keep their identity');
  });

  it('problems stay first under every filter, even when no stage is visible', () => {
    const issue: LoadIssue = { file: 'stages/01-b.yaml', line: 3, column: 5, severity: 'error', message: 'boom' };
    const warn: LoadIssue = { file: 'roadmap.yaml', line: 1, column: 1, severity: 'warning', message: 'meh' };
    const { roadmap } = load();
    const m = model(roadmap, [], 'done', [warn, issue]);
    assert.deepEqual(m.children(), [{ kind: 'problem', id: 'problem-0', message: 'stages/01-b.yaml:3:5 boom', severity: 'error' }]);
  });

  it('with no roadmap at all, shows only the problems', () => {
    const { roadmap, issues } = loadRoadmap([]);
    assert.equal(roadmap, undefined);
    const m = new TreeModel(undefined, issues, { isDone: () => false, filter: 'all' });
    assert.deepEqual(m.children(), [{ kind: 'problem', id: 'problem-0', message: 'roadmap.yaml:1:1 roadmap index file is missing', severity: 'error' }]);
    assert.equal(m.topicNode('alpha'), undefined);
  });

  it('a second stage file that is broken keeps only the good stage', () => {
    const { roadmap } = load({ 'stages/01-b.yaml': STAGE_B.replace('number: 1', 'number: [') });
    assert.deepEqual(ids(model(roadmap).children().filter((n) => n.kind === 'stage')), ['stage-a']);
  });
});

describe('tree (real roadmap)', () => {
  const { roadmap, issues } = realRoadmap();
  const STAGES: [string, number, number[]][] = [
    ['math-statistics', 0, [3, 7, 6, 5, 5]],
    ['python-data-science', 1, [6, 7, 5, 3, 6, 5]],
    ['machine-learning', 2, [4, 4, 6, 2]],
    ['deep-learning-nlp', 3, [9, 5]],
    ['feature-engineering-experiments', 4, [5, 4]],
    ['mlops-production', 5, [3, 4, 3, 3, 5, 2]],
    ['cloud-big-data', 6, [3, 6, 9, 2]],
  ];

  it('loads without issues', () => {
    assert.deepEqual(issues, []);
    assert.ok(roadmap);
  });

  it('has the seven stages with their sections and topic counts', () => {
    const m = model(roadmap!);
    const root = m.children();
    assert.deepEqual(ids(root), STAGES.map(([id]) => id));
    for (const [n, [, , sections]] of STAGES.entries()) {
      const secs = m.children(root[n]);
      assert.deepEqual(secs.map((s) => m.children(s).length), sections, root[n].id);
      assert.deepEqual(m.counts(root[n]), { done: 0, total: sections.reduce((a, b) => a + b, 0) });
      for (const s of secs) assert.deepEqual(m.counts(s), { done: 0, total: m.children(s).length });
    }
    assert.equal(walk(m).filter((n) => n.kind === 'topic').length, 137);
    assert.equal(stageLabel(roadmap!.stages[0]), '00 · Mathematics and Statistics Foundations');
  });

  it('every topic node walks up to its own section and stage', () => {
    const index = new RoadmapIndex(roadmap!);
    const m = model(roadmap!);
    for (const t of index.topics) {
      const node = m.topicNode(t.id)!;
      assert.equal(node.id, t.id);
      const sec = m.parent(node)!;
      assert.equal(sec.id, t.sectionId);
      const stage = m.parent(sec)!;
      assert.equal(stage.id, t.stageId);
      assert.equal(m.parent(stage), undefined);
      assert.ok(m.children(sec).includes(node));
      assert.ok(m.children(stage).includes(sec));
    }
  });

  it('counts and filters follow what is done', () => {
    const done = ['gradient-descent', 'derivatives', 'pytorch'];
    const m = model(roadmap!, done, 'done');
    assert.deepEqual(ids(walk(m)), ['math-statistics', 'calculus', 'derivatives', 'gradient-descent', 'deep-learning-nlp', 'deep-learning-foundations', 'pytorch']);
    const [math, dl] = m.children();
    assert.deepEqual(m.counts(math), { done: 2, total: 26 });
    assert.deepEqual(m.counts(m.parent(m.topicNode('gradient-descent')!)!), { done: 2, total: 6 });
    assert.deepEqual(m.counts(dl), { done: 1, total: 14 });

    const fe = roadmap!.stages.find((s) => s.id === 'feature-engineering-experiments')!;
    const feDone = fe.sections.flatMap((s) => s.topics.map((t) => t.id));
    const rem = model(roadmap!, feDone, 'remaining');
    assert.deepEqual(ids(rem.children()), STAGES.map(([id]) => id).filter((id) => id !== 'feature-engineering-experiments'));
    assert.equal(walk(rem).filter((n) => n.kind === 'topic').length, 137 - 9);
  });
});
