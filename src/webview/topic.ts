// Browser side of the topic page. The math arrives typeset (KaTeX runs at build time), so this
// script only wires the buttons and links to typed messages, applies status updates, and swaps
// the page's content when the host navigates it to another topic.
import { parseHostMessage, type WebviewMessage } from '../protocol';

declare function acquireVsCodeApi(): { postMessage(m: unknown): void; setState(s: unknown): void; getState(): unknown };
const vscode = acquireVsCodeApi();
const post = (m: WebviewMessage) => vscode.postMessage(m);

const body = document.body;
const content = document.getElementById('page');
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

/** The page shows a topic: remember it for the serializer and report that it painted. */
function shown(): void {
  vscode.setState({ topicId });
  post({ type: 'ready', page: 'topic', topicId });
}

document.addEventListener('click', (e) => {
  const target = e.target as Element | null;
  const link = target?.closest('a');
  if (link) {
    e.preventDefault();
    const topic = link.getAttribute('data-topic');
    const href = link.getAttribute('data-href') ?? link.getAttribute('href') ?? '';
    if (topic) post({ type: 'openTopic', topicId: topic });
    else if (/^https:\/\//.test(href)) post({ type: 'openExternal', url: href });
    return;
  }
  const button = target?.closest('button');
  if (!button) return;
  const action = button.getAttribute('data-action');
  switch (action) {
    case 'open': {
      const id = button.getAttribute('data-topic');
      if (id) post({ type: 'openTopic', topicId: id });
      break;
    }
    case 'markComplete':
    case 'markIncomplete':
    case 'scaffoldNotebook':
    case 'scaffoldScript':
    case 'showSolution':
      post({ type: action, topicId });
      break;
  }
});

window.addEventListener('message', (e: MessageEvent<unknown>) => {
  const m = parseHostMessage(e.data);
  if (!m) return;
  if (m.type === 'show') {
    if (!content) return;
    // The host rendered this content with every field escaped (core/page.ts); scripts in it
    // would not run anyway (innerHTML, and the CSP allows only the nonce'd script).
    content.innerHTML = m.html;
    topicId = m.topicId;
    body.dataset.topic = m.topicId;
    body.dataset.done = String(m.done);
    document.title = m.title;
    window.scrollTo(0, 0);
    shown();
    return;
  }
  if (m.topicId === topicId) setDone(m.done);
  // Prerequisite and related links show their topic's state too.
  for (const link of Array.from(document.querySelectorAll<HTMLElement>('a.topic-link'))) {
    if (link.dataset.topic === m.topicId) link.classList.toggle('done', m.done);
  }
});

// The content is in the DOM (math included): report first paint (rAF does not run in hidden frames).
shown();
