import * as vscode from 'vscode';
import { PROGRESS_KEY } from '../constants';
import {
  applyAliases, countDone, EMPTY_PROGRESS, recoverProgress, setStatus,
  type Counts, type ProgressState, type Source, type Status,
} from '../core/progress';

/**
 * Owns progress in one Memento under one versioned key; no other code touches it. Reads recover
 * from anything stored (migration, corrupt data) without throwing; writes are serialized.
 */
export class ProgressStore implements vscode.Disposable {
  private state: ProgressState;
  private readonly emitter = new vscode.EventEmitter<{ readonly ids: readonly string[] }>();
  readonly onDidChange = this.emitter.event;
  private writing: Promise<unknown> = Promise.resolve();

  constructor(
    private memento: vscode.Memento,
    private readonly log: vscode.LogOutputChannel,
    private readonly canonical: (id: string) => string | undefined,
  ) {
    this.state = this.read();
  }

  private read(): ProgressState {
    let raw: unknown;
    try {
      raw = this.memento.get<unknown>(PROGRESS_KEY);
    } catch (e) {
      this.log.error(`progress: could not read stored state: ${(e as Error).message}`);
      return EMPTY_PROGRESS;
    }
    const { state, notes } = recoverProgress(raw);
    for (const n of notes) this.log.warn(`progress: ${n}`);
    return applyAliases(state, this.canonical);
  }

  /** Switches to another Memento (workspace <-> global scope). */
  switchTo(memento: vscode.Memento): void {
    this.memento = memento;
    this.state = this.read();
    this.emitter.fire({ ids: Object.keys(this.state.topics) });
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
    this.emitter.fire({ ids: changed });
    const snapshot = next;
    const write = this.writing.then(() => this.memento.update(PROGRESS_KEY, snapshot)).then(undefined, (e) => {
      this.log.error(`progress: could not save: ${(e as Error).message}`);
      void vscode.window.showErrorMessage(`Data Science Roadmap could not save progress: ${(e as Error).message}`);
    });
    this.writing = write;
    return write;
  }

  /** Resolves when every pending write has reached the Memento. */
  flush(): Promise<unknown> {
    return this.writing;
  }

  dispose(): void {
    this.emitter.dispose();
  }
}
