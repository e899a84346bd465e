import vscode = require('vscode');
import { Commands } from '../../constants';
import { EMPTY_PROGRESS } from '../../core/progress/progressState';
import { formatCounts } from '../../core/progress/progressStats';
import { FileWriteError, writeFileSafely } from '../../core/files/safeFiles';
import { MAX_IMPORT_BYTES, merge, parseExport, toExport } from '../../core/progress/progressTransfer';
import type { Log } from '../log';
import { progressPlace, type ProgressStore } from '../progressStore';
import type { RoadmapService } from '../roadmapService';
import { affects, setting } from '../settings';
import { reportSave, type CommandTable } from './commandKit';

export interface TransferDeps {
  readonly context: vscode.ExtensionContext;
  readonly roadmap: RoadmapService;
  readonly store: ProgressStore;
  readonly log: Log;
}

async function resetProgress({ roadmap, store }: TransferDeps): Promise<boolean> {
  const c = store.counts(roadmap.summary.topicIds);
  const answer = await vscode.window.showWarningMessage(
    `Reset all roadmap progress (${formatCounts(c)})? Export it first if you may want it back.`,
    { modal: true }, 'Reset', 'Export First...');
  if (answer === 'Export First...') {
    await vscode.commands.executeCommand(Commands.exportProgress);
    return false;
  }
  if (answer !== 'Reset') return false;
  if (!reportSave(await store.replace(EMPTY_PROGRESS)).saved) return false;
  void vscode.window.showInformationMessage('Data Science Roadmap: progress reset.');
  return true;
}

async function exportProgress({ roadmap, store }: TransferDeps, target?: vscode.Uri): Promise<string | undefined> {
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
  const uri = target instanceof vscode.Uri ? target : await vscode.window.showSaveDialog({
    title: 'Export roadmap progress',
    filters: { 'Roadmap progress': ['json'] },
    ...(folder ? { defaultUri: vscode.Uri.joinPath(folder, 'ds-roadmap-progress.json') } : {}),
  });
  if (!uri) return undefined;
  const title = (await roadmap.get()).index?.roadmap.meta.title ?? 'Data Scientist';
  const text = JSON.stringify(toExport(store.snapshot, title), null, 2) + '\n';
  const root = vscode.workspace.getWorkspaceFolder(uri) ?? vscode.workspace.workspaceFolders?.[0];
  if (uri.scheme === 'file' && root?.uri.scheme === 'file') {
    // Inside the workspace on real paths, and whole (temp file, then rename).
    try {
      await writeFileSafely(root.uri.fsPath, uri.fsPath, text);
    } catch (e) {
      if (!(e instanceof FileWriteError)) throw e;
      void vscode.window.showErrorMessage(`Data Science Roadmap: progress was not exported: ${e.message}${e.code === 'outside' ? `. Choose a place inside ${root.uri.fsPath}.` : ''}`);
      return undefined;
    }
  } else if (uri.scheme === 'file') {
    void vscode.window.showWarningMessage('Data Science Roadmap: progress is exported into your workspace, and no folder is open. Open a folder first.');
    return undefined;
  } else {
    await vscode.workspace.fs.writeFile(uri, Buffer.from(text, 'utf8'));
  }
  if (!(target instanceof vscode.Uri)) void vscode.window.showInformationMessage(`Data Science Roadmap: progress exported to ${uri.fsPath}.`);
  return uri.toString();
}

async function importProgress({ roadmap, store, log }: TransferDeps, source?: vscode.Uri): Promise<unknown> {
  const uri = source instanceof vscode.Uri ? source : (await vscode.window.showOpenDialog({
    title: 'Import roadmap progress', canSelectMany: false, filters: { 'Roadmap progress': ['json'] },
  }))?.[0];
  if (!uri) return undefined;
  let text: string;
  try {
    // Refused by its size before it is read.
    const { size } = await vscode.workspace.fs.stat(uri);
    if (size > MAX_IMPORT_BYTES) {
      const error = `the file is too large (${(size / 1048576).toFixed(1)} MB; an export is at most ${MAX_IMPORT_BYTES / 1048576} MB)`;
      void vscode.window.showErrorMessage(`Data Science Roadmap: ${uri.fsPath} was not imported: ${error}. Nothing changed.`);
      return { error };
    }
    text = Buffer.from(await vscode.workspace.fs.readFile(uri)).toString('utf8');
  } catch (e) {
    void vscode.window.showErrorMessage(`Data Science Roadmap: cannot read ${uri.fsPath}: ${(e as Error).message}`);
    return { error: (e as Error).message };
  }
  const index = (await roadmap.get()).index;
  const parsed = parseExport(text, { known: (id) => index?.topic(id) !== undefined });
  if ('error' in parsed) {
    void vscode.window.showErrorMessage(`Data Science Roadmap: ${uri.fsPath} was not imported: ${parsed.error}. Nothing changed.`);
    return { error: parsed.error };
  }
  for (const n of parsed.notes) log.warn(`import: ${n}`);
  const report = merge(store.snapshot, parsed.state);
  reportSave(await store.replace(report.state));
  const msg = `Imported progress: ${report.added.length} added, ${report.updated.length} updated, ${report.unchanged} unchanged, ${report.conflicts.length} conflict(s) (newer change kept).`;
  log.info(msg);
  for (const c of report.conflicts) log.info(`import conflict on '${c.id}': kept '${c.kept}', other side had '${c.other}'`);
  if (!(source instanceof vscode.Uri)) void vscode.window.showInformationMessage(`Data Science Roadmap: ${msg}`);
  return { added: report.added.length, updated: report.updated.length, conflicts: report.conflicts.length, unchanged: report.unchanged };
}

/** Progress that moves: export, import (merged), reset. */
export function transferCommands(d: TransferDeps): CommandTable {
  return {
    [Commands.resetProgress]: { name: 'Reset Progress', run: () => resetProgress(d) },
    [Commands.exportProgress]: { name: 'Export Progress', run: (target?: vscode.Uri) => exportProgress(d, target) },
    [Commands.importProgress]: { name: 'Import Progress', run: (source?: vscode.Uri) => importProgress(d, source) },
  };
}

/** Moves progress between workspace and global scope when the setting changes, offering to copy it over. */
export function followProgressScope(d: TransferDeps): vscode.Disposable {
  return vscode.workspace.onDidChangeConfiguration(async (e) => {
    if (!affects(e, 'progress.scope')) return;
    const before = d.store.snapshot;
    d.store.switchTo(progressPlace(d.context));
    const moved = Object.keys(before.topics).length;
    if (moved === 0) return;
    const answer = await vscode.window.showInformationMessage(
      `Data Science Roadmap now keeps progress in ${setting('progress.scope')} state. Copy the ${moved} topic(s) of progress you had over?`, 'Copy Over', 'Keep Separate');
    if (answer === 'Copy Over') reportSave(await d.store.replace(merge(d.store.snapshot, before).state));
  });
}
