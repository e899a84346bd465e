/**
 * What is shown at once: the status bar, the tree and the progress store they read. A bundle of
 * its own (dist/shown.js), loaded and built right after activate() returns, or by whatever needs
 * it first (a command, the tests).
 */
import type * as vscode from 'vscode';
import { ViewIds } from '../constants';
import { PROGRESS_KEY } from '../core/progress/progressBook';
import { appClock } from './clock';
import { reportSave } from './commands/commandKit';
import { followProgressScope } from './commands/transferCommands';
import type { CoreServices } from './features';
import type { LazyLog } from './log';
import { progressPlace, ProgressStore } from './progressStore';
import { RoadmapService } from './roadmapService';
import { ProgressStatusBar } from './views/statusBar';
import { RoadmapTreeProvider } from './views/treeProvider';

export interface Shown {
  readonly core: CoreServices;
  readonly statusBar: ProgressStatusBar;
}

export function buildShown(context: vscode.ExtensionContext, log: LazyLog): Shown {
  const roadmap = new RoadmapService(context.extensionPath, log);
  // Progress in globalState follows the learner through Settings Sync.
  context.globalState.setKeysForSync([PROGRESS_KEY]);
  const store = new ProgressStore(progressPlace(context), log, (id) => roadmap.canonicalId(id));
  const clock = appClock();
  const statusBar = new ProgressStatusBar(store, roadmap, clock);
  const tree = new RoadmapTreeProvider(ViewIds.roadmap, roadmap, store, reportSave, clock, context.workspaceState);
  const core: CoreServices = { context, log, roadmap, store, tree, clock };
  // Review cards fall due as time passes: the due counts of the status bar and the tree follow.
  const tick = setInterval(() => {
    statusBar.update();
    tree.refresh();
  }, 10 * 60_000);
  context.subscriptions.push(store, statusBar, tree, followProgressScope(core), { dispose: () => clearInterval(tick) });
  return { core, statusBar };
}
