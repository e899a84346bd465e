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

function book(store = new FakeStore(), mirror: FakeMirror | undefined = new FakeMirror(), clock = fixedClock()) {
  const log = new Log();
  return { b: new ProgressBook({ store, mirror }, log, (id) => (id === 'old-name' ? 'new-name' : id), clock), store, mirror, log };
}

describe('progress rules behind ports (ProgressBook)', () => {
  it('saves every change to the store in order, and the newest state last', async () => {
    const { b, store } = book();
    void b.set('a', 'done');
    void b.set('b', 'done');
    await b.set('a', undefined);
    await b.flush();
    assert.equal(store.writes.length, 3);
    const last = store.values.get(PROGRESS_KEY) as { topics: Record<string, unknown> };
    assert.deepEqual(Object.keys(last.topics), ['b']);
  });

  it('stamps saves strictly increasing, even within one millisecond', async () => {
    const { b, store } = book();
    await b.set('a', 'done');
    await b.set('b', 'done');
    const stamps = store.writes.map((w) => (w as { savedAt: string }).savedAt);
    assert.deepEqual(stamps, ['2026-03-01T10:00:00.000Z', '2026-03-01T10:00:00.001Z']);
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
    assert.equal((store.values.get(PROGRESS_KEY) as { savedAt: string }).savedAt, '2026-02-01T00:00:00.000Z');
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

  it('reports a failed save in its result and the log, never by throwing, and saves again next time', async () => {
    const { b, store, log } = book();
    store.failNext = 'disk full';
    const r = await b.set('a', 'done');
    assert.deepEqual(r, { saved: false, error: 'disk full' });
    assert.ok(log.lines.some((l) => l.startsWith('error progress: could not save: disk full')));
    assert.deepEqual(await b.set('b', 'done'), { saved: true });
    assert.deepEqual(Object.keys((store.values.get(PROGRESS_KEY) as { topics: object }).topics).sort(), ['a', 'b']);
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
