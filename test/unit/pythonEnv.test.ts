import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Exercise } from '../../src/core/exercises/exerciseModel';
import {
  chooseInterpreter, interpreterLabel, orderCandidates, packageNeeds, parseProbeOutput, probeArgs, requirementsFor,
  requirementsText, stageReadiness, venvPython, versionSupported, type ProbeResult, type StageExercises,
} from '../../src/core/exercises/pythonEnv';
import { environmentProblems, renderEnvironmentContent, type EnvironmentModel } from '../../src/core/pages/environmentPage';
import { parseHostMessage, parseWebviewMessage } from '../../src/protocol';
import { ROOT } from './fixtures';

const ex = (topic: string, packages: string[]): Exercise => ({ topic, kind: 'code', packages, setup: '', tasks: [], questions: [], checklist: [] });

const STAGES: StageExercises[] = [
  { id: 'math', number: 0, title: 'Math', exercises: [ex('vectors', ['numpy']), ex('tests', ['numpy', 'scipy']), ex('essay', [])] },
  { id: 'ml', number: 2, title: 'ML', exercises: [ex('trees', ['numpy', 'sklearn']), ex('sql', ['pandas', 'sqlite3'])] },
];

describe('python environment: which interpreter, what is installed, what can run', () => {
  it('chooses the setting, then the Python extension, then python3 (py -3 on Windows), and says why', () => {
    const s = chooseInterpreter({ setting: '  /opt/py/bin/python ', extensionPath: '/ext/python', platform: 'linux' });
    assert.deepEqual([s.command, s.args, s.source], ['/opt/py/bin/python', [], 'setting']);
    assert.match(s.reason, /dsRoadmap\.pythonPath/);
    const e = chooseInterpreter({ setting: '   ', extensionPath: '/ext/python', extensionPresent: true, platform: 'linux' });
    assert.deepEqual([e.command, e.source], ['/ext/python', 'python-extension']);
    const d = chooseInterpreter({ setting: '', extensionPath: '', extensionPresent: false, platform: 'linux' });
    assert.deepEqual([d.command, d.args, d.source], ['python3', [], 'default']);
    assert.match(d.reason, /not installed/);
    assert.match(chooseInterpreter({ setting: '', extensionPresent: true, platform: 'linux' }).reason, /no interpreter selected/);
    const w = chooseInterpreter({ setting: '', platform: 'win32' });
    assert.deepEqual([w.command, w.args], ['py', ['-3']]);
    assert.equal(interpreterLabel(w), 'py -3');
    assert.equal(interpreterLabel({ command: 'C:\\Program Files\\Python\\python.exe', args: [] }), '"C:\\Program Files\\Python\\python.exe"');
  });

  it('offers each interpreter found once, in the order of its source', () => {
    const got = orderCandidates([
      [{ path: '/home/u/.venv/bin/python', from: 'the Python extension' }, { path: '/usr/bin/python3', from: 'the Python extension' }],
      [{ path: '/home/u/.venv/bin/python', from: '.venv in u' }, { path: ' ', from: 'blank' }],
      [{ path: '/usr/bin/python3', from: 'the PATH' }, { path: '/usr/bin/python', from: 'the PATH' }],
    ], 'linux');
    assert.deepEqual(got.map((c) => `${c.path} ${c.from}`), ['/home/u/.venv/bin/python the Python extension', '/usr/bin/python3 the Python extension', '/usr/bin/python the PATH']);
    assert.equal(orderCandidates([[{ path: 'C:\\Py\\python.exe', from: 'a' }], [{ path: 'c:\\py\\PYTHON.EXE', from: 'b' }]], 'win32').length, 1);
    assert.equal(orderCandidates([[{ path: '/a/Python', from: 'a' }], [{ path: '/a/python', from: 'b' }]], 'linux').length, 2);
    assert.equal(venvPython('/w/.venv', 'linux'), '/w/.venv/bin/python');
    assert.equal(venvPython('C:\\w\\.venv', 'win32'), 'C:\\w\\.venv\\Scripts\\python.exe');
  });

  it('lists every declared package with its pip name (the standard library has none)', () => {
    const needs = packageNeeds(STAGES.flatMap((s) => s.exercises));
    assert.deepEqual(needs.map((n) => [n.importName, n.pipName, n.topics.length]), [
      ['numpy', 'numpy', 3], ['pandas', 'pandas', 1], ['scipy', 'scipy', 1], ['sklearn', 'scikit-learn', 1], ['sqlite3', undefined, 1],
    ]);
    assert.deepEqual(probeArgs(needs), ['numpy=numpy', 'pandas=pandas', 'scipy=scipy', 'sklearn=scikit-learn', 'sqlite3=']);
  });

  it('reads the probe output, ignoring what else the interpreter prints', () => {
    const line = `DSROADMAP-PROBE ${JSON.stringify({ executable: '/usr/bin/python3', version: [3, 11, 2], prefix: '/usr', venv: false, pip: '23.0.1',
      packages: { numpy: { found: true, version: '1.24.2' }, sklearn: { found: false, version: '9' }, bad: 'x' } })}`;
    const r = parseProbeOutput(`hello from sitecustomize\n${line}\r\n`) as ProbeResult;
    assert.equal(r.executable, '/usr/bin/python3');
    assert.deepEqual(r.version, [3, 11, 2]);
    assert.equal(r.pip, '23.0.1');
    assert.deepEqual(r.packages.get('numpy'), { found: true, version: '1.24.2' });
    assert.deepEqual(r.packages.get('sklearn'), { found: false, version: undefined }, 'a missing package has no version');
    assert.equal(r.packages.has('bad'), false);
    for (const bad of ['', 'Python 2.7', 'DSROADMAP-PROBE {nope', 'DSROADMAP-PROBE {"version": [3, "x", 1]}', 'DSROADMAP-PROBE null']) {
      const p = parseProbeOutput(bad);
      assert.ok('error' in p && p.error.length > 0, bad);
    }
    assert.equal(versionSupported([3, 9, 0]), true);
    assert.equal(versionSupported([3, 8, 18]), false);
    assert.equal(versionSupported([4, 0, 0]), true);
    assert.equal(versionSupported([2, 7, 18]), false);
  });

  it('counts per stage the exercises whose packages are all there', () => {
    const have = new Set(['numpy', 'sqlite3', 'pandas']);
    const r = stageReadiness(STAGES, (p) => have.has(p), true);
    assert.deepEqual(r.map((s) => [s.id, s.runnable, s.total, s.missing]), [['math', 2, 3, ['scipy']], ['ml', 1, 2, ['sklearn']]]);
    have.delete('numpy');
    assert.deepEqual(stageReadiness(STAGES, (p) => have.has(p), true).map((s) => s.runnable), [1, 1]);
    assert.deepEqual(stageReadiness(STAGES, () => true, false).map((s) => s.runnable), [0, 0], 'no usable Python: nothing runs');
  });

  it('writes a requirements.txt of pip names for one stage or all, the standard library left out', () => {
    assert.deepEqual(requirementsFor(STAGES, 'math'), ['numpy', 'scipy']);
    assert.deepEqual(requirementsFor(STAGES, 'all'), ['numpy', 'pandas', 'scikit-learn', 'scipy']);
    assert.deepEqual(requirementsFor(STAGES, 'nope'), []);
    const text = requirementsText(requirementsFor(STAGES, 'ml'), 'stage 2, ML');
    const lines = text.split('\n');
    assert.deepEqual(lines.filter((l) => l && !l.startsWith('#')), ['numpy', 'pandas', 'scikit-learn']);
    assert.match(lines[0], /stage 2, ML/);
    assert.match(text, /python3 -m venv \.venv/);
  });

  it('covers every package the shipped exercises declare', () => {
    const dir = path.join(ROOT, 'roadmap', 'exercises');
    const declared = new Set<string>();
    for (const f of fs.readdirSync(dir)) for (const m of fs.readFileSync(path.join(dir, f), 'utf8').matchAll(/^\s*packages: \[([^\]]*)\]/gm)) for (const p of m[1].split(',')) if (p.trim()) declared.add(p.trim());
    const needs = packageNeeds([ex('all', [...declared])]);
    assert.ok(declared.size > 3);
    for (const n of needs) assert.ok(n.importName === 'sqlite3' ? n.pipName === undefined : typeof n.pipName === 'string' && n.pipName.length > 0, n.importName);
    assert.equal(needs.find((n) => n.importName === 'sklearn')?.pipName, 'scikit-learn');
  });
});

const probe = (over: Partial<ProbeResult> = {}): ProbeResult => ({
  executable: '/w/.venv/bin/python', version: [3, 11, 2], prefix: '/w/.venv', venv: true, pip: '24.0',
  packages: new Map([['numpy', { found: true, version: '1.26.4' }], ['sklearn', { found: false, version: undefined }]]), ...over,
});
const model = (over: Partial<EnvironmentModel> = {}): EnvironmentModel => ({
  trusted: true, hasFolder: true,
  interpreter: { command: '/w/.venv/bin/python', args: [], source: 'setting', reason: 'the dsRoadmap.pythonPath setting' },
  probe: probe(), needs: packageNeeds([ex('a', ['numpy', 'sklearn'])]),
  stages: [{ id: 'math', number: 0, title: 'Math <&>', total: 2, runnable: 1, missing: ['sklearn'] }], ...over,
});

describe('the environment page', () => {
  it('shows the interpreter, why, its version, each package and the stage counts', () => {
    const html = renderEnvironmentContent(model());
    assert.match(html, /\/w\/\.venv\/bin\/python/);
    assert.match(html, /the dsRoadmap\.pythonPath setting/);
    assert.match(html, /Python 3\.11\.2/);
    assert.match(html, /data-package="numpy" data-found="true">.*1\.26\.4/);
    assert.match(html, /data-package="sklearn" data-found="false">.*scikit-learn.*missing/);
    assert.match(html, /data-stage="math" data-runnable="1" data-total="2"/);
    assert.match(html, /Math &lt;&amp;&gt;/, 'escaped');
    assert.match(html, /data-env="createVenv"/);
    assert.deepEqual(environmentProblems(model()), []);
  });

  it('names each problem: untrusted, no Python, too old, no pip, no folder', () => {
    const untrusted = renderEnvironmentContent(model({ trusted: false, probe: undefined }));
    assert.match(untrusted, /not trusted, so nothing was run/);
    assert.doesNotMatch(untrusted, /data-env="(createVenv|pickInterpreter|useVenv)"/, 'nothing to run offered');
    assert.match(untrusted, /data-env="manageTrust"/);
    assert.match(environmentProblems(model({ probe: { error: "'python3': the program was not found" } }))[0], /No usable Python: 'python3': the program was not found/);
    assert.match(environmentProblems(model({ probe: probe({ version: [3, 8, 10] }) }))[0], /3\.8\.10 is older than 3\.9/);
    assert.match(environmentProblems(model({ probe: probe({ pip: undefined }) })).join(' '), /pip is not installed/);
    const noFolder = renderEnvironmentContent(model({ hasFolder: false }));
    assert.doesNotMatch(noFolder, /data-env="createVenv"/);
    assert.match(noFolder, /data-env="openFolder"/);
    assert.match(renderEnvironmentContent(model({ notice: { text: 'Done <b>', ok: true } })), /data-ok="true" role="status">Done &lt;b&gt;/);
  });
});

describe('protocol: the environment page', () => {
  it('accepts its actions and view, and nothing else', () => {
    for (const action of ['refresh', 'pickInterpreter', 'createVenv', 'useVenv', 'kernelHelp', 'manageTrust', 'openFolder', 'showLog']) {
      const r = parseWebviewMessage({ type: 'environment', action, path: '/evil' });
      assert.ok(r.ok);
      assert.deepEqual(r.message, { type: 'environment', action }, 'only the action is passed on');
    }
    for (const bad of [{ type: 'environment' }, { type: 'environment', action: 'runPip' }, { type: 'environment', action: 7 }, { type: 'environment', action: 'toString' }]) {
      assert.equal(parseWebviewMessage(bad).ok, false, JSON.stringify(bad));
    }
    assert.deepEqual(parseWebviewMessage({ type: 'ready', page: 'environment' }), { ok: true, message: { type: 'ready', page: 'environment' } });
    assert.deepEqual(parseHostMessage({ type: 'show', view: 'environment', title: 'Python', html: '<p>x</p>' }), { type: 'show', view: 'environment', title: 'Python', html: '<p>x</p>' });
    assert.equal(parseHostMessage({ type: 'show', view: 'environment', title: 'Python' }), undefined);
  });
});
