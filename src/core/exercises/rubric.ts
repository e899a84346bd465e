/**
 * Rubrics for reflection exercises: 3–5 criteria the learner rates their own answers against
 * (0 missing, 1 partly, 2 as well as the model answer) after reading the model answers. Authored in
 * `roadmap/exercises/*.yaml` (`rubric:`), or derived from the topic's key points, choosing the ones
 * the model answers talk about, so every criterion is specific to its topic.
 */
import type { Topic } from '../roadmap/model';

/** The parts of a reflection question and an exercise a rubric reads (no import of the model: no cycle). */
interface QuestionLike { readonly id: string; readonly prompt: string; readonly answer: string }
interface ExerciseLike { readonly kind: string; readonly questions: readonly QuestionLike[]; readonly rubric?: readonly string[] }

export const RUBRIC_MIN = 3;
export const RUBRIC_MAX = 5;
/** The longest criterion text kept when deriving one (a key point is cut at a word). */
const CRITERION_CHARS = 110;
/** Key points a derived rubric takes at most; the rest of the room goes to the questions. */
const FROM_KEY_POINTS = 4;

function plain(s: string): string {
  return s.replace(/\*\*|[`$\\]/g, '').replace(/\s+/g, ' ').trim();
}

function shorten(s: string, n: number): string {
  if (s.length <= n) return s;
  const cut = s.slice(0, n);
  const at = cut.lastIndexOf(' ');
  return `${(at > n / 2 ? cut.slice(0, at) : cut).replace(/[\s,;:—-]+$/, '')}…`;
}

function wordsOf(s: string): string[] {
  return s.toLowerCase().split(/[^\p{L}\p{N}]+/u).filter((w) => w.length >= 4);
}

/** How many distinct words of a key point the model answers use. */
function overlap(keyPoint: string, answerWords: ReadonlySet<string>): number {
  return new Set(wordsOf(keyPoint).filter((w) => answerWords.has(w))).size;
}

/**
 * A rubric from the topic's own content: the key points the model answers discuss most (at most
 * four, in the topic's order), then the conclusion of each question in turn, up to five.
 */
export function deriveRubric(topic: Topic, questions: readonly QuestionLike[]): string[] {
  const answerWords = new Set(wordsOf(questions.map((q) => q.answer).join(' ')));
  const points = topic.keyPoints.map((k, i) => ({ i, text: shorten(plain(k), CRITERION_CHARS), score: overlap(k, answerWords) }))
    .filter((p) => p.text);
  const chosen = [...points].sort((a, b) => b.score - a.score || a.i - b.i).slice(0, FROM_KEY_POINTS).sort((a, b) => a.i - b.i);
  const out: string[] = [];
  const add = (c: string) => { if (c && !out.includes(c) && out.length < RUBRIC_MAX) out.push(c); };
  for (const p of chosen) add(`Covers: ${p.text}`);
  const title = shorten(plain(topic.title), 60);
  for (const q of questions) add(`Reaches the model answer's conclusion on: ${shorten(plain(q.prompt), 90)}`);
  const terms = topic.keyTerms.slice(0, 3).map(plain).filter(Boolean);
  if (terms.length) add(`Uses ${terms.join(', ')} correctly when explaining ${title}`);
  add(`Gives a concrete example of ${title}`);
  add(`Names a limit or pitfall of ${title}`);
  add(`Explains ${title} without copying the model answer`);
  return out;
}

/** The criteria of a reflection exercise: its authored rubric, or one derived from the topic. */
export function rubricFor(topic: Topic, exercise: ExerciseLike): readonly string[] {
  if (exercise.kind !== 'reflection') return [];
  return exercise.rubric && exercise.rubric.length ? exercise.rubric : deriveRubric(topic, exercise.questions);
}

/** The exercise with its rubric written out (build time: exercises.json carries every reflection's criteria). */
export function withRubric<E extends ExerciseLike>(topic: Topic, exercise: E): E {
  return exercise.kind === 'reflection' && !exercise.rubric?.length ? { ...exercise, rubric: deriveRubric(topic, exercise.questions) } : exercise;
}
