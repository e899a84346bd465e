/**
 * The rules of keeping progress, behind two small ports so plain mocha can test them with
 * in-memory fakes: the key-value store (VS Code's Memento) and a mirror file on disk.
 *
 * Progress is kept in two parts of the same versioned schema: the topics (read at activation,
 * for the status bar) and the review cards (read on first use, so thousands of cards cost
 * activation nothing, and saved only when a card changes). For each part:
 * - reads recover from anything stored (migration, corrupt data) without throwing;
 * - every change is written to the store in order, one write after the other, and to its mirror
 *   file whole, coalesced so that only the latest pending state is written;
 * - the mirror wins when it is newer: VS Code for the Web keeps Mementos in browser storage that
 *   is flushed lazily, so a reload right after a change could lose it there.
 * Saving never throws; a failed save is reported (log and result), never shown: showing it is
 * the caller's business.
 */
import { recoverCards, storeCards, type ReviewCard, type ReviewCards } from '../review/reviewCards';
import { applyAliases, PROGRESS_VERSION, recoverProgress, setStatus, type ProgressState, type Source, type Status, type TopicProgress } from './progressState';

/** The Memento as the rules see it. */
export interface KeyValueStore {
  get(key: string): unknown;
  update(key: string, value: unknown): PromiseLike<void>;
}

/** One file holding a copy of a stored value, read and written whole. */
export interface MirrorFile {
  /** The file's text, or undefined when there is none. Throws on other read errors. */
  read(): Promise<string | undefined>;
  /** Writes the text whole (temp file, then rename). */
  write(text: string): Promise<void>;
  /** Where it is, for messages. */
  readonly location: string;
}

export interface ProgressLog {
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

/** Where one scope of progress lives: the store, and a mirror file for each part. */
export interface ProgressPlace {
  readonly store: KeyValueStore;
  readonly mirror: MirrorFile | undefined;
  readonly reviewMirror?: MirrorFile | undefined;
}

/** What a save did: saved, or why not. */
export type SaveResult = { readonly saved: true } | { readonly saved: false; readonly error: string };

/** The keys under which the two parts are stored. */
export const PROGRESS_KEY = 'dsRoadmap.progress';
export const REVIEW_KEY = 'dsRoadmap.review';

type Topics = ProgressState['topics'];

function savedAt(raw: unknown): string {
  const s = (raw as { savedAt?: unknown } | undefined)?.savedAt;
  return typeof s === 'string' ? s : '';
}

/**
 * One part of the stored state: its value (recovered from the raw stored value on first use),
 * its save stamp, and its writes to the store and the mirror.
 */
class StoredPart<T> {
  private raw: unknown;
  private value: T | undefined;
  private stamp = '';
  private writing: Promise<SaveResult> = Promise.resolve({ saved: true });
  private mirrorWriting: Promise<unknown> = Promise.resolve();
  private pendingMirror: string | undefined;

  constructor(
    private readonly key: string,
    private readonly what: string,
    private readonly codec: { recover(raw: unknown): T; store(value: T): Record<string, unknown> },
    private readonly log: ProgressLog,
    private readonly clock: () => Date,
  ) {}

  /** Reads the raw value from a store; it is recovered when first needed. */
  load(store: KeyValueStore): void {
    this.value = undefined;
    try {
      this.raw = store.get(this.key);
    } catch (e) {
      this.log.error(`${this.what}: could not read stored state: ${(e as Error).message}`);
      this.raw = undefined;
    }
    this.stamp = savedAt(this.raw);
  }

  get current(): T {
    if (this.value === undefined) {
      this.value = this.codec.recover(this.raw);
      this.raw = undefined;
    }
    return this.value;
  }

  /** Takes a new value and saves it to the store and the mirror. */
  save(value: T, place: ProgressPlace, mirror: MirrorFile | undefined): Promise<SaveResult> {
    this.value = value;
    // Strictly increasing, so two changes in the same millisecond still order correctly.
    const now = this.clock().toISOString();
    this.stamp = now > this.stamp ? now : new Date(Date.parse(this.stamp) + 1).toISOString();
    const stored = { ...this.codec.store(value), savedAt: this.stamp };
    this.writeMirror(mirror, stored);
    return this.enqueue(place.store, stored);
  }

  private enqueue(store: KeyValueStore, stored: unknown): Promise<SaveResult> {
    const write = this.writing.then(async (): Promise<SaveResult> => {
      try {
        await store.update(this.key, stored);
        return { saved: true };
      } catch (e) {
        const error = (e as Error).message;
        this.log.error(`${this.what}: could not save: ${error}`);
        return { saved: false, error };
      }
    });
    this.writing = write;
    return write;
  }

  /** Atomic write through the port, serialized; only the latest pending value is written. */
  private writeMirror(mirror: MirrorFile | undefined, stored: unknown): void {
    if (!mirror) return;
    const first = this.pendingMirror === undefined;
    this.pendingMirror = JSON.stringify(stored);
    if (!first) return;
    this.mirrorWriting = this.mirrorWriting.then(async () => {
      const text = this.pendingMirror;
      this.pendingMirror = undefined;
      if (text === undefined) return;
      try {
        await mirror.write(text);
      } catch (e) {
        this.log.warn(`${this.what}: could not write the mirror ${mirror.location}: ${(e as Error).message}`);
      }
    });
  }

  /** Adopts the mirror when it is newer than the store; returns the adopted value. */
  async reconcile(place: ProgressPlace, mirror: MirrorFile | undefined): Promise<T | undefined> {
    if (!mirror) return undefined;
    let raw: unknown;
    try {
      const text = await mirror.read();
      if (text === undefined) return undefined;
      raw = JSON.parse(text);
    } catch (e) {
      this.log.warn(`${this.what}: ignored the mirror ${mirror.location}: ${(e as Error).message}`);
      return undefined;
    }
    const mirrorStamp = savedAt(raw);
    if (!mirrorStamp || mirrorStamp <= this.stamp) return undefined;
    this.value = this.codec.recover(raw);
    this.raw = undefined;
    this.stamp = mirrorStamp;
    this.log.info(`${this.what}: restored a newer copy from ${mirror.location} (saved ${mirrorStamp})`);
    void this.enqueue(place.store, { ...this.codec.store(this.value), savedAt: mirrorStamp });
    return this.value;
  }

  flush(): Promise<unknown> {
    return Promise.all([this.writing, this.mirrorWriting]);
  }
}

export class ProgressBook {
  private readonly topics: StoredPart<Topics>;
  private readonly cards: StoredPart<ReviewCards>;
  private readonly listeners = new Set<(ids: readonly string[]) => void>();

  constructor(
    private place: ProgressPlace,
    private readonly log: ProgressLog,
    private readonly canonical: (id: string) => string | undefined,
    private readonly clock: () => Date = () => new Date(),
  ) {
    this.topics = new StoredPart<Topics>(PROGRESS_KEY, 'progress', {
      recover: (raw) => this.recover(raw, 'stored').topics,
      store: (topics) => ({ version: PROGRESS_VERSION, topics }),
    }, log, clock);
    this.cards = new StoredPart<ReviewCards>(REVIEW_KEY, 'review', {
      recover: (raw) => this.recoverReview(raw),
      store: (cards) => ({ version: PROGRESS_VERSION, cards: storeCards(cards) }),
    }, log, clock);
    this.load();
  }

  private load(): void {
    this.topics.load(this.place.store);
    this.cards.load(this.place.store);
    // Topics are read now (the status bar shows them); the cards on first use.
    void this.topics.current;
  }

  private recover(raw: unknown, what: string): ProgressState {
    const { state, notes } = recoverProgress(raw, this.clock());
    for (const n of notes) this.log.warn(`progress (${what}): ${n}`);
    return applyAliases(state, this.canonical);
  }

  private recoverReview(raw: unknown): ReviewCards {
    const notes: string[] = [];
    const data = raw as { cards?: unknown } | undefined;
    const cards = recoverCards(typeof data === 'object' && data !== null ? data.cards : undefined, notes);
    for (const n of notes) this.log.warn(`review (stored): ${n}`);
    return applyAliases({ version: PROGRESS_VERSION, topics: {}, cards }, this.canonical).cards;
  }

  /** Calls `listener` with the ids that changed (topic ids, or card ids), after every change. Returns a function that unsubscribes. */
  onChange(listener: (ids: readonly string[]) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private fire(ids: readonly string[]): void {
    for (const l of this.listeners) l(ids);
  }

  /** Topics only: never reads the review cards. */
  get topicState(): Readonly<Record<string, TopicProgress>> {
    return this.topics.current;
  }

  /** The review cards (read from storage on first use). */
  get reviewCards(): ReviewCards {
    return this.cards.current;
  }

  /** Everything: topics and review cards. */
  get snapshot(): ProgressState {
    return { version: PROGRESS_VERSION, topics: this.topics.current, cards: this.cards.current };
  }

  get mirrorLocation(): string | undefined {
    return this.place.mirror?.location;
  }

  /** Adopts the mirror files when they are newer than the store (a change the store lost). */
  async reconcileWithMirror(): Promise<boolean> {
    const before = this.topics.current;
    const topics = await this.topics.reconcile(this.place, this.place.mirror);
    const cards = await this.cards.reconcile(this.place, this.place.reviewMirror);
    if (topics) this.fire([...new Set([...Object.keys(before), ...Object.keys(topics)])]);
    if (cards) this.fire(Object.keys(cards));
    return topics !== undefined || cards !== undefined;
  }

  /** Switches to another scope (workspace <-> global). */
  switchTo(place: ProgressPlace): void {
    this.place = place;
    this.load();
    this.fire(Object.keys(this.topics.current));
    void this.reconcileWithMirror();
  }

  /** Sets one topic's status (undefined clears it). The in-memory state changes at once. */
  set(id: string, status: Status | undefined, source: Source = 'manual'): Promise<SaveResult> {
    const state = { version: PROGRESS_VERSION, topics: this.topics.current, cards: {} } as const;
    const next = setStatus(state, id, status, source, this.clock());
    if (next === state) return Promise.resolve({ saved: true });
    return this.saveTopics(next.topics, [id]);
  }

  /** Sets one review card (a question answered or rated). */
  setCard(id: string, card: ReviewCard): Promise<SaveResult> {
    const cards = { ...this.cards.current, [id]: card };
    const saved = this.cards.save(cards, this.place, this.place.reviewMirror);
    this.fire([id]);
    return saved;
  }

  /** Replaces the whole state (import, reset, scope copy): topics, and the cards when they differ. */
  replace(next: ProgressState, ids?: readonly string[]): Promise<SaveResult> {
    const changed = ids ?? [...new Set([...Object.keys(this.topics.current), ...Object.keys(next.topics)])];
    const cardsChanged = next.cards !== this.cards.current;
    const topicsSaved = this.saveTopics(next.topics, changed);
    if (!cardsChanged) return topicsSaved;
    const cardsSaved = this.cards.save(next.cards, this.place, this.place.reviewMirror);
    this.fire(Object.keys(next.cards));
    return Promise.all([topicsSaved, cardsSaved]).then(([a, b]) => (a.saved ? b : a));
  }

  private saveTopics(topics: Topics, changed: readonly string[]): Promise<SaveResult> {
    const saved = this.topics.save(topics, this.place, this.place.mirror);
    this.fire(changed);
    return saved;
  }

  /** Resolves when every pending write has reached the store and the mirrors. */
  flush(): Promise<unknown> {
    return Promise.all([this.topics.flush(), this.cards.flush()]);
  }
}
