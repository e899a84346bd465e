/**
 * The stored shape of progress and its rules, free of `vscode`: migration from anything (older
 * versions, corrupt data), renamed ids, and recording a change.
 */
import { isId } from '../ids';
import { recoverCards, type ReviewCard } from '../review/reviewCards';

/** 3: review cards (`cards`) beside the topics; 2: topics with status history; 1: completed ids. */
export const PROGRESS_VERSION = 3;
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
  /** Review cards by card id (`<topic>/<question>`), see core/review. */
  readonly cards: Readonly<Record<string, ReviewCard>>;
}

export const EMPTY_PROGRESS: ProgressState = Object.freeze({ version: PROGRESS_VERSION, topics: Object.freeze({}), cards: Object.freeze({}) });

export interface Recovery {
  readonly state: ProgressState;
  /** Human-readable notes about what was migrated or dropped. */
  readonly notes: readonly string[];
}

export function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** The entry stored under `id`, ignoring inherited properties such as `constructor`. */
export function own<T>(table: Readonly<Record<string, T>>, id: string): T | undefined {
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

/**
 * Reads whatever is stored into a valid state. Never throws. Understands:
 * - v3 (current, with review cards), v2 (topics only), v1 (`{version:1, completed: {id: isoTime}}`),
 *   a bare array of ids (v0),
 *   and a bare `{id: true|time}` map;
 * - strings holding JSON of any of these.
 * Invalid entries are dropped with a note; valid ones are kept, including unknown ids.
 */
export function recoverProgress(raw: unknown, now: Date = new Date()): Recovery {
  const notes: string[] = [];
  const topics: Record<string, TopicProgress> = {};
  let cards: Record<string, ReviewCard> = {};
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
      if (!isId(id)) {
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
      cards = recoverCards(data.cards, notes);
    } else if (isRecord(data) && (data.version === PROGRESS_VERSION || data.version === 2 || isRecord(data.topics))) {
      readV2(data.topics, put, notes, fallback);
      cards = recoverCards(data.cards, notes);
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
  return { state: { version: PROGRESS_VERSION, topics, cards }, notes };
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

/** Two histories of one topic joined: every change once, oldest first, at most {@link HISTORY_LIMIT}. */
export function mergeHistory(a: readonly StatusChange[], b: readonly StatusChange[]): StatusChange[] {
  const seen = new Map<string, StatusChange>();
  for (const h of [...a, ...b]) seen.set(`${h.at}|${h.status}|${h.source}`, h);
  return [...seen.values()].sort((x, y) => x.at.localeCompare(y.at)).slice(-HISTORY_LIMIT);
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
  // A card of a renamed topic follows it: `old-id/question` becomes `new-id/question`.
  const cards: Record<string, ReviewCard> = {};
  for (const [id, card] of Object.entries(state.cards)) {
    const slash = id.indexOf('/');
    const topic = canonical(id.slice(0, slash)) ?? id.slice(0, slash);
    const target = `${topic}${id.slice(slash)}`;
    if (target !== id) changed = true;
    const old = own(cards, target);
    if (!old || old.updated <= card.updated) cards[target] = card;
  }
  return changed ? { version: PROGRESS_VERSION, topics, cards } : state;
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
  return { version: PROGRESS_VERSION, topics, cards: state.cards };
}

