import * as fs from 'node:fs';
import * as path from 'node:path';
import vscode = require('vscode');
import { ProgressBook, type MirrorFile, type ProgressPlace, type SaveResult } from '../core/progress/progressBook';
import { countDone, type Counts } from '../core/progress/progressStats';
import type { ProgressState, Source, Status } from '../core/progress/progressState';
import type { ReviewCard, ReviewCards } from '../core/review/reviewCards';
import type { Log } from './log';
import { setting } from './settings';

/** A lock older than this is left over from a window that went away: it is taken over. */
const STALE_LOCK_MS = 10_000;

/** Changes whenever the file is replaced by a rename (a new inode) or written in place. */
const stampOf = (st: fs.Stats) => `${st.ino}:${st.size}:${st.mtimeMs}`;

/**
 * The shared progress file as node's file system sees it: read whole, written to a temp file and
 * renamed, and locked across windows with a lock file created exclusively beside it.
 */
function sharedFile(file: string): MirrorFile {
  const lockFile = `${file}.lock`;
  const acquire = async (): Promise<boolean> => {
    await fs.promises.mkdir(path.dirname(file), { recursive: true });
    for (let i = 0; i < 250; i++) {
      try {
        await fs.promises.writeFile(lockFile, `${process.pid} ${Date.now()}`, { flag: 'wx' });
        return true;
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== 'EEXIST') return false;
        const age = await fs.promises.stat(lockFile).then((st) => Date.now() - st.mtimeMs, () => 0);
        if (age > STALE_LOCK_MS) await fs.promises.unlink(lockFile).catch(() => undefined);
        else await new Promise((r) => setTimeout(r, 20));
      }
    }
    return false;
  };
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
      const tmp = `${file}.${process.pid}.${Date.now()}.tmp`;
      try {
        await fs.promises.writeFile(tmp, text);
        // Stamped before the rename, so it is surely the file this window wrote.
        const written = stampOf(await fs.promises.stat(tmp));
        await fs.promises.rename(tmp, file);
        return written;
      } finally {
        await fs.promises.unlink(tmp).catch(() => undefined);
      }
    },
    withLock: async (fn) => {
      // Without the lock (a read-only folder, a lock that never frees) the merge still runs.
      const locked = await acquire().catch(() => false);
      try {
        return await fn();
      } finally {
        if (locked) await fs.promises.unlink(lockFile).catch(() => undefined);
      }
    },
    stamp: () => fs.promises.stat(file).then(stampOf, () => undefined),
    keepDamaged: async (text) => {
      await fs.promises.writeFile(`${file}.damaged-${Date.now()}`, text);
    },
  };
}

/** A short, stable name for a workspace (two FNV-1a hashes; node:crypto is not loaded at activation for this). */
function folderId(s: string): string {
  const fnv = (seed: number) => {
    let h = seed >>> 0;
    for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 16777619) >>> 0;
    return h.toString(16).padStart(8, '0');
  };
  return fnv(2166136261) + fnv(0x9747b28c);
}

/**
 * The folder every window of this workspace shares: in the extension's global storage, named by
 * the workspace (VS Code may give a second window on the same folder a storage folder of its own,
 * as code-server does). Undefined with no folder open.
 */
export function workspaceShareDir(context: vscode.ExtensionContext): string | undefined {
  const ws = vscode.workspace.workspaceFile ?? vscode.workspace.workspaceFolders?.[0]?.uri;
  if (!ws || context.globalStorageUri.scheme !== 'file') return undefined;
  const id = folderId(ws.toString());
  return path.join(context.globalStorageUri.fsPath, 'workspaces', id);
}

/**
 * Where progress lives for the configured scope: the Memento, plus `progress.json`, `review.json`
 * and `progress-other-topics.json` (topics this roadmap does not know) shared by every window (the
 * workspace's share folder, or the global storage).
 * `legacy` is where earlier versions kept the workspace's copy, read once to migrate it.
 */
export function progressPlace(context: vscode.ExtensionContext): ProgressPlace & { readonly legacy?: string } {
  const global = setting('progress.scope') === 'global';
  const dir = global ? (context.globalStorageUri.scheme === 'file' ? context.globalStorageUri.fsPath : undefined) : workspaceShareDir(context);
  const legacy = !global && context.storageUri?.scheme === 'file' ? context.storageUri.fsPath : undefined;
  return {
    store: global ? context.globalState : context.workspaceState,
    mirror: dir ? sharedFile(path.join(dir, 'progress.json')) : undefined,
    reviewMirror: dir ? sharedFile(path.join(dir, 'review.json')) : undefined,
    otherTopicsMirror: dir ? sharedFile(path.join(dir, 'progress-other-topics.json')) : undefined,
    ...(legacy && legacy !== dir ? { legacy } : {}),
  };
}

/** Moves the copies an earlier version kept in the window's own storage into the shared folder, once. */
async function migrateLegacy(place: ProgressPlace & { readonly legacy?: string }): Promise<void> {
  if (!place.legacy) return;
  for (const [name, target] of [['progress.json', place.mirror], ['review.json', place.reviewMirror]] as const) {
    if (!target) continue;
    const from = path.join(place.legacy, name);
    try {
      if (fs.existsSync(target.location) || !fs.existsSync(from)) continue;
      await target.write(await fs.promises.readFile(from, 'utf8'));
    } catch {
      // nothing to migrate, or it cannot be read: the Memento still has the progress
    }
  }
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

  constructor(place: ProgressPlace & { readonly legacy?: string }, log: Log, canonical: (id: string) => string | undefined) {
    this.book = new ProgressBook(place, log, canonical);
    this.unsubscribe = this.book.onChange((ids) => this.emitter.fire({ ids }));
    // The shared files are read after activation, without blocking it, then followed: another
    // window's change shows here within a second.
    this.timer = setTimeout(() => {
      void migrateLegacy(place).then(() => this.book.refresh());
      this.follow(place);
    }, 0);
  }

  private watched: string[] = [];

  /** Polls the shared files' modification times (cheap, and works where file events do not). */
  private follow(place: ProgressPlace): void {
    this.unfollow();
    for (const f of [place.mirror?.location, place.reviewMirror?.location, place.otherTopicsMirror?.location]) {
      if (!f) continue;
      fs.watchFile(f, { interval: 400, persistent: false }, (cur, prev) => {
        if (cur.mtimeMs !== prev.mtimeMs) void this.book.refresh();
      });
      this.watched.push(f);
    }
  }

  private unfollow(): void {
    for (const f of this.watched) fs.unwatchFile(f);
    this.watched = [];
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
    return this.book.entry(id)?.status;
  }

  /** When a topic last changed (set or cleared), epoch ms; -Infinity when never. */
  lastChange(id: string): number {
    return this.book.lastChange(id);
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
    this.follow(place);
  }

  reconcileWithMirror(): Promise<boolean> {
    return this.book.reconcileWithMirror();
  }

  flush(): Promise<unknown> {
    return this.book.flush();
  }

  dispose(): void {
    clearTimeout(this.timer);
    this.unfollow();
    // The Memento follows the shared file a moment later: write it now.
    void this.book.flush();
    this.unsubscribe();
    this.emitter.dispose();
  }
}
