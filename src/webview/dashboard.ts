// Browser side of the progress dashboard: node clicks open topics; math-free, so no KaTeX.
import type { WebviewMessage } from '../protocol';

declare function acquireVsCodeApi(): { postMessage(m: unknown): void };
const vscode = acquireVsCodeApi();
const post = (m: WebviewMessage) => vscode.postMessage(m);

document.addEventListener('click', (e) => {
  const el = (e.target as Element | null)?.closest('[data-topic]');
  const id = el?.getAttribute('data-topic');
  if (id) {
    e.preventDefault();
    post({ type: 'openTopic', topicId: id });
  }
});
document.addEventListener('keydown', (e) => {
  if (e.key !== 'Enter' && e.key !== ' ') return;
  const id = (e.target as Element | null)?.getAttribute?.('data-topic');
  if (id) {
    e.preventDefault();
    post({ type: 'openTopic', topicId: id });
  }
});
post({ type: 'ready', page: 'dashboard' });
