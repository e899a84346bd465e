// Browser side of a roadmap page: a topic or the progress dashboard. The math arrives typeset
// (KaTeX runs at build time), so this script only wires links, buttons and map nodes to typed
// messages, applies status updates, and swaps the content when the host navigates the page.
import { isHttpsUrl } from '../core/ids';
import { parseHostMessage, type WebviewMessage } from '../protocol';

declare function acquireVsCodeApi(): { postMessage(m: unknown): void; setState(s: unknown): void; getState(): unknown };
const vscode = acquireVsCodeApi();
const post = (m: WebviewMessage) => vscode.postMessage(m);

const body = document.body;
const content = document.getElementById('page');
let view: 'topic' | 'dashboard' = body.dataset.view === 'dashboard' ? 'dashboard' : 'topic';
let topicId = body.dataset.topic ?? '';

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
  if (view === 'dashboard') {
    vscode.setState({ view });
    post({ type: 'ready', page: 'dashboard' });
  } else {
    vscode.setState({ view, topicId });
    post({ type: 'ready', page: 'topic', topicId });
  }
}

function openTopic(id: string | null | undefined): void {
  if (id) post({ type: 'openTopic', topicId: id });
}

document.addEventListener('click', (e) => {
  const target = e.target as Element | null;
  const link = target?.closest('a');
  if (link) {
    e.preventDefault();
    const topic = link.getAttribute('data-topic');
    const href = link.getAttribute('data-href') ?? link.getAttribute('href') ?? '';
    if (topic) openTopic(topic);
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
      case 'showProgress':
        post({ type: 'showProgress' });
        break;
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
  // A node of the dashboard's map.
  const node = target?.closest('[data-topic]');
  if (node) {
    e.preventDefault();
    openTopic(node.getAttribute('data-topic'));
  }
});

document.addEventListener('keydown', (e) => {
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

window.addEventListener('message', (e: MessageEvent<unknown>) => {
  const m = parseHostMessage(e.data);
  if (!m) return;
  if (m.type === 'show') {
    if (!content) return;
    // The host rendered this content with every field escaped (core/page.ts, core/dashboard.ts);
    // scripts in it would not run anyway (innerHTML, and the CSP allows only the nonce'd script).
    content.innerHTML = m.html;
    const sameView = view === m.view && m.view === 'dashboard';
    view = m.view;
    body.dataset.view = m.view;
    body.className = m.view === 'dashboard' ? 'dashboard' : 'topic-page';
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
    if (!sameView) window.scrollTo(0, 0);
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

// The content is in the DOM (math included): report first paint (rAF does not run in hidden frames).
shown();
