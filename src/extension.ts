/**
 * Composition root. Activation builds only what is shown at once: the status bar, the tree's
 * registration, the progress store and the command entry points. Everything else (pages, the
 * dashboard, exercises, checks, transfer) is in a second bundle, `dist/features.js`, loaded on
 * first use or a few seconds after startup. Activation reads no file and parses no YAML.
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import { ViewIds } from './constants';
import { PROGRESS_KEY } from './core/progress/progressBook';
import { registerEntryPoints } from './vscode/commands/index';
import { reportSave } from './vscode/commands/commandKit';
import { followProgressScope } from './vscode/commands/transferCommands';
import type { CoreServices, Features } from './vscode/features';
import { appClock } from './vscode/clock';
import { LazyLog } from './vscode/log';
import { progressPlace, ProgressStore } from './vscode/progressStore';
import { RoadmapService } from './vscode/roadmapService';
import { ProgressStatusBar } from './vscode/views/statusBar';
import { RoadmapTreeProvider } from './vscode/views/treeProvider';

declare const __dsRoadmapLoadStart: number | undefined;
/** Module evaluation: from the bundle's first line (esbuild banner) to here, its last module. */
const moduleMs = typeof __dsRoadmapLoadStart === 'number' ? performance.now() - __dsRoadmapLoadStart : NaN;

/** What activate() returns: only for the integration tests and benchmarks. */
export interface RoadmapApi {
  readonly testing: Testing;
}

/** The hooks the tests and benchmarks use, in one place. */
export interface Testing {
  readonly store: ProgressStore;
  readonly statusBar: ProgressStatusBar;
  readonly tree: RoadmapTreeProvider;
  readonly roadmap: RoadmapService;
  /** Loads the second bundle (once) and returns what it built. */
  features(): Promise<Features>;
  /**
   * Milliseconds spent evaluating the bundle (NaN when not bundled) and inside activate(), and,
   * once the second bundle has loaded, how long that took (require + create) and what asked for it.
   */
  readonly timings: { readonly moduleMs: number; readonly activateMs: number; featuresMs?: number; featuresLoadedBy?: string };
}

export function activate(context: vscode.ExtensionContext): RoadmapApi {
  const t0 = performance.now();
  const log = new LazyLog();
  const roadmap = new RoadmapService(context.extensionPath, log);
  // Progress in globalState follows the learner through Settings Sync.
  context.globalState.setKeysForSync([PROGRESS_KEY]);
  const store = new ProgressStore(progressPlace(context), log, (id) => roadmap.canonicalId(id));
  const clock = appClock();
  const statusBar = new ProgressStatusBar(store, roadmap, clock);
  const tree = new RoadmapTreeProvider(ViewIds.roadmap, roadmap, store, reportSave, clock, context.workspaceState);
  const core: CoreServices = { context, log, roadmap, store, tree, clock };
  const timings: Testing['timings'] = { moduleMs, activateMs: NaN };
  let loading: Promise<Features> | undefined;
  const features = (by = 'a command'): Promise<Features> => {
    loading ??= Promise.resolve().then(() => {
      const t = performance.now();
      // A path esbuild does not follow: the second bundle stays a file of its own.
      const file = path.join(__dirname, 'features.js');
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const f = (require(file) as typeof import('./vscode/features')).createFeatures(core);
      context.subscriptions.push(f);
      timings.featuresMs = performance.now() - t;
      timings.featuresLoadedBy = by;
      return f;
    });
    return loading;
  };
  context.subscriptions.push(
    log, store, statusBar, tree,
    ...registerEntryPoints(() => features(), log),
    followProgressScope(core),
  );
  // A few seconds after startup, off the critical path: load the features (they watch exercise
  // results) and read what the first page and the tree need, so a first page waits only for VS
  // Code's webview.
  const warm = setTimeout(() => void features('the warm-up after startup').then((f) => f.warm()), 3000);
  // Review cards fall due as time passes: the due counts of the status bar and the tree follow.
  const tick = setInterval(() => {
    statusBar.update();
    tree.refresh();
  }, 10 * 60_000);
  context.subscriptions.push({ dispose: () => { clearTimeout(warm); clearInterval(tick); } });
  (timings as { activateMs: number }).activateMs = performance.now() - t0;
  return { testing: { store, statusBar, tree, roadmap, features: () => features('the tests'), timings } };
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}
