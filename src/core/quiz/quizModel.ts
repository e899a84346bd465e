/**
 * Quizzes as data, free of YAML and KaTeX: the shapes authored under `roadmap/quizzes/`, and the
 * grading rules. Grading runs in the extension host only; the page never sees an answer before
 * the learner has answered.
 */

export type QuestionKind = 'single' | 'multiple' | 'numeric' | 'formula';
export const QUESTION_KINDS: readonly QuestionKind[] = ['single', 'multiple', 'numeric', 'formula'];

export interface QuizOption {
  /** Markdown (single, multiple) or TeX (formula). */
  readonly text: string;
  readonly correct: boolean;
  /** Why this option is right or wrong. */
  readonly feedback: string;
}

/** A wrong numeric answer that learners often give, with feedback for it. */
export interface NumericMistake {
  readonly value: number;
  readonly feedback: string;
}

export interface QuizQuestion {
  /** Kebab-case, unique in its topic. The review card id is `<topic>/<id>`. */
  readonly id: string;
  readonly kind: QuestionKind;
  /** The key point or formula the question checks. */
  readonly checks: string;
  /** Markdown with `$math$`. */
  readonly prompt: string;
  /** single, multiple and formula. */
  readonly options: readonly QuizOption[];
  /** numeric: the answer, the tolerance around it, an optional unit. */
  readonly answer?: number;
  readonly tolerance?: number;
  readonly unit?: string;
  /** numeric: arithmetic that recomputes the answer from the prompt's data (checked by the tests). */
  readonly compute?: string;
  readonly mistakes?: readonly NumericMistake[];
  /** Shown after any answer: how to get it right (numeric: the working). */
  readonly explanation: string;
}

export interface TopicQuiz {
  readonly topic: string;
  readonly questions: readonly QuizQuestion[];
}

/** A learner's answer, as the page sends it: option indexes, or a number. */
export type QuizAnswer = { readonly kind: 'choice'; readonly selected: readonly number[] } | { readonly kind: 'numeric'; readonly value: number };

export interface OptionVerdict {
  readonly index: number;
  readonly correct: boolean;
  readonly selected: boolean;
  readonly feedback: string;
}

export interface Grade {
  readonly correct: boolean;
  /** Per option (choice kinds), in authored order. */
  readonly options: readonly OptionVerdict[];
  /** The feedback that answers this particular answer (numeric: the mistake's, or the general one). */
  readonly feedback: string;
  readonly explanation: string;
  /** numeric: the expected value with its tolerance, for the feedback. */
  readonly expected?: string;
}

function formatNumber(n: number): string {
  return Number.isInteger(n) ? String(n) : String(Number(n.toPrecision(6)));
}

/**
 * Grades an answer. A choice answer is right only when the selected set equals the correct set
 * (for multiple choice, every correct option and no wrong one). Returns undefined when the answer
 * does not fit the question (a message that must be ignored).
 */
export function grade(q: QuizQuestion, answer: QuizAnswer): Grade | undefined {
  if (q.kind === 'numeric') {
    if (answer.kind !== 'numeric' || !Number.isFinite(answer.value) || q.answer === undefined) return undefined;
    const tol = q.tolerance ?? 0;
    const correct = Math.abs(answer.value - q.answer) <= tol + 1e-12 * Math.max(1, Math.abs(q.answer));
    const mistake = correct ? undefined : q.mistakes?.find((m) => Math.abs(m.value - answer.value) <= Math.max(tol, 1e-9));
    return {
      correct,
      options: [],
      feedback: mistake?.feedback ?? '',
      explanation: q.explanation,
      expected: `${formatNumber(q.answer)}${tol > 0 ? ` ± ${formatNumber(tol)}` : ''}${q.unit ? ` ${q.unit}` : ''}`,
    };
  }
  if (answer.kind !== 'choice') return undefined;
  const picked = new Set(answer.selected);
  if (picked.size !== answer.selected.length || answer.selected.some((i) => !Number.isInteger(i) || i < 0 || i >= q.options.length)) return undefined;
  if (picked.size === 0 || (q.kind !== 'multiple' && picked.size !== 1)) return undefined;
  const options = q.options.map((o, index) => ({ index, correct: o.correct, selected: picked.has(index), feedback: o.feedback }));
  const correct = options.every((o) => o.correct === o.selected);
  return { correct, options, feedback: '', explanation: q.explanation };
}

/** The review card id of a question. */
export function cardId(topic: string, questionId: string): string {
  return `${topic}/${questionId}`;
}

/** `topic/question` -> its parts, or undefined when it is not a card id. */
export function parseCardId(id: string): { topic: string; question: string } | undefined {
  const m = /^([a-z0-9]+(?:-[a-z0-9]+)*)\/([a-z0-9]+(?:-[a-z0-9]+)*)$/.exec(id);
  return m ? { topic: m[1], question: m[2] } : undefined;
}
