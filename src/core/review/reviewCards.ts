/**
 * Review cards: every answered quiz question becomes one, scheduled by FSRS (scheduler.ts). This
 * module is their shape and rules, free of `vscode` and of the scheduler: storing them compactly,
 * reading whatever is stored (keeping every valid card), merging two copies (per card, the newest
 * review wins), and the figures the learner sees (due now, a forecast, retention, a topic's score).
 *
 * Times are epoch milliseconds, and a stored card is a flat array: thousands of cards then cost
 * a few hundred kilobytes and a few milliseconds to read or write.
 */
import { parseCardId } from '../quiz/quizModel';

/** 1 Again, 2 Hard, 3 Good, 4 Easy (FSRS's ratings). */
export type ReviewRating = 1 | 2 | 3 | 4;
/** 0 New, 1 Learning, 2 Review, 3 Relearning (FSRS's states). */
export type CardState = 0 | 1 | 2 | 3;

export interface ReviewLogEntry {
  /** When (epoch ms). */
  readonly at: number;
  readonly rating: ReviewRating;
  /** Whether the answer itself was right (a wrong answer is always rated Again). */
  readonly correct: boolean;
}

export interface ReviewCard {
  /** When the card is due next (epoch ms). */
  readonly due: number;
  readonly stability: number;
  readonly difficulty: number;
  readonly scheduledDays: number;
  readonly learningSteps: number;
  readonly reps: number;
  readonly lapses: number;
  readonly state: CardState;
  /** The last review (epoch ms), 0 for none. */
  readonly lastReview: number;
  /** When this card last changed (epoch ms): merges keep the newer copy. */
  readonly updated: number;
  /** The last reviews, oldest first (at most {@link LOG_LIMIT}). */
  readonly log: readonly ReviewLogEntry[];
}

export type ReviewCards = Readonly<Record<string, ReviewCard>>;

/** How a card is stored: [due, stability, difficulty, scheduledDays, learningSteps, reps, lapses, state, lastReview, updated, log]. */
export type StoredCard = [number, number, number, number, number, number, number, number, number, number, [number, number, number][]];

export const LOG_LIMIT = 8;
const DAY = 86_400_000;

const round = (n: number) => Math.round(n * 1e4) / 1e4;

export function storeCard(c: ReviewCard): StoredCard {
  return [c.due, round(c.stability), round(c.difficulty), c.scheduledDays, c.learningSteps, c.reps, c.lapses, c.state, c.lastReview, c.updated,
    c.log.map((e) => [e.at, e.rating, e.correct ? 1 : 0])];
}

export function storeCards(cards: ReviewCards): Record<string, StoredCard> {
  const out: Record<string, StoredCard> = {};
  for (const [id, c] of Object.entries(cards)) out[id] = storeCard(c);
  return out;
}

const time = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v) && v > 0 && v < 8.64e15;
const count = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v) && v >= 0;

function readLog(raw: unknown): ReviewLogEntry[] {
  if (!Array.isArray(raw)) return [];
  const out: ReviewLogEntry[] = [];
  for (const e of raw) {
    if (!Array.isArray(e) || !time(e[0]) || ![1, 2, 3, 4].includes(e[1] as number)) continue;
    out.push({ at: e[0], rating: e[1] as ReviewRating, correct: e[2] === 1 });
  }
  return out.sort((a, b) => a.at - b.at).slice(-LOG_LIMIT);
}

/** One stored card, or why it is dropped. */
function readCard(raw: unknown): ReviewCard | string {
  if (!Array.isArray(raw) || raw.length < 11) return 'not a stored card';
  const [due, stability, difficulty, scheduledDays, learningSteps, reps, lapses, state, lastReview, updated, log] = raw as unknown[];
  if (!time(due)) return 'no valid due time';
  if (!count(stability) || !count(difficulty) || !count(scheduledDays) || !count(learningSteps) || !count(reps) || !count(lapses)) return 'numbers out of range';
  if (state !== 0 && state !== 1 && state !== 2 && state !== 3) return 'unknown state';
  return {
    due, stability, difficulty, scheduledDays, learningSteps: Math.floor(learningSteps), reps: Math.floor(reps), lapses: Math.floor(lapses), state,
    lastReview: time(lastReview) ? lastReview : 0, updated: time(updated) ? updated : due, log: readLog(log),
  };
}

/** Reads stored cards, keeping every valid one; invalid ones are dropped with a note. Never throws. */
export function recoverCards(raw: unknown, notes: string[]): Record<string, ReviewCard> {
  const cards: Record<string, ReviewCard> = {};
  if (raw === undefined || raw === null) return cards;
  if (typeof raw !== 'object' || Array.isArray(raw)) {
    notes.push('review cards are not a table; starting without them');
    return cards;
  }
  let dropped = 0;
  for (const [id, v] of Object.entries(raw)) {
    const card = parseCardId(id) ? readCard(v) : 'not a card id';
    if (typeof card !== 'string') {
      cards[id] = card;
      continue;
    }
    dropped++;
    if (dropped <= 5) notes.push(`dropped review card '${id.slice(0, 80)}': ${card}`);
  }
  if (dropped > 5) notes.push(`dropped ${dropped} invalid review cards in all`);
  return cards;
}

/** Per card, the copy that changed last wins; cards only one side has are kept. */
export function mergeCards(current: ReviewCards, incoming: ReviewCards): { cards: Record<string, ReviewCard>; changed: string[] } {
  const cards: Record<string, ReviewCard> = { ...current };
  const changed: string[] = [];
  for (const [id, inc] of Object.entries(incoming)) {
    const cur = Object.prototype.hasOwnProperty.call(cards, id) ? cards[id] : undefined;
    if (!cur || inc.updated > cur.updated) {
      cards[id] = inc;
      changed.push(id);
    }
  }
  return { cards, changed };
}

/** Cards due at `now`, soonest first. */
export function dueCards(cards: ReviewCards, now: Date): string[] {
  const t = now.getTime();
  return Object.entries(cards).filter(([, c]) => c.due <= t).sort((a, b) => a[1].due - b[1].due || a[0].localeCompare(b[0])).map(([id]) => id);
}

/**
 * The order of a review session: due cards interleaved across topics (one card of each topic in
 * turn, each topic's cards soonest first), so that two questions of one topic never follow each
 * other while other topics wait.
 */
export function interleave(ids: readonly string[]): string[] {
  const byTopic = new Map<string, string[]>();
  for (const id of ids) {
    const topic = parseCardId(id)?.topic ?? id;
    let list = byTopic.get(topic);
    if (!list) byTopic.set(topic, (list = []));
    list.push(id);
  }
  const queues = [...byTopic.values()];
  const out: string[] = [];
  for (let round = 0; out.length < ids.length; round++) for (const q of queues) if (round < q.length) out.push(q[round]);
  return out;
}

/** How many cards fall due on each of the next `days` days (day 0 = today in UTC, overdue included). */
export function forecast(cards: ReviewCards, now: Date, days = 14): number[] {
  const out = new Array<number>(days).fill(0);
  const start = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  for (const c of Object.values(cards)) {
    const d = Math.floor((c.due - start) / DAY);
    if (d < days) out[Math.max(0, d)]++;
  }
  return out;
}

/** Share of reviews in the last `days` days whose answer was right; undefined without reviews. */
export function retention(cards: ReviewCards, now: Date, days = 30): { readonly rate: number; readonly reviews: number } | undefined {
  const since = now.getTime() - days * DAY;
  let reviews = 0;
  let right = 0;
  for (const c of Object.values(cards)) {
    for (const e of c.log) {
      if (e.at <= since || e.at > now.getTime()) continue;
      reviews++;
      if (e.correct) right++;
    }
  }
  return reviews ? { rate: right / reviews, reviews } : undefined;
}

/** A topic's quiz score: of its questions, how many were answered, and how many right the last time. */
export function topicScore(cards: ReviewCards, topicId: string, questionIds: readonly string[]): { readonly right: number; readonly answered: number; readonly total: number } {
  let right = 0;
  let answered = 0;
  for (const q of questionIds) {
    const id = `${topicId}/${q}`;
    const last = Object.prototype.hasOwnProperty.call(cards, id) ? cards[id].log.at(-1) : undefined;
    if (!last) continue;
    answered++;
    if (last.correct) right++;
  }
  return { right, answered, total: questionIds.length };
}
