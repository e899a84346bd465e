/**
 * "Check yourself" on a topic page, a review card, and the feedback the host sends after grading.
 * The page gets prompts and options only: which option is right, every feedback and the
 * explanation stay in the host until the learner has answered. Question HTML comes from the
 * build (markdown with raw HTML off, math typeset); every other text is escaped here.
 */
import { escapeAttr as attr, escapeHtml as esc } from '../html';
import type { Grade, QuizQuestion } from '../quiz/quizModel';
import type { ReviewCard } from '../review/reviewCards';

const KIND_HINT: Readonly<Record<QuizQuestion['kind'], string>> = {
  single: 'Choose one.',
  multiple: 'Choose all that apply.',
  numeric: 'Enter a number.',
  formula: 'Choose the right formula.',
};

/** One question as a form: the prompt, its options (or a number field), Check, and a place for the feedback. */
export function renderQuestion(topicId: string, q: QuizQuestion, index: number, context: 'page' | 'review'): string {
  const base = `q-${context}-${topicId}-${q.id}`;
  const inputs = q.kind === 'numeric'
    ? `<label class="numeric">Your answer <input type="text" inputmode="decimal" autocomplete="off" name="value" aria-describedby="${attr(base)}-prompt"></label>${q.unit ? ` <span class="unit">${esc(q.unit)}</span>` : ''}`
    : `<fieldset class="options"><legend class="sr-only">Options</legend>${q.options.map((o, i) =>
      `<label class="option"><input type="${q.kind === 'multiple' ? 'checkbox' : 'radio'}" name="${attr(base)}" value="${i}"><span class="option-text">${o.text}</span></label>`).join('')}</fieldset>`;
  return `<form class="question" data-qtopic="${attr(topicId)}" data-question="${attr(q.id)}" data-kind="${attr(q.kind)}" aria-labelledby="${attr(base)}-prompt">
<div class="q-head"><span class="q-number">${index + 1}.</span> <span class="q-kind">${esc(KIND_HINT[q.kind])}</span></div>
<div class="q-prompt" id="${attr(base)}-prompt">${q.prompt}</div>
${inputs}
<div class="q-actions"><button type="submit" data-action="answer">Check</button></div>
<div class="feedback" role="status" aria-live="polite"></div>
</form>`;
}

/** "You answered 3 of 4; 2 right the last time." */
export function scoreText(score: { readonly right: number; readonly answered: number; readonly total: number }): string {
  if (score.answered === 0) return `${score.total} questions, none answered yet.`;
  return `Your score: ${score.right} of ${score.total} right (${score.answered} answered).`;
}

/** The "Check yourself" section of a topic page. */
export function renderQuizSection(topicId: string, questions: readonly QuizQuestion[], score: { right: number; answered: number; total: number }): string {
  if (questions.length === 0) return '';
  return `<section class="quiz" aria-labelledby="h-quiz">
<h2 id="h-quiz">Check yourself</h2>
<p class="quiz-score" id="quiz-score">${esc(scoreText(score))}</p>
<p class="muted">Answers are checked by the extension; each answered question comes back for review when you are about to forget it (Roadmap: Review Due Questions).</p>
${questions.map((q, i) => renderQuestion(topicId, q, i, 'page')).join('\n')}
</section>`;
}

const RATINGS: readonly [1 | 2 | 3 | 4, string][] = [[1, 'Again'], [2, 'Hard'], [3, 'Good'], [4, 'Easy']];

/** The feedback after grading: right or not, why for every option, the explanation, and the rating buttons. */
export function renderGrade(q: QuizQuestion, g: Grade): string {
  const verdict = `<p class="verdict ${g.correct ? 'right' : 'wrong'}"><strong>${g.correct ? '✓ Right.' : '✗ Not quite.'}</strong>${g.expected ? ` The answer is ${esc(g.expected)}.` : ''}</p>`;
  const options = g.options.length === 0 ? '' : `<ul class="option-feedback">${g.options.map((o) => {
    const mark = o.correct ? '✓' : '✗';
    const cls = `${o.correct ? 'is-correct' : 'is-wrong'}${o.selected ? ' chosen' : ''}`;
    return `<li class="${cls}"><span class="mark" aria-label="${o.correct ? 'correct option' : 'wrong option'}${o.selected ? ', your choice' : ''}">${mark}</span> <span class="option-text">${q.options[o.index].text}</span> <span class="why">${o.feedback}</span></li>`;
  }).join('')}</ul>`;
  const mistake = g.feedback ? `<p class="mistake">${g.feedback}</p>` : '';
  const rate = g.correct
    ? `<div class="rate" role="group" aria-label="How well did you know it?"><span>How well did you know it?</span> ${RATINGS.map(([r, name]) =>
      `<button type="button" class="secondary" data-action="rate" data-rating="${r}" title="Key ${r}">${r} ${esc(name)}</button>`).join(' ')}</div>`
    : '<p class="muted">It comes back tomorrow.</p>';
  return `${verdict}${options}${mistake}<div class="explanation">${g.explanation}</div><p class="checks muted">Checks: ${q.checks}</p>${rate}`;
}

/** When a rated card comes back. */
export function renderRated(card: ReviewCard, now: Date): string {
  const days = Math.max(0, Math.round((card.due - now.getTime()) / 86_400_000));
  return `<p class="muted">Saved. It comes back ${days <= 0 ? 'today' : days === 1 ? 'tomorrow' : `in ${days} days`}.</p>`;
}

export interface ReviewSessionView {
  /** The card being asked, with where it comes from; undefined when the session is over. */
  readonly current?: { readonly topicId: string; readonly topicTitle: string; readonly question: QuizQuestion };
  readonly done: number;
  readonly right: number;
  /** Cards left in this session, the current one included. */
  readonly left: number;
  /** Due counts after the session: today, tomorrow, within 7 days, later. */
  readonly outlook: { readonly today: number; readonly tomorrow: number; readonly week: number; readonly later: number };
}

/** The review view: one card at a time, then a summary of what is due when. */
export function renderReviewContent(v: ReviewSessionView): string {
  const head = `<header><nav class="breadcrumb" aria-label="Breadcrumb">Review</nav><h1>Review due questions</h1></header>`;
  if (v.current) {
    const c = v.current;
    return `${head}<main class="review" data-left="${v.left}">
<p class="review-progress" role="status">${v.done} reviewed, ${v.left} left. <span class="muted">Keys: Enter checks; then 1–4 rate (Again, Hard, Good, Easy); N goes on.</span></p>
<p class="review-topic">From <a href="#" class="topic-link" data-topic="${attr(c.topicId)}">${esc(c.topicTitle)}</a></p>
${renderQuestion(c.topicId, c.question, 0, 'review')}
<div class="q-actions"><button type="button" class="secondary" data-action="nextCard" id="next-card">Next card (N)</button></div>
</main>`;
  }
  const o = v.outlook;
  const summary = v.done === 0 ? '<p>Nothing is due now. Answer the questions on topic pages to fill your review queue.</p>'
    : `<p>You reviewed ${v.done} card${v.done === 1 ? '' : 's'}, ${v.right} right.</p>`;
  return `${head}<main class="review review-done">
${summary}
<h2>What is due when</h2>
<ul class="outlook"><li>Still due today: ${o.today}</li><li>Tomorrow: ${o.tomorrow}</li><li>In the next 7 days: ${o.week}</li><li>Later: ${o.later}</li></ul>
<div class="actions"><button type="button" data-action="showProgress" class="secondary">Progress</button></div>
</main>`;
}
