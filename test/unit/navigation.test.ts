import * as assert from 'node:assert/strict';
import {
  DASHBOARD_VIEW, decideLink, decideShow, nextActiveAfterClose, readyIsCurrent, restoredView, sameView, topicView, viewKey,
} from '../../src/core/pages/navigation';

/** Pages are opaque to the rules: plain objects stand in for webview panels. */
const A = { name: 'A' };
const B = { name: 'B' };

describe('pages: the rules of navigation and reuse', () => {
  it('keys views: a topic by its id, the dashboard by a key no topic id can have', () => {
    assert.equal(viewKey(topicView('vectors')), 'vectors');
    assert.equal(viewKey(DASHBOARD_VIEW), ':dashboard');
    assert.ok(sameView(topicView('a'), topicView('a')));
    assert.ok(!sameView(topicView('a'), DASHBOARD_VIEW));
  });

  it('never makes two pages for one view: an open one is revealed, even for Open to the Side', () => {
    assert.deepEqual(decideShow({ showing: A, lastActive: B, reuse: true, newPage: false }), { action: 'reveal', page: A });
    assert.deepEqual(decideShow({ showing: A, lastActive: B, reuse: true, newPage: true }), { action: 'reveal', page: A });
    assert.deepEqual(decideShow({ showing: A, lastActive: undefined, reuse: false, newPage: false }), { action: 'reveal', page: A });
  });

  it('shows a new view in the page used last when pages are reused', () => {
    assert.deepEqual(decideShow({ showing: undefined, lastActive: B, reuse: true, newPage: false }), { action: 'navigate', page: B });
  });

  it('creates a retained page when it will be reused, and a plain one for a tab per topic or Open to the Side', () => {
    assert.deepEqual(decideShow({ showing: undefined, lastActive: undefined, reuse: true, newPage: false }), { action: 'create', retain: true });
    assert.deepEqual(decideShow({ showing: undefined, lastActive: B, reuse: false, newPage: false }), { action: 'create', retain: false });
    assert.deepEqual(decideShow({ showing: undefined, lastActive: B, reuse: true, newPage: true }), { action: 'create', retain: false });
  });

  it('a link inside a page navigates in place, reveals a page that already shows its topic, or does nothing on itself', () => {
    assert.deepEqual(decideLink(A, undefined), { action: 'navigate' });
    assert.deepEqual(decideLink(A, B), { action: 'reveal', page: B });
    assert.deepEqual(decideLink(A, A), { action: 'none' });
  });

  it('a painted document is current only when it shows the page view and missed no change', () => {
    assert.ok(readyIsCurrent(topicView('a'), topicView('a'), false));
    assert.ok(!readyIsCurrent(topicView('a'), topicView('b'), false), 'a reloaded document shows what the page showed before');
    assert.ok(!readyIsCurrent(topicView('a'), topicView('a'), true), 'progress changed while it loaded');
    assert.ok(readyIsCurrent(DASHBOARD_VIEW, DASHBOARD_VIEW, false));
    assert.ok(!readyIsCurrent(DASHBOARD_VIEW, topicView('a'), false));
  });

  it('when the page used last closes, the next topic goes to the last page still open', () => {
    assert.equal(nextActiveAfterClose(A, A, [A, B]), B);
    assert.equal(nextActiveAfterClose(A, A, [A]), undefined);
    assert.equal(nextActiveAfterClose(B, A, [A, B]), B, 'closing another page changes nothing');
  });

  it('restores what a saved page showed, from the current and the older state shape, and never trusts its type', () => {
    assert.deepEqual(restoredView({ view: 'dashboard' }), { kind: 'dashboard' });
    assert.deepEqual(restoredView({ view: 'topic', topicId: 'vectors' }), { kind: 'topic', topicId: 'vectors' });
    assert.deepEqual(restoredView({ topicId: 'vectors' }), { kind: 'topic', topicId: 'vectors' }, 'older versions stored only the id');
    for (const bad of [undefined, null, 42, 'x', [], { topicId: 7 }]) assert.deepEqual(restoredView(bad), { kind: 'topic', topicId: undefined });
  });
});
