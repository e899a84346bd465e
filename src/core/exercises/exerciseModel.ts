/**
 * Exercises as data (no YAML here, so the extension bundle stays small): the shapes authored under
 * `roadmap/exercises/`, and the reflection exercise every topic without an authored one gets.
 */
import { ID_PATTERN } from '../ids';
import type { Topic } from '../roadmap/model';
import { deriveRubric } from './rubric';

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
  /** Reflection only: 3–5 criteria the learner rates their answers against after the model answers (derived when absent). */
  readonly rubric?: readonly string[];
  /** "Tested with Python ... and numpy ... (Debian 12) and ..." (set by the build from roadmap/exercises/tested-with.json). */
  readonly testedWith?: string;
}

/** Import name -> what `pip install` needs, for the "this exercise needs ..." message. */
export const PACKAGES: Readonly<Record<string, string>> = {
  numpy: 'numpy', pandas: 'pandas', scipy: 'scipy', sklearn: 'scikit-learn', statsmodels: 'statsmodels',
  matplotlib: 'matplotlib', seaborn: 'seaborn', torch: 'torch', xgboost: 'xgboost', umap: 'umap-learn',
  nltk: 'nltk', fastapi: 'fastapi', httpx: 'httpx', sympy: 'sympy', joblib: 'joblib', sqlite3: 'sqlite3', networkx: 'networkx', dask: 'dask[dataframe]',
};

function words(s: string, n: number): string {
  return s.split(/\s+/).filter(Boolean).slice(0, n).join(' ');
}

/** The reflection exercise every topic gets when none is authored: built from its own content. */
export function defaultExercise(topic: Topic): Exercise {
  const plain = (s: string) => s.replace(/[`*_#>$]/g, '').replace(/\s+/g, ' ').trim();
  const details = plain(topic.details);
  const model = (lead: string, n: number) => `${lead} ${words(`${plain(topic.summary)} ${details}`, n)}`;
  const questions: ReflectionQuestion[] = [
    { id: 'explain', prompt: `Explain **${topic.title}** in your own words, as you would to a colleague who has not met it.`, minWords: 30, answer: model('In short:', 60) },
    { id: 'when', prompt: 'When would you use it in a real project, and when would you not? Give one concrete example of each.', minWords: 25, answer: model('Use and limits:', 50) },
    { id: 'pitfall', prompt: 'Name one common pitfall and how you would detect or avoid it.', minWords: 15, answer: model('A pitfall to watch:', 40) },
  ];
  return {
    topic: topic.id,
    kind: 'reflection',
    packages: [],
    setup: '',
    tasks: [],
    questions,
    checklist: topic.keyPoints.slice(0, 8).map((k) => `I can explain: ${plain(k)}`),
    rubric: deriveRubric(topic, questions),
  };
}

/** Checks an identifier-safe id for Python (`check_<id>` function names). */
export function pyName(id: string): string {
  return ID_PATTERN.test(id) ? id.replace(/-/g, '_') : 'task';
}
