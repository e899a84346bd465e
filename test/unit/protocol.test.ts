import * as assert from 'node:assert/strict';
import { parseHostMessage, parseWebviewMessage } from '../../src/protocol';

describe('protocol: messages between the host and the webviews', () => {
  it('accepts each well-formed webview message, and nothing more than it declares', () => {
    const ok: unknown[] = [
      { type: 'ready', page: 'topic', topicId: 'pca' },
      { type: 'ready', page: 'dashboard' },
      { type: 'openTopic', topicId: 'gradient-descent' },
      { type: 'markComplete', topicId: 'a1' },
      { type: 'markIncomplete', topicId: 'a1' },
      { type: 'scaffoldNotebook', topicId: 'a1' },
      { type: 'scaffoldScript', topicId: 'a1' },
      { type: 'showSolution', topicId: 'a1' },
      { type: 'showProgress' },
      { type: 'openExternal', url: 'https://example.org/x?y=1' },
    ];
    for (const m of ok) {
      const r = parseWebviewMessage(m);
      assert.ok(r.ok, JSON.stringify(m));
      assert.deepEqual(r.message, m);
    }
    // Extra fields are dropped, not passed on.
    const r = parseWebviewMessage({ type: 'openTopic', topicId: 'pca', html: '<script>' });
    assert.ok(r.ok);
    assert.deepEqual(r.message, { type: 'openTopic', topicId: 'pca' });
  });

  it('rejects malformed webview messages with a reason', () => {
    const bad: unknown[] = [
      null, 42, 'ready', [], {}, { type: 7 }, { type: 'nope' }, { type: 'eval', code: '1' },
      { type: 'openTopic' }, { type: 'openTopic', topicId: '../../etc/passwd' }, { type: 'openTopic', topicId: 'A B' },
      { type: 'openTopic', topicId: 'x'.repeat(201) }, { type: 'markComplete', topicId: 5 },
      { type: 'ready', page: 'other' }, { type: 'ready', page: 'topic', topicId: '<b>' },
      { type: 'openExternal', url: 'http://example.org' }, { type: 'openExternal', url: 'javascript:alert(1)' },
      { type: 'openExternal', url: 'https://a b' }, { type: 'openExternal', url: `https://e.org/${'a'.repeat(2000)}` },
    ];
    for (const m of bad) {
      const r = parseWebviewMessage(m);
      assert.equal(r.ok, false, JSON.stringify(m));
      if (!r.ok) assert.ok(r.reason.length > 0);
    }
  });

  it('lets the webview accept only well-formed host messages', () => {
    assert.deepEqual(parseHostMessage({ type: 'status', topicId: 'pca', done: true }), { type: 'status', topicId: 'pca', done: true });
    assert.deepEqual(parseHostMessage({ type: 'show', view: 'topic', topicId: 'pca', title: 'PCA', done: false, html: '<p>x</p>', extra: 1 }),
      { type: 'show', view: 'topic', topicId: 'pca', title: 'PCA', done: false, html: '<p>x</p>' });
    assert.deepEqual(parseHostMessage({ type: 'show', view: 'dashboard', title: 'Roadmap Progress', html: '<h1>x</h1>' }),
      { type: 'show', view: 'dashboard', title: 'Roadmap Progress', html: '<h1>x</h1>' });
    for (const m of [
      undefined, null, 'show', [], { type: 'status', topicId: 'pca' }, { type: 'status', topicId: 'P C A', done: true },
      { type: 'show', view: 'topic', topicId: 'pca', title: 'PCA', done: false }, { type: 'show', view: 'topic', title: 'x', done: true, html: '' },
      { type: 'show', view: 'other', title: 'x', html: '' }, { type: 'show', view: 'dashboard', html: '' }, { type: 'run', topicId: 'pca', done: true },
    ]) assert.equal(parseHostMessage(m), undefined, JSON.stringify(m));
  });
});
