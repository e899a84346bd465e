// Browser side of the topic page: typesets math with the bundled KaTeX (offline), wires the
// buttons and links to typed messages, and applies status updates from the host.
import katex from 'katex';
import type { HostMessage, WebviewMessage } from '../protocol';

declare function acquireVsCodeApi(): { postMessage(m: unknown): void; setState(s: unknown): void; getState(): unknown };
const vscode = acquireVsCodeApi();
const post = (m: WebviewMessage) => vscode.postMessage(m);

export function typeset(root: ParentNode): number {
  let errors = 0;
  for (const el of Array.from(root.querySelectorAll<HTMLElement>('.math'))) {
    const tex = el.textContent ?? '';
    const displayMode = el.dataset.display === 'block';
    try {
      katex.render(tex, el, { displayMode, throwOnError: true, strict: 'ignore', trust: false, maxExpand: 1000, maxSize: 50 });
      el.setAttribute('aria-label', tex);
    } catch {
      errors++;
      // Fall back to showing the source as text, visibly marked.
      el.textContent = tex;
      el.classList.add('math-error');
    }
  }
  return errors;
}

const body = document.body;
const topicId = body.dataset.topic ?? '';
vscode.setState({ topicId });

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

window.addEventListener('message', (e: MessageEvent<HostMessage>) => {
  const m = e.data;
  if (!m || m.type !== 'status' || typeof m.done !== 'boolean' || typeof m.topicId !== 'string') return;
  if (m.topicId === topicId) setDone(m.done);
  // Prerequisite and related links show their topic's state too.
  for (const link of Array.from(document.querySelectorAll<HTMLElement>('a.topic-link'))) {
    if (link.dataset.topic === m.topicId) link.classList.toggle('done', m.done);
  }
});

typeset(document);
// The content is in the DOM and typeset: report first paint (rAF is not run for hidden frames).
post({ type: 'ready', page: 'topic', topicId });
