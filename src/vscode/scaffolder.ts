import * as vscode from 'vscode';
import { Settings } from '../constants';
import type { Topic } from '../core/model';
import { buildNotebook, buildScript, exerciseRelativePath, exercisesFolderSegments, type ExerciseKind } from '../core/scaffold';
import type { CommandServices } from './commands';

async function exists(uri: vscode.Uri): Promise<boolean> {
  try {
    await vscode.workspace.fs.stat(uri);
    return true;
  } catch {
    return false;
  }
}

async function chooseFolder(): Promise<vscode.WorkspaceFolder | undefined> {
  const folders = vscode.workspace.workspaceFolders ?? [];
  if (folders.length === 0) {
    const answer = await vscode.window.showWarningMessage(
      'Data Science Roadmap: exercises are saved in your workspace, and no folder is open. Open a folder first.', 'Open Folder...');
    if (answer === 'Open Folder...') await vscode.commands.executeCommand('workbench.action.files.openFolder');
    return undefined;
  }
  if (folders.length === 1) return folders[0];
  return vscode.window.showWorkspaceFolderPick({ placeHolder: 'Which folder should hold the exercise?' });
}

async function openExercise(uri: vscode.Uri, kind: ExerciseKind): Promise<void> {
  if (kind === 'notebook') {
    try {
      // VS Code's built-in ipynb support registers 'jupyter-notebook', with or without the Jupyter extension.
      const doc = await vscode.workspace.openNotebookDocument(uri);
      await vscode.window.showNotebookDocument(doc, { preview: false });
      return;
    } catch {
      // No notebook serializer for .ipynb: fall back to the text editor.
    }
  }
  await vscode.window.showTextDocument(uri, { preview: false });
}

/**
 * Writes the exercise for a topic and opens it. Never overwrites: an existing file is opened, and
 * the learner may ask for a fresh copy (`-2`, `-3`, ...). Returns the file's URI.
 */
export async function scaffold(s: CommandServices, topic: Topic, kind: ExerciseKind): Promise<string | undefined> {
  const folder = await chooseFolder();
  if (!folder) return undefined;
  const index = (await s.roadmap.get()).index!;
  const stage = index.stage(topic.stageId)!;
  const segments = exercisesFolderSegments(vscode.workspace.getConfiguration(Settings.section, folder.uri).get(Settings.exercisesFolder));
  const target = (copy: number) => vscode.Uri.joinPath(folder.uri, ...exerciseRelativePath(segments, stage, topic, kind, copy));
  let uri = target(1);
  if (await exists(uri)) {
    await openExercise(uri, kind);
    const answer = await vscode.window.showInformationMessage(
      `The exercise for "${topic.title}" already exists and was opened. Your file was not changed.`, 'Create a Fresh Copy');
    if (answer !== 'Create a Fresh Copy') return uri.toString();
    let n = 2;
    while (await exists(target(n))) n++;
    uri = target(n);
  }
  const content = kind === 'notebook' ? buildNotebook(topic, stage) : buildScript(topic, stage);
  await vscode.workspace.fs.createDirectory(vscode.Uri.joinPath(uri, '..'));
  // Re-check right before writing: never replace a file that appeared meanwhile.
  if (await exists(uri)) throw new Error(`${uri.fsPath} appeared while scaffolding; nothing was overwritten`);
  await vscode.workspace.fs.writeFile(uri, Buffer.from(content, 'utf8'));
  s.log.info(`scaffolded ${uri.fsPath}`);
  await openExercise(uri, kind);
  return uri.toString();
}
