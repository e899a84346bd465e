import * as assert from 'node:assert/strict';
import { loadRoadmap, type SourceFile } from '../../src/build/roadmapLoader';
import { formatIssue } from '../../src/core/roadmap/model';
import { files, INDEX, STAGE_A, STAGE_B } from './fixtures';

describe('loader', () => {
  it('loads a valid roadmap with no issues, in stage order, frozen', () => {
    const { roadmap, issues } = loadRoadmap(files());
    assert.deepEqual(issues, []);
    assert.ok(roadmap);
    assert.deepEqual(roadmap.stages.map((s) => s.id), ['stage-a', 'stage-b']);
    const alpha = roadmap.stages[0].sections[0].topics[0];
    assert.equal(alpha.title, 'Alpha');
    assert.equal(alpha.formulas[0].symbols[0].meaning, 'input');
    assert.equal(alpha.stageId, 'stage-a');
    assert.ok(Object.isFrozen(alpha));
    assert.ok(Object.isFrozen(roadmap.stages));
    assert.equal(roadmap.meta.weeklyHours.min, 20);
    assert.equal(roadmap.faq.length, 1);
  });

  it('reports duplicate topic ids with both positions', () => {
    const dup = STAGE_B.replace('id: gamma', 'id: alpha');
    const { issues } = loadRoadmap(files({ 'stages/01-b.yaml': dup }));
    const msg = issues.map(formatIssue).find((m) => m.includes('duplicate topic id'));
    assert.ok(msg, JSON.stringify(issues));
    assert.match(msg, /^stages\/01-b\.yaml:9:\d+ duplicate topic id 'alpha' \(first defined at stages\/00-a\.yaml:9:\d+\)$/);
  });

  it('warns about unknown fields and dangling references, and drops the references', () => {
    const text = STAGE_B.replace('related: [alpha]', 'related: [alpha, nowhere]\n        colour: blue');
    const { roadmap, issues } = loadRoadmap(files({ 'stages/01-b.yaml': text }));
    assert.ok(issues.some((i) => i.severity === 'warning' && i.message.includes("unknown field 'colour'")));
    assert.ok(issues.some((i) => i.severity === 'warning' && i.message.includes("related topic 'nowhere' does not exist")));
    const gamma = roadmap!.stages[1].sections[0].topics[0];
    assert.deepEqual(gamma.related, ['alpha']);
  });

  it('breaks prerequisite cycles with a warning', () => {
    const text = STAGE_A.replace('        title: Alpha\n', '        title: Alpha\n        prerequisites: [gamma]\n');
    const { roadmap, issues } = loadRoadmap(files({ 'stages/00-a.yaml': text }));
    const cycle = issues.find((i) => i.message.includes('prerequisite cycle'));
    assert.ok(cycle, JSON.stringify(issues));
    assert.equal(cycle.severity, 'warning');
    const all = roadmap!.stages.flatMap((s) => s.sections.flatMap((x) => x.topics));
    const edges = new Map(all.map((t) => [t.id, t.prerequisites]));
    // No cycle survives: a DFS from every node terminates without revisiting the path.
    const visit = (id: string, path: Set<string>): void => {
      assert.ok(!path.has(id), `cycle through ${id}`);
      for (const n of edges.get(id) ?? []) visit(n, new Set([...path, id]));
    };
    for (const t of all) visit(t.id, new Set());
  });

  it('maps an alias to its topic and keeps references through it', () => {
    const text = STAGE_A.replace('      - id: alpha\n', '      - id: alpha\n        aliases: [old-alpha]\n');
    const b = STAGE_B.replace('related: [alpha]', 'related: [old-alpha]');
    const { roadmap, issues } = loadRoadmap(files({ 'stages/00-a.yaml': text, 'stages/01-b.yaml': b }));
    assert.deepEqual(issues, []);
    assert.deepEqual(roadmap!.stages[1].sections[0].topics[0].related, ['alpha']);
  });

  it('gives line and column for type errors', () => {
    const text = STAGE_A.replace('number: 0', 'number: zero');
    const { issues } = loadRoadmap(files({ 'stages/00-a.yaml': text }));
    const e = issues.find((i) => i.message.includes("'number' must be a number"));
    assert.ok(e);
    assert.equal(e.line, 2);
    assert.equal(e.column, 9);
  });

  it('rejects a malformed YAML file with a positioned error but keeps the other stages', () => {
    const { roadmap, issues } = loadRoadmap(files({ 'stages/01-b.yaml': 'id: [unclosed\n  title: x' }));
    assert.ok(issues.some((i) => i.file === 'stages/01-b.yaml' && i.severity === 'error' && i.line >= 1));
    assert.deepEqual(roadmap!.stages.map((s) => s.id), ['stage-a']);
  });

  it('reports duplicate keys', () => {
    const { issues } = loadRoadmap(files({ 'stages/01-b.yaml': STAGE_B.replace('title: Stage B', 'title: Stage B\ntitle: Again') }));
    assert.ok(issues.some((i) => /duplicate key/i.test(i.message)), JSON.stringify(issues));
  });

  it('refuses aliases (billion laughs) quickly', () => {
    const bomb = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
    for (let i = 0; i < 9; i++) bomb.push(`${String.fromCharCode(98 + i)}: &${String.fromCharCode(98 + i)} [${Array(9).fill(`*${String.fromCharCode(97 + i)}`).join(',')}]`);
    const text = `${STAGE_B}\n${bomb.join('\n')}\n`.replace('resources: []', 'resources: *j');
    const t0 = Date.now();
    const { issues } = loadRoadmap(files({ 'stages/01-b.yaml': text }));
    assert.ok(Date.now() - t0 < 2000);
    assert.ok(issues.some((i) => i.message.includes('aliases are not supported') || i.severity === 'error'));
  });

  it('reports a missing index and a missing stage file', () => {
    assert.equal(loadRoadmap([]).roadmap, undefined);
    assert.match(loadRoadmap([]).issues[0].message, /index file is missing/);
    const r = loadRoadmap(files().filter((f: SourceFile) => f.name !== 'stages/01-b.yaml'));
    assert.ok(r.issues.some((i) => i.file === 'roadmap.yaml' && i.message.includes("stage file 'stages/01-b.yaml' not found") && i.line === 8));
  });

  it('rejects non-https resource links and bad ids', () => {
    const text = STAGE_A.replace("https://example.org/book", 'javascript:alert(1)').replace('id: beta', 'id: Beta_Two');
    const { roadmap, issues } = loadRoadmap(files({ 'stages/00-a.yaml': text }));
    assert.ok(issues.some((i) => i.message.includes('must be a well-formed https link')));
    assert.ok(issues.some((i) => i.message.includes("id 'Beta_Two' must be kebab-case")));
    assert.equal(roadmap!.stages[0].resources[0].url, undefined);
    assert.equal(INDEX.length > 0, true);
  });
});
