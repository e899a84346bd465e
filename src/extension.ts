/**
 * Composition root. Activation registers the command entry points and builds only what is shown
 * at once, right after it returns: the status bar, the tree and the progress store. Everything else (pages, the
 * dashboard, exercises, checks, transfer) is in a second bundle, `dist/features.js`, loaded on
 * first use or a few seconds after startup. Activation reads no file and parses no YAML.
 */
import path = require('node:path');
import type * as vscode from 'vscode';
import { registerEntryPoints } from './vscode/commands/index';
import type { Features } from './vscode/features';
import { LazyLog } from './vscode/log';
import type { ProgressStore } from './vscode/progressStore';
import type { RoadmapService } from './vscode/roadmapService';
import type { Shown } from './vscode/shown';
import type { ProgressStatusBar } from './vscode/views/statusBar';
import type { RoadmapTreeProvider } from './vscode/views/treeProvider';

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
   * Milliseconds spent evaluating the bundle (NaN when not bundled), inside activate(), building
   * the status bar, the tree and the progress store right after it, and, once the second bundle
   * has loaded, how long that took (require + create) and what asked for it.
   */
  readonly timings: { readonly moduleMs: number; readonly activateMs: number; shownMs?: number; featuresMs?: number; featuresLoadedBy?: string };
}

export function activate(context: vscode.ExtensionContext): RoadmapApi {
  const t0 = performance.now();
  const log = new LazyLog();
  const timings: Testing['timings'] = { moduleMs, activateMs: NaN };
  // The status bar, the tree and the progress they show (shown.js) are built right after activate() returns
  // (the next turn of the event loop: the same moment to the eye, but not inside VS Code's
  // activation, which holds up the other extensions), or earlier by whatever needs them first.
  let shown: Shown | undefined;
  const show = (): Shown => {
    if (!shown) {
      const t = performance.now();
      // A path esbuild does not follow: this part is a bundle of its own, loaded right after activation.
      const file = path.join(__dirname, 'shown.js');
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      shown = (require(file) as typeof import('./vscode/shown')).buildShown(context, log);
      timings.shownMs = performance.now() - t;
    }
    return shown;
  };
  let loading: Promise<Features> | undefined;
  const features = (by = 'a command'): Promise<Features> => {
    loading ??= Promise.resolve().then(() => {
      const { core } = show();
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
  // Commands and the page serializer are registered at once: VS Code may run one as soon as
  // activation ends.
  context.subscriptions.push(log, ...registerEntryPoints(() => features(), log));
  const soon = setImmediate(() => show());
  // A few seconds after startup, off the critical path: load the features (they watch exercise
  // results) and read what the first page and the tree need, so a first page waits only for VS
  // Code's webview.
  const warm = setTimeout(() => void features('the warm-up after startup').then((f) => f.warm()), 3000);
  context.subscriptions.push({ dispose: () => { clearImmediate(soon); clearTimeout(warm); } });
  (timings as { activateMs: number }).activateMs = performance.now() - t0;
  const testing: Testing = {
    get store() { return show().core.store; },
    get statusBar() { return show().statusBar; },
    get tree() { return show().core.tree; },
    get roadmap() { return show().core.roadmap; },
    features: () => features('the tests'),
    timings,
  };
  return { testing };
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}
