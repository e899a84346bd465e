import { promises as fs, watch, type FSWatcher } from 'node:fs';
import * as path from 'node:path';
import vscode = require('vscode');
import { realTarget } from '../../core/files/safeFiles';
import { exercisesFolderSegments, passedAt, RESULTS_FOLDER, resultFileName, resultsFolderSegments } from '../../core/exercises/exercisePaths';
import type { Topic } from '../../core/roadmap/model';
import type { Log } from '../log';
import type { ProgressStore } from '../progressStore';
import type { RoadmapService } from '../roadmapService';
import { setting } from '../settings';

/** A result file written by `_roadmap_check.report()`. */
interface ResultFile {
  topic: string;
  passed: boolean;
  checks?: string[];
  time?: string;
}

/** The largest result file that is read; anything bigger is not one of ours. */
const MAX_RESULT_BYTES = 64 * 1024;

/** `<workspace folder>/<exercises>/.results`. */
export function resultsDir(folder: vscode.WorkspaceFolder): vscode.Uri {
  return vscode.Uri.joinPath(folder.uri, ...resultsFolderSegments(exercisesFolderSegments(setting('exercisesFolder', folder.uri))));
}

/**
 * Turns `.results/<topic>.json` into progress: a valid pass for a known topic marks it complete.
 * It watches with VS Code's watcher and, because that is not delivered everywhere (seen on
 * code-server), each results folder directly too, so a notebook run in Jupyter reports back.
 * It reports a newly passed topic through {@link onDidPass} and shows nothing itself.
 */
export class ResultsWatcher implements vscode.Disposable {
  private readonly disposables: vscode.Disposable[] = [];
  private readonly directWatchers = new Map<string, FSWatcher>();
  private readonly pending = new Map<string, ReturnType<typeof setTimeout>>();
  private readonly passEmitter = new vscode.EventEmitter<Topic>();
  /** A topic became complete because every check of its exercise passed. */
  readonly onDidPass = this.passEmitter.event;
  private readonly seenEmitter = new vscode.EventEmitter<string>();
  /** A valid passing result was read for this topic (new or not): its failing checks are gone. */
  readonly onDidSeePass = this.seenEmitter.event;

  constructor(
    private readonly roadmap: RoadmapService,
    private readonly store: ProgressStore,
    private readonly log: Log,
  ) {}

  private readonly restoreEmitter = new vscode.EventEmitter<readonly Topic[]>();
  /** Topics marked done again from result files found on disk (a wiped or fresh profile). */
  readonly onDidRestore = this.restoreEmitter.event;

  /**
   * Rebuilds progress from the workspace's own evidence: every passing result file whose check is
   * newer than anything recorded for its topic marks the topic done (by a check). A topic the
   * learner marked incomplete after passing stays as they left it.
   */
  async restoreFromResults(): Promise<readonly Topic[]> {
    const index = (await this.roadmap.get()).index;
    const restored: Topic[] = [];
    for (const folder of vscode.workspace.workspaceFolders ?? []) {
      if (folder.uri.scheme !== 'file') continue;
      const dir = resultsDir(folder).fsPath;
      const names = await fs.readdir(dir).catch(() => [] as string[]);
      for (const name of names.filter((n) => n.endsWith('.json'))) {
        const file = path.join(dir, name);
        const result = await this.readResult(vscode.Uri.file(file));
        const topic = result && index?.topic(result.topic);
        if (!topic || this.store.isDone(topic.id)) continue;
        if (passedAt(result.time, result.fileTime) <= this.store.lastChange(topic.id)) continue;
        await this.store.set(topic.id, 'done', 'check');
        restored.push(topic);
      }
    }
    if (restored.length) {
      this.log.info(`results: restored ${restored.length} topic(s) from passed checks: ${restored.map((t) => t.id).join(', ')}`);
      this.restoreEmitter.fire(restored);
    }
    return restored;
  }

  /** Starts watching every workspace folder's results folder. */
  start(): void {
    for (const folder of vscode.workspace.workspaceFolders ?? []) {
      const watcher = vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(folder, `**/${RESULTS_FOLDER}/*.json`));
      this.disposables.push(
        watcher,
        watcher.onDidCreate((uri) => void this.onResult(uri)),
        watcher.onDidChange((uri) => void this.onResult(uri)),
      );
    }
    void this.watchExistingResultFolders();
  }

  private async watchExistingResultFolders(): Promise<void> {
    for (const folder of vscode.workspace.workspaceFolders ?? []) {
      if (folder.uri.scheme !== 'file') continue;
      const dir = resultsDir(folder);
      try {
        if ((await fs.stat(dir.fsPath)).isDirectory()) this.watchDirectly(dir.fsPath);
      } catch {
        // no results yet: the first scaffold creates the folder and watches it
      }
    }
  }

  /** Makes sure `<exercises>/.results` exists and is watched, so results report back at once. */
  async watchFolder(workspaceRoot: string, exercisesRoot: string): Promise<void> {
    const dir = await realTarget(workspaceRoot, path.join(exercisesRoot, RESULTS_FOLDER));
    await fs.mkdir(dir, { recursive: true });
    this.watchDirectly(dir);
  }

  private watchDirectly(dir: string): void {
    if (this.directWatchers.has(dir)) return;
    try {
      const w = watch(dir, (_event, name) => {
        const file = typeof name === 'string' ? name : '';
        if (!file.endsWith('.json')) return;
        const full = path.join(dir, file);
        clearTimeout(this.pending.get(full));
        this.pending.set(full, setTimeout(() => {
          this.pending.delete(full);
          void this.onResult(vscode.Uri.file(full));
        }, 150));
      });
      w.on('error', (e) => this.log.warn(`results: watching ${dir} stopped: ${e.message}`));
      this.directWatchers.set(dir, w);
    } catch (e) {
      this.log.warn(`results: cannot watch ${dir}: ${(e as Error).message}`);
    }
  }

  /** Is this result file inside the configured exercises folder of its workspace folder? */
  private inResultsFolder(uri: vscode.Uri): boolean {
    const folder = vscode.workspace.getWorkspaceFolder(uri);
    return folder !== undefined && path.dirname(uri.fsPath) === resultsDir(folder).fsPath;
  }

  /** The result file of a topic's check run from `exerciseFile`: in `.results` of a folder above it. */
  async resultFor(exerciseFile: vscode.Uri, topicId: string): Promise<vscode.Uri | undefined> {
    let dir = path.dirname(exerciseFile.fsPath);
    for (let i = 0; i < 5; i++) {
      const candidate = vscode.Uri.file(path.join(dir, RESULTS_FOLDER, resultFileName(topicId)));
      try {
        await vscode.workspace.fs.stat(candidate);
        return candidate;
      } catch {
        dir = path.dirname(dir);
      }
    }
    return undefined;
  }

  /** A valid passing result file for a known topic, or undefined (bad files are logged). */
  private async readResult(uri: vscode.Uri): Promise<(ResultFile & { readonly fileTime: number }) | undefined> {
    let data: ResultFile;
    let fileTime: number;
    try {
      // Refused by its size, without reading it.
      const { size, mtime } = await vscode.workspace.fs.stat(uri);
      fileTime = mtime;
      if (size > MAX_RESULT_BYTES) throw new Error(`file too large (${size} bytes; a result is at most ${MAX_RESULT_BYTES})`);
      data = JSON.parse(Buffer.from(await vscode.workspace.fs.readFile(uri)).toString('utf8')) as ResultFile;
    } catch (e) {
      this.log.warn(`results: ignored ${uri.fsPath}: ${(e as Error).message}`);
      return undefined;
    }
    const loaded = await this.roadmap.get();
    const topic = typeof data?.topic === 'string' ? loaded.index?.topic(data.topic) : undefined;
    if (!topic || data.passed !== true || path.basename(uri.fsPath) !== resultFileName(data.topic)) {
      this.log.warn(`results: ignored ${uri.fsPath}: not a passed result for a known topic`);
      return undefined;
    }
    return { ...data, fileTime };
  }

  /** Reads a result file; a valid pass for a known topic marks it complete. Bad files are logged. */
  async onResult(uri: vscode.Uri): Promise<string | undefined> {
    if (!this.inResultsFolder(uri)) return undefined;
    const data = await this.readResult(uri);
    const topic = data && (await this.roadmap.get()).index?.topic(data.topic);
    if (!topic) return undefined;
    this.seenEmitter.fire(topic.id);
    if (this.store.isDone(topic.id)) return topic.id;
    // A pass older than the learner's last change to the topic (they marked it incomplete since) is not news.
    if (passedAt(data.time, data.fileTime) <= this.store.lastChange(topic.id)) return undefined;
    await this.store.set(topic.id, 'done', 'check');
    this.log.info(`results: every check of '${topic.id}' passed; marked complete`);
    this.passEmitter.fire(topic);
    return topic.id;
  }

  dispose(): void {
    for (const w of this.directWatchers.values()) w.close();
    for (const t of this.pending.values()) clearTimeout(t);
    for (const d of this.disposables) d.dispose();
    this.passEmitter.dispose();
    this.seenEmitter.dispose();
    this.restoreEmitter.dispose();
  }
}
