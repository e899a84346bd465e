import * as assert from 'node:assert/strict';
import { applyAliases, EMPTY_PROGRESS, EXPORT_SCHEMA, PROGRESS_VERSION, recoverProgress, setStatus, type ProgressState, type Status, type StatusChange, type TopicProgress } from '../../src/core/progress/progressState';
import { countDone, formatCounts, nextUp, pace, project, streak, type TopicRef } from '../../src/core/progress/progressStats';
import { merge, parseExport, toExport } from '../../src/core/progress/progressTransfer';

const NOW = new Date('2025-06-30T12:00:00.000Z');
const LATER = new Date('2031-01-01T00:00:00.000Z');
const DAY = 86_400_000;
const T0 = '2024-01-01T00:00:00.000Z';
const T1 = '2024-02-01T00:00:00.000Z';
const T2 = '2024-03-01T00:00:00.000Z';
const T3 = '2024-04-01T00:00:00.000Z';

function ago(days: number, from: Date = NOW): string {
  return new Date(from.getTime() - days * DAY).toISOString();
}

function entry(status: Status, updated: string, source: TopicProgress['source'] = 'manual', history?: StatusChange[]): TopicProgress {
  return { status, updated, source, history: history ?? [{ status, at: updated, source }] };
}

function state(topics: Record<string, TopicProgress>): ProgressState {
  return { version: PROGRESS_VERSION, topics, cards: {} };
}

function statuses(s: ProgressState): Record<string, Status> {
  const out: Record<string, Status> = {};
  for (const [id, e] of Object.entries(s.topics)) out[id] = e.status;
  return out;
}

/** An array nested `depth` levels deep, built without recursion. */
function deepArray(depth: number): unknown[] {
  const root: unknown[] = [];
  let cur = root;
  for (let i = 0; i < depth; i++) {
    const next: unknown[] = [];
    cur.push(next);
    cur = next;
  }
  return root;
}

interface RecoveryCase {
  readonly name: string;
  readonly raw: unknown;
  /** Exactly the entries that must survive, with their statuses. */
  readonly kept: Record<string, Status>;
  /** How many notes must say an entry was dropped (one per invalid entry). */
  readonly dropped: number;
  /** Every pattern must match at least one note. */
  readonly notes?: readonly RegExp[];
  /** Exact `updated` times for some kept entries. */
  readonly updated?: Record<string, string>;
}

const cyclic: Record<string, unknown> = { a: 1 };
cyclic.self = cyclic;

const huge: Record<string, unknown> = {};
const hugeKept: Record<string, Status> = {};
for (let i = 0; i < 10_000; i++) {
  const id = `topic-${i}`;
  if (i % 10 === 0) {
    huge[id] = { status: 'bogus', updated: T1 };
  } else {
    const status: Status = i % 3 === 0 ? 'in-progress' : i % 7 === 0 ? 'skipped' : 'done';
    huge[id] = { status, updated: new Date(Date.parse(T0) + i * 60_000).toISOString(), source: 'check' };
    hugeKept[id] = status;
  }
}

const CASES: readonly RecoveryCase[] = [
  { name: 'undefined', raw: undefined, kept: {}, dropped: 0 },
  { name: 'null', raw: null, kept: {}, dropped: 0 },
  { name: 'a number', raw: 42, kept: {}, dropped: 0, notes: [/unexpected type \(number\); starting empty/] },
  { name: 'a boolean', raw: true, kept: {}, dropped: 0, notes: [/unexpected type \(boolean\); starting empty/] },
  { name: 'a function', raw: () => 1, kept: {}, dropped: 0, notes: [/unexpected type \(function\)/] },
  { name: 'text that is not JSON', raw: '{"version": 2, topics: oops', kept: {}, dropped: 0, notes: [/text that is not JSON; starting empty/] },
  { name: 'empty text', raw: '', kept: {}, dropped: 0, notes: [/text that is not JSON/] },
  { name: 'JSON text "null"', raw: 'null', kept: {}, dropped: 0, notes: [/stored as text; converted/] },
  {
    name: 'JSON text of v2',
    raw: JSON.stringify({ version: 2, topics: { alpha: { status: 'done', updated: T1, source: 'check' }, beta: { status: 'in-progress', updated: T2 } } }),
    kept: { alpha: 'done', beta: 'in-progress' }, dropped: 0, notes: [/stored as text; converted/],
    updated: { alpha: T1, beta: T2 },
  },
  {
    name: 'JSON text of a v0 list',
    raw: '["alpha","gamma"]', kept: { alpha: 'done', gamma: 'done' }, dropped: 0,
    notes: [/stored as text/, /list of ids \(v0\)/], updated: { alpha: NOW.toISOString() },
  },
  {
    name: 'v0 array of ids including invalid ids',
    raw: ['alpha', 'beta', 'Bad Id', 42, null, '', { id: 'x' }, 'alpha', 'gamma-2'],
    kept: { alpha: 'done', beta: 'done', 'gamma-2': 'done' }, dropped: 5,
    notes: [/migrated progress from a list of ids \(v0\)/, /invalid topic id: "Bad Id"/, /invalid topic id: 42/, /invalid topic id: null/],
    updated: { alpha: NOW.toISOString(), 'gamma-2': NOW.toISOString() },
  },
  {
    name: 'v1 {version:1, completed:{id: iso}}',
    raw: { version: 1, completed: { alpha: '2024-03-01T10:00:00Z', beta: 'not a date', gamma: 1_700_000_000_000, Wrong: T1 } },
    kept: { alpha: 'done', beta: 'done', gamma: 'done' }, dropped: 1, notes: [/migrated progress from version 1/, /invalid topic id: "Wrong"/],
    updated: { alpha: '2024-03-01T10:00:00.000Z', beta: NOW.toISOString(), gamma: '2023-11-14T22:13:20.000Z' },
  },
  {
    name: 'v1 whose completed table is corrupt',
    raw: { version: 1, completed: null }, kept: {}, dropped: 0, notes: [/version 1\) has no readable topic table; starting empty/],
  },
  {
    name: 'bare {id: true} map',
    raw: { alpha: true, beta: '2024-05-05T00:00:00.000Z', gamma: 'complete', delta: 'nonsense', epsilon: {}, zeta: false },
    kept: { alpha: 'done', beta: 'done', gamma: 'done' }, dropped: 3,
    notes: [/migrated progress from an id map/, /dropped 'delta': unknown value/, /dropped 'epsilon': unknown value/, /dropped 'zeta': unknown value/],
    updated: { alpha: NOW.toISOString(), beta: '2024-05-05T00:00:00.000Z' },
  },
  {
    name: "bare map of legacy status words ({id:'learning'})",
    raw: { alpha: 'learning', beta: 'in_progress', gamma: 'inProgress', delta: 'skipped', epsilon: 'completed', zeta: 'done' },
    kept: { alpha: 'in-progress', beta: 'in-progress', gamma: 'in-progress', delta: 'skipped', epsilon: 'done', zeta: 'done' }, dropped: 0,
  },
  {
    name: 'v2 with non-object entries',
    raw: { version: 2, topics: { alpha: 'done', beta: 7, gamma: [1, 2], delta: { status: 'done', updated: T1 }, epsilon: null, zeta: 'learning' } },
    kept: { alpha: 'done', delta: 'done', zeta: 'in-progress' }, dropped: 3,
    notes: [/dropped 'beta': not an object/, /dropped 'gamma': not an object/, /dropped 'epsilon': not an object/],
    updated: { alpha: NOW.toISOString(), delta: T1 },
  },
  {
    name: 'v2 with unknown statuses',
    raw: { version: 2, topics: { alpha: { status: 'finished' }, beta: { status: 'done', updated: T2 }, gamma: {}, delta: { status: 3 } } },
    kept: { beta: 'done' }, dropped: 3,
    notes: [/dropped 'alpha': unknown status "finished"/, /dropped 'gamma': unknown status undefined/, /dropped 'delta': unknown status 3/],
  },
  {
    name: 'v2 with bad dates',
    raw: {
      version: 2, topics: {
        alpha: { status: 'done', updated: 'yesterday' }, beta: { status: 'done', updated: -5 },
        gamma: { status: 'in-progress', updated: 1e20 }, delta: { status: 'done', updated: 1_700_000_000_000 },
        epsilon: { status: 'skipped', updated: { when: 'now' } }, zeta: { status: 'done', updated: NaN },
      },
    },
    kept: { alpha: 'done', beta: 'done', gamma: 'in-progress', delta: 'done', epsilon: 'skipped', zeta: 'done' }, dropped: 0,
    updated: {
      alpha: NOW.toISOString(), beta: NOW.toISOString(), gamma: NOW.toISOString(), delta: '2023-11-14T22:13:20.000Z',
      epsilon: NOW.toISOString(), zeta: NOW.toISOString(),
    },
  },
  {
    name: 'v2 history with garbage entries',
    raw: {
      version: 2, topics: {
        alpha: {
          status: 'done', updated: T2, source: 'check', history: [
            null, 5, 'x', [], { status: 'bogus', at: T0 }, { status: 'in-progress', at: 'not a date' }, { status: 'done' },
            { status: 'done', at: T2, source: 'check' }, { status: 'none', at: T1, source: 'weird' }, { status: 'learning', at: T0 },
          ],
        },
        beta: { status: 'skipped', updated: T1, history: 'not a list' },
      },
    },
    kept: { alpha: 'done', beta: 'skipped' }, dropped: 0,
  },
  {
    name: 'future version 4',
    raw: { version: 4, topics: { alpha: { status: 'done', updated: T1, confidence: 0.9 }, beta: { status: 'mastered' } }, settings: { x: 1 } },
    kept: { alpha: 'done' }, dropped: 1, notes: [/written by a newer version \(4\); reading what is understood/, /dropped 'beta': unknown status "mastered"/],
  },
  { name: 'topics as an array', raw: { version: 2, topics: ['alpha', 'beta'] }, kept: {}, dropped: 0, notes: [/no topic table; starting empty/] },
  { name: 'v2 without topics', raw: { version: 2 }, kept: {}, dropped: 0, notes: [/no topic table/] },
  {
    name: 'deeply nested junk',
    raw: {
      version: 2, topics: {
        alpha: { status: deepArray(20_000), updated: T1 },
        beta: { status: 'done', updated: T1, history: [deepArray(20_000)], meta: deepArray(20_000) },
        gamma: deepArray(20_000),
        delta: { status: 'in-progress', updated: T2 },
      },
    },
    kept: { beta: 'done', delta: 'in-progress' }, dropped: 2, notes: [/dropped 'alpha': unknown status/, /dropped 'gamma': not an object/],
  },
  {
    name: 'v0 list with deeply nested and cyclic junk between valid ids',
    raw: ['alpha', deepArray(20_000), cyclic, 'beta'],
    kept: { alpha: 'done', beta: 'done' }, dropped: 2,
  },
  {
    name: 'prototype-pollution keys in v2 (parsed JSON)',
    raw: JSON.parse(`{"version":2,"topics":{"__proto__":{"status":"done","polluted":true},"constructor":{"status":"done","updated":"${T1}"},`
      + `"prototype":{"status":"skipped"},"hasownproperty":{"status":"in-progress"},"alpha":{"status":"in-progress"}}}`),
    kept: { constructor: 'done' as Status, prototype: 'skipped', hasownproperty: 'in-progress', alpha: 'in-progress' }, dropped: 1,
    notes: [/invalid topic id: "__proto__"/], updated: { constructor: T1 },
  },
  {
    name: 'prototype-pollution keys in a bare map (parsed JSON)',
    raw: JSON.parse('{"__proto__":true,"constructor":true,"toString":true,"alpha":true}'),
    kept: { constructor: 'done' as Status, alpha: 'done' }, dropped: 2, notes: [/invalid topic id: "__proto__"/, /invalid topic id: "toString"/],
  },
  {
    name: 'huge 10k-entry state',
    raw: { version: 2, topics: huge }, kept: hugeKept, dropped: 1000,
  },
  {
    name: 'ids with uppercase, spaces and punctuation',
    raw: ['Alpha', 'alpha beta', ' alpha', 'alpha-', '-alpha', 'alpha--beta', 'a_b', 'ALPHA', 'alpha\n', 'alpha-2', 'x', 'é'],
    kept: { 'alpha-2': 'done', x: 'done' }, dropped: 10,
  },
  {
    name: 'mixed valid and invalid v2 entries',
    raw: {
      version: 2, topics: {
        alpha: { status: 'done', updated: T1, source: 'import' },
        'Bad Id': { status: 'done', updated: T1 },
        beta: { status: 'in-progress', updated: T2, source: 'telepathy' },
        gamma: { status: 'nope' },
        delta: 'skipped',
        epsilon: 12,
        'zeta-1': { status: 'completed', updated: T3 },
      },
    },
    kept: { alpha: 'done', beta: 'in-progress', delta: 'skipped', 'zeta-1': 'done' }, dropped: 3,
    updated: { alpha: T1, beta: T2, 'zeta-1': T3 },
  },
];

describe('progress: recoverProgress', () => {
  it(`has at least 20 corrupt or legacy fixtures (${CASES.length})`, () => {
    assert.ok(CASES.length >= 20);
  });

  for (const c of CASES) {
    it(`recovers ${c.name}: keeps valid entries, notes dropped ones, round-trips`, () => {
      let rec;
      try {
        rec = recoverProgress(c.raw, NOW);
      } catch (e) {
        assert.fail(`threw: ${(e as Error).message}`);
      }
      const { state: s, notes } = rec;
      assert.equal(s.version, PROGRESS_VERSION);
      assert.deepEqual(Object.keys(s.topics).sort(), Object.keys(c.kept).sort());
      assert.deepEqual(statuses(s), c.kept);
      assert.equal(notes.filter((n) => n.startsWith('dropped')).length, c.dropped, notes.slice(0, 5).join('\n'));
      for (const re of c.notes ?? []) assert.ok(notes.some((n) => re.test(n)), `no note matches ${re}: ${JSON.stringify(notes)}`);
      for (const n of notes) assert.ok(n.length < 200, `note too long: ${n.slice(0, 80)}`);
      for (const [id, at] of Object.entries(c.updated ?? {})) assert.equal(s.topics[id].updated, at, id);
      for (const e of Object.values(s.topics)) {
        assert.ok(e.history.length >= 1 && e.history.length <= 20);
        assert.ok(['manual', 'check', 'import'].includes(e.source));
      }
      // The stored shape is plain JSON: writing it and reading it back (even much later) changes nothing.
      const again = recoverProgress(JSON.parse(JSON.stringify(s)), LATER);
      assert.deepEqual(again.state, s);
      assert.deepEqual(again.notes, []);
      assert.deepEqual(recoverProgress(JSON.stringify(s), LATER).state, s);
      // Nothing leaked onto Object.prototype.
      assert.equal(({} as Record<string, unknown>).polluted, undefined);
      assert.equal(Object.getPrototypeOf(s.topics), Object.prototype);
    });
  }

  it('returns the empty state for nothing stored', () => {
    assert.deepEqual(recoverProgress(undefined, NOW), { state: { version: 3, topics: {}, cards: {} }, notes: [] });
    assert.deepEqual(recoverProgress(null, NOW).state, EMPTY_PROGRESS);
  });

  it('keeps v2 entries exactly, sorting history oldest first', () => {
    const raw = {
      version: 2, topics: {
        alpha: {
          status: 'done', updated: T3, source: 'check', history: [
            { status: 'done', at: T3, source: 'check' }, { status: 'none', at: T1, source: 'bogus' }, { status: 'learning', at: T0 }, null,
          ],
        },
      },
    };
    assert.deepEqual(recoverProgress(raw, NOW).state.topics.alpha, {
      status: 'done', updated: T3, source: 'check', history: [
        { status: 'in-progress', at: T0, source: 'manual' },
        { status: 'none', at: T1, source: 'manual' },
        { status: 'done', at: T3, source: 'check' },
      ],
    });
  });

  it('bounds a long stored history to the 20 newest changes', () => {
    const history = Array.from({ length: 30 }, (_, i) => ({ status: i % 2 ? 'done' : 'in-progress', at: new Date(Date.parse(T0) + i * DAY).toISOString() }));
    const alpha = recoverProgress({ version: 2, topics: { alpha: { status: 'done', updated: T3, history } } }, NOW).state.topics.alpha;
    assert.equal(alpha.history.length, 20);
    assert.equal(alpha.history[0].at, history[10].at);
    assert.equal(alpha.history[19].at, history[29].at);
  });

  it('fills an empty history from the entry itself', () => {
    const r = recoverProgress({ version: 2, topics: { beta: { status: 'skipped', updated: T1, source: 'import', history: [] } } }, NOW);
    assert.deepEqual(r.state.topics.beta.history, [{ status: 'skipped', at: T1, source: 'import' }]);
  });

  it('stores the constructor id as an own entry (not the inherited Object.prototype.constructor)', () => {
    const s = recoverProgress(['constructor'], NOW).state;
    assert.ok(Object.hasOwn(s.topics, 'constructor'));
    assert.equal(s.topics['constructor'].status, 'done');
  });
});

describe('progress: applyAliases', () => {
  const canonical = (id: string): string | undefined => ({ 'old-alpha': 'alpha', 'older-alpha': 'alpha', alpha: 'alpha', 'old-beta': 'beta' } as Record<string, string>)[id];

  it('moves renamed ids to their current id and keeps unknown ids', () => {
    const a = entry('done', T1);
    const u = entry('skipped', T2);
    const out = applyAliases(state({ 'old-beta': a, 'retired-topic': u }), canonical);
    assert.deepEqual(Object.keys(out.topics).sort(), ['beta', 'retired-topic']);
    assert.equal(out.topics.beta, a);
    assert.equal(out.topics['retired-topic'], u);
    assert.equal(out.version, PROGRESS_VERSION);
  });

  it('keeps the newer entry on a clash, whatever the order', () => {
    const older = entry('done', T1);
    const newer = entry('in-progress', T2);
    assert.equal(applyAliases(state({ alpha: older, 'old-alpha': newer }), canonical).topics.alpha, newer);
    assert.equal(applyAliases(state({ 'old-alpha': newer, alpha: older }), canonical).topics.alpha, newer);
    const three = applyAliases(state({ 'old-alpha': entry('done', T1), alpha: entry('skipped', T0), 'older-alpha': entry('in-progress', T3) }), canonical);
    assert.deepEqual(statuses(three), { alpha: 'in-progress' });
  });

  it('returns the same state when nothing is renamed', () => {
    const s = state({ alpha: entry('done', T1), unknown: entry('done', T1) });
    assert.equal(applyAliases(s, canonical), s);
  });
});

describe('progress: setStatus', () => {
  it('records the change in history', () => {
    const t1 = new Date(T1);
    const s1 = setStatus(EMPTY_PROGRESS, 'alpha', 'in-progress', 'manual', t1);
    assert.deepEqual(s1, state({ alpha: { status: 'in-progress', updated: T1, source: 'manual', history: [{ status: 'in-progress', at: T1, source: 'manual' }] } }));
    const s2 = setStatus(s1, 'alpha', 'done', 'check', new Date(T2));
    assert.deepEqual(s2.topics.alpha, {
      status: 'done', updated: T2, source: 'check',
      history: [{ status: 'in-progress', at: T1, source: 'manual' }, { status: 'done', at: T2, source: 'check' }],
    });
    assert.deepEqual(Object.keys(s1.topics.alpha.history), ['0'], 'the previous state is not mutated');
    assert.deepEqual(EMPTY_PROGRESS.topics, {});
  });

  it('returns the same state when the status does not change', () => {
    const s = setStatus(EMPTY_PROGRESS, 'alpha', 'done', 'manual', new Date(T1));
    assert.equal(setStatus(s, 'alpha', 'done', 'check', new Date(T2)), s);
    assert.equal(setStatus(s, 'beta', undefined, 'manual', new Date(T2)), s);
  });

  it('bounds history to the 20 newest changes', () => {
    let s: ProgressState = EMPTY_PROGRESS;
    const times: string[] = [];
    for (let i = 0; i < 25; i++) {
      const at = new Date(Date.parse(T0) + i * DAY);
      times.push(at.toISOString());
      s = setStatus(s, 'alpha', i % 2 ? 'done' : 'in-progress', 'manual', at);
    }
    const h = s.topics.alpha.history;
    assert.equal(h.length, 20);
    assert.deepEqual(h.map((x) => x.at), times.slice(5));
    assert.equal(h[19].status, 'in-progress');
    assert.equal(s.topics.alpha.status, 'in-progress');
  });

  it('clearing removes the topic and keeps the others', () => {
    let s = setStatus(EMPTY_PROGRESS, 'alpha', 'done', 'manual', new Date(T1));
    s = setStatus(s, 'beta', 'skipped', 'manual', new Date(T2));
    const cleared = setStatus(s, 'alpha', undefined, 'manual', new Date(T3));
    assert.deepEqual(Object.keys(cleared.topics), ['beta']);
    assert.equal(cleared.topics.beta, s.topics.beta);
    assert.ok('alpha' in s.topics, 'the previous state is not mutated');
  });

  it('treats the id "constructor" like any other', () => {
    const s = setStatus(EMPTY_PROGRESS, 'constructor', 'done', 'manual', new Date(T1));
    assert.deepEqual(s.topics['constructor'].history, [{ status: 'done', at: T1, source: 'manual' }]);
    assert.deepEqual(setStatus(s, 'constructor', undefined, 'manual', new Date(T2)).topics, {});
  });
});

describe('progress: countDone and formatCounts', () => {
  const ids = Array.from({ length: 143 }, (_, i) => `t-${i}`);

  it('counts only done topics among the given ids: "12/143 (8%)"', () => {
    const topics: Record<string, TopicProgress> = {};
    for (let i = 0; i < 12; i++) topics[`t-${i * 10}`] = entry('done', T1);
    topics['t-1'] = entry('in-progress', T1);
    topics['t-2'] = entry('skipped', T1);
    topics['not-in-roadmap'] = entry('done', T1);
    const c = countDone(state(topics), ids);
    assert.deepEqual(c, { done: 12, total: 143, percent: 8 });
    assert.equal(formatCounts(c), '12/143 (8%)');
  });

  it('floors percentages and handles empty and complete lists', () => {
    assert.equal(formatCounts(countDone(EMPTY_PROGRESS, [])), '0/0 (0%)');
    assert.equal(formatCounts(countDone(EMPTY_PROGRESS, ids)), '0/143 (0%)');
    const all: Record<string, TopicProgress> = {};
    for (const id of ids) all[id] = entry('done', T1);
    assert.equal(formatCounts(countDone(state(all), ids)), '143/143 (100%)');
    const two = state({ a: entry('done', T1), b: entry('done', T1) });
    assert.equal(formatCounts(countDone(two, ['a', 'b', 'c'])), '2/3 (66%)');
    assert.equal(formatCounts(countDone(two, ['a', 'c', 'd'])), '1/3 (33%)');
    assert.equal(formatCounts({ done: 142, total: 143, percent: 99 }), '142/143 (99%)');
  });
});

describe('progress: nextUp', () => {
  const refs: TopicRef[] = [
    { id: 'a', prerequisites: [] },
    { id: 'b', prerequisites: ['a'] },
    { id: 'c', prerequisites: ['a'] },
    { id: 'd', prerequisites: ['b'] },
  ];
  const with_ = (m: Record<string, Status>) => state(Object.fromEntries(Object.entries(m).map(([id, s]) => [id, entry(s, T1)])));

  it('is the first topic in reading order when nothing is done', () => {
    assert.equal(nextUp(EMPTY_PROGRESS, refs), 'a');
  });

  it('is the first not-done topic whose prerequisites are done', () => {
    assert.equal(nextUp(with_({ a: 'done' }), refs), 'b');
    assert.equal(nextUp(with_({ a: 'done', b: 'done' }), refs), 'c');
    assert.equal(nextUp(with_({ a: 'in-progress' }), refs), 'a', 'in progress is still open');
  });

  it('passes over skipped topics', () => {
    assert.equal(nextUp(with_({ a: 'done', b: 'skipped' }), refs), 'c');
    assert.equal(nextUp(with_({ a: 'skipped' }), refs), 'b', 'nothing is ready, so the first open topic');
  });

  it('falls back to the first open topic when none is ready', () => {
    assert.equal(nextUp(with_({ a: 'done', b: 'skipped', c: 'done' }), refs), 'd');
    const blocked: TopicRef[] = [{ id: 'm', prerequisites: ['missing'] }, { id: 'n', prerequisites: ['m'] }];
    assert.equal(nextUp(EMPTY_PROGRESS, blocked), 'm');
  });

  it('is undefined when everything is done or skipped', () => {
    assert.equal(nextUp(with_({ a: 'done', b: 'skipped', c: 'done', d: 'done' }), refs), undefined);
    assert.equal(nextUp(EMPTY_PROGRESS, []), undefined);
  });
});

describe('progress: pace, project, streak', () => {
  const paced = state({
    a: entry('done', ago(1)),
    b: entry('done', ago(10)),
    c: entry('done', ago(27.9)),
    d: entry('done', ago(28)), // exactly four weeks ago: outside the window
    e: entry('done', ago(40)),
    f: entry('done', ago(-1)), // in the future
    g: entry('in-progress', ago(2)),
    h: entry('skipped', ago(3)),
  });

  it('pace is topics done per week over the last 4 weeks', () => {
    assert.deepEqual(pace(paced, NOW), { perWeek: 0.75, weeks: 4, recentDone: 3 });
    assert.deepEqual(pace(paced, NOW, 2), { perWeek: 1, weeks: 2, recentDone: 2 });
    assert.deepEqual(pace(EMPTY_PROGRESS, NOW), { perWeek: 0, weeks: 4, recentDone: 0 });
  });

  it('projects the finish date from the pace', () => {
    const s = state({ a: entry('done', ago(61)) });
    const p = project(s, { done: 3, total: 13, percent: 23 }, { perWeek: 2, weeks: 4, recentDone: 8 }, NOW);
    assert.equal(p.finish?.toISOString(), '2025-08-04T12:00:00.000Z'); // 10 left at 2/week = 5 weeks = 35 days
    assert.ok(Math.abs(p.monthsLeft! - 35 / 30.44) < 1e-12);
    assert.ok(Math.abs(p.totalMonths! - (61 + 35) / 30.44) < 1e-9);
    const q = project(paced, { done: 3, total: 13, percent: 23 }, pace(paced, NOW), NOW);
    assert.equal(q.finish?.toISOString(), '2025-10-01T20:00:00.000Z'); // 10 left at 0.75/week = 93 1/3 days
  });

  it('has no finish without a pace, and finishes now when nothing is left', () => {
    assert.deepEqual(project(EMPTY_PROGRESS, { done: 0, total: 10, percent: 0 }, pace(EMPTY_PROGRESS, NOW), NOW), {});
    const done = project(state({ a: entry('done', ago(30.44)) }), { done: 1, total: 1, percent: 100 }, { perWeek: 0, weeks: 4, recentDone: 0 }, NOW);
    assert.equal(done.finish?.getTime(), NOW.getTime());
    assert.equal(done.monthsLeft, 0);
    assert.ok(Math.abs(done.totalMonths! - 1) < 1e-12);
  });

  it('streak counts consecutive days ending today', () => {
    const s = state({
      a: entry('done', '2025-06-30T01:00:00.000Z', 'manual', [
        { status: 'in-progress', at: '2025-06-26T10:00:00.000Z', source: 'manual' },
        { status: 'done', at: '2025-06-30T01:00:00.000Z', source: 'manual' },
      ]),
      b: entry('done', '2025-06-29T23:59:59.999Z', 'manual', [
        { status: 'in-progress', at: '2025-06-28T00:00:00.000Z', source: 'manual' },
        { status: 'none', at: '2025-06-28T05:00:00.000Z', source: 'manual' },
        { status: 'done', at: '2025-06-29T23:59:59.999Z', source: 'manual' },
      ]),
    });
    assert.equal(streak(s, NOW), 3); // 28, 29, 30; the 27th is missing
  });

  it('streak may end yesterday, and is 0 after a gap or with no history', () => {
    const s = state({ a: entry('done', '2025-06-29T08:00:00.000Z'), b: entry('done', '2025-06-28T08:00:00.000Z') });
    assert.equal(streak(s, NOW), 2);
    assert.equal(streak(s, new Date('2025-07-01T00:00:00.000Z')), 0);
    assert.equal(streak(EMPTY_PROGRESS, NOW), 0);
  });
});

describe('progress: export and import', () => {
  const s = state({
    alpha: entry('done', T1, 'check'),
    beta: entry('in-progress', T2, 'manual', [{ status: 'done', at: T1, source: 'manual' }, { status: 'in-progress', at: T2, source: 'manual' }]),
    constructor: entry('skipped', T3, 'import'),
  });

  it('toExport is schema-versioned and self-describing', () => {
    assert.deepEqual(toExport(s, 'Data Scientist', NOW), {
      schema: 'ds-roadmap-progress', version: 3, exportedAt: NOW.toISOString(), roadmap: 'Data Scientist', topics: s.topics, cards: s.cards,
    });
    assert.equal(EXPORT_SCHEMA, 'ds-roadmap-progress');
  });

  it('round-trips through parseExport', () => {
    const parsed = parseExport(JSON.stringify(toExport(s, 'Data Scientist', NOW), null, 2));
    assert.deepEqual(parsed, { state: s, notes: [] });
  });

  it('keeps the valid entries of an export and notes the invalid ones', () => {
    const text = JSON.stringify({ schema: EXPORT_SCHEMA, version: 1, topics: { alpha: { status: 'done', updated: T1 }, 'Bad Id': { status: 'done' }, beta: { status: '?' } } });
    const parsed = parseExport(text);
    assert.ok('state' in parsed);
    assert.deepEqual(statuses(parsed.state), { alpha: 'done' });
    assert.equal(parsed.notes.length, 2);
  });

  it('returns an error object for invalid JSON, a wrong schema or a future version', () => {
    const cases: [string, RegExp][] = [
      ['{not json', /^not valid JSON: /],
      ['', /^not valid JSON: /],
      ['[]', /^not a progress export \(expected "schema": "ds-roadmap-progress"\)$/],
      ['null', /^not a progress export/],
      [JSON.stringify({ schema: 'something-else', version: 2, topics: {} }), /^not a progress export/],
      [JSON.stringify({ version: 2, topics: {} }), /^not a progress export/],
      [JSON.stringify({ schema: EXPORT_SCHEMA, version: 4, topics: {} }), /^unsupported export version 4$/],
      [JSON.stringify({ schema: EXPORT_SCHEMA, version: '2', topics: {} }), /^unsupported export version "2"$/],
      [JSON.stringify({ schema: EXPORT_SCHEMA, topics: {} }), /^unsupported export version undefined$/],
      [JSON.stringify({ schema: EXPORT_SCHEMA, version: 2, topics: [] }), /^the export has no "topics" table$/],
      [JSON.stringify({ schema: EXPORT_SCHEMA, version: 2 }), /^the export has no "topics" table$/],
    ];
    for (const [text, re] of cases) {
      const r = parseExport(text);
      assert.ok('error' in r, `${text} should fail`);
      assert.match(r.error, re, text);
    }
  });
});

describe('progress: merge', () => {
  const current = state({
    a: entry('done', T1),
    b: entry('in-progress', T1),
    c: entry('done', T2),
    d: entry('skipped', T2),
  });
  const incoming = state({
    a: entry('done', T3, 'import'), // same status: unchanged, even though newer
    b: entry('done', T2, 'import'), // newer and different: incoming wins
    c: entry('in-progress', T1, 'import'), // older and different: current wins
    e: entry('done', T1, 'import'),
    f: entry('skipped', T0, 'import'),
  });

  it('counts added, updated, conflicts and unchanged; the newer change wins', () => {
    const r = merge(current, incoming);
    assert.deepEqual(r.added, ['e', 'f']);
    assert.deepEqual(r.updated, ['b']);
    assert.deepEqual(r.conflicts, [{ id: 'b', kept: 'done', other: 'in-progress' }, { id: 'c', kept: 'done', other: 'in-progress' }]);
    assert.equal(r.unchanged, 1);
    assert.deepEqual(statuses(r.state), { a: 'done', b: 'done', c: 'done', d: 'skipped', e: 'done', f: 'skipped' });
    assert.equal(r.state.topics.a, current.topics.a);
    assert.equal(r.state.topics.b, incoming.topics.b);
    assert.equal(r.state.topics.c, current.topics.c);
    assert.equal(r.state.topics.e, incoming.topics.e);
    assert.equal(r.state.version, PROGRESS_VERSION);
    assert.deepEqual(Object.keys(current.topics), ['a', 'b', 'c', 'd'], 'the current state is not mutated');
  });

  it('merging a state into itself changes nothing', () => {
    const r = merge(current, current);
    assert.deepEqual({ added: r.added, updated: r.updated, conflicts: r.conflicts, unchanged: r.unchanged }, { added: [], updated: [], conflicts: [], unchanged: 4 });
    assert.deepEqual(r.state, current);
  });

  it('merging into an empty state adds everything; the id "constructor" is added, not a conflict', () => {
    const inc = state({ constructor: entry('done', T1), alpha: entry('in-progress', T1) });
    const r = merge(EMPTY_PROGRESS, inc);
    assert.deepEqual(r.added, ['constructor', 'alpha']);
    assert.deepEqual(r.conflicts, []);
    assert.deepEqual(r.state, inc);
  });
});
