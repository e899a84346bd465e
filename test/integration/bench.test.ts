// Benchmarks inside the real VS Code (run by `npm run bench`, never by `npm test`): they print
// numbers and assert only that the measurement happened.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { Commands } from '../../src/constants';
import type { RoadmapApi } from '../../src/extension';

const pkg = JSON.parse(fs.readFileSync(path.resolve(__dirname, '..', '..', '..', 'package.json'), 'utf8'));
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

describe('benchmarks in a real VS Code', function () {
  this.timeout(600_000);
  let a: RoadmapApi;
  before(async () => {
    a = await vscode.extensions.getExtension<RoadmapApi>(`${pkg.publisher}.${pkg.name}`)!.activate();
    await a.store.replace({ version: 2, topics: {} });
  });

  it('status bar update after a change', async () => {
    const ids = a.roadmap.summary.topicIds;
    const times: number[] = [];
    for (let i = 0; i < 200; i++) {
      const id = ids[i % ids.length];
      const done = !a.store.isDone(id);
      const t0 = process.hrtime.bigint();
      await vscode.commands.executeCommand(done ? Commands.markComplete : Commands.markIncomplete, id);
      const text = a.statusBar.text;
      times.push(Number(process.hrtime.bigint() - t0) / 1e6);
      assert.match(text, /^\$\(mortar-board\) \d+\/\d+ \(\d+%\)$/);
    }
    console.log(`BENCH status-bar-update via command median ${median(times).toFixed(2)} ms (command incl. saving to the Memento, ${times.length} changes)`);
    const direct: number[] = [];
    for (let i = 0; i < 500; i++) {
      const id = ids[i % ids.length];
      const before = a.statusBar.text;
      const t0 = process.hrtime.bigint();
      void a.store.set(id, a.store.isDone(id) ? undefined : 'done');
      const after = a.statusBar.text;
      direct.push(Number(process.hrtime.bigint() - t0) / 1e6);
      assert.notEqual(after, before);
    }
    await a.store.flush();
    console.log(`BENCH status-bar-update in-host median ${median(direct).toFixed(3)} ms (change to new status-bar text, ${direct.length} changes)`);
  });

  it('topic page: command to first paint (webview posts ready)', async () => {
    // The first page of a session: the webview bundle and KaTeX load for the first time. Warm
    // figures come from the browser-driven runs of `npm run bench` (the path a learner takes).
    const ready = new Promise<number>((resolve) => {
      const sub = a.panels.onDidBecomeReady((e) => { if (e.topicId === 'gradient-descent') { sub.dispose(); resolve(e.at); } });
    });
    const t0 = Date.now();
    await vscode.commands.executeCommand(Commands.openTopic, 'gradient-descent');
    const ms = (await ready) - t0;
    assert.ok(ms >= 0);
    console.log(`BENCH topic-first-paint cold ${ms} ms (command to the page's ready message)`);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });
  it('dashboard: command to first paint (webview posts ready)', async () => {
    // Runs in its own session (see runTest.js --bench), so this is the session's first webview too.
    const ready = new Promise<number>((resolve) => {
      const sub = a.dashboard.onDidBecomeReady((t) => { sub.dispose(); resolve(t); });
    });
    const t0 = Date.now();
    await vscode.commands.executeCommand(Commands.showProgress);
    const ms = (await ready) - t0;
    assert.ok(ms >= 0);
    console.log(`BENCH dashboard-first-paint cold ${ms} ms (command to the page's ready message)`);
  });
  // Warm topic pages are measured by the browser-driven runs of `npm run bench` with the packaged
  // .vsix installed: in this launcher a second webview waits ~31 s for its resources.
});
