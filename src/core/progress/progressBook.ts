/**
 * The rules of keeping progress, behind two small ports so plain mocha can test them with
 * in-memory fakes: the key-value store (VS Code's Memento) and a mirror file on disk.
 *
 * - Reads recover from anything stored (migration, corrupt data) without throwing.
 * - Every change is written to both: the Memento in order, one write after the other; the mirror
 *   atomically, coalesced so that only the latest pending state is written.
 * - The mirror wins when it is newer: VS Code for the Web keeps Mementos in browser storage that
 *   is flushed lazily, so a reload right after a change could lose it there.
 * - Saving never throws; a failed save is reported (log and result), never shown: showing it is
 *   the caller's business.
 */
import { applyAliases, EMPTY_PROGRESS, recoverProgress, setStatus, type ProgressState, type Source, type Status } from './progressState';

/** The Memento as the rules see it. */
export interface KeyValueStore {
  get(key: string): unknown;
  update(key: string, value: unknown): PromiseLike<void>;
}

/** One file holding a copy of the stored value, read and written whole. */
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

/** Where one scope of progress lives. */
export interface ProgressPlace {
  readonly store: KeyValueStore;
  readonly mirror: MirrorFile | undefined;
}

/** What a save did: saved, or why not. */
export type SaveResult = { readonly saved: true } | { readonly saved: false; readonly error: string };

/** The single key under which progress is stored. */
export const PROGRESS_KEY = 'dsRoadmap.progress';

/** The stored value: the state plus when it was saved, to pick the newer of Memento and mirror. */
type Stored = ProgressState & { readonly savedAt?: string };

function savedAt(raw: unknown): string {
  const s = (raw as { savedAt?: unknown } | undefined)?.savedAt;
  return typeof s === 'string' ? s : '';
}

export class ProgressBook {
  private state: ProgressState;
  private stamp = '';
  private writing: Promise<SaveResult> = Promise.resolve({ saved: true });
  private mirrorWriting: Promise<unknown> = Promise.resolve();
  private pendingMirror: Stored | undefined;
  private readonly listeners = new Set<(ids: readonly string[]) => void>();

  constructor(
    private place: ProgressPlace,
    private readonly log: ProgressLog,
    private readonly canonical: (id: string) => string | undefined,
    private readonly clock: () => Date = () => new Date(),
  ) {
    this.state = this.read();
  }

  /** Calls `listener` with the ids that changed, after every change. Returns a function that unsubscribes. */
  onChange(listener: (ids: readonly string[]) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private fire(ids: readonly string[]): void {
    for (const l of this.listeners) l(ids);
  }

  get snapshot(): ProgressState {
    return this.state;
  }

  get mirrorLocation(): string | undefined {
    return this.place.mirror?.location;
  }

  private read(): ProgressState {
    let raw: unknown;
    try {
      raw = this.place.store.get(PROGRESS_KEY);
    } catch (e) {
      this.log.error(`progress: could not read stored state: ${(e as Error).message}`);
      return EMPTY_PROGRESS;
    }
    this.stamp = savedAt(raw);
    return this.recover(raw, 'stored');
  }

  private recover(raw: unknown, what: string): ProgressState {
    const { state, notes } = recoverProgress(raw, this.clock());
    for (const n of notes) this.log.warn(`progress (${what}): ${n}`);
    return applyAliases(state, this.canonical);
  }

  /** Adopts the mirror file when it is newer than the store (a change the store lost). */
  async reconcileWithMirror(): Promise<boolean> {
    const mirror = this.place.mirror;
    if (!mirror) return false;
    let raw: unknown;
    try {
      const text = await mirror.read();
      if (text === undefined) return false;
      raw = JSON.parse(text);
    } catch (e) {
      this.log.warn(`progress: ignored the mirror ${mirror.location}: ${(e as Error).message}`);
      return false;
    }
    const mirrorStamp = savedAt(raw);
    if (!mirrorStamp || mirrorStamp <= this.stamp) return false;
    const before = this.state;
    this.state = this.recover(raw, 'mirror');
    this.stamp = mirrorStamp;
    this.log.info(`progress: restored a newer copy from ${mirror.location} (saved ${mirrorStamp})`);
    this.fire([...new Set([...Object.keys(before.topics), ...Object.keys(this.state.topics)])]);
    const { store } = this.place;
    const stored: Stored = { ...this.state, savedAt: mirrorStamp };
    this.writing = this.writing.then(() => this.save(store, stored));
    return true;
  }

  /** Switches to another scope (workspace <-> global). */
  switchTo(place: ProgressPlace): void {
    this.place = place;
    this.state = this.read();
    this.fire(Object.keys(this.state.topics));
    void this.reconcileWithMirror();
  }

  /** Sets one topic's status (undefined clears it). The in-memory state changes at once. */
  set(id: string, status: Status | undefined, source: Source = 'manual'): Promise<SaveResult> {
    const next = setStatus(this.state, id, status, source, this.clock());
    if (next === this.state) return Promise.resolve({ saved: true });
    return this.replace(next, [id]);
  }

  /** Replaces the whole state (import, reset, scope copy). */
  replace(next: ProgressState, ids?: readonly string[]): Promise<SaveResult> {
    const changed = ids ?? [...new Set([...Object.keys(this.state.topics), ...Object.keys(next.topics)])];
    this.state = next;
    // Strictly increasing, so two changes in the same millisecond still order correctly.
    const now = this.clock().toISOString();
    this.stamp = now > this.stamp ? now : new Date(Date.parse(this.stamp) + 1).toISOString();
    const stored: Stored = { ...next, savedAt: this.stamp };
    this.fire(changed);
    this.writeMirror(stored);
    const { store } = this.place;
    const write = this.writing.then(() => this.save(store, stored));
    this.writing = write;
    return write;
  }

  private async save(store: KeyValueStore, stored: Stored): Promise<SaveResult> {
    try {
      await store.update(PROGRESS_KEY, stored);
      return { saved: true };
    } catch (e) {
      const error = (e as Error).message;
      this.log.error(`progress: could not save: ${error}`);
      return { saved: false, error };
    }
  }

  /** Atomic write through the port, serialized; only the latest pending state is written. */
  private writeMirror(stored: Stored): void {
    const mirror = this.place.mirror;
    if (!mirror) return;
    const first = this.pendingMirror === undefined;
    this.pendingMirror = stored;
    if (!first) return;
    this.mirrorWriting = this.mirrorWriting.then(async () => {
      const data = this.pendingMirror;
      this.pendingMirror = undefined;
      if (!data) return;
      try {
        await mirror.write(JSON.stringify(data));
      } catch (e) {
        this.log.warn(`progress: could not write the mirror ${mirror.location}: ${(e as Error).message}`);
      }
    });
  }

  /** Resolves when every pending write has reached the store and the mirror. */
  flush(): Promise<unknown> {
    return Promise.all([this.writing, this.mirrorWriting]);
  }
}
