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
  const { state, notes } = recoverProgress({ version: PROGRESS_VERSION, topics: data.topics, cards: data.cards });
  return { state, notes };
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
