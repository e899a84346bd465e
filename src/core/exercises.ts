/**
 * Exercises as content: one YAML file per stage under `roadmap/exercises/`, validated like the
 * roadmap (issues with file, line and column; the loader never throws). A topic without an authored
 * exercise gets a reflection exercise built from its own key points, so every topic has one.
 */
import type { Node, YAMLMap } from 'yaml';
import { FileReader, KEBAB_ID, parseFile, type SourceFile } from './loader';
import type { LoadIssue, Topic } from './model';

export interface CodeTask {
  readonly id: string;
  readonly title: string;
  /** Markdown. */
  readonly prompt: string;
  /** Python the learner completes; it raises NotImplementedError until then. */
  readonly starter: string;
  /** Python that replaces `starter` in the reference solution. */
  readonly solution: string;
  /** Progressive hints, shown one after the other before any solution. */
  readonly hints: readonly string[];
  /** Python run inside `with rc.check(<id>):`; raises with a specific message when wrong. */
  readonly check: string;
}

export interface ReflectionQuestion {
  readonly id: string;
  readonly prompt: string;
  readonly minWords: number;
  /** A model answer, shown only with "Show solution". */
  readonly answer: string;
}

export interface Exercise {
  readonly topic: string;
  readonly kind: 'code' | 'reflection';
  /** Import names the exercise needs (numpy, sklearn, ...). */
  readonly packages: readonly string[];
  readonly intro?: string;
  /** Python run first: imports and offline data with fixed seeds. */
  readonly setup: string;
  readonly tasks: readonly CodeTask[];
  readonly questions: readonly ReflectionQuestion[];
  readonly checklist: readonly string[];
}

/** Import name -> what `pip install` needs, for the "this exercise needs ..." message. */
export const PACKAGES: Readonly<Record<string, string>> = {
  numpy: 'numpy', pandas: 'pandas', scipy: 'scipy', sklearn: 'scikit-learn', statsmodels: 'statsmodels',
  matplotlib: 'matplotlib', seaborn: 'seaborn', torch: 'torch', xgboost: 'xgboost', umap: 'umap-learn',
  nltk: 'nltk', fastapi: 'fastapi', httpx: 'httpx', sympy: 'sympy', joblib: 'joblib', sqlite3: 'sqlite3', networkx: 'networkx',
};

const EXERCISE_KEYS = ['topic', 'kind', 'packages', 'intro', 'setup', 'tasks', 'questions', 'checklist'];
const TASK_KEYS = ['id', 'title', 'prompt', 'starter', 'solution', 'hints', 'check'];
const QUESTION_KEYS = ['id', 'prompt', 'minWords', 'answer'];

function readTask(r: FileReader, node: Node, what: string): CodeTask | undefined {
  const m = r.map(node, what);
  if (!m) return undefined;
  const id = r.id(m, what);
  const w = id ? `${what} '${id}'` : what;
  r.checkKeys(m, TASK_KEYS, w);
  const title = r.str(m, 'title', w);
  const prompt = r.str(m, 'prompt', w);
  const starter = r.str(m, 'starter', w);
  const solution = r.str(m, 'solution', w);
  const check = r.str(m, 'check', w);
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
  const m = r.map(node, what);
  if (!m) return undefined;
  const id = r.id(m, what);
  const w = id ? `${what} '${id}'` : what;
  r.checkKeys(m, QUESTION_KEYS, w);
  const prompt = r.str(m, 'prompt', w);
  const answer = r.str(m, 'answer', w);
  const minWords = r.has(m, 'minWords') ? r.num(m, 'minWords', w) : 20;
  if (!id || !prompt || !answer || minWords === undefined) return undefined;
  if (answer.split(/\s+/).filter(Boolean).length < minWords) r.report(r.node(m, 'answer'), 'error', `${w}: the model answer is shorter than minWords (${minWords})`);
  return Object.freeze({ id, prompt, answer, minWords });
}

function readExercise(r: FileReader, node: Node, known: ReadonlySet<string>): Exercise | undefined {
  const m: YAMLMap | undefined = r.map(node, 'exercise');
  if (!m) return undefined;
  const topic = r.str(m, 'topic', 'exercise');
  const what = topic ? `exercise '${topic}'` : 'exercise';
  r.checkKeys(m, EXERCISE_KEYS, what);
  if (!topic) return undefined;
  if (!known.has(topic)) {
    r.report(r.node(m, 'topic'), 'error', `${what}: no topic with this id`);
    return undefined;
  }
  const kind = r.str(m, 'kind', what);
  if (kind !== 'code' && kind !== 'reflection') {
    r.report(r.node(m, 'kind') ?? m, 'error', `${what}: kind must be 'code' or 'reflection'`);
    return undefined;
  }
  const packages = r.strList(m, 'packages', what).map((p) => p.value);
  for (const p of packages) if (!(p in PACKAGES)) r.report(r.node(m, 'packages'), 'warning', `${what}: package '${p}' is not one the exercises may use`);
  const intro = r.str(m, 'intro', what, false);
  const setup = r.str(m, 'setup', what, kind === 'code') ?? '';
  const tasks: CodeTask[] = [];
  const ids = new Set<string>();
  r.seq(m, 'tasks', what, kind === 'code').forEach((t, i) => {
    const task = readTask(r, t, `${what} task ${i + 1}`);
    if (!task) return;
    if (ids.has(task.id)) r.report(t, 'error', `${what}: duplicate task id '${task.id}'`);
    else {
      ids.add(task.id);
      tasks.push(task);
    }
  });
  const questions: ReflectionQuestion[] = [];
  r.seq(m, 'questions', what, kind === 'reflection').forEach((q, i) => {
    const question = readQuestion(r, q, `${what} question ${i + 1}`);
    if (!question) return;
    if (ids.has(question.id)) r.report(q, 'error', `${what}: duplicate question id '${question.id}'`);
    else {
      ids.add(question.id);
      questions.push(question);
    }
  });
  const checklist = r.strList(m, 'checklist', what).map((c) => c.value);
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
  });
}

export interface ExerciseLoadResult {
  readonly exercises: ReadonlyMap<string, Exercise>;
  readonly issues: readonly LoadIssue[];
}

/** Loads exercise files (`exercises: [...]` at the top). Never throws. */
export function loadExercises(files: readonly SourceFile[], topicIds: Iterable<string>): ExerciseLoadResult {
  const issues: LoadIssue[] = [];
  const exercises = new Map<string, Exercise>();
  const known = new Set(topicIds);
  for (const file of files) {
    try {
      const parsed = parseFile(file, issues);
      if (!parsed) continue;
      const { reader: r, doc } = parsed;
      const root = r.map(doc.contents, 'exercise file');
      if (!root) continue;
      r.checkKeys(root, ['stage', 'exercises'], 'exercise file');
      for (const node of r.seq(root, 'exercises', 'exercise file', true)) {
        const ex = readExercise(r, node, known);
        if (!ex) continue;
        if (exercises.has(ex.topic)) r.report(node, 'error', `duplicate exercise for topic '${ex.topic}'`);
        else exercises.set(ex.topic, ex);
      }
    } catch (e) {
      issues.push({ file: file.name, line: 1, column: 1, severity: 'error', message: `could not load exercises: ${(e as Error).message}` });
    }
  }
  return { exercises, issues };
}

function words(s: string, n: number): string {
  return s.split(/\s+/).filter(Boolean).slice(0, n).join(' ');
}

/** The reflection exercise every topic gets when none is authored: built from its own content. */
export function defaultExercise(topic: Topic): Exercise {
  const plain = (s: string) => s.replace(/[`*_#>$]/g, '').replace(/\s+/g, ' ').trim();
  const details = plain(topic.details);
  const model = (lead: string, n: number) => `${lead} ${words(`${plain(topic.summary)} ${details}`, n)}`;
  return {
    topic: topic.id,
    kind: 'reflection',
    packages: [],
    setup: '',
    tasks: [],
    questions: [
      { id: 'explain', prompt: `Explain **${topic.title}** in your own words, as you would to a colleague who has not met it.`, minWords: 30, answer: model('In short:', 60) },
      { id: 'when', prompt: 'When would you use it in a real project, and when would you not? Give one concrete example of each.', minWords: 25, answer: model('Use and limits:', 50) },
      { id: 'pitfall', prompt: 'Name one common pitfall and how you would detect or avoid it.', minWords: 15, answer: model('A pitfall to watch:', 40) },
    ],
    checklist: topic.keyPoints.slice(0, 8).map((k) => `I can explain: ${plain(k)}`),
  };
}

/** Checks an identifier-safe id for Python (`check_<id>` function names). */
export function pyName(id: string): string {
  return KEBAB_ID.test(id) ? id.replace(/-/g, '_') : 'task';
}
