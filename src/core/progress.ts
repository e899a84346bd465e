/**
 * Progress rules, free of `vscode`: the stored shape and its migration from anything (older
 * versions, corrupt data), counts, "next up", pace, projection, streak, and import merging.
 */

export const PROGRESS_VERSION = 2;
export const EXPORT_SCHEMA = 'ds-roadmap-progress';
export type Status = 'done' | 'in-progress' | 'skipped';
export type Source = 'manual' | 'check' | 'import';
export const STATUSES: readonly Status[] = ['done', 'in-progress', 'skipped'];
const SOURCES: readonly Source[] = ['manual', 'check', 'import'];
const HISTORY_LIMIT = 20;

export interface StatusChange {
  readonly status: Status | 'none';
  /** ISO 8601 time of the change. */
  readonly at: string;
  readonly source: Source;
}

export interface TopicProgress {
  readonly status: Status;
  readonly updated: string;
  readonly source: Source;
  /** Oldest first, at most {@link HISTORY_LIMIT} entries. */
  readonly history: readonly StatusChange[];
}

export interface ProgressState {
  readonly version: typeof PROGRESS_VERSION;
  /** Keyed by topic id. Ids unknown to the current roadmap are kept, never dropped. */
  readonly topics: Readonly<Record<string, TopicProgress>>;
}

export const EMPTY_PROGRESS: ProgressState = Object.freeze({ version: PROGRESS_VERSION, topics: Object.freeze({}) });

export interface Recovery {
  readonly state: ProgressState;
  /** Human-readable notes about what was migrated or dropped. */
  readonly notes: readonly string[];
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** The entry stored under `id`, ignoring inherited properties such as `constructor`. */
function own<T>(table: Readonly<Record<string, T>>, id: string): T | undefined {
  return Object.prototype.hasOwnProperty.call(table, id) ? table[id] : undefined;
}

/** A short JSON preview for notes; never throws (deeply nested, cyclic or BigInt values). */
function preview(v: unknown, max: number): string {
  try {
    return String(JSON.stringify(v)).slice(0, max);
  } catch {
    return Array.isArray(v) ? '[...]' : typeof v;
  }
}

function validTime(v: unknown): string | undefined {
  if (typeof v === 'number' && Number.isFinite(v) && v > 0) {
    const d = new Date(v);
    return Number.isNaN(d.getTime()) ? undefined : d.toISOString();
  }
  if (typeof v !== 'string') return undefined;
  const d = new Date(v);
  return Number.isNaN(d.getTime()) ? undefined : d.toISOString();
}

function asStatus(v: unknown): Status | undefined {
  if (v === true || v === 'complete' || v === 'completed') return 'done';
  if (v === 'learning' || v === 'in_progress' || v === 'inProgress') return 'in-progress';
  return STATUSES.includes(v as Status) ? (v as Status) : undefined;
}

const ID = /^[a-z0-9]+(-[a-z0-9]+)*$/;

/**
 * Reads whatever is stored into a valid state. Never throws. Understands:
 * - v2 (current), v1 (`{version:1, completed: {id: isoTime}}`), a bare array of ids (v0),
 *   and a bare `{id: true|time}` map;
 * - strings holding JSON of any of these.
 * Invalid entries are dropped with a note; valid ones are kept, including unknown ids.
 */
export function recoverProgress(raw: unknown, now: Date = new Date()): Recovery {
  const notes: string[] = [];
  const topics: Record<string, TopicProgress> = {};
  const fallback = now.toISOString();
  try {
    let data = raw;
    if (typeof data === 'string') {
      try {
        data = JSON.parse(data);
        notes.push('progress was stored as text; converted');
      } catch {
        notes.push('stored progress is text that is not JSON; starting empty');
        return { state: EMPTY_PROGRESS, notes };
      }
    }
    if (data === undefined || data === null) return { state: EMPTY_PROGRESS, notes };
    const put = (id: unknown, entry: TopicProgress): void => {
      if (typeof id !== 'string' || !ID.test(id)) {
        notes.push(`dropped an entry with an invalid topic id: ${preview(id, 60)}`);
        return;
      }
      const old = own(topics, id);
      if (!old || old.updated <= entry.updated) topics[id] = entry;
    };
    const simple = (status: Status, at: string, source: Source): TopicProgress =>
      ({ status, updated: at, source, history: [{ status, at, source }] });

    if (Array.isArray(data)) {
      notes.push('migrated progress from a list of ids (v0)');
      for (const id of data) put(id, simple('done', fallback, 'manual'));
    } else if (isRecord(data) && data.version === 1 && isRecord(data.completed)) {
      notes.push('migrated progress from version 1');
      for (const [id, at] of Object.entries(data.completed)) put(id, simple('done', validTime(at) ?? fallback, 'manual'));
    } else if (isRecord(data) && typeof data.version === 'number' && data.version > PROGRESS_VERSION) {
      notes.push(`progress was written by a newer version (${data.version}); reading what is understood`);
      readV2(data.topics, put, notes, fallback);
    } else if (isRecord(data) && (data.version === PROGRESS_VERSION || isRecord(data.topics))) {
      readV2(data.topics, put, notes, fallback);
    } else if (isRecord(data) && (Object.hasOwn(data, 'completed') || Object.hasOwn(data, 'topics')
      || (Number.isInteger(data.version) && (data.version as number) >= 0 && (data.version as number) <= PROGRESS_VERSION))) {
      // Versioned shape whose table is unreadable: not an id map (else `version` would become a topic).
      notes.push(`progress (version ${preview(data.version, 20)}) has no readable topic table; starting empty`);
    } else if (isRecord(data)) {
      notes.push('migrated progress from an id map');
      for (const [id, v] of Object.entries(data)) {
        const status = asStatus(v);
        const at = validTime(v);
        if (status) put(id, simple(status, fallback, 'manual'));
        else if (at) put(id, simple('done', at, 'manual'));
        else notes.push(`dropped '${id.slice(0, 60)}': unknown value`);
      }
    } else {
      notes.push(`stored progress has an unexpected type (${typeof data}); starting empty`);
    }
  } catch (e) {
    notes.push(`stored progress could not be read (${(e as Error).message}); kept what was valid`);
  }
  return { state: { version: PROGRESS_VERSION, topics }, notes };
}

function readV2(raw: unknown, put: (id: unknown, e: TopicProgress) => void, notes: string[], fallback: string): void {
  if (!isRecord(raw)) {
    notes.push('progress has no topic table; starting empty');
    return;
  }
  for (const [id, v] of Object.entries(raw)) {
    if (!isRecord(v)) {
      const status = asStatus(v);
      if (status) put(id, { status, updated: fallback, source: 'manual', history: [{ status, at: fallback, source: 'manual' }] });
      else notes.push(`dropped '${id.slice(0, 60)}': not an object`);
      continue;
    }
    const status = asStatus(v.status);
    if (!status) {
      notes.push(`dropped '${id.slice(0, 60)}': unknown status ${preview(v.status, 30)}`);
      continue;
    }
    const updated = validTime(v.updated) ?? fallback;
    const source = SOURCES.includes(v.source as Source) ? (v.source as Source) : 'manual';
    const history: StatusChange[] = [];
    if (Array.isArray(v.history)) {
      for (const h of v.history) {
        if (!isRecord(h)) continue;
        const hs = h.status === 'none' ? 'none' : asStatus(h.status);
        const at = validTime(h.at);
        if (hs && at) history.push({ status: hs, at, source: SOURCES.includes(h.source as Source) ? (h.source as Source) : 'manual' });
      }
    }
    if (history.length === 0) history.push({ status, at: updated, source });
    history.sort((a, b) => a.at.localeCompare(b.at));
    put(id, { status, updated, source, history: history.slice(-HISTORY_LIMIT) });
  }
}

/** Maps renamed ids (aliases) to their current id; keeps the newer entry on a clash. */
export function applyAliases(state: ProgressState, canonical: (id: string) => string | undefined): ProgressState {
  let changed = false;
  const topics: Record<string, TopicProgress> = {};
  for (const [id, entry] of Object.entries(state.topics)) {
    const target = canonical(id) ?? id;
    if (target !== id) changed = true;
    const old = own(topics, target);
    if (!old || old.updated <= entry.updated) topics[target] = entry;
  }
  return changed ? { version: PROGRESS_VERSION, topics } : state;
}

/** Sets (or with `undefined`, clears) a topic's status, recording the change. */
export function setStatus(state: ProgressState, id: string, status: Status | undefined, source: Source, now: Date = new Date()): ProgressState {
  const old = own(state.topics, id);
  if ((old?.status ?? undefined) === status) return state;
  const at = now.toISOString();
  const topics = { ...state.topics };
  if (status === undefined) {
    delete topics[id];
  } else {
    const history = [...(old?.history ?? []), { status, at, source }].slice(-HISTORY_LIMIT);
    topics[id] = { status, updated: at, source, history };
  }
  return { version: PROGRESS_VERSION, topics };
}

export interface Counts {
  readonly done: number;
  readonly total: number;
  readonly percent: number;
}

export function countDone(state: ProgressState, ids: readonly string[]): Counts {
  let done = 0;
  for (const id of ids) if (state.topics[id]?.status === 'done') done++;
  const total = ids.length;
  return { done, total, percent: total === 0 ? 0 : Math.floor((done / total) * 100) };
}

/** `12/143 (8%)`: the status bar's text and the contract acceptance checks read. */
export function formatCounts(c: Counts): string {
  return `${c.done}/${c.total} (${c.percent}%)`;
}

export interface TopicRef {
  readonly id: string;
  readonly prerequisites: readonly string[];
}

/** The first topic in reading order that is not done or skipped and whose prerequisites are done. */
export function nextUp(state: ProgressState, topics: readonly TopicRef[]): string | undefined {
  const finished = (id: string) => state.topics[id]?.status === 'done';
  const open = (id: string) => !finished(id) && state.topics[id]?.status !== 'skipped';
  const ready = topics.find((t) => open(t.id) && t.prerequisites.every(finished));
  return (ready ?? topics.find((t) => open(t.id)))?.id;
}

const DAY = 86_400_000;
const WEEK = 7 * DAY;

/** When each topic that is done now was (last) finished. */
function doneTimes(state: ProgressState): number[] {
  const out: number[] = [];
  for (const entry of Object.values(state.topics)) {
    if (entry.status !== 'done') continue;
    const t = Date.parse(entry.updated);
    if (!Number.isNaN(t)) out.push(t);
  }
  return out;
}

export interface Pace {
  /** Topics finished per week over the last `weeks` weeks. */
  readonly perWeek: number;
  readonly weeks: number;
  readonly recentDone: number;
}

export function pace(state: ProgressState, now: Date = new Date(), weeks = 4): Pace {
  const since = now.getTime() - weeks * WEEK;
  const recentDone = doneTimes(state).filter((t) => t > since && t <= now.getTime()).length;
  return { perWeek: recentDone / weeks, weeks, recentDone };
}

export interface Projection {
  /** Undefined when there is no pace yet. */
  readonly finish?: Date;
  readonly monthsLeft?: number;
  /** Months from the first completion to the projected finish, to compare with the estimates. */
  readonly totalMonths?: number;
}

export function project(state: ProgressState, counts: Counts, p: Pace, now: Date = new Date()): Projection {
  const remaining = counts.total - counts.done;
  if (remaining <= 0) return { finish: now, monthsLeft: 0, totalMonths: totalSpan(state, now) };
  if (p.perWeek <= 0) return {};
  const weeksLeft = remaining / p.perWeek;
  const finish = new Date(now.getTime() + weeksLeft * WEEK);
  const monthsLeft = (weeksLeft * 7) / 30.44;
  const span = totalSpan(state, now);
  return { finish, monthsLeft, totalMonths: (span ?? 0) + monthsLeft };
}

function totalSpan(state: ProgressState, now: Date): number | undefined {
  let first = Infinity;
  for (const e of Object.values(state.topics)) for (const h of e.history) first = Math.min(first, Date.parse(h.at));
  return Number.isFinite(first) ? Math.max(0, (now.getTime() - first) / (30.44 * DAY)) : undefined;
}

/** Consecutive days, ending today or yesterday (local days as UTC dates), with at least one change. */
export function streak(state: ProgressState, now: Date = new Date()): number {
  const days = new Set<string>();
  for (const e of Object.values(state.topics)) for (const h of e.history) days.add(h.at.slice(0, 10));
  let d = new Date(now.toISOString().slice(0, 10) + 'T00:00:00Z');
  if (!days.has(d.toISOString().slice(0, 10))) d = new Date(d.getTime() - DAY);
  let n = 0;
  while (days.has(d.toISOString().slice(0, 10))) {
    n++;
    d = new Date(d.getTime() - DAY);
  }
  return n;
}

/** The exported file: schema-versioned, self-describing. */
export interface ProgressExport {
  readonly schema: typeof EXPORT_SCHEMA;
  readonly version: typeof PROGRESS_VERSION;
  readonly exportedAt: string;
  readonly roadmap: string;
  readonly topics: ProgressState['topics'];
}

export function toExport(state: ProgressState, roadmapTitle: string, now: Date = new Date()): ProgressExport {
  return { schema: EXPORT_SCHEMA, version: PROGRESS_VERSION, exportedAt: now.toISOString(), roadmap: roadmapTitle, topics: state.topics };
}

/** Parses an export file; returns an error message instead of throwing. */
export function parseExport(text: string): { state: ProgressState; notes: readonly string[] } | { error: string } {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    return { error: `not valid JSON: ${(e as Error).message}` };
  }
  if (!isRecord(data) || data.schema !== EXPORT_SCHEMA) return { error: `not a progress export (expected "schema": "${EXPORT_SCHEMA}")` };
  if (typeof data.version !== 'number' || data.version > PROGRESS_VERSION) return { error: `unsupported export version ${JSON.stringify(data.version)}` };
  if (!isRecord(data.topics)) return { error: 'the export has no "topics" table' };
  const { state, notes } = recoverProgress({ version: PROGRESS_VERSION, topics: data.topics });
  return { state, notes };
}

export interface MergeReport {
  readonly state: ProgressState;
  readonly added: readonly string[];
  readonly updated: readonly string[];
  /** Both sides changed the topic to different statuses; the newer change won. */
  readonly conflicts: readonly { id: string; kept: Status; other: Status }[];
  readonly unchanged: number;
}

/** Merges an imported state into the current one: per topic, the newer change wins. */
export function merge(current: ProgressState, incoming: ProgressState): MergeReport {
  const topics: Record<string, TopicProgress> = { ...current.topics };
  const added: string[] = [];
  const updated: string[] = [];
  const conflicts: { id: string; kept: Status; other: Status }[] = [];
  let unchanged = 0;
  for (const [id, inc] of Object.entries(incoming.topics)) {
    const cur = own(topics, id);
    if (!cur) {
      topics[id] = inc;
      added.push(id);
    } else if (cur.status === inc.status) {
      unchanged++;
    } else if (inc.updated > cur.updated) {
      topics[id] = inc;
      updated.push(id);
      conflicts.push({ id, kept: inc.status, other: cur.status });
    } else {
      conflicts.push({ id, kept: cur.status, other: inc.status });
    }
  }
  return { state: { version: PROGRESS_VERSION, topics }, added, updated, conflicts, unchanged };
}
