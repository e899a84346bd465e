// Runs in a separate code-server session with workspace trust ON and the folder not trusted.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { RoadmapApi } from '../../src/extension';
import { Commands } from '../../src/constants';
import type { CheckOutcome } from '../../src/vscode/exercises/checkRunner';
import { ENVIRONMENT_VIEW } from '../../src/core/pages/navigation';
import { activateForTests } from './helpers';

describe('an untrusted workspace', () => {
  // Commands exist once the extension is active: wait for it rather than for startup to finish.
  before(async () => { await activateForTests(); });

  it('is really untrusted in this session', () => {
    assert.equal(vscode.workspace.isTrusted, false);
  });

  it('never runs exercise code, and says why', async () => {
    const ws = vscode.workspace.workspaceFolders![0].uri.fsPath;
    const file = path.join(ws, 'exercises', '00-math-statistics', 'vectors.py');
    fs.mkdirSync(path.dirname(file), { recursive: true });
    const marker = path.join(ws, 'ran.txt');
    fs.writeFileSync(file, `# dsRoadmap-topic: vectors\nopen(${JSON.stringify(marker)}, "w").write("ran")\n`);
    const outcome = await vscode.commands.executeCommand<CheckOutcome>(Commands.checkExercise, vscode.Uri.file(file));
    assert.equal(outcome.ran, false);
    assert.equal(outcome.reason, 'untrusted workspace');
    // The command has decided by the time it returns: no process was started for the file (one
    // that had run would have left the marker, one still starting would be in /proc).
    const running = fs.readdirSync('/proc').filter((d) => /^\d+$/.test(d)).filter((d) => {
      try { return fs.readFileSync(`/proc/${d}/cmdline`, 'utf8').includes(file); } catch { return false; }
    });
    assert.deepEqual(running, [], 'no process runs the exercise');
    assert.equal(fs.existsSync(marker), false, 'no code ran');
  });

  it('still shows the roadmap and tracks progress', async () => {
    await vscode.commands.executeCommand(Commands.markComplete, 'vectors');
    const api = (vscode.extensions.all.find((e) => e.id.endsWith('.ds-roadmap'))!.exports as RoadmapApi).testing;
    assert.equal(api.store.isDone('vectors'), true);
  });

  it('writes nothing through a symlinked exercises folder that leads outside (no exercise planted anywhere)', async () => {
    const ws = vscode.workspace.workspaceFolders![0].uri.fsPath;
    const outside = fs.mkdtempSync(path.join(os.tmpdir(), 'ds-roadmap-outside-'));
    const exercises = path.join(ws, 'exercises');
    fs.rmSync(exercises, { recursive: true, force: true });
    fs.symlinkSync(outside, exercises);
    try {
      await vscode.commands.executeCommand(Commands.scaffoldScript, 'matrices');
      fs.unlinkSync(exercises);
      fs.mkdirSync(path.join(exercises), { recursive: true });
      fs.symlinkSync(outside, path.join(exercises, '00-math-statistics'));
      await vscode.commands.executeCommand(Commands.scaffoldNotebook, 'matrices');
      assert.deepEqual(fs.readdirSync(outside), [], 'nothing was written outside the workspace');
    } finally {
      fs.rmSync(exercises, { recursive: true, force: true });
      fs.rmSync(outside, { recursive: true, force: true });
    }
  });

  it('Set Up Python runs nothing, not even the probe, and the page says why', async () => {
    const a = await activateForTests();
    const ws = vscode.workspace.workspaceFolders![0].uri.fsPath;
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ds-roadmap-untrusted-python-'));
    const marker = path.join(dir, 'ran.txt');
    // An interpreter that leaves a mark when started (set in the user settings, which an untrusted workspace keeps).
    const fake = path.join(dir, 'python');
    fs.writeFileSync(fake, `#!/bin/sh\necho ran > ${JSON.stringify(marker)}\nexec /usr/bin/python3 "$@"\n`, { mode: 0o755 });
    const cfg = vscode.workspace.getConfiguration('dsRoadmap');
    await cfg.update('pythonPath', fake, vscode.ConfigurationTarget.Global);
    try {
      await vscode.commands.executeCommand(Commands.setUpPython);
      const html = (await a.pages.contentOf(ENVIRONMENT_VIEW))!;
      assert.match(html, /This workspace is not trusted, so nothing was run/);
      assert.match(html, /data-env="manageTrust"/);
      assert.doesNotMatch(html, /data-env="createVenv"/);
      for (const action of ['pickInterpreter', 'useVenv', 'createVenv', 'refresh']) await a.pages.simulateMessage(':environment', { type: 'environment', action });
      const outcome = await a.setUpVenv({ stage: 'all', systemSitePackages: false });
      assert.equal(outcome.ok, false);
      assert.match(outcome.message, /not trusted, so nothing was run or written/);
      assert.equal(fs.existsSync(marker), false, 'no Python was started');
      assert.equal(fs.existsSync(path.join(ws, '.venv')), false);
      assert.equal(fs.existsSync(path.join(ws, 'exercises', 'requirements.txt')), false);
    } finally {
      await cfg.update('pythonPath', undefined, vscode.ConfigurationTarget.Global);
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
