import vscode = require('vscode');
import { Commands, ViewIds } from '../../constants';
import type { Features } from '../features';
import type { Log } from '../log';
import { runGuarded } from './commandKit';
import { SOLUTION_SCHEME } from './solutionScheme';

/**
 * The command entry points, registered at activation: each one loads the features bundle on
 * first use and runs its body there, guarded (one clear message on failure). So are the page
 * serializer and the reference-solution documents, which VS Code may ask for right after a reload.
 */
export function registerEntryPoints(features: () => Promise<Features>, log: Log): vscode.Disposable[] {
  const commands = Object.values(Commands).map((id) => vscode.commands.registerCommand(id, async (...args: unknown[]) => {
    const f = await features();
    const body = f.commands[id];
    if (!body) throw new Error(`no body for ${id}`);
    return runGuarded(body, args, log);
  }));
  return [
    ...commands,
    vscode.window.registerWebviewPanelSerializer(ViewIds.topicPanel, {
      deserializeWebviewPanel: async (panel, state) => (await features()).pages.deserializeWebviewPanel(panel, state),
    }),
    vscode.workspace.registerTextDocumentContentProvider(SOLUTION_SCHEME, {
      provideTextDocumentContent: async (uri) => (await features()).solution(uri),
    }),
  ];
}
