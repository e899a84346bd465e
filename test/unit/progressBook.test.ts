// The rules of keeping progress (src/core/progress/progressBook.ts) with in-memory fakes of the
// Memento and the mirror file: no VS Code, no disk, milliseconds.
import * as assert from 'node:assert/strict';
import { PROGRESS_KEY, ProgressBook, type KeyValueStore, type MirrorFile, type ProgressLog } from '../../src/core/progress/progressBook';

/** A Memento: updates resolve when `release()` is called (or at once), recorded in order. */
class FakeStore implements KeyValueStore {
  readonly values = new Map<string, unknown>();
  readonly writes: unknown[] = [];
  failNext: string | undefined;
  get(key: string): unknown {
    return this.values.get(key);
  }
  async update(key: string, value: unknown): Promise<void> {
    await new Promise((r) => setImmediate(r));
    if (this.failNext) {
      const message = this.failNext;
      this.failNext = undefined;
      throw new Error(message);
    }
    this.writes.push(value);
    this.values.set(key, value);
  }
}

class FakeMirror implements MirrorFile {
  readonly location = '/fake/progress.json';
  text: string | undefined;
  withLock?: <T>(fn: () => Promise<T>) => Promise<T>;
  keepDamaged?: (text: string) => Promise<void>;
  readonly writes: string[] = [];
  async read(): Promise<string | undefined> {
    return this.text;
  }
  async write(text: string): Promise<void> {
    await new Promise((r) => setImmediate(r));
    this.writes.push(text);
    this.text = text;
  }
}

class Log implements ProgressLog {
  readonly lines: string[] = [];
  info(m: string): void { this.lines.push(`info ${m}`); }
  warn(m: string): void { this.lines.push(`warn ${m}`); }
  error(m: string): void { this.lines.push(`error ${m}`); }
}

const fixedClock = (iso = '2026-03-01T10:00:00.000Z') => () => new Date(iso);

function book(store = new FakeStore(), given: FakeMirror | null = new FakeMirror(), clock = fixedClock()) {
  const mirror = given ?? undefined;
  const log = new Log();
  return { b: new ProgressBook({ store, mirror }, log, (id) => (id === 'old-name' ? 'new-name' : id), clock), store, mirror, log };
}

describe('progress rules behind ports (ProgressBook)', () => {
  it('saves a burst of changes in at most two saves, the newest state last', async () => {
    const { b, store } = book();
    void b.set('a', 'done');
    void b.set('b', 'done');
    await b.set('a', undefined);
    await b.flush();
    assert.ok(store.writes.length >= 1 && store.writes.length <= 2, `${store.writes.length} saves`);
    const last = store.values.get(PROGRESS_KEY) as { topics: Record<string, unknown>; cleared: Record<string, number> };
    assert.deepEqual(Object.keys(last.topics), ['b']);
    assert.ok(last.cleared.a > 0, 'a cleared topic is remembered as cleared, so a stale copy cannot bring it back');
  });

  it('never throws on a stored state with an invalid savedAt (which once made every later save fail)', async () => {
    const store = new FakeStore();
    store.values.set(PROGRESS_KEY, { version: 3, topics: {}, savedAt: 'zzz-not-a-date' });
    const mirror = new FakeMirror();
    mirror.text = JSON.stringify({ version: 3, topics: {}, savedAt: 'also bad' });
    const { b } = book(store, mirror);
    for (let i = 0; i < 3; i++) assert.deepEqual(await b.set(`t${i}`, 'done'), { saved: true });
    await b.flush();
    assert.deepEqual(Object.keys((store.values.get(PROGRESS_KEY) as { topics: object }).topics).sort(), ['t0', 't1', 't2']);
  });

  it('writes the mirror whole, coalescing a burst to the latest state', async () => {
    const { b, mirror } = book();
    for (let i = 0; i < 20; i++) void b.set(`t${i}`, 'done');
    await b.flush();
    assert.ok(mirror!.writes.length <= 2, `${mirror!.writes.length} mirror writes for 20 changes`);
    assert.equal(Object.keys(JSON.parse(mirror!.text!).topics).length, 20);
  });

  it('tells listeners which ids changed, at once', () => {
    const { b } = book();
    const seen: string[][] = [];
    b.onChange((ids) => seen.push([...ids]));
    void b.set('a', 'done');
    assert.deepEqual(seen, [['a']]);
    assert.equal(b.snapshot.topics.a.status, 'done', 'the in-memory state changes before the save');
  });

  it('adopts a newer mirror (a change the store lost) and writes it back to the store', async () => {
    const store = new FakeStore();
    store.values.set(PROGRESS_KEY, { version: 2, topics: {}, savedAt: '2026-01-01T00:00:00.000Z' });
    const mirror = new FakeMirror();
    mirror.text = JSON.stringify({ version: 2, topics: { a: { status: 'done', updated: '2026-02-01T00:00:00.000Z', source: 'manual', history: [] } }, savedAt: '2026-02-01T00:00:00.000Z' });
    const { b } = book(store, mirror);
    assert.equal(await b.reconcileWithMirror(), true);
    assert.equal(b.snapshot.topics.a.status, 'done');
    await b.flush();
    assert.equal((store.values.get(PROGRESS_KEY) as { topics: Record<string, { status: string }> }).topics.a.status, 'done');
  });

  it('ignores an older, equal, missing or corrupt mirror', async () => {
    const store = new FakeStore();
    store.values.set(PROGRESS_KEY, { version: 2, topics: {}, savedAt: '2026-02-01T00:00:00.000Z' });
    for (const text of [undefined, '{not json', JSON.stringify({ version: 2, topics: {} }), JSON.stringify({ version: 2, topics: {}, savedAt: '2026-01-01T00:00:00.000Z' }), JSON.stringify({ version: 2, topics: {}, savedAt: '2026-02-01T00:00:00.000Z' })]) {
      const mirror = new FakeMirror();
      mirror.text = text;
      const { b } = book(store, mirror);
      assert.equal(await b.reconcileWithMirror(), false, String(text));
    }
  });

  it('migrates what is stored (v1, renamed ids) on read', () => {
    const store = new FakeStore();
    store.values.set(PROGRESS_KEY, { version: 1, completed: { 'old-name': '2026-01-05T00:00:00.000Z', b: true } });
    const { b, log } = book(store);
    assert.deepEqual(Object.keys(b.snapshot.topics).sort(), ['b', 'new-name']);
    assert.equal(b.snapshot.topics['new-name'].updated, '2026-01-05T00:00:00.000Z');
    assert.ok(log.lines.some((l) => l.includes('migrated progress from version 1')));
  });

  it('reports a failed save of the shared file in its result and the log, never by throwing, and saves again next time', async () => {
    const { b, store, mirror, log } = book();
    const write = mirror!.write.bind(mirror);
    let fail = true;
    mirror!.write = async (text) => {
      if (fail) {
        fail = false;
        throw new Error('ENOSPC: disk full');
      }
      return write(text);
    };
    const r = await b.set('a', 'done');
    assert.deepEqual(r, { saved: false, error: 'ENOSPC: disk full' });
    assert.ok(log.lines.some((l) => l.startsWith('error progress: could not save: ENOSPC: disk full')));
    assert.deepEqual(await b.set('b', 'done'), { saved: true });
    await b.flush();
    assert.deepEqual(Object.keys(JSON.parse(mirror!.text!).topics).sort(), ['a', 'b'], 'the change that failed is saved with the next one');
    assert.deepEqual(Object.keys((store.values.get(PROGRESS_KEY) as { topics: object }).topics).sort(), ['a', 'b']);
  });

  it('a Memento that fails is logged and does not fail the save of the shared file', async () => {
    const { b, store, log } = book();
    store.failNext = 'quota exceeded';
    assert.deepEqual(await b.set('a', 'done'), { saved: true });
    await b.flush();
    assert.ok(log.lines.some((l) => l.includes("could not save to VS Code's storage: quota exceeded")));
  });

  it('without a shared file, a failing Memento fails the save', async () => {
    const { b, store } = book(new FakeStore(), null);
    store.failNext = 'disk full';
    assert.deepEqual(await b.set('a', 'done'), { saved: false, error: 'disk full' });
  });

  it('never throws when the store cannot be read; starts empty and says so', () => {
    const store = new FakeStore();
    store.get = () => { throw new Error('corrupt storage'); };
    const { b, log } = book(store);
    assert.deepEqual(b.snapshot.topics, {});
    assert.ok(log.lines.some((l) => l.includes('could not read stored state: corrupt storage')));
  });

  it('switches to another place and reads it', () => {
    const { b } = book();
    void b.set('a', 'done');
    const other = new FakeStore();
    other.values.set(PROGRESS_KEY, { version: 2, topics: { z: { status: 'skipped', updated: '2026-01-01T00:00:00.000Z', source: 'manual', history: [] } } });
    b.switchTo({ store: other, mirror: undefined });
    assert.deepEqual(Object.keys(b.snapshot.topics), ['z']);
  });

  it('a change that sets the same status again saves nothing', async () => {
    const { b, store } = book();
    await b.set('a', 'done');
    await b.set('a', 'done');
    await b.flush();
    assert.equal(store.writes.length, 1);
  });
});

/** Two windows on one workspace: their own Mementos, one shared file, one lock. */
describe('progress rules: many windows, one shared file', () => {
  function windows(n: number) {
    const shared = new FakeMirror();
    let locked: Promise<unknown> = Promise.resolve();
    shared.withLock = <T>(fn: () => Promise<T>): Promise<T> => {
      const run = locked.then(fn);
      locked = run.catch(() => undefined);
      return run;
    };
    let t = Date.parse('2026-03-01T10:00:00.000Z');
    const clock = () => new Date(t++);
    return Array.from({ length: n }, () => new ProgressBook({ store: new FakeStore(), mirror: shared }, new Log(), (id) => id, clock));
  }

  it('window A marks vectors, window B matrices, and a third window sees both', async () => {
    const [a, b, c] = windows(3);
    await a.set('vectors', 'done');
    await b.set('matrices', 'done');
    await c.refresh();
    assert.deepEqual(Object.keys(c.snapshot.topics).sort(), ['matrices', 'vectors']);
    await a.refresh();
    assert.deepEqual(Object.keys(a.snapshot.topics).sort(), ['matrices', 'vectors'], 'A gets B\'s change too');
    assert.ok(b.snapshot.topics.vectors, 'B merged A\'s change when it saved');
  });

  it('saves at the same moment lose nothing (the lock orders them, each merges what is there)', async () => {
    const ws = windows(4);
    await Promise.all(ws.map((w, i) => Promise.all([w.set(`t${i}`, 'done'), w.set(`u${i}`, 'in-progress')])));
    for (const w of ws) await w.flush();
    const fresh = new ProgressBook({ store: new FakeStore(), mirror: (ws[0] as unknown as { place: { mirror: MirrorFile } }).place.mirror }, new Log(), (id) => id);
    await fresh.refresh();
    assert.deepEqual(Object.keys(fresh.snapshot.topics).sort(), ['t0', 't1', 't2', 't3', 'u0', 'u1', 'u2', 'u3']);
  });

  it('per topic the newer change wins, a clear too, and the history of both is kept', async () => {
    const [a, b] = windows(2);
    await a.set('pca', 'in-progress');
    await b.refresh();
    await b.set('pca', 'done');
    await a.refresh();
    assert.equal(a.snapshot.topics.pca.status, 'done');
    assert.deepEqual(a.snapshot.topics.pca.history.map((h) => h.status), ['in-progress', 'done']);
    await a.set('pca', undefined);
    await b.refresh();
    assert.equal(b.snapshot.topics.pca, undefined, 'the clear is newer: it wins in the other window');
    await b.set('knn', 'done');
    await a.refresh();
    assert.equal(a.snapshot.topics.pca, undefined, 'and a later save of the other window does not bring it back');
  });

  it('a damaged shared file loses nothing this window has, and is kept aside', async () => {
    const [a] = windows(1);
    await a.set('vectors', 'done');
    const mirror = (a as unknown as { place: { mirror: FakeMirror } }).place.mirror;
    let kept = '';
    mirror.keepDamaged = async (text) => { kept = text; };
    mirror.text = '{"version": 3, "topics": {"vectors": ';
    await a.set('matrices', 'done');
    assert.equal(kept, '{"version": 3, "topics": {"vectors": ');
    assert.deepEqual(Object.keys(JSON.parse(mirror.text!).topics).sort(), ['matrices', 'vectors']);
  });

  it('a wiped Memento takes back everything from the shared file', async () => {
    const [a] = windows(1);
    await a.set('vectors', 'done');
    await a.set('matrices', 'skipped');
    const mirror = (a as unknown as { place: { mirror: FakeMirror } }).place.mirror;
    const wiped = new ProgressBook({ store: new FakeStore(), mirror }, new Log(), (id) => id);
    assert.deepEqual(wiped.snapshot.topics, {});
    assert.equal(await wiped.refresh(), true);
    assert.deepEqual(Object.keys(wiped.snapshot.topics).sort(), ['matrices', 'vectors']);
  });
});

describe('progress rules: topics this roadmap does not know are kept apart', () => {
  const ROADMAP = new Set(['vectors', 'matrices', 'new-name']);
  const canonical = (id: string) => (id === 'old-name' ? 'new-name' : ROADMAP.has(id) ? id : undefined);
  const at = '2026-03-01T09:00:00.000Z';
  const entry = (status = 'done') => ({ status, updated: at, source: 'import', history: [{ status, at, source: 'import' }] });
  const place = () => {
    const order: string[] = [];
    const mirror = new FakeMirror();
    const otherTopicsMirror = new FakeMirror();
    for (const [m, name] of [[mirror, 'roadmap'], [otherTopicsMirror, 'others']] as const) {
      const write = m.write.bind(m);
      m.write = async (text: string) => { await write(text); order.push(name); };
    }
    return { store: new FakeStore(), mirror, otherTopicsMirror, order };
  };

  it('after an import of many unknown topics, a Mark Complete rewrites only this roadmap\'s topics; nothing is lost', async () => {
    const p = place();
    const b = new ProgressBook(p, new Log(), canonical, fixedClock());
    const topics: Record<string, ReturnType<typeof entry>> = { vectors: entry() };
    for (let i = 0; i < 2000; i++) topics[`from-a-newer-roadmap-${i}`] = entry();
    await b.replace({ version: 3, topics: topics as never, cards: {} });
    await b.flush();
    assert.equal(Object.keys(JSON.parse(p.otherTopicsMirror.text!).topics).length, 2000, 'the unknown topics are in their own file');
    assert.deepEqual(Object.keys(JSON.parse(p.mirror.text!).topics), ['vectors'], 'this roadmap\'s file holds only its topics');
    const otherWrites = p.otherTopicsMirror.writes.length;
    await b.set('matrices', 'done');
    await b.flush();
    assert.equal(p.otherTopicsMirror.writes.length, otherWrites, 'a mark does not rewrite the unknown topics');
    assert.ok(p.mirror.text!.length < 1000, `the file a mark writes stays small (${p.mirror.text!.length} chars)`);
    assert.equal(Object.keys(b.snapshot.topics).length, 2002, 'the snapshot (and so an export) has every topic');
    assert.equal(b.entry('from-a-newer-roadmap-7')?.status, 'done');
    // A new window (or a wiped Memento) reads both files back.
    const fresh = new ProgressBook({ store: new FakeStore(), mirror: p.mirror, otherTopicsMirror: p.otherTopicsMirror }, new Log(), canonical, fixedClock());
    await fresh.refresh();
    assert.equal(Object.keys(fresh.snapshot.topics).length, 2002);
  });

  it('moves unknown topics an earlier version stored with this roadmap\'s into their own part, saved there before they leave', async () => {
    const p = place();
    const stored = { version: 3, topics: { vectors: entry(), 'gone-topic': entry('skipped'), 'old-name': entry() } };
    p.store.values.set(PROGRESS_KEY, stored);
    p.mirror.text = JSON.stringify(stored);
    const b = new ProgressBook(p, new Log(), canonical, fixedClock());
    assert.deepEqual(Object.keys(b.snapshot.topics).sort(), ['gone-topic', 'new-name', 'vectors']);
    await b.set('matrices', 'done');
    await b.flush();
    assert.deepEqual(Object.keys(JSON.parse(p.otherTopicsMirror.text!).topics), ['gone-topic']);
    assert.deepEqual(Object.keys(JSON.parse(p.mirror.text!).topics).sort(), ['matrices', 'new-name', 'vectors']);
    // The unknown topic reached its own file before this roadmap's file was written without it.
    const lastWithout = p.order.lastIndexOf('roadmap');
    assert.ok(p.order.indexOf('others') >= 0 && p.order.indexOf('others') < lastWithout, `writes in order: ${p.order.join(', ')}`);
    assert.equal(b.entry('gone-topic')?.status, 'skipped');
  });

  it('a topic kept apart that this roadmap now knows (a newer roadmap) comes back to it', async () => {
    const p = place();
    p.store.values.set('dsRoadmap.progress.otherTopics', { version: 3, topics: { matrices: entry(), elsewhere: entry() } });
    const b = new ProgressBook(p, new Log(), canonical, fixedClock());
    assert.equal(b.entry('matrices')?.status, 'done');
    assert.equal(b.entry('elsewhere')?.status, 'done');
    await b.set('vectors', 'done');
    await b.flush();
    assert.deepEqual(Object.keys(JSON.parse(p.mirror.text!).topics).sort(), ['matrices', 'vectors']);
  });
});
