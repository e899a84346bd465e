// Browser side of a roadmap page: a topic or the progress dashboard. The math arrives typeset
// (KaTeX runs at build time), so this script only wires links, buttons and map nodes to typed
// messages, applies status updates, and swaps the content when the host navigates the page.
import { isHttpsUrl } from '../core/ids';
import { ENVIRONMENT_ACTIONS, parseHostMessage, type AnswerPayload, type EnvironmentAction, type PartView, type PlainView, type WebviewMessage } from '../protocol';

declare function acquireVsCodeApi(): { postMessage(m: unknown): void; setState(s: unknown): void; getState(): unknown };
const vscode = acquireVsCodeApi();
const post = (m: WebviewMessage) => vscode.postMessage(m);

const body = document.body;
const content = document.getElementById('page');
type View = 'topic' | PlainView | PartView;
const VIEWS: readonly View[] = ['dashboard', 'review', 'overview', 'environment', 'stage', 'section'];
const asView = (v: string | undefined): View => VIEWS.find((x) => x === v) ?? 'topic';
const isPart = (v: View): v is PartView => v === 'stage' || v === 'section';
let view: View = asView(body.dataset.view);
let topicId = body.dataset.topic ?? '';
/** The stage's or section's id on a part's page. */
let partId = body.dataset.id ?? '';

function setDone(done: boolean): void {
  body.dataset.done = String(done);
  const status = document.querySelector('.status');
  if (status) status.textContent = done ? 'Done' : 'Not done';
  const btn = document.getElementById('toggle-complete');
  if (btn) {
    btn.dataset.action = done ? 'markIncomplete' : 'markComplete';
    btn.textContent = done ? 'Mark incomplete' : 'Mark complete';
  }
}

/** The page shows something new: remember it for the serializer and report that it painted. */
function shown(): void {
  if (isPart(view)) {
    vscode.setState({ view, id: partId });
    post({ type: 'ready', page: view, id: partId });
  } else if (view !== 'topic') {
    vscode.setState({ view });
    post({ type: 'ready', page: view });
  } else {
    vscode.setState({ view, topicId });
    post({ type: 'ready', page: 'topic', topicId });
  }
}

function openTopic(id: string | null | undefined): void {
  if (id) post({ type: 'openTopic', topicId: id });
}

/** A breadcrumb, pager button or link to the overview, the dashboard, a stage or a section (the host checks the id). */
function openPage(el: Element): void {
  const to = el.getAttribute('data-page');
  const id = el.getAttribute('data-id') ?? '';
  if (to === 'overview' || to === 'dashboard') post({ type: 'openPage', view: to });
  else if (to === 'stage' || to === 'section') post({ type: 'openPage', view: to, id });
}

document.addEventListener('click', (e) => {
  const target = e.target as Element | null;
  const link = target?.closest('a');
  if (link) {
    e.preventDefault();
    const topic = link.getAttribute('data-topic');
    const href = link.getAttribute('data-href') ?? link.getAttribute('href') ?? '';
    if (link.hasAttribute('data-page')) openPage(link);
    else if (topic) openTopic(topic);
    else if (isHttpsUrl(href)) post({ type: 'openExternal', url: href });
    return;
  }
  const button = target?.closest('button');
  if (button) {
    const action = button.getAttribute('data-action');
    switch (action) {
      case 'open':
        openTopic(button.getAttribute('data-topic'));
        break;
      case 'openPage':
        openPage(button);
        break;
      case 'showProgress':
        post({ type: 'showProgress' });
        break;
      case 'startReview':
      case 'nextCard':
        post({ type: action });
        break;
      case 'environment': {
        // The host validates the action and does the work; the page only asks.
        const act = button.getAttribute('data-env');
        if (act && (ENVIRONMENT_ACTIONS as readonly string[]).includes(act)) post({ type: 'environment', action: act as EnvironmentAction });
        break;
      }
      case 'rate': {
        const form = button.closest<HTMLFormElement>('form.question');
        if (form) rate(form, Number(button.getAttribute('data-rating')));
        break;
      }
      case 'openNotes':
      case 'markComplete':
      case 'markIncomplete':
      case 'scaffoldNotebook':
      case 'scaffoldScript':
      case 'showSolution':
        post({ type: action, topicId });
        break;
    }
    return;
  }
  // A node of the dashboard's map (the body carries data-topic too: only the map's own nodes count).
  const node = target?.closest('svg [data-topic]');

  if (node) {
    e.preventDefault();
    openTopic(node.getAttribute('data-topic'));
  }
});

document.addEventListener('keydown', (e) => {
  const el0 = e.target as Element | null;
  const typing = el0 instanceof HTMLInputElement && el0.type === 'text';
  // Keys 1-4 rate the question just answered (the one with the focus, or the review card).
  if (!typing && /^[1-4]$/.test(e.key)) {
    const form = el0?.closest<HTMLFormElement>('form.question') ?? (view === 'review' ? document.querySelector<HTMLFormElement>('form.question') : null);
    if (form?.dataset.graded === 'right') {
      e.preventDefault();
      rate(form, Number(e.key));
    }
    return;
  }
  if (!typing && view === 'review' && (e.key === 'n' || e.key === 'N')) {
    e.preventDefault();
    post({ type: 'nextCard' });
    return;
  }
  if (e.key !== 'Enter' && e.key !== ' ') return;
  const el = e.target as Element | null;
  // Links and buttons act on Enter themselves; map nodes are focusable SVG shapes.
  if (!el || el.closest('a, button')) return;
  const id = el.getAttribute?.('data-topic');
  if (id) {
    e.preventDefault();
    openTopic(id);
  }
});

// ---- Quizzes: the page collects an answer and shows what the host sends back; it never grades.

function answerOf(form: HTMLFormElement): AnswerPayload | undefined {
  if (form.dataset.kind === 'numeric') {
    const input = form.querySelector<HTMLInputElement>('input[name="value"]');
    const value = Number((input?.value ?? '').trim().replace(/\s/g, '').replace(/,(?=\d{1,2}$)/, '.').replace(/,/g, ''));
    return input && input.value.trim() !== '' && Number.isFinite(value) ? { kind: 'numeric', value } : undefined;
  }
  const selected = Array.from(form.querySelectorAll<HTMLInputElement>('input:checked')).map((i) => Number(i.value));
  return selected.length ? { kind: 'choice', selected } : undefined;
}

function feedbackOf(form: HTMLFormElement): HTMLElement | null {
  return form.querySelector<HTMLElement>('.feedback');
}

function rate(form: HTMLFormElement, rating: number): void {
  if (form.dataset.graded !== 'right' || form.dataset.rated || !(rating >= 1 && rating <= 4)) return;
  form.dataset.rated = String(rating);
  post({ type: 'rate', topicId: form.dataset.qtopic ?? '', questionId: form.dataset.question ?? '', rating: rating as 1 | 2 | 3 | 4 });
}

document.addEventListener('submit', (e) => {
  const form = (e.target as Element | null)?.closest<HTMLFormElement>('form.question');
  if (!form) return;
  e.preventDefault();
  if (form.dataset.graded) return;
  const answer = answerOf(form);
  const fb = feedbackOf(form);
  if (!answer) {
    if (fb) fb.textContent = form.dataset.kind === 'numeric' ? 'Enter a number first.' : 'Choose an option first.';
    return;
  }
  form.dataset.pending = 'true';
  post({ type: 'answer', topicId: form.dataset.qtopic ?? '', questionId: form.dataset.question ?? '', answer });
});

/** The form of a question the host answered about, by its ids. */
function formFor(topic: string, question: string): HTMLFormElement | undefined {
  return Array.from(document.querySelectorAll<HTMLFormElement>('form.question')).find((f) => f.dataset.qtopic === topic && f.dataset.question === question);
}

window.addEventListener('message', (e: MessageEvent<unknown>) => {
  const m = parseHostMessage(e.data);
  if (!m) return;
  if (m.type === 'graded' || m.type === 'rated') {
    const form = formFor(m.topicId, m.questionId);
    const fb = form && feedbackOf(form);
    if (!form || !fb) return;
    if (m.type === 'graded') {
      delete form.dataset.pending;
      form.dataset.graded = m.correct ? 'right' : 'wrong';
      for (const el of Array.from(form.querySelectorAll<HTMLInputElement | HTMLButtonElement>('input, button[type="submit"]'))) el.disabled = true;
      // Rendered and escaped by the host (core/pages/quizSection.ts renderGrade).
      fb.innerHTML = m.html;
      const score = document.getElementById('quiz-score');
      if (score && view === 'topic') score.textContent = m.score;
      (fb.querySelector<HTMLElement>('button[data-action="rate"]') ?? document.getElementById('next-card') ?? fb).focus();
    } else {
      fb.querySelector('.rate')?.remove();
      fb.insertAdjacentHTML('beforeend', m.html);
      if (view === 'review') post({ type: 'nextCard' });
    }
    return;
  }
  if (m.type === 'show') {
    if (!content) return;
    // The host rendered this content with every field escaped (core/page.ts, core/dashboard.ts);
    // scripts in it would not run anyway (innerHTML, and the CSP allows only the nonce'd script).
    content.innerHTML = m.html;
    const nextId = 'id' in m ? m.id : '';
    // A redrawn dashboard, overview, stage or section (progress changed) keeps its scroll position.
    const sameView = view === m.view && m.view !== 'topic' && m.view !== 'review' && nextId === partId;
    view = m.view;
    partId = nextId;
    body.dataset.view = m.view;
    body.className = m.view === 'dashboard' ? 'dashboard' : m.view === 'topic' ? 'topic-page' : `${m.view}-page`;
    if (isPart(m.view)) body.dataset.id = nextId;
    else delete body.dataset.id;
    if (m.view === 'topic') {
      topicId = m.topicId;
      body.dataset.topic = m.topicId;
      body.dataset.done = String(m.done);
    } else {
      delete body.dataset.topic;
      delete body.dataset.done;
    }
    document.title = m.title;
    // A new topic starts at the top; a refreshed dashboard keeps its scroll position.
    if (!sameView) {
      window.scrollTo(0, 0);
      showNextOnMap();
    }
    // A review card takes the focus, so the keyboard works at once.
    if (m.view === 'review') (content.querySelector<HTMLElement>('form.question input') ?? content.querySelector<HTMLElement>('button'))?.focus();
    shown();
    return;
  }
  if (view !== 'topic') return;
  if (m.topicId === topicId) setDone(m.done);
  // Prerequisite and related links show their topic's state too.
  for (const link of Array.from(document.querySelectorAll<HTMLElement>('a.topic-link'))) {
    if (link.dataset.topic === m.topicId) link.classList.toggle('done', m.done);
  }
});

/** The map scrolls (inside its own box) to the learner's next-up topic, or to where the map starts. */
function showNextOnMap(): void {
  const box = document.getElementById('map-scroll');
  const target = box?.querySelector<SVGGraphicsElement>('g.node.next') ?? box?.querySelector<SVGGraphicsElement>('g.node');
  if (!box || !target) return;
  const r = target.getBoundingClientRect();
  const b = box.getBoundingClientRect();
  box.scrollLeft += r.left - b.left - Math.max(8, (b.width - r.width) / 2);
  box.scrollTop += r.top - b.top - Math.max(8, (b.height - r.height) / 3);
}

// The content is in the DOM (math included): report first paint (rAF does not run in hidden frames).
if (view === 'dashboard') showNextOnMap();
shown();

// Keyboard first: when the page gets the focus with nothing focused in it, a review card's first
// option (or number field) takes it, so Space, Enter and 1-4 work without the mouse.
window.addEventListener('focus', () => {
  if (view !== 'review' || (document.activeElement && document.activeElement !== document.body)) return;
  content?.querySelector<HTMLElement>('form.question input, #next-card, button')?.focus();
});
