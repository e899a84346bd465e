import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import vscode = require('vscode');
import { topicFromExerciseFile } from '../../core/exercises/checkScript';
import { CHECKER_FILE, exercisesFolderSegments } from '../../core/exercises/exercisePaths';
import { ContextKeys } from '../../constants';
import type { RoadmapService } from '../roadmapService';
import { setting } from '../settings';

const EXERCISE_FILE = /\.(ipynb|py)$/;
const SCRIPT_MARKER = /^# dsRoadmap-topic: [a-z0-9-]+\s*$/m;

/** The exercises folder of the workspace folder that holds `uri`, if any. */
function exercisesRootOf(uri: vscode.Uri): string | undefined {
  const folder = vscode.workspace.getWorkspaceFolder(uri);
  return folder && path.join(folder.uri.fsPath, ...exercisesFolderSegments(setting('exercisesFolder', folder.uri)));
}

function inside(root: string, file: string): boolean {
  const rel = path.relative(root, file);
  return rel !== '' && !rel.startsWith('..') && !path.isAbsolute(rel);
}

/** The notebook's roadmap metadata, wherever the ipynb serializer put it. */
function notebookTopic(nb: vscode.NotebookDocument): string | undefined {
  const m = nb.metadata as { dsRoadmap?: { topic?: unknown }; metadata?: { dsRoadmap?: { topic?: unknown } } };
  const id = m?.dsRoadmap?.topic ?? m?.metadata?.dsRoadmap?.topic;
  return typeof id === 'string' ? id : undefined;
}

/** Is this file an exercise: under the exercises folder, or carrying the roadmap's notebook metadata or script marker? */
export function isExerciseFile(uri: vscode.Uri): boolean {
  if (uri.scheme !== 'file' || !EXERCISE_FILE.test(uri.fsPath) || path.basename(uri.fsPath) === CHECKER_FILE) return false;
  const root = exercisesRootOf(uri);
  if (root && inside(root, uri.fsPath)) return true;
  const nb = vscode.workspace.notebookDocuments.find((d) => d.uri.toString() === uri.toString());
  if (nb) return notebookTopic(nb) !== undefined;
  const doc = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
  return doc !== undefined && SCRIPT_MARKER.test(doc.getText(new vscode.Range(0, 0, 200, 0)));
}

/** The exercise file of the active notebook or text editor, if it is one. */
export function activeExerciseUri(): vscode.Uri | undefined {
  const nb = vscode.window.activeNotebookEditor?.notebook.uri;
  const text = vscode.window.activeTextEditor?.document.uri;
  // A notebook cell's editor is the active text editor while the notebook is.
  const uri = nb && (!text || text.scheme === 'vscode-notebook-cell') ? nb : text ?? nb;
  return uri && isExerciseFile(uri) ? uri : undefined;
}

/** A file named by a command argument: a Uri (explorer, editor title) or a notebook (notebook toolbar). */
export function exerciseUriFromArg(arg: unknown): vscode.Uri | undefined {
  if (arg instanceof vscode.Uri) return arg;
  const a = arg as { uri?: unknown; notebookType?: unknown; notebookEditor?: { notebookUri?: unknown } } | undefined;
  if (a && typeof a === 'object') {
    if (a.uri instanceof vscode.Uri && typeof a.notebookType === 'string') return a.uri;
    if (a.notebookEditor?.notebookUri instanceof vscode.Uri) return a.notebookEditor.notebookUri;
  }
  return undefined;
}

/** The topic of an exercise file (its metadata or marker, else its name). */
export async function topicOfExercise(roadmap: RoadmapService, uri: vscode.Uri): Promise<string | undefined> {
  const index = (await roadmap.get()).index;
  const isTopic = (id: string) => index?.topic(id) !== undefined;
  const nb = vscode.workspace.notebookDocuments.find((d) => d.uri.toString() === uri.toString());
  const fromNb = nb && notebookTopic(nb);
  if (fromNb && isTopic(fromNb)) return fromNb;
  const doc = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
  const text = doc ? doc.getText() : uri.fsPath.endsWith('.py') ? await fs.readFile(uri.fsPath, 'utf8').catch(() => '') : '';
  return topicFromExerciseFile(uri.fsPath, text, isTopic);
}

/** The exercise files in the workspace's exercises folders, the newest per topic. */
export async function exerciseFilesByTopic(roadmap: RoadmapService): Promise<Map<string, vscode.Uri>> {
  const index = (await roadmap.get()).index;
  const found = new Map<string, { uri: vscode.Uri; mtime: number }>();
  for (const folder of vscode.workspace.workspaceFolders ?? []) {
    if (folder.uri.scheme !== 'file') continue;
    const root = path.join(folder.uri.fsPath, ...exercisesFolderSegments(setting('exercisesFolder', folder.uri)));
    const stages = await fs.readdir(root, { withFileTypes: true }).catch(() => []);
    for (const stage of stages.filter((s) => s.isDirectory() && !s.name.startsWith('.'))) {
      const names = await fs.readdir(path.join(root, stage.name)).catch(() => [] as string[]);
      for (const name of names.filter((n) => EXERCISE_FILE.test(n))) {
        const file = path.join(root, stage.name, name);
        const id = topicFromExerciseFile(file, '', (t) => index?.topic(t) !== undefined);
        const mtime = await fs.stat(file).then((s) => s.mtimeMs, () => -1);
        if (id && mtime >= 0 && mtime > (found.get(id)?.mtime ?? -1)) found.set(id, { uri: vscode.Uri.file(file), mtime });
      }
    }
  }
  return new Map([...found].map(([id, f]) => [id, f.uri]));
}

/** Keeps the `dsRoadmap.activeExercise` context key (the toolbar's Check Exercise button) in step with the active editor. */
export function trackActiveExercise(): vscode.Disposable {
  let last: boolean | undefined;
  const update = () => {
    const now = activeExerciseUri() !== undefined;
    if (now === last) return;
    last = now;
    void vscode.commands.executeCommand('setContext', ContextKeys.activeExercise, now);
  };
  update();
  const subs = [
    vscode.window.onDidChangeActiveTextEditor(update),
    vscode.window.onDidChangeActiveNotebookEditor(update),
    vscode.workspace.onDidOpenNotebookDocument(update),
  ];
  return { dispose: () => { for (const s of subs) s.dispose(); } };
}
