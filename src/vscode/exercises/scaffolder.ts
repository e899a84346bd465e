import vscode = require('vscode');
import { writeFileSafely } from '../../core/files/safeFiles';
import { buildNotebook, buildScript } from '../../core/exercises/exerciseFiles';
import { exerciseRelativePath, exercisesFolderSegments, type ExerciseKind } from '../../core/exercises/exercisePaths';
import type { Topic } from '../../core/roadmap/model';
import type { Log } from '../log';
import type { RoadmapService } from '../roadmapService';
import { setting } from '../settings';
import type { CheckerFile, CheckerOutcome } from './checkerFile';
import type { ExerciseCatalog } from './exerciseCatalog';
import type { ResultsWatcher } from './resultsWatcher';

async function exists(uri: vscode.Uri): Promise<boolean> {
  try {
    await vscode.workspace.fs.stat(uri);
    return true;
  } catch {
    return false;
  }
}

function withTimeout<T>(p: Promise<T>, ms: number): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const t = setTimeout(() => reject(new Error(`timed out after ${ms} ms`)), ms);
    p.then((v) => { clearTimeout(t); resolve(v); }, (e) => { clearTimeout(t); reject(e); });
  });
}

async function openExercise(uri: vscode.Uri, kind: ExerciseKind, log: Log): Promise<void> {
  if (kind === 'notebook') {
    // The notebook counts as open once an editor shows it: showNotebookDocument's promise can stay
    // pending after the editor is up (seen in code-server), and a late text-editor fallback would
    // then open the same file a second time, as JSON, and take the focus.
    const shown = () => vscode.window.visibleNotebookEditors.some((e) => e.notebook.uri.toString() === uri.toString());
    let sub: vscode.Disposable | undefined;
    try {
      // VS Code's built-in ipynb support registers 'jupyter-notebook', with or without the Jupyter extension.
      const doc = await withTimeout(Promise.resolve(vscode.workspace.openNotebookDocument(uri)), 30_000);
      const visible = new Promise<void>((resolve) => {
        sub = vscode.window.onDidChangeVisibleNotebookEditors(() => { if (shown()) resolve(); });
      });
      await withTimeout(Promise.race([Promise.resolve(vscode.window.showNotebookDocument(doc, { preview: false })).then(() => undefined), visible]), 30_000);
      return;
    } catch (e) {
      if (shown()) return;
      // No notebook serializer for .ipynb (or it did not answer): fall back to the text editor.
      log.warn(`could not open ${uri.fsPath} as a notebook: ${(e as Error).message}`);
    } finally {
      sub?.dispose();
    }
  }
  await vscode.window.showTextDocument(uri, { preview: false });
}

/** What a scaffold did: wrote a new file, or found the exercise already there (and changed nothing). */
export type ScaffoldOutcome = { readonly kind: 'created'; readonly uri: vscode.Uri; readonly checker: CheckerOutcome } | { readonly kind: 'exists'; readonly uri: vscode.Uri };

/**
 * Writes exercise files. Never overwrites: an existing exercise is left unchanged, and a fresh
 * copy (`-2`, `-3`, ...) is written only when asked for. The checker is written beside the
 * exercises on the first scaffold. Shows nothing itself: the command reports the outcome.
 */
export class Scaffolder {
  constructor(
    private readonly checker: CheckerFile,
    private readonly roadmap: RoadmapService,
    private readonly catalog: ExerciseCatalog,
    private readonly results: ResultsWatcher,
    private readonly log: Log,
  ) {}

  /** Writes the exercise of `topic` into `folder` (or finds it there) and opens it. */
  async scaffold(folder: vscode.WorkspaceFolder, topic: Topic, kind: ExerciseKind, options: { fresh?: boolean } = {}): Promise<ScaffoldOutcome> {
    const index = (await this.roadmap.get()).index!;
    const stage = index.stage(topic.stageId)!;
    const segments = exercisesFolderSegments(setting('exercisesFolder', folder.uri));
    const target = (copy: number) => vscode.Uri.joinPath(folder.uri, ...exerciseRelativePath(segments, stage, topic, kind, copy));
    const first = target(1);
    if ((await exists(first)) && !options.fresh) {
      await openExercise(first, kind, this.log);
      return { kind: 'exists', uri: first };
    }
    let n = 1;
    while (await exists(target(n))) n++;
    const uri = target(n);
    const exercise = await this.catalog.exerciseFor(topic);
    const content = kind === 'notebook' ? buildNotebook(topic, stage, exercise) : buildScript(topic, stage, exercise);
    const root = folder.uri.fsPath;
    const exercisesRoot = vscode.Uri.joinPath(folder.uri, ...segments).fsPath;
    // Every write below is checked on real paths (a symlinked folder cannot lead it outside the
    // workspace) and is whole; the exercise itself never replaces an existing file.
    const checker = await this.checker.ensure(root, exercisesRoot);
    await this.results.watchFolder(root, exercisesRoot);
    await writeFileSafely(root, uri.fsPath, content, { createOnly: true });
    this.log.info(`scaffolded ${uri.fsPath}`);
    await openExercise(uri, kind, this.log);
    return { kind: 'created', uri, checker };
  }
}
