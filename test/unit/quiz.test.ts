// Quizzes: the content (schema, rules, coverage, recomputed answers; the math as shipped is in the property layer) and the grading rules.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import Ajv from 'ajv';
import { parse } from 'yaml';
import { evaluate } from '../../src/build/arith';
import { readContentDir } from '../../src/build/index';
import { loadQuizzes, MIN_QUESTIONS_PER_TOPIC, normalize } from '../../src/build/quizLoader';
import { cardId, grade, parseCardId } from '../../src/core/quiz/quizModel';
import { quizQuestion as q, realTopics, ROOT } from './fixtures';

const { items } = realTopics();
const ids = items.map((i) => i.topic.id);
const files = readContentDir(ROOT, 'quizzes');
const { quizzes, issues } = loadQuizzes(files, ids);
const all = [...quizzes.values()].flatMap((q) => q.questions.map((question) => ({ topic: q.topic, question })));

describe('quizzes: the content', () => {
  it('every quiz file validates against the JSON schema that VS Code uses for it', () => {
    const schema = JSON.parse(fs.readFileSync(path.join(ROOT, 'roadmap', 'schema.json'), 'utf8'));
    const ajv = new Ajv({ allErrors: true, strict: false });
    const validate = ajv.compile({ ...schema, oneOf: undefined, $ref: '#/definitions/quizFile' });
    assert.equal(files.length, 7, files.map((f) => f.name).join(', '));
    for (const f of files) {
      const ok = validate(parse(f.text));
      assert.ok(ok, `${f.name}: ${ajv.errorsText(validate.errors, { separator: '; ' }).slice(0, 600)}`);
      assert.match(f.text.split('\n')[0], /^# yaml-language-server: \$schema=\.\.\/schema\.json$/, `${f.name} names its schema`);
    }
    const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
    assert.ok(pkg.contributes.yamlValidation.some((v: { fileMatch: string[] }) => v.fileMatch.includes('roadmap/quizzes/*.yaml')), 'yamlValidation covers the quiz files');
  });

  it('loads with no issue: one correct option per single choice and formula, at least one per multiple choice, feedback on every option, recomputed numeric answers', () => {
    assert.deepEqual(issues.map((i) => `${i.file}:${i.line} ${i.message}`), []);
    for (const { topic, question: x } of all) {
      const where = `${topic}/${x.id}`;
      const correct = x.options.filter((o) => o.correct).length;
      if (x.kind === 'single' || x.kind === 'formula') assert.equal(correct, 1, where);
      if (x.kind === 'multiple') assert.ok(correct >= 1, where);
      if (x.kind === 'numeric') {
        assert.equal(x.options.length, 0, where);
        assert.ok(Math.abs(evaluate(x.compute!) - x.answer!) <= x.tolerance! + 1e-12, `${where}: ${x.compute} = ${evaluate(x.compute!)}, answer ${x.answer}`);
      } else {
        assert.ok(x.options.length >= 3, where);
        for (const o of x.options) assert.ok(o.feedback.trim().length >= 10, `${where}: an option without real feedback: ${o.text}`);
      }
      assert.ok(x.checks.trim() && x.explanation.trim(), `${where} names what it checks and explains`);
    }
  });

  it(`covers every one of the ${ids.length} topics with at least ${MIN_QUESTIONS_PER_TOPIC} questions, ${ids.length * MIN_QUESTIONS_PER_TOPIC} or more in all, of all four kinds`, () => {
    const missing = ids.filter((id) => (quizzes.get(id)?.questions.length ?? 0) < MIN_QUESTIONS_PER_TOPIC);
    assert.deepEqual(missing, []);
    assert.ok(all.length >= ids.length * MIN_QUESTIONS_PER_TOPIC, String(all.length));
    const kinds = new Map<string, number>();
    for (const { question } of all) kinds.set(question.kind, (kinds.get(question.kind) ?? 0) + 1);
    console.log(`      ${all.length} questions: ${[...kinds].map(([k, n]) => `${k} ${n}`).join(', ')}`);
    for (const k of ['single', 'multiple', 'numeric', 'formula']) assert.ok((kinds.get(k) ?? 0) >= 40, `${k}: ${kinds.get(k)}`);
  });

  it('has no duplicate question, within a topic or across topics', () => {
    const prompts = new Map<string, string>();
    for (const { topic, question } of all) {
      const key = normalize(question.prompt);
      assert.ok(!prompts.has(key), `${topic}/${question.id} repeats ${prompts.get(key)}`);
      prompts.set(key, `${topic}/${question.id}`);
      assert.ok(parseCardId(cardId(topic, question.id)), `${topic}/${question.id} makes a valid card id`);
    }
  });

  it('the loader refuses what breaks the rules, with a position', () => {
    const bad = `stage: x
quizzes:
  - topic: ${ids[0]}
    questions:
      - { id: a, kind: single, checks: c, prompt: p1, explanation: e, options: [{ text: x, correct: true, feedback: because x }, { text: y, correct: true, feedback: because y }, { text: z, feedback: because z }] }
      - { id: b, kind: numeric, checks: c, prompt: p2, explanation: e, answer: 5, tolerance: 0.01, compute: '2 + 2' }
      - { id: c, kind: multiple, checks: c, prompt: p3, explanation: e, options: [{ text: x, feedback: fx }, { text: y, feedback: fy }, { text: z, feedback: fz }] }
      - { id: d, kind: single, checks: c, prompt: p1, explanation: e, options: [{ text: x, correct: true, feedback: fx }, { text: y }, { text: z, feedback: fz }] }
`;
    const r = loadQuizzes([{ name: 'quizzes/bad.yaml', text: bad }], ids);
    const messages = r.issues.map((i) => i.message).join('\n');
    assert.match(messages, /'a': a single question has exactly one correct option \(found 2\)/);
    assert.match(messages, /'b': answer 5 differs from compute \(4\)/);
    assert.match(messages, /'c': a multiple-choice question has at least one correct option/);
    assert.match(messages, /missing 'feedback'/);
    assert.match(messages, /needs at least 3/);
    assert.ok(r.issues.every((i) => i.line > 1), 'issues carry their line');
  });
});

describe('quizzes: grading (in the host)', () => {
  it('single choice: right only with the correct option', () => {
    const x = q({});
    assert.equal(grade(x, { kind: 'choice', selected: [0] })?.correct, true);
    assert.equal(grade(x, { kind: 'choice', selected: [1] })?.correct, false);
    const g = grade(x, { kind: 'choice', selected: [2] })!;
    assert.deepEqual(g.options.map((o) => [o.correct, o.selected, o.feedback]), [[true, false, 'fa'], [false, false, 'fb'], [false, true, 'fc']]);
    assert.equal(grade(x, { kind: 'choice', selected: [0, 1] }), undefined, 'two choices for a single question is not an answer');
  });

  it('multiple choice: right only with every correct option and no wrong one', () => {
    const x = q({ kind: 'multiple', options: [{ text: 'a', correct: true, feedback: '1' }, { text: 'b', correct: true, feedback: '2' }, { text: 'c', correct: false, feedback: '3' }] });
    assert.equal(grade(x, { kind: 'choice', selected: [0, 1] })?.correct, true);
    assert.equal(grade(x, { kind: 'choice', selected: [1, 0] })?.correct, true);
    assert.equal(grade(x, { kind: 'choice', selected: [0] })?.correct, false, 'missing one');
    assert.equal(grade(x, { kind: 'choice', selected: [0, 1, 2] })?.correct, false, 'one too many');
  });

  it('formula: like single choice', () => {
    const x = q({ kind: 'formula' });
    assert.equal(grade(x, { kind: 'choice', selected: [0] })?.correct, true);
    assert.equal(grade(x, { kind: 'choice', selected: [2] })?.correct, false);
  });

  it('numeric: within the tolerance, with the feedback of a known mistake and the expected value', () => {
    const x = q({ kind: 'numeric', options: [], answer: 0.21, tolerance: 0.005, unit: '', mistakes: [{ value: 0.3, feedback: 'that is p' }] });
    assert.equal(grade(x, { kind: 'numeric', value: 0.21 })?.correct, true);
    assert.equal(grade(x, { kind: 'numeric', value: 0.214 })?.correct, true);
    assert.equal(grade(x, { kind: 'numeric', value: 0.216 })?.correct, false);
    const g = grade(x, { kind: 'numeric', value: 0.3 })!;
    assert.equal(g.feedback, 'that is p');
    assert.equal(g.expected, '0.21 ± 0.005');
    assert.equal(grade(x, { kind: 'choice', selected: [0] }), undefined, 'a choice answer to a numeric question is not an answer');
    assert.equal(grade(x, { kind: 'numeric', value: Number.NaN }), undefined);
  });

  it('refuses answers that do not fit the question: out of range, repeated, empty', () => {
    const x = q({});
    for (const selected of [[], [3], [-1], [0.5], [0, 0]]) assert.equal(grade(x, { kind: 'choice', selected }), undefined, JSON.stringify(selected));
  });
});

describe('quizzes: the arithmetic of numeric answers', () => {
  it('evaluates numbers, operators, precedence, lists and the functions', () => {
    assert.equal(evaluate('0.3 * (1 - 0.3)'), 0.21);
    assert.equal(evaluate('2 ^ 3 ^ 2'), 512);
    assert.equal(evaluate('-2 ** 2'), -4);
    assert.equal(evaluate('2 ^ -1'), 0.5);
    assert.equal(evaluate('variance([2, 4, 6])'), 4);
    assert.equal(evaluate('variance([2, 4, 6], 0)'), 8 / 3);
    assert.equal(evaluate('sd([2, 4, 4, 4, 5, 5, 7, 9], 0)'), 2);
    assert.equal(evaluate('mean([1, 2, 3]) + median([5, 1, 3]) + sum([1, 1])'), 7);
    assert.equal(evaluate('choose(5, 2) + factorial(4)'), 34);
    assert.ok(Math.abs(evaluate('normcdf(1.96)') - 0.975) < 1e-4);
    assert.ok(Math.abs(evaluate('sigmoid(0)') - 0.5) < 1e-12);
    assert.equal(evaluate('round(3.14159, 2)'), 3.14);
    assert.equal(evaluate('dot([1, 2], [3, 4])'), 11);
  });

  it('refuses anything else, with a reason, and never runs code', () => {
    for (const src of ['process.exit(1)', 'x + 1', '1 +', '(1', 'constructor', '1; 2', 'mean([1,2]) [0]', '[1, 2]', '1 / 0', "'a'", 'sqrt(-1)']) {
      assert.throws(() => evaluate(src), Error, src);
    }
  });
});
