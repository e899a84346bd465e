/**
 * Exercises as content: one YAML file per stage under `roadmap/exercises/`, validated like the
 * roadmap (issues with file, line and column; the loader never throws). A topic without an authored
 * exercise gets a reflection exercise built from its own key points, so every topic has one.
 */
import type { Node, YAMLMap } from 'yaml';
import { FileReader, loadTopicEntries, readUnique, type SourceFile } from './yamlReader';
import type { LoadIssue } from '../core/roadmap/model';
import { PACKAGES, type CodeTask, type Exercise, type ReflectionQuestion } from '../core/exercises/exerciseModel';
import { RUBRIC_MAX, RUBRIC_MIN } from '../core/exercises/rubric';

export * from '../core/exercises/exerciseModel';

const EXERCISE_KEYS = ['topic', 'kind', 'packages', 'intro', 'setup', 'tasks', 'questions', 'checklist', 'rubric'];
const TASK_KEYS = ['id', 'title', 'prompt', 'starter', 'solution', 'hints', 'check'];
const QUESTION_KEYS = ['id', 'prompt', 'minWords', 'answer'];

function readTask(r: FileReader, node: Node, what: string): CodeTask | undefined {
  const e = r.entry(node, what, TASK_KEYS);
  if (!e) return undefined;
  const { map: m, id, what: w } = e;
  const { title, prompt, starter, solution, check } = r.strs(m, w, ['title', 'prompt', 'starter', 'solution', 'check']);
  const hints = r.strList(m, 'hints', w, true).map((h) => h.value);
  if (!id || !title || !prompt || !starter || !solution || !check) return undefined;
  if (!starter.includes('NotImplementedError')) {
    r.report(r.node(m, 'starter'), 'error', `${w}: starter must raise NotImplementedError until the learner completes it`);
    return undefined;
  }
  if (hints.length < 2) r.report(m, 'warning', `${w}: give at least two progressive hints`);
  return Object.freeze({ id, title, prompt, starter, solution, check, hints: Object.freeze(hints) });
}

function readQuestion(r: FileReader, node: Node, what: string): ReflectionQuestion | undefined {
  const e = r.entry(node, what, QUESTION_KEYS);
  if (!e) return undefined;
  const { map: m, id, what: w } = e;
  const { prompt, answer } = r.strs(m, w, ['prompt', 'answer']);
  const minWords = r.has(m, 'minWords') ? r.num(m, 'minWords', w) : 20;
  if (!id || !prompt || !answer || minWords === undefined) return undefined;
  if (answer.split(/\s+/).filter(Boolean).length < minWords) r.report(r.node(m, 'answer'), 'error', `${w}: the model answer is shorter than minWords (${minWords})`);
  return Object.freeze({ id, prompt, answer, minWords });
}

/** An authored rubric: 3–5 distinct criteria, reflection exercises only (others are derived at build time). */
function readRubric(r: FileReader, m: YAMLMap, what: string, kind: string): string[] | undefined {
  if (!r.has(m, 'rubric')) return undefined;
  const items = r.strList(m, 'rubric', what).map((c) => c.value.replace(/\s+/g, ' ').trim());
  const node = r.node(m, 'rubric') ?? m;
  if (kind !== 'reflection') {
    r.report(node, 'error', `${what}: only a reflection exercise has a rubric`);
    return undefined;
  }
  if (items.length < RUBRIC_MIN || items.length > RUBRIC_MAX || items.some((c) => !c) || new Set(items).size !== items.length) {
    r.report(node, 'error', `${what}: a rubric needs ${RUBRIC_MIN} to ${RUBRIC_MAX} distinct, non-empty criteria (found ${items.length})`);
    return undefined;
  }
  return items;
}

function readExercise(r: FileReader, node: Node, known: ReadonlySet<string>): Exercise | undefined {
  const entry = r.topicEntry(node, 'exercise', EXERCISE_KEYS, known);
  if (!entry) return undefined;
  const { map: m, topic, what } = entry;
  const kind = r.str(m, 'kind', what);
  if (kind !== 'code' && kind !== 'reflection') {
    r.report(r.node(m, 'kind') ?? m, 'error', `${what}: kind must be 'code' or 'reflection'`);
    return undefined;
  }
  const packages = r.strList(m, 'packages', what).map((p) => p.value);
  for (const p of packages) if (!(p in PACKAGES)) r.report(r.node(m, 'packages'), 'warning', `${what}: package '${p}' is not one the exercises may use`);
  const intro = r.str(m, 'intro', what, false);
  const setup = r.str(m, 'setup', what, kind === 'code') ?? '';
  const ids = new Set<string>();
  const tasks: CodeTask[] = readUnique(r, r.seq(m, 'tasks', what, kind === 'code'), ids, what, 'task', (t, i) => readTask(r, t, `${what} task ${i + 1}`));
  const questions: ReflectionQuestion[] = readUnique(r, r.seq(m, 'questions', what, kind === 'reflection'), ids, what, 'question', (q, i) => readQuestion(r, q, `${what} question ${i + 1}`));
  const checklist = r.strList(m, 'checklist', what).map((c) => c.value);
  const rubric = readRubric(r, m, what, kind);
  if (kind === 'code' && tasks.length === 0) {
    r.report(m, 'error', `${what}: a code exercise needs at least one valid task`);
    return undefined;
  }
  if (kind === 'reflection' && questions.length === 0) {
    r.report(m, 'error', `${what}: a reflection exercise needs at least one valid question`);
    return undefined;
  }
  return Object.freeze({
    topic, kind, packages: Object.freeze(packages), ...(intro ? { intro } : {}), setup,
    tasks: Object.freeze(tasks), questions: Object.freeze(questions), checklist: Object.freeze(checklist),
    ...(rubric ? { rubric: Object.freeze(rubric) } : {}),
  });
}

export interface ExerciseLoadResult {
  readonly exercises: ReadonlyMap<string, Exercise>;
  readonly issues: readonly LoadIssue[];
}

/** Loads exercise files (`exercises: [...]` at the top). Never throws. */
export function loadExercises(files: readonly SourceFile[], topicIds: Iterable<string>): ExerciseLoadResult {
  const known = new Set(topicIds);
  const { entries, issues } = loadTopicEntries(files, { what: 'exercise file', list: 'exercises', keys: ['stage', 'exercises'], entry: 'exercise' }, (r, node) => readExercise(r, node, known));
  return { exercises: entries, issues };
}
