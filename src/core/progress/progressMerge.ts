/**
 * Merging two copies of keyed progress (topics, review cards) so that no change is ever lost:
 * per key, the newer change wins, a removal is a change too (a tombstone with its time), and
 * keys one copy lacks are kept. This is what lets several VS Code windows share one store, and
 * a damaged copy lose nothing the other has. Free of `vscode` and of any I/O.
 */

/** Entries by key, plus the keys removed and when (epoch ms). */
export interface Ledger<T> {
  readonly entries: Readonly<Record<string, T>>;
  readonly cleared: Readonly<Record<string, number>>;
}

export interface LedgerRules<T> {
  /** When an entry last changed (epoch ms). */
  time(entry: T): number;
  /** The entry kept when both copies have one: by default the newer; topics also join their histories. */
  combine?(newer: T, older: T): T;
}

/** At most this many tombstones are kept (the newest); older removals cannot be resurrected by a stale copy in practice. */
export const TOMBSTONE_LIMIT = 5000;

const has = (o: object, k: string) => Object.prototype.hasOwnProperty.call(o, k);

/** When a key last changed in a ledger: its entry's time or its tombstone's, or -Infinity. */
function changedAt<T>(l: Ledger<T>, key: string, rules: LedgerRules<T>): number {
  if (has(l.entries, key)) return rules.time(l.entries[key]);
  if (has(l.cleared, key)) return l.cleared[key];
  return -Infinity;
}

/**
 * `theirs` merged into `mine`. For keys in `forced` (changes made here and not saved yet, such
 * as an import or a reset) mine wins whatever the times; for every other key the newer change
 * wins (a tie keeps mine).
 */
export function mergeLedgers<T>(mine: Ledger<T>, theirs: Ledger<T>, rules: LedgerRules<T>, forced: ReadonlySet<string> = new Set()): Ledger<T> {
  const entries: Record<string, T> = {};
  const cleared: Record<string, number> = {};
  const keys = new Set([...Object.keys(mine.entries), ...Object.keys(mine.cleared), ...Object.keys(theirs.entries), ...Object.keys(theirs.cleared)]);
  for (const key of keys) {
    // The same entry on both sides (the usual case: most of a store changes rarely): nothing to decide.
    if (has(mine.entries, key) && has(theirs.entries, key) && mine.entries[key] === theirs.entries[key]) {
      entries[key] = mine.entries[key];
      continue;
    }
    const a = changedAt(mine, key, rules);
    const b = changedAt(theirs, key, rules);
    const winner = forced.has(key) || a >= b ? mine : theirs;
    const loser = winner === mine ? theirs : mine;
    if (has(winner.entries, key)) {
      const e = winner.entries[key];
      entries[key] = rules.combine && has(loser.entries, key) ? rules.combine(e, loser.entries[key]) : e;
    } else if (has(winner.cleared, key)) cleared[key] = winner.cleared[key];
  }
  return { entries, cleared: trimTombstones(cleared) };
}

function trimTombstones(cleared: Record<string, number>): Record<string, number> {
  const keys = Object.keys(cleared);
  if (keys.length <= TOMBSTONE_LIMIT) return cleared;
  const keep = keys.sort((x, y) => cleared[y] - cleared[x]).slice(0, TOMBSTONE_LIMIT);
  return Object.fromEntries(keep.map((k) => [k, cleared[k]]));
}

/** The ledger after replacing its entries with `next` at `now`: removed keys become tombstones. */
export function replaceEntries<T>(l: Ledger<T>, next: Readonly<Record<string, T>>, now: number): Ledger<T> {
  const cleared: Record<string, number> = { ...l.cleared };
  for (const key of Object.keys(l.entries)) if (!has(next, key)) cleared[key] = now;
  for (const key of Object.keys(next)) delete cleared[key];
  return { entries: next, cleared: trimTombstones(cleared) };
}

/** Keys whose entry differs between two ledgers (added, removed or changed). */
export function changedKeys<T>(a: Ledger<T>, b: Ledger<T>): string[] {
  const out: string[] = [];
  for (const key of new Set([...Object.keys(a.entries), ...Object.keys(b.entries)])) {
    if (!has(a.entries, key) || !has(b.entries, key) || a.entries[key] !== b.entries[key]) out.push(key);
  }
  return out;
}

/** Reads stored tombstones, keeping the valid ones. */
export function recoverTombstones(raw: unknown): Record<string, number> {
  const out: Record<string, number> = {};
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return out;
  for (const [k, v] of Object.entries(raw)) {
    const t = typeof v === 'number' ? v : typeof v === 'string' ? Date.parse(v) : NaN;
    if (Number.isFinite(t) && t > 0 && k.length <= 200) out[k] = t;
  }
  return out;
}
