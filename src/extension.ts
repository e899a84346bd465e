/**
 * Composition root: builds the pieces, wires their events and registers everything in
 * `context.subscriptions`. Activation reads no files and parses no YAML; the roadmap is loaded on
 * first use.
 */
import * as vscode from 'vscode';
import { PROGRESS_KEY, ViewIds } from './constants';
import { CheckRunner } from './vscode/checkRunner';
import { registerCommands } from './vscode/commands';
import { DashboardPanel } from './vscode/dashboardPanel';
import { ExerciseService } from './vscode/exerciseService';
import { LazyLog } from './vscode/log';
import { progressLocation, ProgressStore } from './vscode/progressStore';
import { RoadmapService } from './vscode/roadmapService';
import { ProgressStatusBar } from './vscode/statusBar';
import { TopicPanels } from './vscode/topicPanels';
import { warmPageAssets } from './vscode/webviewAssets';
import { RoadmapTreeProvider } from './vscode/treeProvider';

declare const __dsRoadmapLoadStart: number | undefined;
/** Module evaluation: from the bundle's first line (esbuild banner) to here, its last module. */
const moduleMs = typeof __dsRoadmapLoadStart === 'number' ? performance.now() - __dsRoadmapLoadStart : NaN;

/** What activate() returns: used by the integration tests and benchmarks. */
export interface RoadmapApi {
  readonly store: ProgressStore;
  readonly statusBar: ProgressStatusBar;
  readonly tree: RoadmapTreeProvider;
  readonly panels: TopicPanels;
  readonly dashboard: DashboardPanel;
  readonly roadmap: RoadmapService;
  readonly exercises: ExerciseService;
  readonly checks: CheckRunner;
  /** Milliseconds spent evaluating the bundle (NaN when not bundled) and inside activate(). */
  readonly timings: { readonly moduleMs: number; readonly activateMs: number };
}

export function activate(context: vscode.ExtensionContext): RoadmapApi {
  const t0 = performance.now();
  const log = new LazyLog();
  const roadmap = new RoadmapService(context.extensionPath, log);
  // Progress in globalState follows the learner through Settings Sync.
  context.globalState.setKeysForSync([PROGRESS_KEY]);
  const store = new ProgressStore(progressLocation(context), log, (id) => roadmap.canonicalId(id));
  const statusBar = new ProgressStatusBar(store, roadmap);
  const tree = new RoadmapTreeProvider(ViewIds.roadmap, roadmap, store);
  const panels = new TopicPanels(context.extensionUri, roadmap, store, log);
  // Without stealing focus from the page; only when the view is visible.
  panels.revealInTree = async (id) => {
    if (tree.view.visible) await tree.reveal(id, { select: true, focus: false });
  };
  const dashboard = new DashboardPanel(panels);
  const exercises = new ExerciseService(context.extensionPath, roadmap, store, log);
  const checks = new CheckRunner(roadmap);
  context.subscriptions.push(
    log, store, statusBar, tree, panels, exercises, checks,
    vscode.window.registerWebviewPanelSerializer(ViewIds.topicPanel, panels),
    // Dashboards saved by versions that gave them a panel type of their own.
    vscode.window.registerWebviewPanelSerializer(ViewIds.dashboardPanel, panels.legacyDashboardSerializer),
    ...registerCommands({ context, log, roadmap, store, tree, panels, dashboard, exercises, checks }),
  );
  // A few seconds after startup, read what the first page and the tree need, off the critical
  // path: the first dashboard or topic page then waits only for VS Code's webview.
  const warm = setTimeout(() => {
    void roadmap.get();
    void warmPageAssets(context.extensionUri);
  }, 3000);
  context.subscriptions.push({ dispose: () => clearTimeout(warm) });
  return { store, statusBar, tree, panels, dashboard, roadmap, exercises, checks, timings: { moduleMs, activateMs: performance.now() - t0 } };
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}
