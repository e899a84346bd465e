// Chapter-depth topics (length and further reading) and the rubrics of reflection exercises.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import Ajv from 'ajv';
import { parse } from 'yaml';
import { buildNotebook, buildScript, checkNames, solutionText } from '../../src/core/exercises/exerciseFiles';
import { defaultExercise, loadExercises, type Exercise } from '../../src/build/exerciseLoader';
import { deriveRubric, rubricFor, RUBRIC_MAX, RUBRIC_MIN, withRubric } from '../../src/core/exercises/rubric';
import type { Topic } from '../../src/core/roadmap/model';
import { realRoadmap, ROOT } from './fixtures';

/** The topics written to chapter depth: observational causal methods, potential outcomes and DAGs,
 * A/B test design and its statistics, gradient boosting, linear and logistic regression,
 * classification metrics, transformers, the PyTorch training loop, time series, feature
 * selection, data drift, Bayesian inference. */
const CHAPTERS = [
  'observational-causal-methods', 'potential-outcomes', 'causal-dags', 'ab-test-design', 'ab-statistical-foundation',
  'gradient-boosting', 'linear-regression', 'logistic-regression', 'classification-metrics', 'transformer-models',
  'pytorch', 'time-series-models', 'feature-selection', 'data-drift-detection', 'bayesian-inference',
];
const MIN_WORDS = 1200;
const MAX_WORDS = 2500;

function real() {
  const { roadmap } = realRoadmap();
  const topics = roadmap!.stages.flatMap((s) => s.sections.flatMap((sec) => sec.topics.map((topic) => ({ topic, stage: s }))));
  const dir = path.join(ROOT, 'roadmap', 'exercises');
  const files = fs.readdirSync(dir).filter((n) => n.endsWith('.yaml')).sort().map((n) => ({ name: `exercises/${n}`, text: fs.readFileSync(path.join(dir, n), 'utf8') }));
  const { exercises, issues } = loadExercises(files, topics.map((t) => t.topic.id));
  return { topics, exercises, issues };
}

/** Words of the explanation as written (markdown, code and math tokens each count once). */
function wordCount(markdown: string): number {
  return markdown.split(/\s+/).filter(Boolean).length;
}

/** The "### Further reading" section of a topic's details, up to the next heading. */
function furtherReading(details: string): string | undefined {
  const m = /^###\s+Further reading\s*$([\s\S]*?)(?=^#{1,3}\s|(?![\s\S]))/im.exec(details);
  return m?.[1];
}

function linksIn(section: string): string[] {
  const md = [...section.matchAll(/\]\(([^)\s]+)\)/g)].map((m) => m[1]);
  const bare = [...section.replace(/\]\([^)]*\)/g, ']').matchAll(/\b[a-z][a-z0-9+.-]*:\/\/[^\s)>\]]+/gi)].map((m) => m[0]);
  return [...md, ...bare];
}

const WORD = (s: string) => s.toLowerCase().split(/[^\p{L}\p{N}]+/u).filter((w) => w.length >= 4);

describe('chapter-depth topics', () => {
  const { topics } = real();
  const byId = new Map(topics.map((t) => [t.topic.id, t.topic]));

  it(`are ${MIN_WORDS.toLocaleString('en')}–${MAX_WORDS.toLocaleString('en')} words each, and print their lengths`, () => {
    const problems: string[] = [];
    const counts: string[] = [];
    for (const id of CHAPTERS) {
      const t = byId.get(id);
      if (!t) { problems.push(`${id}: no such topic`); continue; }
      const n = wordCount(t.details);
      counts.push(`${id} ${n}`);
      if (n < MIN_WORDS || n > MAX_WORDS) problems.push(`${id}: ${n} words`);
    }
    console.log(`      words: ${counts.join(', ')}`);
    assert.deepEqual(problems, []);
    assert.equal(new Set(CHAPTERS).size, 15);
  });

  it('end with a further-reading list whose every link is https', () => {
    const problems: string[] = [];
    for (const id of CHAPTERS) {
      const section = furtherReading(byId.get(id)?.details ?? '');
      if (section === undefined) { problems.push(`${id}: no "### Further reading" section`); continue; }
      const links = linksIn(section);
      if (links.length < 2) problems.push(`${id}: ${links.length} further-reading links`);
      for (const url of links) {
        let u: URL | undefined;
        try { u = new URL(url); } catch { problems.push(`${id}: unparseable ${url}`); continue; }
        if (u.protocol !== 'https:' || !u.hostname.includes('.')) problems.push(`${id}: not an https link: ${url}`);
      }
    }
    assert.deepEqual(problems, []);
  });

  it('the link check itself tells http, bare and malformed links apart', () => {
    const section = furtherReading('### Idea\ntext\n### Further reading\n- [A](https://a.org/x): fine\n- [B](http://b.org)\n- see ftp://c.org/f\n### Next\n- [D](http://d.org)\n');
    assert.ok(section);
    assert.deepEqual(linksIn(section), ['https://a.org/x', 'http://b.org', 'ftp://c.org/f']);
    assert.equal(furtherReading('### Idea\nno list\n'), undefined);
  });
});

describe('reflection rubrics', () => {
  const { topics, exercises, issues } = real();
  const reflections = topics.map(({ topic, stage }) => ({ topic, stage, ex: exercises.get(topic.id) ?? defaultExercise(topic) }))
    .filter((r) => r.ex.kind === 'reflection');

  it('loads the authored rubrics with no issues', () => {
    assert.deepEqual(issues.map((i) => `${i.file}:${i.line} ${i.message}`), []);
    assert.ok(reflections.length >= 20, `${reflections.length} reflection exercises`);
    assert.ok(reflections.some((r) => r.ex.rubric), 'some rubrics are authored');
    assert.ok(reflections.some((r) => !r.ex.rubric), 'some rubrics are derived');
  });

  it(`gives every reflection exercise ${RUBRIC_MIN}–${RUBRIC_MAX} distinct criteria specific to its topic`, () => {
    const problems: string[] = [];
    const owner = new Map<string, string>();
    for (const { topic, ex } of reflections) {
      const criteria = rubricFor(topic, ex);
      if (criteria.length < RUBRIC_MIN || criteria.length > RUBRIC_MAX) problems.push(`${topic.id}: ${criteria.length} criteria`);
      if (new Set(criteria).size !== criteria.length) problems.push(`${topic.id}: duplicate criteria`);
      const own = new Set(WORD([topic.title, ...topic.keyPoints, ...topic.keyTerms, ...ex.questions.flatMap((q) => [q.prompt, q.answer])].join(' ')));
      for (const c of criteria) {
        if (!c.trim()) problems.push(`${topic.id}: an empty criterion`);
        if (!WORD(c).some((w) => own.has(w))) problems.push(`${topic.id}: '${c}' shares no word with the topic`);
        const other = owner.get(c);
        if (other) problems.push(`'${c}' is in both ${other} and ${topic.id} (generic)`);
        owner.set(c, topic.id);
      }
    }
    assert.deepEqual(problems, []);
  });

  it('derives criteria from the key points the model answers discuss, and always 3–5', () => {
    const topic = { ...reflections[0].topic, keyPoints: ['Alpha beta gamma', 'Unrelated zeta', 'Delta answered epsilon', 'Omega', 'Kappa answered lambda', 'Sigma answered'] } as Topic;
    const qs = [{ id: 'q', prompt: 'Why?', answer: 'The answered delta and kappa and sigma and alpha.' }];
    const r = deriveRubric(topic, qs);
    assert.deepEqual(r.slice(0, 4), ['Covers: Alpha beta gamma', 'Covers: Delta answered epsilon', 'Covers: Kappa answered lambda', 'Covers: Sigma answered']);
    assert.match(r[4], /^Reaches the model answer's conclusion on: Why\?$/);
    const bare = deriveRubric({ ...topic, keyPoints: [], keyTerms: [] } as Topic, qs);
    assert.ok(bare.length >= RUBRIC_MIN && bare.length <= RUBRIC_MAX, JSON.stringify(bare));
    const long = deriveRubric({ ...topic, keyPoints: ['word '.repeat(100)] } as Topic, qs);
    assert.ok(long[0].length <= 'Covers: '.length + 111 && long[0].endsWith('…'), long[0]);
  });

  it('keeps an authored rubric, and writes a derived one into the built exercise', () => {
    const authored = reflections.find((r) => r.ex.rubric)!;
    assert.deepEqual(rubricFor(authored.topic, authored.ex), authored.ex.rubric);
    assert.equal(withRubric(authored.topic, authored.ex), authored.ex);
    const derived = reflections.find((r) => !r.ex.rubric)!;
    assert.deepEqual(withRubric(derived.topic, derived.ex).rubric, deriveRubric(derived.topic, derived.ex.questions));
    const coded = [...exercises.values()].find((e) => e.kind === 'code')!;
    assert.equal(withRubric(derived.topic, coded), coded);
    assert.deepEqual(rubricFor(derived.topic, coded), []);
  });

  it('rejects a rubric of the wrong size, on a code exercise, or with duplicates, with a clear message', () => {
    const q = '    questions:\n      - id: q\n        prompt: Why?\n        minWords: 2\n        answer: because so\n';
    const load = (rubric: string, kind = 'reflection', body = q) => loadExercises([{ name: 'exercises/x.yaml', text: `stage: s\nexercises:\n  - topic: alpha\n    kind: ${kind}\n    rubric: ${rubric}\n${body}` }], ['alpha']);
    const ok = load('[one, two, three]');
    assert.deepEqual(ok.issues, []);
    assert.deepEqual(ok.exercises.get('alpha')!.rubric, ['one', 'two', 'three']);
    for (const bad of ['[one, two]', '[a, b, c, d, e, f]', '[a, a, b]']) {
      const r = load(bad);
      assert.ok(r.issues.some((i) => /a rubric needs 3 to 5 distinct, non-empty criteria/.test(i.message)), `${bad}: ${JSON.stringify(r.issues)}`);
    }
    const task = '    setup: x = 1\n    tasks:\n      - id: t\n        title: T\n        prompt: P\n        starter: "raise NotImplementedError"\n        solution: "pass"\n        hints: [a, b]\n        check: "pass"\n';
    assert.ok(load('[a, b, c]', 'code', task).issues.some((i) => /only a reflection exercise has a rubric/.test(i.message)));
  });

  it('puts the folded model answers, the rubric cell and its check in the notebook and the script', () => {
    const { topic, stage, ex } = reflections.find((r) => r.ex.rubric)!;
    const criteria = rubricFor(topic, ex);
    assert.deepEqual(checkNames(ex), ['answers', 'rubric']);
    const nb = JSON.parse(buildNotebook(topic, stage, ex)) as { cells: { cell_type: string; source: string; metadata: { tags?: string[] } }[] };
    const at = (pred: (c: { source: string }) => boolean) => nb.cells.findIndex(pred);
    const answers = at((c) => c.source.includes('answers = {'));
    const model = at((c) => c.source.startsWith('## Model answers'));
    const rubric = at((c) => c.source.includes('rubric = {'));
    const check = at((c) => c.source.includes('with rc.check("rubric")'));
    assert.ok(answers > 0 && answers < model && model < rubric && rubric < check, `${answers} ${model} ${rubric} ${check}`);
    assert.deepEqual(nb.cells[model].metadata.tags, ['model-answers']);
    for (const q of ex.questions) assert.ok(nb.cells[model].source.includes(q.answer.trim()), `model answer ${q.id}`);
    assert.equal((nb.cells[rubric].source.match(/: None,/g) ?? []).length, criteria.length);
    for (const c of criteria) assert.ok(nb.cells[check].source.includes(JSON.stringify(c)), c);
    const solved = JSON.parse(buildNotebook(topic, stage, ex, { solved: true })) as typeof nb;
    const filled = solved.cells.find((c) => c.source.includes('rubric = {'))!.source;
    assert.equal((filled.match(/: 2,/g) ?? []).length, criteria.length);
    assert.ok(!filled.includes('None'));
    const script = buildScript(topic, stage, ex);
    assert.match(script, /def test_rubric\(\):\n {4}with rc\.check\("rubric"\):\n {8}rc\.rated\(rubric, \[/);
    assert.match(script, /CHECKS = \["answers","rubric"\]/);
    assert.ok(!script.includes(ex.questions[0].answer.trim().split('\n')[0]), 'the script leaves the model answers to Show Solution');
    for (const c of criteria) assert.ok(solutionText(topic, ex).includes(`# - ${c}`), c);
  });

  it('tells the learner in the intro of the notebook and the script to rate the answers against the rubric after the model answers, and keeps the word floor', () => {
    const authored = reflections.find((r) => r.ex.rubric)!;
    const derived = reflections.find((r) => !r.ex.rubric)!;
    for (const { topic, stage, ex } of [authored, derived]) {
      const n = rubricFor(topic, ex).length;
      const nb = JSON.parse(buildNotebook(topic, stage, ex)) as { cells: { source: string }[] };
      const script = buildScript(topic, stage, ex);
      const intros = [
        ['notebook', nb.cells[0].source, '## How to run this notebook'],
        ['script', script.slice(0, script.indexOf('\n"""')), '## How it works'],
      ] as const;
      for (const [format, intro, heading] of intros) {
        assert.ok(intro.includes(heading), `${topic.id} ${format}: ${heading}`);
        const how = intro.slice(intro.indexOf(heading));
        assert.match(how, /at least the number of words/, `${topic.id} ${format}: the word-count floor`);
        assert.match(how, new RegExp(`rate your (own )?answers against each of the ${n} rubric criteria`), `${topic.id} ${format}: ${how}`);
        assert.match(how, /2 = as well as the model answer, 1 = partly, 0 = missing/, `${topic.id} ${format}: the scale`);
        assert.ok(how.indexOf('model answers') >= 0 && how.indexOf('model answers') < how.indexOf('rubric criteria'), `${topic.id} ${format}: the model answers come before the rating`);
        assert.match(how, /every criterion is rated/, `${topic.id} ${format}: completion needs the rating`);
      }
      assert.match(intros[1][1], /Roadmap: Show Solution/, 'the script says where its model answers are');
    }
    const [codedId, coded] = [...exercises.entries()].find(([, e]) => e.kind === 'code')!;
    const { topic, stage } = topics.find((t) => t.topic.id === codedId)!;
    const intro = (JSON.parse(buildNotebook(topic, stage, coded)) as { cells: { source: string }[] }).cells[0].source;
    const how = intro.slice(intro.indexOf('## How to run this notebook'), intro.includes('## Formulas') ? intro.indexOf('## Formulas') : intro.indexOf('## What you will do'));
    assert.ok(how.length > 0 && !/rubric/i.test(how), `a code exercise has no rubric to rate: ${how}`);
  });

  it('validates the Dask and rubric exercise file against the JSON schema VS Code uses, which refuses a 2-item rubric', () => {
    const schema = JSON.parse(fs.readFileSync(path.join(ROOT, 'roadmap', 'schema.json'), 'utf8'));
    const ajv = new Ajv({ allErrors: true, strict: false });
    const validate = ajv.compile({ ...schema, oneOf: undefined, $ref: '#/definitions/exerciseFile' });
    type ExerciseDoc = { exercises: { topic: string; packages: string[]; rubric?: string[] }[] };
    const doc = parse(fs.readFileSync(path.join(ROOT, 'roadmap', 'exercises', '06-cloud-big-data.yaml'), 'utf8')) as ExerciseDoc;
    assert.ok(validate(structuredClone(doc)), ajv.errorsText(validate.errors, { separator: '; ' }).slice(0, 600));
    const dask = doc.exercises.find((e) => e.topic === 'dask')!;
    assert.ok(dask.packages.includes('dask'), 'the dask exercise declares the dask package');
    const broken = structuredClone(doc);
    broken.exercises.find((e) => e.rubric)!.rubric = ['one', 'two'];
    assert.equal(validate(broken), false);
  });

  it('keeps a code exercise free of any rubric', () => {
    const { topics: all } = real();
    const { topic, stage } = all.find((t) => t.topic.id === 'linear-regression')!;
    const ex: Exercise = exercises.get(topic.id)!;
    const nb = buildNotebook(topic, stage, ex, { solved: true });
    assert.ok(!nb.includes('rubric') && !nb.includes('Model answers'));
  });
});
