import { promises as fs, watch, type FSWatcher } from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { Settings } from '../constants';
import { defaultExercise, type Exercise } from '../core/exerciseModel';
import { readBundledData } from '../core/bundledData';
import type { Topic } from '../core/model';
import { exercisesFolderSegments } from '../core/scaffold';
import type { ProgressStore } from './progressStore';
import type { RoadmapService } from './roadmapService';
import type { Log } from './log';

/** A result file written by `_roadmap_check.report()`. */
interface ResultFile {
  topic: string;
  passed: boolean;
  checks?: string[];
  time?: string;
}

/**
 * Authored exercises (dist/data/exercises.json.br, read on first scaffold), the checker file written beside
 * the exercises, and the watcher that turns `.results/<topic>.json` into progress.
 */
export class ExerciseService implements vscode.Disposable {
  private loading: Promise<ReadonlyMap<string, Exercise>> | undefined;
  private readonly disposables: vscode.Disposable[] = [];

  constructor(
    private readonly extensionPath: string,
    private readonly roadmap: RoadmapService,
    private readonly store: ProgressStore,
    private readonly log: Log,
  ) {
    // Watchers start after activation, never delaying it. VS Code's watcher is not delivered
    // everywhere (seen on code-server), so each results folder is also watched directly: a
    // notebook run in Jupyter then still reports back.
    const timer = setTimeout(() => {
      for (const folder of vscode.workspace.workspaceFolders ?? []) {
        const watcher = vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(folder, '**/.results/*.json'));
        this.disposables.push(
          watcher,
          watcher.onDidCreate((uri) => void this.onResult(uri)),
          watcher.onDidChange((uri) => void this.onResult(uri)),
        );
      }
      void this.watchExistingResultFolders();
    }, 0);
    this.disposables.push({ dispose: () => clearTimeout(timer) });
  }

  private readonly directWatchers = new Map<string, FSWatcher>();
  private readonly pending = new Map<string, ReturnType<typeof setTimeout>>();

  private async watchExistingResultFolders(): Promise<void> {
    for (const folder of vscode.workspace.workspaceFolders ?? []) {
      if (folder.uri.scheme !== 'file') continue;
      const dir = this.resultsDir(folder);
      try {
        if ((await fs.stat(dir.fsPath)).isDirectory()) this.watchResults(dir.fsPath);
      } catch {
        // no results yet: the first scaffold creates the folder and watches it
      }
    }
  }

  private resultsDir(folder: vscode.WorkspaceFolder): vscode.Uri {
    const segments = exercisesFolderSegments(vscode.workspace.getConfiguration(Settings.section, folder.uri).get(Settings.exercisesFolder));
    return vscode.Uri.joinPath(folder.uri, ...segments, '.results');
  }

  private watchResults(dir: string): void {
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

  async exerciseFor(topic: Topic): Promise<Exercise> {
    this.loading ??= this.load();
    return (await this.loading).get(topic.id) ?? defaultExercise(topic);
  }

  private async load(): Promise<ReadonlyMap<string, Exercise>> {
    try {
      const text = await readBundledData(this.extensionPath, 'exercises.json');
      const data = JSON.parse(text) as { version: number; exercises: Record<string, Exercise> };
      return new Map(Object.entries(data.exercises ?? {}));
    } catch (e) {
      this.log.error(`exercises: could not read the built-in exercises (${(e as Error).message}); every topic falls back to its reflection exercise`);
      return new Map();
    }
  }

  /** Writes `_roadmap_check.py` into the exercises folder unless a file is already there. */
  async ensureChecker(exercisesRoot: vscode.Uri): Promise<void> {
    const target = vscode.Uri.joinPath(exercisesRoot, '_roadmap_check.py');
    await this.watchResultsOf(exercisesRoot);
    try {
      await vscode.workspace.fs.stat(target);
      return;
    } catch {
      // not there yet
    }
    const text = await fs.readFile(path.join(this.extensionPath, 'media', 'python', '_roadmap_check.py'));
    await vscode.workspace.fs.createDirectory(exercisesRoot);
    await vscode.workspace.fs.writeFile(target, text);
    this.log.info(`wrote the exercise checker ${target.fsPath}`);
  }

  /** Makes sure `<exercises>/.results` exists and is watched, so results report back at once. */
  async watchResultsOf(exercisesRoot: vscode.Uri): Promise<void> {
    const dir = vscode.Uri.joinPath(exercisesRoot, '.results');
    await vscode.workspace.fs.createDirectory(dir);
    if (dir.scheme === 'file') this.watchResults(dir.fsPath);
  }

  /** Is this result file inside the configured exercises folder of its workspace folder? */
  private inExercisesFolder(uri: vscode.Uri): boolean {
    const folder = vscode.workspace.getWorkspaceFolder(uri);
    if (!folder) return false;
    return path.dirname(uri.fsPath) === this.resultsDir(folder).fsPath;
  }

  /** Reads a result file; a valid pass for a known topic marks it complete. Bad files are logged. */
  async onResult(uri: vscode.Uri): Promise<string | undefined> {
    if (!this.inExercisesFolder(uri)) return undefined;
    let data: ResultFile;
    try {
      const raw = await vscode.workspace.fs.readFile(uri);
      if (raw.byteLength > 64 * 1024) throw new Error('file too large');
      data = JSON.parse(Buffer.from(raw).toString('utf8')) as ResultFile;
    } catch (e) {
      this.log.warn(`results: ignored ${uri.fsPath}: ${(e as Error).message}`);
      return undefined;
    }
    const loaded = await this.roadmap.get();
    const topic = typeof data?.topic === 'string' ? loaded.index?.topic(data.topic) : undefined;
    if (!topic || data.passed !== true || path.basename(uri.fsPath) !== `${data.topic}.json`) {
      this.log.warn(`results: ignored ${uri.fsPath}: not a passed result for a known topic`);
      return undefined;
    }
    if (this.store.isDone(topic.id)) return topic.id;
    await this.store.set(topic.id, 'done', 'check');
    this.log.info(`results: every check of '${topic.id}' passed; marked complete`);
    void vscode.window.showInformationMessage(`✓ All checks passed: "${topic.title}" is marked complete.`);
    return topic.id;
  }

  dispose(): void {
    for (const w of this.directWatchers.values()) w.close();
    for (const t of this.pending.values()) clearTimeout(t);
    for (const d of this.disposables) d.dispose();
  }
}
