// Benchmarks inside the real VS Code (run by `npm run bench`, never by `npm test`): they print
// numbers and assert only that the measurement happened.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { EMPTY_PROGRESS } from '../../src/core/progress/progressState';
import { Commands } from '../../src/constants';
import type { RoadmapApi } from '../../src/extension';
import type { ReviewCard } from '../../src/core/review/reviewCards';
import { review } from '../../src/core/review/scheduler';
import { activateForTests, dashboardReady, EXTENSION_ID, painted, topicReady, until, viewReady, type TestApi } from './helpers';

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

describe('benchmarks in a real VS Code', function () {
  this.timeout(600_000);
  let a: TestApi;
  let firstCommand = { ms: NaN, loadedBy: '' };
  before(async () => {
    // The first command after activation, before anything has loaded the second bundle.
    const { testing } = await vscode.extensions.getExtension<RoadmapApi>(EXTENSION_ID)!.activate();
    const id = testing.roadmap.summary.topicIds[0];
    const t0 = performance.now();
    await vscode.commands.executeCommand(Commands.markComplete, id);
    firstCommand = { ms: performance.now() - t0, loadedBy: testing.timings.featuresLoadedBy ?? '' };
    await vscode.commands.executeCommand(Commands.markIncomplete, id);
    a = await activateForTests();
    await a.store.replace(EMPTY_PROGRESS);
    // A learner opens a page some seconds after the window: by then the extension has read the
    // roadmap and the page assets in the background (3 s after activation). Measure that case.
    await new Promise((r) => setTimeout(r, 4000));
  });

  it('activation, measured inside the extension', () => {
    const { moduleMs, activateMs, shownMs, featuresMs } = a.timings;
    assert.ok(activateMs >= 0);
    console.log(`BENCH activation inside the extension: bundle evaluation ${moduleMs.toFixed(2)} ms, activate() ${activateMs.toFixed(2)} ms; then, right after it, the status bar, the tree and the progress store ${shownMs?.toFixed(2) ?? 'not yet built'} ms`);
    console.log(`BENCH first command after activation (Mark Topic Complete): ${firstCommand.ms.toFixed(1)} ms; the features bundle was loaded by ${firstCommand.loadedBy || 'nothing'} in ${featuresMs?.toFixed(1)} ms (require + create)`);
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

  const readyOf = (topicId: string) => topicReady(a, topicId).then((e) => e.at);

  it('topic page: command to first paint (webview posts ready), cold and warm', async () => {
    // Cold: the session's first webview, and the first page of its stage.
    let ready = readyOf('gradient-descent');
    let t0 = Date.now();
    await vscode.commands.executeCommand(Commands.openTopic, 'gradient-descent');
    const cold = (await ready) - t0;
    console.log(`BENCH topic-first-paint cold ${cold} ms (command to the page's ready message; the session's first webview)`);
    // Warm: Go to Topic / tree clicks with a topic page open. The page shows the topic by swapping
    // its content (dsRoadmap.topicPage.reuse, the default); every stage is visited, so the first
    // page of each stage includes reading that stage's pages.
    const ids = a.roadmap.summary.topicIds;
    const picks = Array.from({ length: 30 }, (_, i) => ids[(i * 37 + 11) % ids.length]).filter((id, i, all) => id !== 'gradient-descent' && all.indexOf(id) === i);
    const warm: number[] = [];
    const before = { ...a.pages.counts };
    for (const id of picks) {
      ready = readyOf(id);
      t0 = Date.now();
      await vscode.commands.executeCommand(Commands.openTopic, id);
      warm.push((await ready) - t0);
    }
    assert.equal(a.pages.counts.swaps - before.swaps, picks.length, 'every warm page was a swap');
    const slowest = warm.map((ms, i) => ({ ms, i })).sort((x, y) => y.ms - x.ms).slice(0, 3).map((x) => `#${x.i + 1} ${picks[x.i]} ${x.ms} ms`).join(', ');
    console.log(`BENCH topic-first-paint warm median ${median(warm)} ms, max ${Math.max(...warm)} ms (command to ready, ${warm.length} topics over all stages, content swapped in the open page; slowest: ${slowest})`);
    // In-page navigation: the Next button (the webview posts openTopic for the next topic).
    const nav: number[] = [];
    let current = picks[picks.length - 1];
    for (let i = 0; i < 20; i++) {
      const next = ids[(ids.indexOf(current) + 1) % ids.length];
      ready = readyOf(next);
      t0 = Date.now();
      await a.pages.simulateMessage(current, { type: 'openTopic', topicId: next });
      nav.push((await ready) - t0);
      current = next;
    }
    console.log(`BENCH topic-next-button median ${median(nav)} ms (message from the page to ready, ${nav.length} steps)`);
    // The longest page (by its HTML: the chapter-depth topics are the longest), swapped in from
    // another topic 5 times.
    const sizes = await Promise.all(ids.map(async (id) => {
      const h = await a.roadmap.topicHtml(id);
      return { id, chars: h ? JSON.stringify(h).length : 0 };
    }));
    const longest = sizes.reduce((x, y) => (y.chars > x.chars ? y : x));
    const other = ids.find((id) => id !== longest.id && id !== current)!;
    const long: number[] = [];
    for (let i = 0; i < 5; i++) {
      ready = readyOf(other);
      await vscode.commands.executeCommand(Commands.openTopic, other);
      await ready;
      ready = readyOf(longest.id);
      t0 = Date.now();
      await vscode.commands.executeCommand(Commands.openTopic, longest.id);
      long.push((await ready) - t0);
    }
    console.log(`BENCH topic-longest-page warm median ${median(long)} ms, max ${Math.max(...long)} ms (command to ready, ${longest.id}: ${(longest.chars / 1024).toFixed(0)} KB of page HTML, 5 swaps; goal < 150 ms)`);
    // The dashboard from a topic page (Show Progress, or the page's Progress button): swapped in too.
    const dash: number[] = [];
    for (let i = 0; i < 10; i++) {
      const dashReady = dashboardReady(a);
      t0 = Date.now();
      await vscode.commands.executeCommand(Commands.showProgress);
      dash.push((await dashReady) - t0);
      const back = ids[(i * 13) % ids.length];
      ready = readyOf(back);
      await vscode.commands.executeCommand(Commands.openTopic, back);
      await ready;
    }
    console.log(`BENCH dashboard-first-paint warm median ${median(dash)} ms, max ${Math.max(...dash)} ms (command to ready with a page open, ${dash.length} times)`);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('overview and stage pages: command to painted, warm (from a topic page: swapped in)', async () => {
    const swap = async (command: string, key: string, ...args: unknown[]): Promise<number> => {
      const ready = painted(a, (e) => e.key === key);
      const t0 = Date.now();
      await vscode.commands.executeCommand(command, ...args);
      return (await ready).at - t0;
    };
    // Each measured swap starts from a topic page (showing the page already shown repaints nothing).
    const fromTopic = async (i: number): Promise<void> => {
      const id = a.roadmap.summary.topicIds[i * 11];
      const shown = topicReady(a, id);
      await vscode.commands.executeCommand(Commands.openTopic, id);
      await shown;
    };
    const overview: number[] = [];
    const stages: number[] = [];
    for (let i = 0; i < 5; i++) {
      await fromTopic(i);
      overview.push(await swap(Commands.openOverview, ':overview'));
    }
    const stageIds = (await a.roadmap.get()).index?.roadmap.stages.map((st) => st.id) ?? [];
    assert.equal(stageIds.length, 7);
    for (const [i, id] of stageIds.entries()) {
      await fromTopic(i);
      stages.push(await swap(Commands.openStage, `:stage:${id}`, id));
    }
    console.log(`BENCH overview-warm median ${median(overview)} ms, max ${Math.max(...overview)} ms (command to painted, 5 times, swapped into the open page; goal < 150 ms)`);
    console.log(`BENCH stage-page-warm median ${median(stages)} ms, max ${Math.max(...stages)} ms (command to painted, ${stages.length} stages, swapped into the open page; goal < 150 ms)`);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('review: next card painted, and a progress save with 5,000 review cards', async () => {
    const ids = a.roadmap.summary.topicIds;
    // Saves of one topic, without review cards and with 5,000.
    const saves = async () => {
      const xs: number[] = [];
      for (let i = 0; i < 40; i++) {
        const id = ids[i % ids.length];
        const t0 = performance.now();
        await a.store.set(id, a.store.isDone(id) ? undefined : 'done');
        xs.push(performance.now() - t0);
      }
      return median(xs);
    };
    await a.store.replace(EMPTY_PROGRESS);
    const without = await saves();
    const now = Date.now();
    const cards: Record<string, ReviewCard> = {};
    let c = review(undefined, 3, true, new Date(now - 30 * 86_400_000));
    for (let i = 0; i < 4; i++) c = review(c, 3, true, new Date(c.due));
    for (let i = 0; i < 5000; i++) cards[`${ids[i % ids.length]}/q${i}`] = { ...c, due: now - (i % 50) * 60_000 };
    await a.store.replace({ ...EMPTY_PROGRESS, cards });
    await a.store.flush();
    const withCards = await saves();
    console.log(`BENCH progress-save median ${without.toFixed(2)} ms without review cards, ${withCards.toFixed(2)} ms with 5,000 (difference ${(withCards - without).toFixed(2)} ms; goal < 5 ms)`);
    // Next card: the review view swaps in the next due card.
    const reviewReady = () => viewReady(a, 'review');
    let ready = reviewReady();
    await vscode.commands.executeCommand(Commands.review);
    await ready;
    const next: number[] = [];
    for (let i = 0; i < 20; i++) {
      ready = reviewReady();
      const t0 = Date.now();
      await a.pages.simulateMessage(':review', { type: 'nextCard' });
      next.push((await ready) - t0);
    }
    console.log(`BENCH review-next-card median ${median(next)} ms, max ${Math.max(...next)} ms (message from the page to the next card's ready, ${next.length} cards of 5,000 due; goal < 50 ms)`);
    await a.store.replace(EMPTY_PROGRESS);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('check diagnostics: shown after a check ends', async () => {
    const cfg = vscode.workspace.getConfiguration('dsRoadmap');
    await cfg.update('pythonPath', '/usr/bin/python3', vscode.ConfigurationTarget.Workspace);
    const checks = a.checks as { run: typeof a.checks.run };
    const run = a.checks.run.bind(a.checks);
    let ended = 0;
    checks.run = async (...args) => {
      const r = await run(...args);
      ended = performance.now();
      return r;
    };
    try {
      for (const kind of ['script', 'notebook'] as const) {
        const uri = vscode.Uri.parse(await vscode.commands.executeCommand<string>(kind === 'script' ? Commands.scaffoldScript : Commands.scaffoldNotebook, 'partial-derivatives'));
        const times: number[] = [];
        let count = 0;
        for (let i = 0; i < 7; i++) {
          let shown = 0;
          const sub = a.diagnostics.onDidUpdate((e) => {
            shown = performance.now();
            count = e.count;
          });
          await vscode.commands.executeCommand(Commands.checkExercise, uri);
          sub.dispose();
          times.push(shown - ended);
        }
        assert.ok(count > 0 && times.every((t) => t >= 0));
        console.log(`BENCH check-diagnostics ${kind} median ${median(times).toFixed(1)} ms, max ${Math.max(...times).toFixed(1)} ms (the check's process ended to ${count} diagnostics set, ${times.length} checks)`);
      }
    } finally {
      checks.run = run;
      await cfg.update('pythonPath', undefined, vscode.ConfigurationTarget.Workspace);
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    }
  });

  it('dashboard: command to first paint (webview posts ready)', async () => {
    // Runs in its own session (see runTest.js --bench), so this is the session's first webview too.
    const ready = dashboardReady(a);
    const t0 = Date.now();
    await vscode.commands.executeCommand(Commands.showProgress);
    const ms = (await ready) - t0;
    assert.ok(ms >= 0);
    console.log(`BENCH dashboard-first-paint cold ${ms} ms (command to the page's ready message; the session's first webview)`);
  });

  it('empty webview: the floor for any first webview', async () => {
    const r0 = Date.now();
    const loadedBefore = a.roadmap.current !== undefined;
    await a.roadmap.get();
    console.log(`BENCH roadmap-first-use ${Date.now() - r0} ms (read + decompress + parse + index; already loaded: ${loadedBefore})`);
    // The same measurement for a webview with nothing in it, in a session of its own: what VS Code
    // itself needs before any page can paint.
    const panel = vscode.window.createWebviewPanel('dsRoadmap.benchEmpty', 'Empty', vscode.ViewColumn.Active, { enableScripts: true });
    const ready = new Promise<number>((resolve) => {
      const sub = panel.webview.onDidReceiveMessage(() => { sub.dispose(); resolve(Date.now()); });
    });
    const t0 = Date.now();
    panel.webview.html = `<!DOCTYPE html><html><head><meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'nonce-bench'"></head>
<body><p>empty</p><script nonce="bench">acquireVsCodeApi().postMessage({ type: 'ready' });</script></body></html>`;
    const ms = (await ready) - t0;
    assert.ok(ms >= 0);
    console.log(`BENCH empty-webview-first-paint ${ms} ms (html set to the ready message; the session's first webview)`);
    panel.dispose();
  });

  it('environment probe: every declared package in one Python process (warm)', async () => {
    const cfg = vscode.workspace.getConfiguration('dsRoadmap');
    await cfg.update('pythonPath', '/usr/bin/python3', vscode.ConfigurationTarget.Workspace);
    try {
      const needs = await a.environment.needs();
      const python = { command: '/usr/bin/python3', args: [] };
      await a.environment.probe(python, needs); // warms the OS caches: what a learner's second look costs
      const probes: number[] = [];
      for (let i = 0; i < 7; i++) {
        const { probe, ms } = await a.environment.probe(python, needs);
        assert.ok(!('error' in probe), 'the probe answered');
        probes.push(ms);
      }
      const pages: number[] = [];
      for (let i = 0; i < 3; i++) {
        const t0 = performance.now();
        await a.environment.model();
        pages.push(performance.now() - t0);
      }
      console.log(`BENCH environment-probe warm median ${median(probes).toFixed(0)} ms (${needs.length} packages, find_spec + metadata, one /usr/bin/python3 process); whole page model median ${median(pages).toFixed(0)} ms`);
    } finally {
      await cfg.update('pythonPath', undefined, vscode.ConfigurationTarget.Workspace);
    }
  });

  it('progress: the largest accepted import, a save after it, and a change from another window', async () => {
    const ids = a.roadmap.summary.topicIds;
    // Cleared first: a clear is a change too (newer than anything dated before it).
    await a.store.replace(EMPTY_PROGRESS);
    await new Promise((r) => setTimeout(r, 5));
    // An export just under 5 MB: every known topic and 10,000 unknown ones, with histories.
    const at = new Date().toISOString();
    const entry = (n: number) => ({ status: 'done', updated: at, source: 'manual', history: Array.from({ length: n }, (_, i) => ({ status: i % 2 ? 'done' : 'in-progress', at, source: 'manual' })) });
    const topics: Record<string, unknown> = {};
    for (const id of ids) topics[id] = entry(4);
    for (let i = 0; i < 10_000; i++) topics[`from-a-newer-roadmap-${i}`] = entry(5);
    let text = JSON.stringify({ schema: 'ds-roadmap-progress', version: 3, exportedAt: at, roadmap: 'Data Scientist', topics, cards: {} });
    assert.ok(Buffer.byteLength(text) < 5 * 1024 * 1024, `${Buffer.byteLength(text)} bytes`);
    const file = path.join(os.tmpdir(), `bench-import-${process.pid}.json`);
    fs.writeFileSync(file, text);
    text = '';
    const t0 = performance.now();
    const outcome = await vscode.commands.executeCommand(Commands.importProgress, vscode.Uri.file(file));
    const importMs = performance.now() - t0;
    assert.equal(a.store.isDone(ids[0]), true, `the import took effect: ${JSON.stringify(outcome)}`);
    const saves: number[] = [];
    for (let i = 0; i < 11; i++) {
      const id = ids[(i * 7) % ids.length];
      const t = performance.now();
      await vscode.commands.executeCommand(a.store.isDone(id) ? Commands.markIncomplete : Commands.markComplete, id);
      saves.push(performance.now() - t);
    }
    console.log(`BENCH progress-import ${importMs.toFixed(0)} ms for the largest accepted file (${(fs.statSync(file).size / 1048576).toFixed(2)} MB, ${Object.keys(topics).length} topics with histories); Mark Complete afterwards median ${median(saves).toFixed(1)} ms, max ${Math.max(...saves).toFixed(1)} ms (goal < 50 ms)`);
    fs.rmSync(file, { force: true });
    // Another window's save, as it writes it (under the lock every window takes, temp file, rename), until this window has it.
    await a.store.replace(EMPTY_PROGRESS);
    await a.store.flush();
    const mirror = a.store.mirrorPath;
    assert.ok(mirror, 'a workspace has a shared progress file');
    const lockFile = `${mirror}.lock`;
    const delays: number[] = [];
    for (let i = 0; i < 5; i++) {
      const id = ids[i + 20];
      await until(() => {
        try {
          fs.writeFileSync(lockFile, `other-window ${Date.now()}`, { flag: 'wx' });
          return true;
        } catch {
          return false;
        }
      }, 'the shared file\'s lock', 10_000);
      const shared = JSON.parse(fs.readFileSync(mirror, 'utf8')) as { topics: Record<string, unknown>; savedAt?: string };
      shared.topics[id] = { status: 'done', updated: new Date().toISOString(), source: 'manual', history: [] };
      shared.savedAt = new Date().toISOString();
      fs.writeFileSync(`${mirror}.other`, JSON.stringify(shared));
      const t = performance.now();
      fs.renameSync(`${mirror}.other`, mirror);
      fs.unlinkSync(lockFile);
      await until(() => a.store.isDone(id), `the change to ${id} from another window`, 10_000);
      delays.push(performance.now() - t);
    }
    console.log(`BENCH progress-from-another-window median ${median(delays).toFixed(0)} ms, max ${Math.max(...delays).toFixed(0)} ms (shared file renamed to the store having the change; polled every 400 ms; goal < 1000 ms)`);
    await a.store.replace(EMPTY_PROGRESS);
  });
});
