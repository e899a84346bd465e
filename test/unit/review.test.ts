// Spaced review: the scheduler with a fixed clock, the cards' storage, merge and figures.
import * as assert from 'node:assert/strict';
import { recoverProgress } from '../../src/core/progress/progressState';
import { merge, parseExport, toExport } from '../../src/core/progress/progressTransfer';
import {
  dueCards, forecast, interleave, mergeCards, recoverCards, retention, storeCard, storeCards, topicScore, type ReviewCard,
} from '../../src/core/review/reviewCards';
import { review } from '../../src/core/review/scheduler';

const DAY = 86_400_000;
const T0 = new Date('2026-03-01T09:00:00.000Z');
const at = (days: number) => new Date(T0.getTime() + days * DAY);
const interval = (c: ReviewCard, now: Date) => (c.due - now.getTime()) / DAY;

describe('review: the FSRS scheduler with a fixed clock', () => {
  it('a first right answer is due again in days, and every later success makes the interval grow', () => {
    let now = T0;
    let c = review(undefined, 3, true, now);
    const intervals = [interval(c, now)];
    for (let i = 0; i < 5; i++) {
      now = new Date(c.due);
      c = review(c, 3, true, now);
      intervals.push(interval(c, now));
    }
    console.log(`      Good, Good, ...: ${intervals.map((d) => d.toFixed(0)).join(', ')} days`);
    assert.ok(intervals[0] >= 1, `first interval ${intervals[0]}`);
    for (let i = 1; i < intervals.length; i++) assert.ok(intervals[i] > intervals[i - 1], intervals.join(', '));
    assert.equal(c.reps, 6);
    assert.equal(c.log.length, 6);
  });

  it('Again (or a wrong answer) resets: due tomorrow, one more lapse, and the next success starts small again', () => {
    let c = review(undefined, 3, true, T0);
    for (let i = 0; i < 4; i++) c = review(c, 3, true, new Date(c.due));
    const long = interval(c, new Date(c.lastReview));
    const now = new Date(c.due);
    const again = review(c, 3, false, now);
    assert.equal(interval(again, now), 1, 'a wrong answer comes back the next day');
    assert.equal(again.lapses, c.lapses + 1);
    assert.deepEqual(again.log.at(-1), { at: now.getTime(), rating: 1, correct: false });
    const back = review(again, 3, true, new Date(again.due));
    assert.ok(interval(back, new Date(again.due)) < long / 2, `after a lapse ${interval(back, new Date(again.due))} days, before ${long}`);
    const rated = review(c, 1, true, now);
    assert.equal(interval(rated, now), 1, 'rated Again by the learner: also tomorrow');
  });

  it('Easy schedules further out than Good, Good further than Hard', () => {
    const base = review(review(undefined, 3, true, T0), 3, true, at(3));
    const now = new Date(base.due);
    const [hard, good, easy] = [2, 3, 4].map((r) => interval(review(base, r as 2 | 3 | 4, true, now), now));
    assert.ok(hard < good && good < easy, `${hard} ${good} ${easy}`);
  });

  it('is deterministic: the same reviews at the same times give the same card', () => {
    const a = review(review(undefined, 3, true, T0), 4, true, at(2));
    const b = review(review(undefined, 3, true, T0), 4, true, at(2));
    assert.deepEqual(a, b);
  });
});

describe('review: cards in the progress store', () => {
  const card = (due: number, updated = due, log: ReviewCard['log'] = []): ReviewCard => ({
    due, stability: 3.2, difficulty: 5.1, scheduledDays: 3, learningSteps: 0, reps: 1, lapses: 0, state: 2, lastReview: due - 3 * DAY, updated, log,
  });

  it('stores a card as a compact array and reads it back exactly', () => {
    const c = card(at(3).getTime(), at(0).getTime(), [{ at: T0.getTime(), rating: 3, correct: true }]);
    const notes: string[] = [];
    const back = recoverCards(JSON.parse(JSON.stringify({ 'vectors/q1': storeCard(c) })), notes);
    assert.deepEqual(back, { 'vectors/q1': c });
    assert.deepEqual(notes, []);
  });

  it('keeps every valid card of damaged review data and notes the others', () => {
    const good = storeCard(card(at(1).getTime()));
    const notes: string[] = [];
    const cards = recoverCards({
      'vectors/q1': good,
      'vectors/q2': 'not a card',
      'Bad Id/q': good,
      'vectors/q3': [Number.NaN, 1, 1, 1, 0, 1, 0, 2, 0, 0, []],
      'vectors/q4': [...good.slice(0, 7), 9, ...good.slice(8)],
      'vectors/q5': [...good.slice(0, 10), [[T0.getTime(), 7, 1], 'x', [T0.getTime(), 3, 1]]],
    }, notes);
    assert.deepEqual(Object.keys(cards).sort(), ['vectors/q1', 'vectors/q5']);
    assert.deepEqual(cards['vectors/q5'].log, [{ at: T0.getTime(), rating: 3, correct: true }], 'invalid log entries are dropped, valid ones kept');
    assert.equal(notes.length, 4);
    for (const raw of [undefined, null, 42, 'x', [1, 2]]) assert.deepEqual(recoverCards(raw, []), {}, JSON.stringify(raw));
  });

  it('migrates stored progress of version 2 (no cards) to version 3 and reads version 3 cards', () => {
    const v2 = recoverProgress({ version: 2, topics: { vectors: { status: 'done', updated: T0.toISOString(), source: 'manual', history: [] } } }, T0);
    assert.equal(v2.state.version, 3);
    assert.deepEqual(v2.state.cards, {});
    assert.equal(v2.state.topics.vectors.status, 'done');
    const v3 = recoverProgress({ version: 3, topics: {}, cards: storeCards({ 'vectors/q1': card(at(1).getTime()) }) }, T0);
    assert.deepEqual(Object.keys(v3.state.cards), ['vectors/q1']);
  });

  it('merges per card: the copy reviewed last wins, cards from either side are kept', () => {
    const a = { x: card(at(5).getTime(), at(1).getTime()), y: card(at(2).getTime(), at(1).getTime()) };
    const b = { x: card(at(9).getTime(), at(2).getTime()), y: card(at(8).getTime(), at(0).getTime()), z: card(at(3).getTime()) };
    const m = mergeCards(a, b);
    assert.equal(m.cards.x, b.x, 'newer review wins');
    assert.equal(m.cards.y, a.y, 'older incoming loses');
    assert.equal(m.cards.z, b.z);
    assert.deepEqual(m.changed.sort(), ['x', 'z']);
  });

  it('exports and imports review cards with the progress, and an import merges them', () => {
    const cards = { 'vectors/q1': card(at(4).getTime(), at(1).getTime()) };
    const state = { version: 3 as const, topics: {}, cards };
    const parsed = parseExport(JSON.stringify(toExport(state, 'Data Scientist', T0)));
    assert.ok(!('error' in parsed));
    assert.deepEqual(parsed.state.cards, cards);
    const newer = { 'vectors/q1': card(at(9).getTime(), at(3).getTime()), 'matrices/q1': card(at(2).getTime()) };
    const report = merge(state, { version: 3, topics: {}, cards: newer });
    assert.equal(report.cardsUpdated, 2);
    assert.equal(report.state.cards['vectors/q1'], newer['vectors/q1']);
  });

  it('counts what is due, interleaves a session across topics, forecasts 14 days and measures retention', () => {
    const now = at(10);
    const cards: Record<string, ReviewCard> = {
      'a/1': card(at(9).getTime()), 'a/2': card(at(8).getTime()), 'a/3': card(at(9.5).getTime()),
      'b/1': card(at(9.2).getTime()), 'c/1': card(at(10.5).getTime()), 'c/2': card(at(30).getTime()),
    };
    assert.deepEqual(dueCards(cards, now), ['a/2', 'a/1', 'b/1', 'a/3']);
    assert.deepEqual(interleave(dueCards(cards, now)), ['a/2', 'b/1', 'a/1', 'a/3']);
    const f = forecast(cards, now, 14);
    assert.equal(f.length, 14);
    assert.equal(f[0], 5, 'overdue and due later today count for today');
    assert.equal(f.reduce((x, y) => x + y, 0), 5, 'a card due in 20 days is outside the 14');
    const logged: Record<string, ReviewCard> = {
      'a/1': card(at(20).getTime(), 0, [{ at: at(1).getTime(), rating: 3, correct: true }, { at: at(5).getTime(), rating: 1, correct: false }]),
      'b/1': card(at(20).getTime(), 0, [{ at: at(-40).getTime(), rating: 3, correct: true }, { at: at(8).getTime(), rating: 3, correct: true }]),
    };
    assert.deepEqual(retention(logged, now, 30), { rate: 2 / 3, reviews: 3 });
    assert.equal(retention({}, now, 30), undefined);
    assert.deepEqual(topicScore(logged, 'a', ['1', '2']), { right: 0, answered: 1, total: 2 }, 'the last answer counts');
  });
});
