// Shared by the integration suites and the in-host benchmarks (not a suite itself).
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { RoadmapApi } from '../../src/extension';

/** Polls `cond` every 50 ms; fails with `what` after `ms`. */
export async function until(cond: () => boolean | Promise<boolean>, what: string, ms = 10_000): Promise<void> {
  const t0 = Date.now();
  while (!(await cond())) {
    if (Date.now() - t0 > ms) assert.fail(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Resolves with the time a page reports it painted `topicId` (any topic when omitted). */
export function topicReady(a: RoadmapApi, topicId?: string): Promise<{ topicId: string; at: number }> {
  return new Promise((resolve) => {
    const sub = a.panels.onDidBecomeReady((e) => {
      if (topicId === undefined || e.topicId === topicId) {
        sub.dispose();
        resolve(e);
      }
    });
  });
}

/** Resolves with the time a page reports it painted the dashboard. */
export function dashboardReady(a: RoadmapApi): Promise<number> {
  return new Promise((resolve) => {
    const sub = a.dashboard.onDidBecomeReady((t) => {
      sub.dispose();
      resolve(t);
    });
  });
}

/** How many webview tabs the window has. */
export function webviewTabCount(): number {
  return vscode.window.tabGroups.all.flatMap((g) => g.tabs).filter((t) => t.input instanceof vscode.TabInputWebview).length;
}
