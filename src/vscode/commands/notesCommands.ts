import * as path from 'node:path';
import vscode = require('vscode');
import { Commands } from '../../constants';
import { FileWriteError, writeFileSafely } from '../../core/files/safeFiles';
import type { NotesService } from '../notes/notesService';
import { topicCommand, type CommandTable, type TopicResolver } from './commandKit';

export interface NotesCommandDeps extends TopicResolver {
  readonly notes: NotesService;
}

/** Notes of one's own: open (created from a starter, never overwritten), and one digest of them all. */
export function notesCommands(d: NotesCommandDeps): CommandTable {
  return {
    [Commands.openNotes]: topicCommand(d, 'Open Notes', 'Open your notes on...', async (topic) => {
      const r = await d.notes.open(topic);
      if (r.created && !r.root.inWorkspace) {
        void vscode.window.showInformationMessage(`No folder is open, so your notes on "${topic.title}" are kept in the extension's storage (${r.uri.fsPath}). Open a folder to keep them in your workspace.`);
      }
      return r.uri.toString();
    }),
    [Commands.exportNotes]: {
      name: 'Export Notes',
      run: async (target?: vscode.Uri) => {
        const index = (await d.roadmap.get()).index;
        if (!index) return undefined;
        const { text, count } = await d.notes.digest(index);
        if (count === 0) {
          void vscode.window.showInformationMessage('Data Science Roadmap: you have no notes yet. Open one with Roadmap: Open Notes (or the Notes button of a topic page).');
          return undefined;
        }
        const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
        if (!folder || folder.scheme !== 'file') {
          void vscode.window.showWarningMessage('Data Science Roadmap: the notes digest is written into your workspace, and no folder is open. Open a folder first.');
          return undefined;
        }
        const uri = target instanceof vscode.Uri ? target : await vscode.window.showSaveDialog({
          title: 'Export your roadmap notes', filters: { Markdown: ['md'] }, defaultUri: vscode.Uri.joinPath(folder, 'roadmap-notes.md'),
        });
        if (!uri) return undefined;
        try {
          await writeFileSafely(folder.fsPath, uri.fsPath, text);
        } catch (e) {
          if (!(e instanceof FileWriteError)) throw e;
          void vscode.window.showErrorMessage(`Data Science Roadmap: ${e.message}${e.code === 'outside' ? `. Choose a place inside ${folder.fsPath}.` : ''}`);
          return undefined;
        }
        if (!(target instanceof vscode.Uri)) void vscode.window.showInformationMessage(`Data Science Roadmap: ${count} note${count === 1 ? '' : 's'} exported to ${path.basename(uri.fsPath)}.`);
        return uri.toString();
      },
    },
  };
}
