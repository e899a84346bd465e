import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { notebookToCheckScript, topicFromExerciseFile } from '../../src/core/exercises/checkScript';
import { buildNotebook } from '../../src/core/exercises/exerciseFiles';
import { defaultExercise, loadExercises } from '../../src/build/exerciseLoader';
import { realRoadmap, ROOT } from './fixtures';

function real() {
  const { roadmap } = realRoadmap();
  const topics = roadmap!.stages.flatMap((s) => s.sections.flatMap((sec) => sec.topics));
  const dir = path.join(ROOT, 'roadmap', 'exercises');
  const files = fs.readdirSync(dir).filter((n) => n.endsWith('.yaml')).sort().map((n) => ({ name: `exercises/${n}`, text: fs.readFileSync(path.join(dir, n), 'utf8') }));
  return { roadmap: roadmap!, topics, files };
}

const EX = (body: string) => [{ name: 'exercises/x.yaml', text: `stage: s\nexercises:\n${body}` }];
const TASK = `    tasks:
      - id: t
        title: T
        prompt: P
        starter: |
          def f():
              raise NotImplementedError
        solution: |
          def f():
              return 1
        hints: [a, b]
        check: |
          rc.equal("f()", f(), 1)
`;

describe('exercises as content', () => {
  it('gives every real topic an authored exercise, coded ones in every stage, with no issues', () => {
    const { roadmap, topics, files } = real();
    const { exercises, issues } = loadExercises(files, topics.map((t) => t.id));
    assert.deepEqual(issues.map((i) => `${i.file}:${i.line} ${i.message}`), []);
    assert.equal(exercises.size, topics.length);
    const coded = [...exercises.values()].filter((e) => e.kind === 'code');
    assert.ok(coded.length >= 60, `${coded.length} coded`);
    for (const stage of roadmap.stages) {
      const ids = new Set(stage.sections.flatMap((s) => s.topics.map((t) => t.id)));
      assert.ok(coded.some((e) => ids.has(e.topic)), `stage ${stage.id} has a coded exercise`);
    }
    for (const required of ['linear-regression', 'gradient-descent', 'pca', 'sklearn-pipelines', 'hypothesis-testing-advanced', 'causal-inference-in-practice',
      'categorical-features', 'data-drift-detection', 'transformer-models', 'pytorch', 'fastapi-model-serving', 'sql-window-functions', 'ab-statistical-foundation']) {
      assert.equal(exercises.get(required)?.kind, 'code', required);
    }
    for (const e of coded) for (const t of e.tasks) {
      assert.match(t.starter, /NotImplementedError/, `${e.topic}/${t.id}`);
      assert.ok(t.hints.length >= 2, `${e.topic}/${t.id} has progressive hints`);
      assert.ok(!t.starter.includes(t.solution.trim()), `${e.topic}/${t.id}: the starter holds no solution`);
    }
    console.log(`      exercises: ${exercises.size} (${coded.length} coded, ${exercises.size - coded.length} reflection), ${coded.reduce((n, e) => n + e.tasks.length, 0)} coded tasks`);
  });

  it("keeps the reference solution out of the learner's notebook", () => {
    const { roadmap, topics, files } = real();
    const { exercises } = loadExercises(files, topics.map((t) => t.id));
    const topic = topics.find((t) => t.id === 'linear-regression')!;
    const stage = roadmap.stages.find((s) => s.id === topic.stageId)!;
    const ex = exercises.get(topic.id)!;
    const learner = buildNotebook(topic, stage, ex);
    const solved = buildNotebook(topic, stage, ex, { solved: true });
    for (const t of ex.tasks) {
      const body = t.solution.trim().split('\n').slice(1).join('\n').trim();
      assert.ok(!learner.includes(JSON.stringify(body).slice(1, -1)), `solution of ${t.id} leaked`);
      assert.ok(solved.includes(JSON.stringify(t.solution.trim()).slice(1, -1)), `solved notebook has ${t.id}`);
    }
  });

  it('reports clear, positioned errors for broken exercises and never throws', () => {
    const r1 = loadExercises(EX(`  - topic: nope\n    kind: code\n${TASK}`), ['alpha']);
    assert.match(r1.issues[0].message, /exercise 'nope': no topic with this id/);
    assert.equal(r1.issues[0].line, 3);
    const r2 = loadExercises(EX(`  - topic: alpha\n    kind: code\n${TASK.replace('raise NotImplementedError', 'pass')}`), ['alpha']);
    assert.ok(r2.issues.some((i) => /starter must raise NotImplementedError/.test(i.message)));
    assert.equal(r2.exercises.size, 0);
    const r3 = loadExercises(EX(`  - topic: alpha\n    kind: code\n${TASK}  - topic: alpha\n    kind: code\n${TASK}`), ['alpha']);
    assert.ok(r3.issues.some((i) => /duplicate exercise for topic 'alpha'/.test(i.message)));
    const r4 = loadExercises(EX(`  - topic: alpha\n    kind: reflection\n    questions:\n      - id: q\n        prompt: Why?\n        minWords: 10\n        answer: too short\n`), ['alpha']);
    assert.ok(r4.issues.some((i) => /shorter than minWords/.test(i.message)));
    for (const junk of ['', '\u0000', '[[[', 'exercises: 3', 'exercises: [1, "x", {topic: 1}]']) {
      assert.doesNotThrow(() => loadExercises([{ name: 'exercises/j.yaml', text: junk }], ['alpha']));
    }
  });

  it('builds a reflection exercise from any topic', () => {
    const { topics } = real();
    const ex = defaultExercise(topics[0]);
    assert.equal(ex.kind, 'reflection');
    assert.equal(ex.questions.length, 3);
    for (const q of ex.questions) assert.ok(q.answer.split(/\s+/).length >= q.minWords, q.id);
  });
});

describe('headless notebook checks', () => {
  it('turns code cells into one program that runs every check and exits by the checks', () => {
    const nb = JSON.stringify({
      cells: [
        { cell_type: 'markdown', source: '# x' },
        { cell_type: 'code', metadata: { tags: ['setup'] }, source: ['%matplotlib inline\n', 'import math\n'] },
        { cell_type: 'code', metadata: { tags: ['check'] }, source: 'with rc.check("a"):\n    pass' },
      ],
      metadata: { dsRoadmap: { topic: 't', checks: ['a'] } },
    });
    const r = notebookToCheckScript(nb);
    assert.ok('script' in r);
    assert.deepEqual(r.checks, ['a']);
    assert.match(r.script, /IPython-only line skipped/);
    assert.match(r.script, /try:\n {4}exec\(compile\("with rc\.check/);
    assert.match(r.script, /_sys\.exit\(0 if all\(_rc\._passed\.get\(c\) for c in \["a"\]\) and 1 > 0 else 1\)/);
    assert.deepEqual(notebookToCheckScript('{nope'), { error: 'not valid JSON (Expected property name or \'}\' in JSON at position 1)' });
    assert.deepEqual(notebookToCheckScript('{}'), { error: 'not a notebook (no cells)' });
  });

  it('finds the topic of an exercise file from metadata, marker or name', () => {
    const known = (id: string) => ['dot-product', 'pca'].includes(id);
    assert.equal(topicFromExerciseFile('/w/x.ipynb', JSON.stringify({ metadata: { dsRoadmap: { topic: 'pca' } } }), known), 'pca');
    assert.equal(topicFromExerciseFile('/w/x.py', '# dsRoadmap-topic: dot-product\n', known), 'dot-product');
    assert.equal(topicFromExerciseFile('/w/dot-product-2.ipynb', '{}', known), 'dot-product');
    assert.equal(topicFromExerciseFile('C:\\w\\pca.py', '', known), 'pca');
    assert.equal(topicFromExerciseFile('/w/other.py', '# dsRoadmap-topic: evil\n', known), undefined);
  });
});
