/**
 * Spaced review with FSRS through ts-fsrs (MIT, no dependencies): given a card and a rating, when
 * is it due next. Time is always passed in, so tests run the scheduler with a fixed clock.
 *
 * Learning steps of minutes are off (`enable_short_term: false`): a learner reviews in sessions
 * days apart, so every interval is in days, and a card rated Again is due again the next day.
 */
import { createEmptyCard, fsrs, type Card, type FSRS, type Grade } from 'ts-fsrs';
import { LOG_LIMIT, type CardState, type ReviewCard, type ReviewRating } from './reviewCards';

let instance: FSRS | undefined;
function scheduler(): FSRS {
  instance ??= fsrs({ enable_fuzz: false, enable_short_term: false, request_retention: 0.9, maximum_interval: 365 * 3 });
  return instance;
}

function toFsrs(c: ReviewCard): Card {
  return {
    due: new Date(c.due), stability: c.stability, difficulty: c.difficulty,
    elapsed_days: 0, scheduled_days: c.scheduledDays, learning_steps: c.learningSteps,
    reps: c.reps, lapses: c.lapses, state: c.state,
    ...(c.lastReview > 0 ? { last_review: new Date(c.lastReview) } : {}),
  };
}

/**
 * The card after one review: `rating` is the learner's (Again, Hard, Good, Easy); a wrong answer
 * is always Again. Returns a new card; the old one is unchanged.
 */
export function review(card: ReviewCard | undefined, rating: ReviewRating, correct: boolean, now: Date): ReviewCard {
  const effective: ReviewRating = correct ? rating : 1;
  const before = card ? toFsrs(card) : createEmptyCard(now);
  const next = scheduler().next(before, now, effective as Grade).card;
  const at = now.getTime();
  // Forgotten: ask again tomorrow, whatever the memory model thinks is left of it.
  const due = effective === 1 ? Math.min(next.due.getTime(), at + 86_400_000) : next.due.getTime();
  return {
    due,
    stability: next.stability,
    difficulty: next.difficulty,
    scheduledDays: effective === 1 ? Math.min(1, next.scheduled_days) : next.scheduled_days,
    learningSteps: next.learning_steps,
    reps: next.reps,
    lapses: next.lapses,
    state: next.state as CardState,
    lastReview: at,
    updated: at,
    log: [...(card?.log ?? []), { at, rating: effective, correct }].slice(-LOG_LIMIT),
  };
}

/** Days from `now` until the card is due (0 when due). */
export function daysUntilDue(card: ReviewCard, now: Date): number {
  return Math.max(0, Math.ceil((card.due - now.getTime()) / 86_400_000));
}
