// Shared by the integration suites and the in-host benchmarks (not a suite itself).
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { RoadmapApi, Testing } from '../../src/extension';
import type { Features } from '../../src/vscode/features';
import type { PagePainted } from '../../src/vscode/pages/pageManager';

/** What the suites use: the API's testing hooks and what the features bundle built. */
export type TestApi = Testing & Omit<Features, 'dispose'>;

const pkg = JSON.parse(fs.readFileSync(path.resolve(__dirname, '..', '..', '..', 'package.json'), 'utf8')) as { publisher: string; name: string };
/** The extension's id, from package.json. */
export const EXTENSION_ID = `${pkg.publisher}.${pkg.name}`;

/** Activates the extension and loads its features bundle. */
export async function activateForTests(): Promise<TestApi> {
  const ext = vscode.extensions.getExtension<RoadmapApi>(EXTENSION_ID);
  assert.ok(ext, `extension ${EXTENSION_ID} is installed`);
  const { testing } = await ext.activate();
  const f = await testing.features();
  // The hooks' values (the store and the views are getters: built right after activation), then the features.
  return Object.assign({} as Testing, testing, f);
}

/** Polls `cond` every 50 ms; fails with `what` after `ms`. */
export async function until(cond: () => boolean | Promise<boolean>, what: string, ms = 10_000): Promise<void> {
  const t0 = Date.now();
  while (!(await cond())) {
    if (Date.now() - t0 > ms) assert.fail(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Resolves with the first paint a page reports that `matches`. */
export function painted(a: TestApi, matches: (e: PagePainted) => boolean): Promise<PagePainted> {
  return new Promise((resolve) => {
    const sub = a.pages.onDidPaint((e) => {
      if (!matches(e)) return;
      sub.dispose();
      resolve(e);
    });
  });
}

/** Resolves with the time a page reports it painted `topicId` (any topic when omitted). */
export async function topicReady(a: TestApi, topicId?: string): Promise<{ topicId: string; at: number }> {
  const e = await painted(a, (p) => p.view.kind === 'topic' && (topicId === undefined || p.view.topicId === topicId));
  return { topicId: e.key, at: e.at };
}

/** Resolves with the time a page reports it painted `kind` (the dashboard, the review, the environment page). */
export async function viewReady(a: TestApi, kind: 'dashboard' | 'review' | 'environment' = 'dashboard'): Promise<number> {
  return (await painted(a, (p) => p.view.kind === kind)).at;
}

/** Resolves with the time a page reports it painted the dashboard. */
export const dashboardReady = (a: TestApi): Promise<number> => viewReady(a, 'dashboard');

/** How many webview tabs the window has. */
export function webviewTabCount(): number {
  return vscode.window.tabGroups.all.flatMap((g) => g.tabs).filter((t) => t.input instanceof vscode.TabInputWebview).length;
}
