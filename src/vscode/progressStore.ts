import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { PROGRESS_KEY, Settings } from '../constants';
import {
  applyAliases, countDone, EMPTY_PROGRESS, recoverProgress, setStatus,
  type Counts, type ProgressState, type Source, type Status,
} from '../core/progress';
import type { Log } from './log';

/** Where one scope of progress lives: the Memento, plus a mirror file in the extension's storage. */
export interface ProgressLocation {
  readonly memento: vscode.Memento;
  /** `progress.json` under storageUri / globalStorageUri; undefined when there is none. */
  readonly mirror: string | undefined;
}

/** Where progress lives for the configured scope: the Memento and its mirror file. */
export function progressLocation(context: vscode.ExtensionContext): ProgressLocation {
  const scope = vscode.workspace.getConfiguration(Settings.section).get<string>(Settings.progressScope, 'workspace');
  if (scope === 'global') return { memento: context.globalState, mirror: path.join(context.globalStorageUri.fsPath, 'progress.json') };
  const dir = context.storageUri?.scheme === 'file' ? context.storageUri.fsPath : undefined;
  return { memento: context.workspaceState, mirror: dir ? path.join(dir, 'progress.json') : undefined };
}

/** The stored value: the state plus when it was saved, to pick the newer of Memento and mirror. */
type Stored = ProgressState & { readonly savedAt?: string };

function savedAt(raw: unknown): string {
  const s = (raw as { savedAt?: unknown } | undefined)?.savedAt;
  return typeof s === 'string' ? s : '';
}

/**
 * Owns progress under one versioned Memento key; no other code touches it. Reads recover from
 * anything stored (migration, corrupt data) without throwing; writes are serialized.
 *
 * Every write also goes to a mirror file on the extension host's disk. VS Code for the Web keeps
 * Mementos in browser storage that is flushed lazily, so a reload right after a change could lose
 * it; the mirror is written at once, and after activation the newer of the two wins.
 */
export class ProgressStore implements vscode.Disposable {
  private state: ProgressState;
  private stamp = '';
  private readonly emitter = new vscode.EventEmitter<{ readonly ids: readonly string[] }>();
  readonly onDidChange = this.emitter.event;
  private writing: Promise<unknown> = Promise.resolve();
  private mirrorWriting: Promise<unknown> = Promise.resolve();

  constructor(
    private location: ProgressLocation,
    private readonly log: Log,
    private readonly canonical: (id: string) => string | undefined,
  ) {
    this.state = this.read();
    // The mirror is read after activation, without blocking it.
    setTimeout(() => void this.reconcileWithMirror(), 0);
  }

  private read(): ProgressState {
    let raw: unknown;
    try {
      raw = this.location.memento.get<unknown>(PROGRESS_KEY);
    } catch (e) {
      this.log.error(`progress: could not read stored state: ${(e as Error).message}`);
      return EMPTY_PROGRESS;
    }
    this.stamp = savedAt(raw);
    return this.recover(raw, 'stored');
  }

  private recover(raw: unknown, what: string): ProgressState {
    const { state, notes } = recoverProgress(raw);
    for (const n of notes) this.log.warn(`progress (${what}): ${n}`);
    return applyAliases(state, this.canonical);
  }

  /** Adopts the mirror file when it is newer than the Memento (a change the Memento lost). */
  async reconcileWithMirror(): Promise<boolean> {
    const file = this.location.mirror;
    if (!file) return false;
    let raw: unknown;
    try {
      raw = JSON.parse(await fs.promises.readFile(file, 'utf8'));
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT') this.log.warn(`progress: ignored the mirror ${file}: ${(e as Error).message}`);
      return false;
    }
    const mirrorStamp = savedAt(raw);
    if (!mirrorStamp || mirrorStamp <= this.stamp) return false;
    const before = this.state;
    this.state = this.recover(raw, 'mirror');
    this.stamp = mirrorStamp;
    this.log.info(`progress: restored a newer copy from ${file} (saved ${mirrorStamp})`);
    this.emitter.fire({ ids: [...new Set([...Object.keys(before.topics), ...Object.keys(this.state.topics)])] });
    this.writing = this.writing.then(() => this.location.memento.update(PROGRESS_KEY, { ...this.state, savedAt: mirrorStamp } satisfies Stored));
    return true;
  }

  /** Switches to another scope (workspace <-> global). */
  switchTo(location: ProgressLocation): void {
    this.location = location;
    this.state = this.read();
    this.emitter.fire({ ids: Object.keys(this.state.topics) });
    void this.reconcileWithMirror();
  }

  /** The mirror file of the current scope, if any. */
  get mirrorPath(): string | undefined {
    return this.location.mirror;
  }

  get snapshot(): ProgressState {
    return this.state;
  }

  status(id: string): Status | undefined {
    return this.state.topics[id]?.status;
  }

  isDone(id: string): boolean {
    return this.state.topics[id]?.status === 'done';
  }

  counts(ids: readonly string[]): Counts {
    return countDone(this.state, ids);
  }

  /** Sets one topic's status (undefined clears it). The in-memory state changes at once. */
  set(id: string, status: Status | undefined, source: Source = 'manual'): Promise<void> {
    const next = setStatus(this.state, id, status, source);
    if (next === this.state) return Promise.resolve();
    return this.replace(next, [id]);
  }

  /** Replaces the whole state (import, reset, scope copy). */
  replace(next: ProgressState, ids?: readonly string[]): Promise<void> {
    const changed = ids ?? [...new Set([...Object.keys(this.state.topics), ...Object.keys(next.topics)])];
    this.state = next;
    // Strictly increasing, so two changes in the same millisecond still order correctly.
    const now = new Date().toISOString();
    this.stamp = now > this.stamp ? now : new Date(Date.parse(this.stamp) + 1).toISOString();
    const stored: Stored = { ...next, savedAt: this.stamp };
    this.emitter.fire({ ids: changed });
    this.writeMirror(stored);
    const { memento } = this.location;
    const write = this.writing.then(() => memento.update(PROGRESS_KEY, stored)).then(undefined, (e) => {
      this.log.error(`progress: could not save: ${(e as Error).message}`);
      void vscode.window.showErrorMessage(`Data Science Roadmap could not save progress: ${(e as Error).message}`);
    });
    this.writing = write;
    return write;
  }

  /** Atomic write (temp file + rename), serialized; only the latest pending state is written. */
  private pendingMirror: Stored | undefined;
  private writeMirror(stored: Stored): void {
    const file = this.location.mirror;
    if (!file) return;
    const first = this.pendingMirror === undefined;
    this.pendingMirror = stored;
    if (!first) return;
    this.mirrorWriting = this.mirrorWriting.then(async () => {
      const data = this.pendingMirror;
      this.pendingMirror = undefined;
      if (!data) return;
      try {
        await fs.promises.mkdir(path.dirname(file), { recursive: true });
        const tmp = `${file}.${process.pid}.tmp`;
        await fs.promises.writeFile(tmp, JSON.stringify(data));
        await fs.promises.rename(tmp, file);
      } catch (e) {
        this.log.warn(`progress: could not write the mirror ${file}: ${(e as Error).message}`);
      }
    });
  }

  /** Resolves when every pending write has reached the Memento and the mirror. */
  flush(): Promise<unknown> {
    return Promise.all([this.writing, this.mirrorWriting]);
  }

  dispose(): void {
    this.emitter.dispose();
  }
}
