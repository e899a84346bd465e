/**
 * Quizzes as content: one YAML file per stage under `roadmap/quizzes/`, validated like the roadmap
 * (issues with file, line and column; the loader never throws). Build time only.
 */
import type { Node, YAMLMap } from 'yaml';
import { FileReader, loadTopicEntries, type SourceFile } from './yamlReader';
import type { LoadIssue } from '../core/roadmap/model';
import { QUESTION_KINDS, type NumericMistake, type QuestionKind, type QuizOption, type QuizQuestion, type TopicQuiz } from '../core/quiz/quizModel';
import { evaluate } from './arith';

const FILE_KEYS = ['stage', 'quizzes'];
const QUIZ_KEYS = ['topic', 'questions'];
const QUESTION_KEYS = ['id', 'kind', 'checks', 'prompt', 'options', 'answer', 'tolerance', 'unit', 'compute', 'mistakes', 'explanation'];
const OPTION_KEYS = ['text', 'latex', 'correct', 'feedback'];
/** Every topic is asked at least this often. */
export const MIN_QUESTIONS_PER_TOPIC = 3;

function readOption(r: FileReader, node: Node, what: string, kind: QuestionKind): QuizOption | undefined {
  const m = r.record(node, what, OPTION_KEYS);
  if (!m) return undefined;
  const field = kind === 'formula' ? 'latex' : 'text';
  const other = kind === 'formula' ? 'text' : 'latex';
  if (r.has(m, other)) r.report(r.node(m, other), 'error', `${what}: a ${kind} option has '${field}', not '${other}'`);
  const text = r.str(m, field, what);
  const feedback = r.str(m, 'feedback', what);
  const correct = r.has(m, 'correct') ? r.bool(m, 'correct', what) : false;
  if (text === undefined || feedback === undefined || correct === undefined) return undefined;
  return Object.freeze({ text, correct, feedback });
}

function readMistakes(r: FileReader, m: YAMLMap, what: string): NumericMistake[] {
  const out: NumericMistake[] = [];
  r.seq(m, 'mistakes', what).forEach((node, i) => {
    const mm = r.record(node, `${what} mistake ${i + 1}`, ['value', 'feedback'], `${what} mistake ${i + 1}`);
    if (!mm) return;
    const value = r.num(mm, 'value', `${what} mistake ${i + 1}`);
    const feedback = r.str(mm, 'feedback', `${what} mistake ${i + 1}`);
    if (value !== undefined && feedback !== undefined) out.push(Object.freeze({ value, feedback }));
  });
  return out;
}

function readNumeric(r: FileReader, m: YAMLMap, w: string): Pick<QuizQuestion, 'answer' | 'tolerance' | 'unit' | 'compute' | 'mistakes'> | undefined {
  const answer = r.num(m, 'answer', w);
  const tolerance = r.num(m, 'tolerance', w);
  const compute = r.str(m, 'compute', w);
  const unit = r.str(m, 'unit', w, false);
  if (r.has(m, 'options')) r.report(r.node(m, 'options'), 'error', `${w}: a numeric question has no options`);
  if (answer === undefined || tolerance === undefined || compute === undefined) return undefined;
  if (tolerance < 0) {
    r.report(r.node(m, 'tolerance'), 'error', `${w}: tolerance must not be negative`);
    return undefined;
  }
  let recomputed: number;
  try {
    recomputed = evaluate(compute);
  } catch (e) {
    r.report(r.node(m, 'compute'), 'error', `${w}: compute: ${(e as Error).message}`);
    return undefined;
  }
  if (Math.abs(recomputed - answer) > tolerance + 1e-12 * Math.max(1, Math.abs(answer))) {
    r.report(r.node(m, 'answer'), 'error', `${w}: answer ${answer} differs from compute (${recomputed}) by more than the tolerance ${tolerance}`);
    return undefined;
  }
  const mistakes = readMistakes(r, m, w);
  for (const x of mistakes) if (Math.abs(x.value - answer) <= tolerance) r.report(r.node(m, 'mistakes'), 'error', `${w}: mistake ${x.value} is within the tolerance of the answer`);
  return { answer, tolerance, compute, ...(unit ? { unit } : {}), ...(mistakes.length ? { mistakes: Object.freeze(mistakes) } : {}) };
}

function readQuestion(r: FileReader, node: Node, what: string): QuizQuestion | undefined {
  const e = r.entry(node, what, QUESTION_KEYS);
  if (!e) return undefined;
  const { map: m, id, what: w } = e;
  const { kind: kindRaw, checks, prompt, explanation } = r.strs(m, w, ['kind', 'checks', 'prompt', 'explanation']);
  if (kindRaw !== undefined && !(QUESTION_KINDS as readonly string[]).includes(kindRaw)) {
    r.report(r.node(m, 'kind'), 'error', `${w}: kind must be one of ${QUESTION_KINDS.join(', ')}`);
    return undefined;
  }
  const kind = kindRaw as QuestionKind | undefined;
  if (!id || !kind || !checks || !prompt || !explanation) return undefined;
  if (kind === 'numeric') {
    const numeric = readNumeric(r, m, w);
    return numeric && Object.freeze({ id, kind, checks, prompt, explanation, options: Object.freeze([]), ...numeric });
  }
  for (const k of ['answer', 'tolerance', 'compute', 'mistakes', 'unit']) if (r.has(m, k)) r.report(r.node(m, k), 'error', `${w}: '${k}' belongs to numeric questions`);
  const options: QuizOption[] = [];
  r.seq(m, 'options', w, true).forEach((o, i) => {
    const opt = readOption(r, o, `${w} option ${i + 1}`, kind);
    if (opt) options.push(opt);
  });
  const correct = options.filter((o) => o.correct).length;
  if (options.length < 3 || options.length > 6) {
    r.report(r.node(m, 'options') ?? m, 'error', `${w}: give 3 to 6 options (found ${options.length})`);
    return undefined;
  }
  if (kind !== 'multiple' && correct !== 1) {
    r.report(r.node(m, 'options'), 'error', `${w}: a ${kind} question has exactly one correct option (found ${correct})`);
    return undefined;
  }
  if (kind === 'multiple' && correct < 1) {
    r.report(r.node(m, 'options'), 'error', `${w}: a multiple-choice question has at least one correct option`);
    return undefined;
  }
  const texts = new Set<string>();
  for (const o of options) {
    // Options differ by symbols too (`!pip` vs `%pip`, a sign in a formula): compare them as written.
    const key = o.text.replace(/\s+/g, ' ').trim();
    if (texts.has(key)) r.report(r.node(m, 'options'), 'error', `${w}: two options read the same: ${o.text.slice(0, 60)}`);
    texts.add(key);
  }
  return Object.freeze({ id, kind, checks, prompt, explanation, options: Object.freeze(options) });
}

/** Text compared for duplicates: case, spacing and punctuation do not make a question new. */
export function normalize(s: string): string {
  return s.toLowerCase().replace(/[^a-z0-9]+/g, ' ').trim();
}

/** One topic's quiz; `prompts` holds every prompt seen so far (no question may repeat one). */
function readQuiz(r: FileReader, node: Node, known: ReadonlySet<string>, prompts: Map<string, string>): TopicQuiz | undefined {
  const entry = r.topicEntry(node, 'quiz', QUIZ_KEYS, known);
  if (!entry) return undefined;
  const { map: m, topic, what } = entry;
  const questions: QuizQuestion[] = [];
  const ids = new Set<string>();
  r.seq(m, 'questions', what, true).forEach((qn, i) => {
    const q = readQuestion(r, qn, `${what} question ${i + 1}`);
    if (!q) return;
    if (ids.has(q.id)) {
      r.report(qn, 'error', `${what}: duplicate question id '${q.id}'`);
      return;
    }
    const key = normalize(q.prompt);
    const first = prompts.get(key);
    if (first) {
      r.report(qn, 'error', `${what}: question '${q.id}' repeats the prompt of ${first}`);
      return;
    }
    prompts.set(key, `${topic}/${q.id}`);
    ids.add(q.id);
    questions.push(q);
  });
  if (questions.length < MIN_QUESTIONS_PER_TOPIC) r.report(m, 'error', `${what}: has ${questions.length} valid question(s); every topic needs at least ${MIN_QUESTIONS_PER_TOPIC}`);
  return Object.freeze({ topic, questions: Object.freeze(questions) });
}

export interface QuizLoadResult {
  readonly quizzes: ReadonlyMap<string, TopicQuiz>;
  readonly issues: readonly LoadIssue[];
}

/** Loads quiz files (`quizzes: [...]` at the top). Never throws. */
export function loadQuizzes(files: readonly SourceFile[], topicIds: Iterable<string>): QuizLoadResult {
  const known = new Set(topicIds);
  const prompts = new Map<string, string>();
  const { entries, issues } = loadTopicEntries(files, { what: 'quiz file', list: 'quizzes', keys: FILE_KEYS, entry: 'quiz' }, (r, node) => readQuiz(r, node, known, prompts));
  return { quizzes: entries, issues };
}
