import { parseCardId, cardId, grade, type QuizAnswer, type QuizQuestion } from '../../core/quiz/quizModel';
import { renderGrade, renderRated, scoreText, type ReviewSessionView } from '../../core/pages/quizSection';
import { dueCards, interleave, topicScore, type ReviewCard, type ReviewRating } from '../../core/review/reviewCards';
import { review } from '../../core/review/scheduler';
import type { SaveResult } from '../../core/progress/progressBook';
import type { ProgressStore } from '../progressStore';
import type { RoadmapService } from '../roadmapService';

const DAY = 86_400_000;

/** What grading returns to the page. */
export interface GradedAnswer {
  readonly correct: boolean;
  readonly html: string;
  readonly score: string;
  /** Resolves when the card is saved (or could not be). */
  readonly saved: Promise<SaveResult>;
}

/**
 * Quizzes and spaced review in the host: grades answers (the page never decides), turns every
 * answered question into a review card (FSRS), takes the learner's own rating after the
 * feedback, and runs review sessions. Time comes from `clock`, so tests can fix it.
 */
export class QuizService {
  /** Per card, the card as it was before the answer just given: a rating re-reviews from it. */
  private readonly beforeAnswer = new Map<string, { card: ReviewCard | undefined; correct: boolean }>();
  private session: { queue: string[]; index: number; done: number; right: number } | undefined;

  constructor(
    private readonly roadmap: RoadmapService,
    private readonly store: ProgressStore,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  /** A topic's questions (from its page data), or none. */
  async questions(topicId: string): Promise<readonly QuizQuestion[]> {
    await this.roadmap.get();
    return (await this.roadmap.topicHtml(topicId))?.quiz ?? [];
  }

  async question(topicId: string, questionId: string): Promise<QuizQuestion | undefined> {
    return (await this.questions(topicId)).find((q) => q.id === questionId);
  }

  /** The score line of a topic's quiz. */
  score(topicId: string, questions: readonly QuizQuestion[]): { right: number; answered: number; total: number } {
    return topicScore(this.store.reviewCards, topicId, questions.map((q) => q.id));
  }

  /**
   * Grades an answer and schedules the card: a right answer as Good for now (the learner may
   * rate it otherwise), a wrong one as Again. Undefined when the question or answer is unknown.
   */
  async answer(topicId: string, questionId: string, answer: QuizAnswer): Promise<GradedAnswer | undefined> {
    const questions = await this.questions(topicId);
    const q = questions.find((x) => x.id === questionId);
    const g = q && grade(q, answer);
    if (!q || !g) return undefined;
    const id = cardId(topicId, questionId);
    const before = this.store.reviewCards[id];
    this.beforeAnswer.set(id, { card: before, correct: g.correct });
    // The card changes in memory at once; the feedback does not wait for the save to reach the disk.
    const saved = this.store.setCard(id, review(before, g.correct ? 3 : 1, g.correct, this.clock()));
    if (this.session && this.session.queue[this.session.index] === id) {
      this.session.done++;
      if (g.correct) this.session.right++;
    }
    return { correct: g.correct, html: renderGrade(q, g), score: scoreText(this.score(topicId, questions)), saved };
  }

  /** The learner's own rating of a right answer just given; returns when it comes back. */
  async rate(topicId: string, questionId: string, rating: ReviewRating): Promise<{ html: string; saved: Promise<SaveResult> } | undefined> {
    const id = cardId(topicId, questionId);
    const before = this.beforeAnswer.get(id);
    if (!before?.correct) return undefined;
    const card = review(before.card, rating, true, this.clock());
    const saved = this.store.setCard(id, card);
    return { html: renderRated(card, this.clock()), saved };
  }

  /** Reviews due now. */
  dueCount(): number {
    return dueCards(this.store.reviewCards, this.clock()).length;
  }

  /** Starts a review session over the cards due now, interleaved across topics. */
  startSession(): void {
    this.session = { queue: interleave(dueCards(this.store.reviewCards, this.clock())), index: 0, done: 0, right: 0 };
  }

  /** Goes to the next card of the session. */
  next(): void {
    if (this.session) this.session.index++;
  }

  /** What the review view shows now. */
  async sessionView(): Promise<ReviewSessionView> {
    this.session ??= { queue: interleave(dueCards(this.store.reviewCards, this.clock())), index: 0, done: 0, right: 0 };
    const s = this.session;
    const loaded = await this.roadmap.get();
    // Skip cards whose topic or question no longer exists (the roadmap changed since).
    while (s.index < s.queue.length) {
      const ref = parseCardId(s.queue[s.index]);
      const topic = ref && loaded.index?.topic(ref.topic);
      const question = topic && (await this.question(topic.id, ref.question));
      if (topic && question) {
        return { current: { topicId: topic.id, topicTitle: topic.title, question }, done: s.done, right: s.right, left: s.queue.length - s.index, outlook: this.outlook() };
      }
      s.index++;
    }
    return { done: s.done, right: s.right, left: 0, outlook: this.outlook() };
  }

  /** Due counts by horizon, for the end of a session. */
  private outlook(): ReviewSessionView['outlook'] {
    const now = this.clock().getTime();
    const o = { today: 0, tomorrow: 0, week: 0, later: 0 };
    for (const c of Object.values(this.store.reviewCards)) {
      const d = (c.due - now) / DAY;
      if (d <= 0) o.today++;
      else if (d <= 1) o.tomorrow++;
      else if (d <= 7) o.week++;
      else o.later++;
    }
    return o;
  }

  /**
   * A passed exercise schedules a review of its topic: each of the topic's questions that is not
   * a card yet becomes one, as if answered right today, so it comes back in a few days.
   */
  async scheduleTopic(topicId: string): Promise<number> {
    const now = this.clock();
    let added = 0;
    for (const q of await this.questions(topicId)) {
      const id = cardId(topicId, q.id);
      if (this.store.reviewCards[id]) continue;
      await this.store.setCard(id, { ...review(undefined, 3, true, now), log: [] });
      added++;
    }
    return added;
  }
}
