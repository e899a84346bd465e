import * as assert from 'node:assert/strict';
import { OVERVIEW_VIEW, partView, restoredView, sameView, viewKey } from '../../src/core/pages/navigation';
import { parseHostMessage, parseWebviewMessage } from '../../src/protocol';

describe('protocol: the overview, stage and section pages', () => {
  it('accepts openPage to the overview, the dashboard, a stage or a section, and ready/show for them', () => {
    const ok: unknown[] = [
      { type: 'openPage', view: 'overview' },
      { type: 'openPage', view: 'dashboard' },
      { type: 'openPage', view: 'stage', id: 'math-statistics' },
      { type: 'openPage', view: 'section', id: 'linear-algebra' },
      { type: 'ready', page: 'overview' },
      { type: 'ready', page: 'stage', id: 'math-statistics' },
      { type: 'ready', page: 'section', id: 'linear-algebra' },
    ];
    for (const m of ok) {
      const r = parseWebviewMessage(m);
      assert.ok(r.ok, JSON.stringify(m));
      assert.deepEqual(r.message, m);
    }
    // Fields a view does not take are dropped.
    const r = parseWebviewMessage({ type: 'openPage', view: 'overview', id: 'x', html: '<b>' });
    assert.ok(r.ok);
    assert.deepEqual(r.message, { type: 'openPage', view: 'overview' });
  });

  it('rejects an openPage or ready naming no view, another view, or a malformed id, with a reason', () => {
    const bad: unknown[] = [
      { type: 'openPage' }, { type: 'openPage', view: 'review' }, { type: 'openPage', view: 'topic', id: 'pca' },
      { type: 'openPage', view: 'stage' }, { type: 'openPage', view: 'stage', id: '../x' }, { type: 'openPage', view: 'section', id: 'A B' },
      { type: 'openPage', view: 'section', id: 7 }, { type: 'openPage', view: 'stage', id: 'x'.repeat(201) }, { type: 'openPage', view: '__proto__' },
      { type: 'ready', page: 'stage' }, { type: 'ready', page: 'section', id: '<script>' }, { type: 'ready', page: 'environment-x' },
    ];
    for (const m of bad) {
      const r = parseWebviewMessage(m);
      assert.equal(r.ok, false, JSON.stringify(m));
      if (!r.ok) assert.ok(r.reason.length > 0 && r.reason.length < 80, r.reason);
    }
  });

  it('lets the webview accept a show of the overview or of a stage/section with a valid id only', () => {
    assert.deepEqual(parseHostMessage({ type: 'show', view: 'overview', title: 'Roadmap Overview', html: '<h1>x</h1>', id: 'dropped' }),
      { type: 'show', view: 'overview', title: 'Roadmap Overview', html: '<h1>x</h1>' });
    assert.deepEqual(parseHostMessage({ type: 'show', view: 'stage', id: 'math-statistics', title: 'Stage 00', html: '<p>x</p>' }),
      { type: 'show', view: 'stage', id: 'math-statistics', title: 'Stage 00', html: '<p>x</p>' });
    for (const m of [
      { type: 'show', view: 'stage', title: 'x', html: '' }, { type: 'show', view: 'section', id: 'Bad Id', title: 'x', html: '' },
      { type: 'show', view: 'stage', id: 'a', html: '' }, { type: 'show', view: 'section', id: 'a', title: 'x' },
      { type: 'show', view: 'overview', title: 3, html: '' },
    ]) assert.equal(parseHostMessage(m), undefined, JSON.stringify(m));
  });

  it('keys stage and section pages apart from topics and from each other, and restores them after a reload', () => {
    assert.equal(viewKey(OVERVIEW_VIEW), ':overview');
    assert.equal(viewKey(partView('stage', 'math-statistics')), ':stage:math-statistics');
    assert.equal(viewKey(partView('section', 'math-statistics')), ':section:math-statistics');
    assert.ok(!sameView(partView('stage', 'a'), partView('section', 'a')));
    assert.ok(!sameView(partView('stage', 'a'), { kind: 'topic', topicId: 'a' }));
    assert.deepEqual(restoredView({ view: 'overview' }), { kind: 'overview' });
    assert.deepEqual(restoredView({ view: 'stage', id: 'math-statistics' }), { kind: 'stage', id: 'math-statistics' });
    assert.deepEqual(restoredView({ view: 'section', id: 'linear-algebra' }), { kind: 'section', id: 'linear-algebra' });
    // A damaged state shows the overview rather than nothing.
    assert.deepEqual(restoredView({ view: 'stage', id: '../../x' }), { kind: 'overview' });
    assert.deepEqual(restoredView({ view: 'section' }), { kind: 'overview' });
    assert.deepEqual(restoredView({ topicId: 'pca' }), { kind: 'topic', topicId: 'pca' });
  });
});
