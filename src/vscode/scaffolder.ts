import * as vscode from 'vscode';
import { Settings } from '../constants';
import type { Topic } from '../core/model';
import { buildNotebook, buildScript, exerciseRelativePath, exercisesFolderSegments, type ExerciseKind } from '../core/scaffold';
import type { CommandServices } from './commands';
import type { Log } from './log';

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

async function chooseFolder(): Promise<vscode.WorkspaceFolder | undefined> {
  const folders = vscode.workspace.workspaceFolders ?? [];
  if (folders.length === 0) {
    // Not awaited: the command ends at once; the offer stays in the notification.
    void vscode.window.showWarningMessage(
      'Data Science Roadmap: exercises are saved in your workspace, and no folder is open. Open a folder first.', 'Open Folder...',
    ).then((answer) => answer === 'Open Folder...' ? vscode.commands.executeCommand('workbench.action.files.openFolder') : undefined);
    return undefined;
  }
  if (folders.length === 1) return folders[0];
  return vscode.window.showWorkspaceFolderPick({ placeHolder: 'Which folder should hold the exercise?' });
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

/**
 * Writes the exercise for a topic and opens it. Never overwrites: an existing file is opened and
 * left unchanged, and the learner may ask for a fresh copy (`-2`, `-3`, ...), either from the
 * notification or with `{ fresh: true }`. Returns the URI of the file that was opened.
 */
export async function scaffold(s: CommandServices, topic: Topic, kind: ExerciseKind, options: { fresh?: boolean } = {}): Promise<string | undefined> {
  const folder = await chooseFolder();
  if (!folder) return undefined;
  const index = (await s.roadmap.get()).index!;
  const stage = index.stage(topic.stageId)!;
  const segments = exercisesFolderSegments(vscode.workspace.getConfiguration(Settings.section, folder.uri).get(Settings.exercisesFolder));
  const target = (copy: number) => vscode.Uri.joinPath(folder.uri, ...exerciseRelativePath(segments, stage, topic, kind, copy));
  const first = target(1);
  if ((await exists(first)) && !options.fresh) {
    await openExercise(first, kind, s.log);
    // Not awaited: the command finishes; the offer stays in the notification centre.
    void vscode.window.showInformationMessage(
      `The exercise for "${topic.title}" already exists and was opened. Your file was not changed.`, 'Create a Fresh Copy',
    ).then((answer) => answer === 'Create a Fresh Copy' ? scaffold(s, topic, kind, { fresh: true }) : undefined)
      .then(undefined, (e) => s.log.error(`fresh copy failed: ${(e as Error).message}`));
    return first.toString();
  }
  let n = 1;
  while (await exists(target(n))) n++;
  const uri = target(n);
  const exercise = await s.exercises.exerciseFor(topic);
  const content = kind === 'notebook' ? buildNotebook(topic, stage, exercise) : buildScript(topic, stage, exercise);
  await s.exercises.ensureChecker(vscode.Uri.joinPath(folder.uri, ...segments));
  await vscode.workspace.fs.createDirectory(vscode.Uri.joinPath(uri, '..'));
  // Re-check right before writing: never replace a file that appeared meanwhile.
  if (await exists(uri)) throw new Error(`${uri.fsPath} appeared while scaffolding; nothing was overwritten`);
  await vscode.workspace.fs.writeFile(uri, Buffer.from(content, 'utf8'));
  s.log.info(`scaffolded ${uri.fsPath}`);
  await openExercise(uri, kind, s.log);
  return uri.toString();
}
