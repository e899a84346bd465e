import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { ProgressBook, type MirrorFile, type ProgressPlace, type SaveResult } from '../core/progress/progressBook';
import { countDone, type Counts } from '../core/progress/progressStats';
import type { ProgressState, Source, Status } from '../core/progress/progressState';
import type { ReviewCard, ReviewCards } from '../core/review/reviewCards';
import type { Log } from './log';
import { setting } from './settings';

/** The mirror file as node's file system sees it: read whole, written to a temp file and renamed. */
function mirrorFile(file: string): MirrorFile {
  return {
    location: file,
    read: async () => {
      try {
        return await fs.promises.readFile(file, 'utf8');
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
        throw e;
      }
    },
    write: async (text) => {
      await fs.promises.mkdir(path.dirname(file), { recursive: true });
      const tmp = `${file}.${process.pid}.tmp`;
      await fs.promises.writeFile(tmp, text);
      await fs.promises.rename(tmp, file);
    },
  };
}

/** Where progress lives for the configured scope: the Memento, plus `progress.json` and `review.json` in the extension's storage. */
export function progressPlace(context: vscode.ExtensionContext): ProgressPlace {
  const global = setting('progress.scope') === 'global';
  const dir = global ? context.globalStorageUri.fsPath : context.storageUri?.scheme === 'file' ? context.storageUri.fsPath : undefined;
  return {
    store: global ? context.globalState : context.workspaceState,
    mirror: dir ? mirrorFile(path.join(dir, 'progress.json')) : undefined,
    reviewMirror: dir ? mirrorFile(path.join(dir, 'review.json')) : undefined,
  };
}

/**
 * Progress for the extension: the core {@link ProgressBook} over the Memento and the mirror file,
 * with its changes as a VS Code event. It is the only owner of the progress key; it reports a
 * failed save in its result and the log and never shows a message itself.
 */
export class ProgressStore implements vscode.Disposable {
  private readonly book: ProgressBook;
  private readonly emitter = new vscode.EventEmitter<{ readonly ids: readonly string[] }>();
  readonly onDidChange = this.emitter.event;
  private readonly unsubscribe: () => void;
  private readonly timer: ReturnType<typeof setTimeout>;

  constructor(place: ProgressPlace, log: Log, canonical: (id: string) => string | undefined) {
    this.book = new ProgressBook(place, log, canonical);
    this.unsubscribe = this.book.onChange((ids) => this.emitter.fire({ ids }));
    // The mirror is read after activation, without blocking it.
    this.timer = setTimeout(() => void this.book.reconcileWithMirror(), 0);
  }

  get snapshot(): ProgressState {
    return this.book.snapshot;
  }

  /** The mirror file of the current scope, if any. */
  get mirrorPath(): string | undefined {
    return this.book.mirrorLocation;
  }

  /** The topics' progress (without the review cards). */
  get topics(): ProgressState['topics'] {
    return this.book.topicState;
  }

  /** The review cards (read from storage on first use). */
  get reviewCards(): ReviewCards {
    return this.book.reviewCards;
  }

  status(id: string): Status | undefined {
    return Object.prototype.hasOwnProperty.call(this.book.topicState, id) ? this.book.topicState[id].status : undefined;
  }

  isDone(id: string): boolean {
    return this.status(id) === 'done';
  }

  counts(ids: readonly string[]): Counts {
    return countDone({ topics: this.book.topicState }, ids);
  }

  setCard(id: string, card: ReviewCard): Promise<SaveResult> {
    return this.book.setCard(id, card);
  }

  set(id: string, status: Status | undefined, source: Source = 'manual'): Promise<SaveResult> {
    return this.book.set(id, status, source);
  }

  replace(next: ProgressState, ids?: readonly string[]): Promise<SaveResult> {
    return this.book.replace(next, ids);
  }

  switchTo(place: ProgressPlace): void {
    this.book.switchTo(place);
  }

  reconcileWithMirror(): Promise<boolean> {
    return this.book.reconcileWithMirror();
  }

  flush(): Promise<unknown> {
    return this.book.flush();
  }

  dispose(): void {
    clearTimeout(this.timer);
    this.unsubscribe();
    this.emitter.dispose();
  }
}
