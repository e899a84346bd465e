/** Export files and merging: progress that moves between machines and scopes. */
import { mergeCards, storeCards, type StoredCard } from '../review/reviewCards';
import { EXPORT_SCHEMA, isRecord, own, PROGRESS_VERSION, recoverProgress, type ProgressState, type Status, type TopicProgress } from './progressState';

/** The exported file: schema-versioned, self-describing. */
export interface ProgressExport {
  readonly schema: typeof EXPORT_SCHEMA;
  readonly version: typeof PROGRESS_VERSION;
  readonly exportedAt: string;
  readonly roadmap: string;
  readonly topics: ProgressState['topics'];
  /** Review cards as stored (version 3 on); older exports have none. */
  readonly cards: Readonly<Record<string, StoredCard>>;
}

export function toExport(state: ProgressState, roadmapTitle: string, now: Date = new Date()): ProgressExport {
  return { schema: EXPORT_SCHEMA, version: PROGRESS_VERSION, exportedAt: now.toISOString(), roadmap: roadmapTitle, topics: state.topics, cards: storeCards(state.cards) };
}

/** The largest export file that is read at all. */
export const MAX_IMPORT_BYTES = 5 * 1024 * 1024;
/** An export may carry ids this roadmap does not know (a newer roadmap's, say), but not more than this. */
export const MAX_UNKNOWN_IDS = 10_000;
/** A change dated later than now plus this is treated as made at import time. */
const FUTURE_SLACK_MS = 86_400_000;

export interface ImportBounds {
  /** The topic ids this roadmap knows (with aliases). */
  readonly known?: (id: string) => boolean;
  /** When the import happens: later dates are clamped to it. */
  readonly now?: Date;
}

/** Times past `now` + one day are clamped to `now`, so an entry from "the future" never beats a later change. */
function clampFuture(state: ProgressState, now: Date, notes: string[]): ProgressState {
  const limit = now.getTime() + FUTURE_SLACK_MS;
  const at = now.toISOString();
  let clamped = 0;
  const fix = (iso: string) => (Date.parse(iso) > limit ? (clamped++, at) : iso);
  const topics: Record<string, TopicProgress> = {};
  for (const [id, t] of Object.entries(state.topics)) {
    topics[id] = { ...t, updated: fix(t.updated), history: t.history.map((h) => ({ ...h, at: fix(h.at) })) };
  }
  const cards = Object.fromEntries(Object.entries(state.cards).map(([id, c]) => {
    const future = c.updated > limit;
    if (future) clamped++;
    return [id, future ? { ...c, updated: now.getTime() } : c];
  }));
  if (clamped) notes.push(`${clamped} date(s) later than tomorrow were set to the import time`);
  return { version: state.version, topics, cards };
}

/**
 * Parses an export file; returns an error message instead of throwing. A file that is too big,
 * or that names more than {@link MAX_UNKNOWN_IDS} topics this roadmap does not know, is refused
 * whole; unknown ids within that bound are kept, as every id is.
 */
export function parseExport(text: string, bounds: ImportBounds = {}): { state: ProgressState; notes: readonly string[] } | { error: string } {
  const bytes = Buffer.byteLength(text, 'utf8');
  if (bytes > MAX_IMPORT_BYTES) return { error: `the file is too large (${(bytes / 1048576).toFixed(1)} MB; an export is at most ${MAX_IMPORT_BYTES / 1048576} MB)` };
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    return { error: `not valid JSON: ${(e as Error).message}` };
  }
  if (!isRecord(data) || data.schema !== EXPORT_SCHEMA) return { error: `not a progress export (expected "schema": "${EXPORT_SCHEMA}")` };
  if (typeof data.version !== 'number' || data.version > PROGRESS_VERSION) return { error: `unsupported export version ${JSON.stringify(data.version)}` };
  if (!isRecord(data.topics)) return { error: 'the export has no "topics" table' };
  if (bounds.known) {
    const known = bounds.known;
    const unknown = new Set(Object.keys(data.topics).filter((id) => !known(id)));
    if (isRecord(data.cards)) for (const id of Object.keys(data.cards)) if (!known(id.split('/')[0])) unknown.add(id.split('/')[0]);
    if (unknown.size > MAX_UNKNOWN_IDS) return { error: `it names ${unknown.size} topics this roadmap does not know (at most ${MAX_UNKNOWN_IDS} are accepted)` };
  }
  const { state, notes } = recoverProgress({ version: PROGRESS_VERSION, topics: data.topics, cards: data.cards });
  const kept = [...notes];
  return { state: clampFuture(state, bounds.now ?? new Date(), kept), notes: kept };
}

export interface MergeReport {
  readonly state: ProgressState;
  readonly added: readonly string[];
  readonly updated: readonly string[];
  /** Both sides changed the topic to different statuses; the newer change won. */
  readonly conflicts: readonly { id: string; kept: Status; other: Status }[];
  readonly unchanged: number;
  /** Review cards taken from the incoming side (new there, or reviewed there later). */
  readonly cardsUpdated: number;
}

/** Merges an imported state into the current one: per topic and per review card, the newer change wins. */
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
  const cards = mergeCards(current.cards, incoming.cards);
  return { state: { version: PROGRESS_VERSION, topics, cards: cards.cards }, added, updated, conflicts, unchanged, cardsUpdated: cards.changed.length };
}
