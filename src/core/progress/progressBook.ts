/**
 * The rules of keeping progress, behind two small ports so plain mocha can test them with
 * in-memory fakes: the key-value store (VS Code's Memento) and a shared file on disk (in the
 * extension's storage, one per scope, shared by every window on it).
 *
 * Progress is kept in two parts of the same versioned schema: the topics (read at activation,
 * for the status bar) and the review cards (read on first use, and saved only when a card
 * changes). For each part:
 * - reads recover from anything stored (migration, corrupt data) without throwing, keeping every
 *   valid entry;
 * - every save merges: under the file's lock it re-reads the shared file, merges per key (the
 *   newer change wins, removals are tombstones, see progressMerge.ts), writes the file whole
 *   (temp file, then rename) and then the Memento; so two windows never lose each other's changes;
 * - changes other windows make arrive through {@link ProgressBook.refresh};
 * - a damaged copy (Memento or file) loses nothing the other copy has, and empty or partial state
 *   is never written over good state: a save only ever writes a merge.
 * Saving never throws; a failed save is reported (log and result), never shown: showing it is the
 * caller's business.
 */
import { recoverCards, storeCards, type ReviewCard, type ReviewCards } from '../review/reviewCards';
import { changedKeys, mergeLedgers, recoverTombstones, replaceEntries, type Ledger, type LedgerRules } from './progressMerge';
import { applyAliases, mergeHistory, PROGRESS_VERSION, recoverProgress, setStatus, type ProgressState, type Source, type Status, type TopicProgress } from './progressState';

/** The Memento as the rules see it. */
export interface KeyValueStore {
  get(key: string): unknown;
  update(key: string, value: unknown): PromiseLike<void>;
}

/** One file shared by every window of a scope, read and written whole. */
export interface MirrorFile {
  /** The file's text, or undefined when there is none. Throws on other read errors. */
  read(): Promise<string | undefined>;
  /** Writes the text whole (temp file, then rename); may return the {@link stamp} of the file it wrote. */
  write(text: string): Promise<void | string>;
  /** Runs `fn` holding the file's lock (other windows wait); without a lock it just runs it. */
  withLock?<T>(fn: () => Promise<T>): Promise<T>;
  /** Keeps a copy of a file that could not be read before it is replaced. */
  keepDamaged?(text: string): Promise<void>;
  /**
   * A stamp that changes whenever the file is replaced (inode, size, modification time), or
   * undefined when there is no file: a file whose stamp is the one this window last saw is not read again.
   */
  stamp?(): Promise<string | undefined>;
  /** Where it is, for messages. */
  readonly location: string;
}

export interface ProgressLog {
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

/** Where one scope of progress lives: the store, and a shared file for each part. */
export interface ProgressPlace {
  readonly store: KeyValueStore;
  readonly mirror: MirrorFile | undefined;
  readonly reviewMirror?: MirrorFile | undefined;
  /** The shared file of the topics this roadmap does not know (an import from a newer one): see ProgressBook. */
  readonly otherTopicsMirror?: MirrorFile | undefined;
}

/** What a save did: saved, or why not. */
export type SaveResult = { readonly saved: true } | { readonly saved: false; readonly error: string };

/** The keys under which the two parts are stored. */
export const PROGRESS_KEY = 'dsRoadmap.progress';
export const REVIEW_KEY = 'dsRoadmap.review';
export const OTHER_TOPICS_KEY = 'dsRoadmap.progress.otherTopics';

type Topics = ProgressState['topics'];

/** How a part is read from and written to storage, and how its entries merge. */
interface PartCodec<T> extends LedgerRules<T> {
  recover(raw: unknown): Record<string, T>;
  store(entries: Readonly<Record<string, T>>): Record<string, unknown>;
}

/** A plain object of entries (not an array): its values are stringified one by one. */
const isTable = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

const validTime = (s: string, fallback: number) => {
  const t = Date.parse(s);
  return Number.isFinite(t) ? t : fallback;
};

/**
 * One part of the stored state: its ledger (entries and tombstones, recovered from the raw stored
 * value on first use), the keys changed here and not saved yet, and its saves.
 */
class StoredPart<T> {
  private raw: unknown;
  private ledger: Ledger<T> | undefined;
  private forced = new Set<string>();
  private saving: Promise<SaveResult> = Promise.resolve({ saved: true });
  private queued: Promise<SaveResult> | undefined;
  /** The shared file as this window last wrote or read it: when it still reads the same, it is not parsed again. */
  private known: { text: string; ledger: Ledger<T>; stamp?: string } | undefined;
  /** Each entry's `"key":json`, by entry object (entries are immutable): a save stringifies only what changed. */
  private readonly json = new WeakMap<object, { key: string; text: string }>();
  /** The shared file's ledger that the current ledger already contains (this window wrote it, or merged it in). */
  private basis: Ledger<T> | undefined;
  private mementoWriting: Promise<unknown> = Promise.resolve();
  /** Entries absorbed while this part decoded its own stored value: merged in when it is done. */
  private stash: Ledger<T> | undefined;
  private decoding = false;

  constructor(
    private readonly key: string,
    private readonly what: string,
    private readonly codec: PartCodec<T>,
    private readonly log: ProgressLog,
    private readonly clock: () => Date,
    /** Told the keys a save's merge brought in from the shared file (other windows' changes). */
    private readonly onMerged: (keys: string[]) => void,
    /** Awaited before this part writes (another part must have saved what this one hands it first). */
    private readonly beforeWrite?: () => Promise<unknown>,
  ) {}

  /** Reads the raw value from a store; it is recovered when first needed. */
  load(store: KeyValueStore): void {
    this.ledger = undefined;
    this.basis = undefined;
    this.forced = new Set();
    try {
      this.raw = store.get(this.key);
    } catch (e) {
      this.log.error(`${this.what}: could not read stored state: ${(e as Error).message}`);
      this.raw = undefined;
    }
  }

  private decode(raw: unknown): Ledger<T> {
    const cleared = recoverTombstones((raw as { cleared?: unknown } | undefined)?.cleared);
    return { entries: this.codec.recover(raw), cleared };
  }

  private encode(l: Ledger<T>): Record<string, unknown> {
    return { ...this.codec.store(l.entries), cleared: l.cleared, savedAt: this.clock().toISOString() };
  }

  /**
   * The same as `JSON.stringify(this.encode(l))`, but each entry of a stored table is stringified
   * once per entry object and reused, so a save of one change in a large store costs little.
   */
  private encodeText(l: Ledger<T>): string {
    const parts: string[] = [];
    for (const [k, v] of Object.entries(this.encode(l))) {
      if (v === undefined) continue;
      parts.push(`${JSON.stringify(k)}:${isTable(v) ? this.tableText(v) : JSON.stringify(v)}`);
    }
    return `{${parts.join(',')}}`;
  }

  private tableText(table: Record<string, unknown>): string {
    const parts: string[] = [];
    for (const [k, v] of Object.entries(table)) {
      if (v === undefined) continue;
      if (typeof v !== 'object' || v === null) {
        parts.push(`${JSON.stringify(k)}:${JSON.stringify(v)}`);
        continue;
      }
      let pair = this.json.get(v);
      if (pair?.key !== k) {
        pair = { key: k, text: `${JSON.stringify(k)}:${JSON.stringify(v)}` };
        this.json.set(v, pair);
      }
      parts.push(pair.text);
    }
    return `{${parts.join(',')}}`;
  }

  get current(): Ledger<T> {
    if (!this.ledger) {
      this.decoding = true;
      try {
        this.ledger = this.decode(this.raw);
      } finally {
        this.decoding = false;
      }
      this.raw = undefined;
      const stash = this.stash;
      this.stash = undefined;
      if (stash) this.ledger = mergeLedgers(this.ledger, stash, this.codec);
    }
    return this.ledger;
  }

  /**
   * Takes in entries that belong to this part (found in another one), merged by time like another
   * window's changes. Returns the keys that changed here (none yet while this part decodes).
   */
  absorb(entries: Readonly<Record<string, T>>): string[] {
    const incoming: Ledger<T> = { entries, cleared: {} };
    if (this.decoding) {
      this.stash = this.stash ? mergeLedgers(this.stash, incoming, this.codec) : incoming;
      return [];
    }
    const before = this.current;
    this.ledger = mergeLedgers(before, incoming, this.codec, this.forced);
    return changedKeys(before, this.ledger);
  }

  /** Resolves when the saves started so far are done. */
  get settled(): Promise<SaveResult> {
    return this.saving;
  }

  /** Takes new entries (the keys in `changed` are this window's changes) and saves them. */
  set(entries: Readonly<Record<string, T>>, changed: readonly string[], place: ProgressPlace, mirror: MirrorFile | undefined): Promise<SaveResult> {
    // Nothing changed here (the other part of an import): no write.
    if (entries === this.current.entries) return this.saving;
    this.ledger = replaceEntries(this.current, entries, this.clock().getTime());
    for (const k of changed) this.forced.add(k);
    return this.save(place, mirror);
  }

  /**
   * Saves: at most one save waits behind the running one, and it saves whatever is current when
   * it runs, so a burst of changes costs two saves.
   */
  save(place: ProgressPlace, mirror: MirrorFile | undefined): Promise<SaveResult> {
    this.queued ??= this.saving.then(() => {
      this.queued = undefined;
      return this.saveNow(place, mirror);
    });
    this.saving = this.queued;
    return this.queued;
  }

  private async saveNow(place: ProgressPlace, mirror: MirrorFile | undefined): Promise<SaveResult> {
    // This window's unsaved changes: they win the merge. Changes made while it runs are saved next.
    const forced = this.forced;
    this.forced = new Set();
    try {
      if (mirror) {
        const lock = mirror.withLock?.bind(mirror) ?? (<R>(fn: () => Promise<R>) => fn());
        await lock(async () => {
          const theirs = await this.readFile(mirror);
          const before = this.current;
          // A file that holds nothing this window has not merged already (it wrote it last) needs no merge.
          const merged = theirs !== undefined && theirs === this.basis ? before : mergeLedgers(before, theirs ?? { entries: {}, cleared: {} }, this.codec, forced);
          const text = this.encodeText(merged);
          await this.beforeWrite?.();
          const stamp = await mirror.write(text);
          this.known = { text, ledger: merged, stamp: typeof stamp === 'string' ? stamp : undefined };
          this.basis = merged;
          // A change made meanwhile is newer than the merge: keep it on top.
          this.ledger = this.current === before ? merged : mergeLedgers(this.current, merged, this.codec, this.forced);
          const keys = merged === before ? [] : changedKeys(before, this.ledger);
          if (keys.length) this.onMerged(keys);
        });
      }
      if (!mirror) {
        await this.beforeWrite?.();
        await place.store.update(this.key, this.encode(this.current));
        return { saved: true };
      }
      // The shared file is the record; the Memento follows a moment later (Settings Sync, and a
      // lost file), coalesced, so copying a large state never holds up a save. A failure is logged.
      this.followInMemento(place.store);
      return { saved: true };
    } catch (e) {
      for (const k of forced) this.forced.add(k);
      const error = (e as Error).message;
      this.log.error(`${this.what}: could not save: ${error}`);
      return { saved: false, error };
    }
  }

  /** The shared file's ledger; undefined when it is missing. A damaged file is kept aside and counts as empty. */
  private async readFile(mirror: MirrorFile): Promise<Ledger<T> | undefined> {
    let text: string | undefined;
    let stamp: string | undefined;
    try {
      stamp = await mirror.stamp?.();
      if (stamp !== undefined && this.known?.stamp === stamp) return this.known.ledger;
      text = await mirror.read();
    } catch (e) {
      this.log.warn(`${this.what}: could not read ${mirror.location}: ${(e as Error).message}`);
      return undefined;
    }
    if (text === undefined) return undefined;
    if (this.known?.text === text) {
      this.known.stamp = stamp;
      return this.known.ledger;
    }
    try {
      const ledger = this.decode(JSON.parse(text));
      this.known = { text, ledger, stamp };
      return ledger;
    } catch (e) {
      this.log.warn(`${this.what}: ${mirror.location} is damaged (${(e as Error).message}); a copy is kept beside it and its valid entries are lost only if none could be read`);
      await mirror.keepDamaged?.(text).catch(() => undefined);
      return undefined;
    }
  }

  /** Merges in what other windows saved; returns the keys that changed here. */
  async refresh(mirror: MirrorFile | undefined): Promise<string[]> {
    if (!mirror) return [];
    const theirs = await this.readFile(mirror);
    if (!theirs) return [];
    if (theirs === this.basis) return [];
    const before = this.current;
    const merged = mergeLedgers(before, theirs, this.codec, this.forced);
    const keys = changedKeys(before, merged);
    this.ledger = merged;
    this.basis = theirs;
    return keys;
  }

  private mementoTimer: ReturnType<typeof setTimeout> | undefined;
  private mementoStore: KeyValueStore | undefined;

  private followInMemento(store: KeyValueStore): void {
    this.mementoStore = store;
    this.mementoTimer ??= setTimeout(() => this.writeMemento(), 200);
  }

  private writeMemento(): Promise<unknown> {
    clearTimeout(this.mementoTimer);
    this.mementoTimer = undefined;
    const store = this.mementoStore;
    this.mementoStore = undefined;
    if (!store) return this.mementoWriting;
    const stored = this.encode(this.current);
    this.mementoWriting = this.mementoWriting.then(() => store.update(this.key, stored)).then(undefined, (e: Error) => {
      this.log.error(`${this.what}: could not save to VS Code's storage: ${e.message}`);
    });
    return this.mementoWriting;
  }

  /** Resolves when every pending write has reached the shared file and the Memento. */
  flush(): Promise<unknown> {
    return this.saving.then(() => this.writeMemento());
  }
}

/** Histories of two copies of a topic joined: no change either side recorded is lost. */
function combineTopics(newer: TopicProgress, older: TopicProgress): TopicProgress {
  const history = mergeHistory(newer.history, older.history);
  return history.length === newer.history.length ? newer : { ...newer, history };
}

/**
 * A learner's progress: the topics and the review cards. Topics this roadmap does not know (an
 * import from a newer roadmap, say) are kept, in a part of their own: a Mark Complete then
 * rewrites only this roadmap's topics, however many others were imported.
 */
export class ProgressBook {
  private readonly topics: StoredPart<TopicProgress>;
  private readonly others: StoredPart<TopicProgress>;
  private readonly cards: StoredPart<ReviewCard>;
  private readonly listeners = new Set<(ids: readonly string[]) => void>();
  /** Both parts' topics as one table, kept while neither part changes. */
  private joined: { known: Topics; others: Topics; all: Topics } | undefined;

  constructor(
    private place: ProgressPlace,
    private readonly log: ProgressLog,
    private readonly canonical: (id: string) => string | undefined,
    private readonly clock: () => Date = () => new Date(),
  ) {
    const topicRules = { time: (t: TopicProgress) => validTime(t.updated, 0), combine: combineTopics };
    const fire = (keys: string[]) => this.fire(keys);
    this.topics = new StoredPart<TopicProgress>(PROGRESS_KEY, 'progress', {
      // Topics stored here that this roadmap does not know (an earlier version kept them here) move over.
      recover: (raw) => this.sortOut(this.recover(raw), true),
      store: (topics) => ({ version: PROGRESS_VERSION, topics }),
      ...topicRules,
    }, log, clock, fire, () => this.others.settled);
    this.others = new StoredPart<TopicProgress>(OTHER_TOPICS_KEY, 'progress (topics of other roadmaps)', {
      recover: (raw) => this.sortOut(this.recover(raw), false),
      store: (topics) => ({ version: PROGRESS_VERSION, topics }),
      ...topicRules,
    }, log, clock, fire);
    this.cards = new StoredPart<ReviewCard>(REVIEW_KEY, 'review', {
      recover: (raw) => this.recoverReview(raw),
      store: (cards) => ({ version: PROGRESS_VERSION, cards: storeCards(cards) }),
      time: (c) => c.updated,
    }, log, clock, fire);
    this.load();
  }

  private load(): void {
    this.topics.load(this.place.store);
    this.others.load(this.place.store);
    this.cards.load(this.place.store);
    this.joined = undefined;
    // Topics are read now (the status bar shows them; a topic kept apart that this roadmap now
    // knows comes back to it); the cards on first use.
    void this.topics.current;
    void this.others.current;
  }

  private isKnown(id: string): boolean {
    return this.canonical(id) !== undefined;
  }

  /** Splits topics into this roadmap's and the others; those that belong in the other part move there (and are saved). */
  private split(topics: Topics): { known: Topics; others: Topics } {
    const known: Record<string, TopicProgress> = {};
    const others: Record<string, TopicProgress> = {};
    for (const [id, t] of Object.entries(topics)) (this.isKnown(id) ? known : others)[id] = t;
    return { known, others };
  }

  private sortOut(topics: Record<string, TopicProgress>, keepKnown: boolean): Record<string, TopicProgress> {
    const { known, others } = this.split(topics);
    const [keep, move] = keepKnown ? [known, others] : [others, known];
    if (Object.keys(move).length) {
      const to = keepKnown ? this.others : this.topics;
      const keys = to.absorb(move);
      void to.save(this.place, keepKnown ? this.place.otherTopicsMirror : this.place.mirror);
      this.fire(keys);
    }
    return keep;
  }

  private recover(raw: unknown): Record<string, TopicProgress> {
    const { state, notes } = recoverProgress(raw, this.clock());
    for (const n of notes) this.log.warn(`progress (stored): ${n}`);
    return { ...applyAliases(state, this.canonical).topics };
  }

  private recoverReview(raw: unknown): Record<string, ReviewCard> {
    const notes: string[] = [];
    const data = raw as { cards?: unknown } | undefined;
    const cards = recoverCards(typeof data === 'object' && data !== null ? data.cards : undefined, notes);
    for (const n of notes) this.log.warn(`review (stored): ${n}`);
    return { ...applyAliases({ version: PROGRESS_VERSION, topics: {}, cards }, this.canonical).cards };
  }

  /** Calls `listener` with the ids that changed (topic ids, or card ids), after every change. Returns a function that unsubscribes. */
  onChange(listener: (ids: readonly string[]) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private fire(ids: readonly string[]): void {
    if (ids.length) for (const l of this.listeners) l(ids);
  }

  /** Every topic's progress, this roadmap's and the others (never reads the review cards). */
  get topicState(): Topics {
    const known = this.topics.current.entries;
    const others = this.others.current.entries;
    if (this.joined?.known !== known || this.joined.others !== others) {
      this.joined = { known, others, all: Object.keys(others).length ? { ...known, ...others } : known };
    }
    return this.joined.all;
  }

  /** One topic's progress. */
  entry(id: string): TopicProgress | undefined {
    const entries = this.partOf(id).current.entries;
    return Object.prototype.hasOwnProperty.call(entries, id) ? entries[id] : undefined;
  }

  private partOf(id: string): StoredPart<TopicProgress> {
    return this.isKnown(id) ? this.topics : this.others;
  }

  /** When a topic last changed here (set, or cleared), in epoch ms; -Infinity when never. */
  lastChange(id: string): number {
    const l = this.partOf(id).current;
    if (Object.prototype.hasOwnProperty.call(l.entries, id)) return validTime(l.entries[id].updated, 0);
    return Object.prototype.hasOwnProperty.call(l.cleared, id) ? l.cleared[id] : -Infinity;
  }

  /** The review cards (read from storage on first use). */
  get reviewCards(): ReviewCards {
    return this.cards.current.entries;
  }

  /** Everything: topics and review cards. */
  get snapshot(): ProgressState {
    return { version: PROGRESS_VERSION, topics: this.topicState, cards: this.reviewCards };
  }

  get mirrorLocation(): string | undefined {
    return this.place.mirror?.location;
  }

  /**
   * Merges in what the shared files hold (other windows' changes, or a change the Memento lost).
   * Returns whether anything changed here.
   */
  async refresh(): Promise<boolean> {
    const topics = await this.topics.refresh(this.place.mirror);
    const others = await this.others.refresh(this.place.otherTopicsMirror);
    const cards = await this.cards.refresh(this.place.reviewMirror);
    this.fire(topics);
    this.fire(others);
    this.fire(cards);
    // The Memento missed these (another window, or a lost write): it gets them too.
    if (topics.length) void this.topics.save(this.place, this.place.mirror);
    if (others.length) void this.others.save(this.place, this.place.otherTopicsMirror);
    if (cards.length) void this.cards.save(this.place, this.place.reviewMirror);
    return topics.length > 0 || others.length > 0 || cards.length > 0;
  }

  /** The same as {@link refresh}: the name the extension has always used. */
  reconcileWithMirror(): Promise<boolean> {
    return this.refresh();
  }

  /** Switches to another scope (workspace <-> global). */
  switchTo(place: ProgressPlace): void {
    this.place = place;
    this.load();
    this.fire(Object.keys(this.topicState));
    void this.refresh();
  }

  /** Sets one topic's status (undefined clears it). The in-memory state changes at once. */
  set(id: string, status: Status | undefined, source: Source = 'manual'): Promise<SaveResult> {
    const part = this.partOf(id);
    const state = { version: PROGRESS_VERSION, topics: part.current.entries, cards: {} } as const;
    const next = setStatus(state, id, status, source, this.clock());
    if (next === state) return Promise.resolve({ saved: true });
    return this.saveTopics(part, next.topics, [id]);
  }

  /** Sets one review card (a question answered or rated). */
  setCard(id: string, card: ReviewCard): Promise<SaveResult> {
    return this.saveCards({ ...this.reviewCards, [id]: card }, [id]);
  }

  /** Replaces the whole state (import, reset, scope copy): topics, and the cards when they differ. */
  replace(next: ProgressState, ids?: readonly string[]): Promise<SaveResult> {
    const changed = ids ?? [...new Set([...Object.keys(this.topicState), ...Object.keys(next.topics)])];
    const { known, others } = next.topics === this.topicState ? { known: this.topics.current.entries, others: this.others.current.entries } : this.split(next.topics);
    // The other roadmaps' topics first: this roadmap's part waits for them before it writes.
    const saves = [
      this.saveTopics(this.others, sameEntries(others, this.others.current.entries) ? this.others.current.entries : others, changed.filter((id) => !this.isKnown(id))),
      this.saveTopics(this.topics, known, changed.filter((id) => this.isKnown(id))),
    ];
    if (next.cards !== this.reviewCards) {
      saves.push(this.saveCards(next.cards, [...new Set([...Object.keys(this.reviewCards), ...Object.keys(next.cards)])]));
    }
    return Promise.all(saves).then((results) => results.find((r) => !r.saved) ?? { saved: true });
  }

  private saveTopics(part: StoredPart<TopicProgress>, topics: Topics, changed: readonly string[]): Promise<SaveResult> {
    const saved = part.set(topics, changed, this.place, part === this.topics ? this.place.mirror : this.place.otherTopicsMirror);
    this.fire(changed);
    return saved;
  }

  private saveCards(cards: ReviewCards, changed: readonly string[]): Promise<SaveResult> {
    const saved = this.cards.set(cards, changed, this.place, this.place.reviewMirror);
    this.fire(changed);
    return saved;
  }

  /** Resolves when every pending write has reached the store and the shared files. */
  flush(): Promise<unknown> {
    return Promise.all([this.topics.flush(), this.others.flush(), this.cards.flush()]);
  }
}

/** Whether two tables hold the very same entry objects under the same keys (an import that left them as they were). */
function sameEntries<T>(a: Readonly<Record<string, T>>, b: Readonly<Record<string, T>>): boolean {
  if (a === b) return true;
  const keys = Object.keys(a);
  if (keys.length !== Object.keys(b).length) return false;
  return keys.every((k) => Object.prototype.hasOwnProperty.call(b, k) && a[k] === b[k]);
}
