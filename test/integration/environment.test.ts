// Roadmap: Set Up Python... in a real VS Code: the environment page, the probe of a real and of a
// crippled interpreter, and a .venv made and filled offline (pip from a local folder only).
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { Commands } from '../../src/constants';
import { requirementsFor, type ProbeResult } from '../../src/core/exercises/pythonEnv';
import { ENVIRONMENT_VIEW } from '../../src/core/pages/navigation';
import { activateForTests, viewReady, type TestApi } from './helpers';

const SYSTEM_PYTHON = '/usr/bin/python3';
const runnable = (html: string) => [...html.matchAll(/data-runnable="(\d+)"/g)].reduce((n, m) => n + Number(m[1]), 0);

describe('Set Up Python in a real VS Code', function () {
  this.timeout(300_000);
  let a: TestApi;
  let ws: string;
  let tmp: string;
  const cfg = () => vscode.workspace.getConfiguration('dsRoadmap');
  const savedEnv = { ...process.env };
  before(async () => {
    a = await activateForTests();
    ws = vscode.workspace.workspaceFolders![0].uri.fsPath;
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'ds-roadmap-python-'));
  });
  afterEach(async () => {
    // pip reads PIP_* from the environment of the extension host, which the tests share.
    for (const k of Object.keys(process.env)) if (!(k in savedEnv)) delete process.env[k];
    Object.assign(process.env, savedEnv);
    await cfg().update('pythonPath', undefined, vscode.ConfigurationTarget.Workspace);
    fs.rmSync(path.join(ws, '.venv'), { recursive: true, force: true });
    a.environment.notice = undefined;
  });
  after(async () => {
    fs.rmSync(tmp, { recursive: true, force: true });
    fs.rmSync(path.join(ws, 'exercises', 'requirements.txt'), { force: true });
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('opens the environment page in the one page, showing the interpreter, why, and its version', async () => {
    await cfg().update('pythonPath', SYSTEM_PYTHON, vscode.ConfigurationTarget.Workspace);
    const ready = viewReady(a, 'environment');
    await vscode.commands.executeCommand(Commands.setUpPython);
    await ready;
    const html = (await a.pages.contentOf(ENVIRONMENT_VIEW))!;
    assert.match(html, /<code>\/usr\/bin\/python3<\/code>/);
    assert.match(html, /the dsRoadmap\.pythonPath setting/);
    assert.match(html, /Python 3\.\d+\.\d+/);
    assert.match(html, /data-package="numpy" data-found="true"/);
    // A page message is validated and handled by the host: Probe Again draws the page again.
    const again = viewReady(a, 'environment');
    await a.pages.simulateMessage(':environment', { type: 'environment', action: 'refresh' });
    await again;
  });

  it('shows a package an interpreter lacks as missing, and the stage counts drop', async () => {
    await cfg().update('pythonPath', SYSTEM_PYTHON, vscode.ConfigurationTarget.Workspace);
    const full = (await a.pages.contentOf(ENVIRONMENT_VIEW))!;
    // The same Python without its site-packages (-S): numpy and the rest are gone.
    const wrapper = path.join(tmp, 'python-without-site');
    fs.writeFileSync(wrapper, `#!/bin/sh\nexec ${SYSTEM_PYTHON} -S "$@"\n`, { mode: 0o755 });
    await cfg().update('pythonPath', wrapper, vscode.ConfigurationTarget.Workspace);
    const crippled = (await a.pages.contentOf(ENVIRONMENT_VIEW))!;
    assert.match(crippled, /data-package="numpy" data-found="false"/);
    assert.match(crippled, /data-package="sqlite3" data-found="true"/, 'the standard library is still there');
    assert.ok(runnable(crippled) < runnable(full), `fewer exercises can run (${runnable(crippled)} < ${runnable(full)})`);
    const model = await a.environment.model();
    assert.equal(model.interpreter.command, wrapper);
    assert.ok(model.stages.some((s) => s.missing.includes('numpy')));
  });

  it('says so when there is no Python at all, and changes nothing', async () => {
    await cfg().update('pythonPath', path.join(tmp, 'no-such-python'), vscode.ConfigurationTarget.Workspace);
    const html = (await a.pages.contentOf(ENVIRONMENT_VIEW))!;
    assert.match(html, /No usable Python: .*no-such-python.*not found/);
    assert.equal(runnable(html), 0);
    const outcome = await a.setUpVenv({ stage: 'all', systemSitePackages: false });
    assert.equal(outcome.ok, false);
    assert.match(outcome.message, /is not one: .*nothing was changed/);
    assert.equal(fs.existsSync(path.join(ws, '.venv')), false);
  });

  it('refuses a Python older than 3.9 and names one without pip, changing nothing', async () => {
    // An "interpreter" that answers the probe as a Python 3.8 would.
    const old = path.join(tmp, 'python3.8');
    const answer = JSON.stringify({ executable: old, version: [3, 8, 18], prefix: '/old', venv: false, pip: '20.0', packages: {} });
    fs.writeFileSync(old, `#!/bin/sh\necho 'DSROADMAP-PROBE ${answer}'\n`, { mode: 0o755 });
    await cfg().update('pythonPath', old, vscode.ConfigurationTarget.Workspace);
    assert.match((await a.pages.contentOf(ENVIRONMENT_VIEW))!, /Python 3\.8\.18 is older than 3\.9/);
    const outcome = await a.setUpVenv({ stage: 'all', systemSitePackages: false });
    assert.equal(outcome.ok, false);
    assert.match(outcome.message, /older than 3\.9\. Pick another interpreter; nothing was changed/);
    assert.equal(fs.existsSync(path.join(ws, '.venv')), false);
    // A real venv made without pip: the page says pip is missing.
    const nopip = path.join(tmp, 'nopip');
    execFileSync(SYSTEM_PYTHON, ['-m', 'venv', '--without-pip', nopip]);
    await cfg().update('pythonPath', path.join(nopip, 'bin', 'python'), vscode.ConfigurationTarget.Workspace);
    const html = (await a.pages.contentOf(ENVIRONMENT_VIEW))!;
    assert.match(html, /pip is not installed for this interpreter/);
    assert.match(html, /<th>pip<\/th><td><strong>not installed<\/strong>/);
  });

  it('creates a .venv offline (system packages, one local package through pip) and makes the checks use it', async () => {
    await cfg().update('pythonPath', SYSTEM_PYTHON, vscode.ConfigurationTarget.Workspace);
    const stages = await a.environment.stages();
    const stage = stages.find((s) => requirementsFor(stages, s.id).includes('joblib'))!;
    // A tiny local package (joblib 999.0.0, empty) built from a folder, offered to pip as the only source.
    const pkg = path.join(tmp, 'pkg');
    fs.mkdirSync(path.join(pkg, 'joblib'), { recursive: true });
    fs.writeFileSync(path.join(pkg, 'setup.py'), 'from setuptools import setup\nsetup(name="joblib", version="999.0.0", packages=["joblib"])\n');
    fs.writeFileSync(path.join(pkg, 'joblib', '__init__.py'), '');
    const wheels = path.join(tmp, 'wheels');
    execFileSync(SYSTEM_PYTHON, ['-m', 'pip', 'wheel', '--no-deps', '--no-index', '--no-build-isolation', '-w', wheels, pkg], { stdio: 'ignore', env: { ...process.env, PIP_FIND_LINKS: '' } });
    Object.assign(process.env, { PIP_NO_INDEX: '1', PIP_FIND_LINKS: wheels, PIP_UPGRADE: '1' });
    const outcome = await a.setUpVenv({ stage: stage.id, systemSitePackages: true });
    assert.equal(outcome.ok, true, outcome.message);
    const py = path.join(ws, '.venv', 'bin', 'python');
    assert.equal(outcome.python, py);
    assert.equal(cfg().get('pythonPath'), py, 'dsRoadmap.pythonPath is set for this workspace');
    assert.equal(cfg().inspect('pythonPath')?.workspaceValue, py);
    const req = fs.readFileSync(path.join(ws, 'exercises', 'requirements.txt'), 'utf8');
    assert.deepEqual(req.split('\n').filter((l) => l && !l.startsWith('#')), requirementsFor(stages, stage.id));
    const model = await a.environment.model();
    const probe = model.probe as ProbeResult;
    assert.equal(probe.venv, true);
    assert.equal(probe.packages.get('joblib')?.version, '999.0.0', 'the local package was installed into the .venv');
    assert.equal(model.stages.find((s) => s.id === stage.id)?.runnable, model.stages.find((s) => s.id === stage.id)?.total);
  });

  it('removes a .venv it created when pip fails, says so, and keeps the setting', async () => {
    await cfg().update('pythonPath', SYSTEM_PYTHON, vscode.ConfigurationTarget.Workspace);
    const empty = fs.mkdtempSync(path.join(tmp, 'empty-'));
    // A clean .venv and no package source: pip cannot install numpy.
    Object.assign(process.env, { PIP_NO_INDEX: '1', PIP_FIND_LINKS: empty });
    const stages = await a.environment.stages();
    const outcome = await a.setUpVenv({ stage: stages[0].id, systemSitePackages: false });
    assert.equal(outcome.ok, false);
    assert.equal(outcome.removed, true);
    assert.match(outcome.message, /pip install failed.*the \.venv this set-up created was removed/);
    assert.equal(fs.existsSync(path.join(ws, '.venv')), false);
    assert.equal(cfg().get('pythonPath'), SYSTEM_PYTHON, 'the checks still use the same Python');
  });
});
