// @ts-check
// Exercises layer on the current library releases: the same proof as run.js (every exercise
// generated untouched and solved, run in a real Jupyter kernel, as a script and under pytest), but
// with a venv holding the current releases from the configured package index instead of Debian's
// packages. Topics that need a package this venv cannot import (xgboost) are skipped and listed.
// With --record, how each topic ended (skipped ones too) and the versions it ran with go to
// roadmap/exercises/tested-with.json (stack current; see tested-with.js).
// Usage: node test/exercises/current.js [stage-number] [--record]
'use strict';
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const ROOT = path.resolve(__dirname, '..', '..');
const CACHE = path.join(ROOT, '.vscode-test');
const VENV = path.join(CACHE, 'venv-current');
const VENV_PY = path.join(VENV, 'bin', 'python');
const MARKER = path.join(VENV, 'dsr-current.json');
const KERNELS = path.join(CACHE, 'jupyter-current');
const RUN = path.join(CACHE, 'exercises-current');
const BASE_PY = '/usr/bin/python3';
/** pip names, current releases; torch comes as the CPU build the configured index holds; dask.dataframe needs pyarrow. */
const PACKAGES = ['numpy', 'pandas', 'scipy', 'scikit-learn', 'statsmodels', 'matplotlib', 'seaborn', 'joblib', 'torch', 'nltk',
  'fastapi', 'httpx', 'dask', 'pyarrow', 'lightgbm', 'umap-learn', 'sympy', 'networkx', 'ipykernel', 'nbclient', 'nbformat', 'pytest'];
const { layerArgs, executeLayer } = require('./layer');
const { stage } = layerArgs();

/** @param {string} message */
function fail(message) {
  console.log(`current layer: ${message}`);
  console.log('LAYER-RESULT passed=0 failed=1');
  process.exit(1);
}

/** @type {NodeJS.ProcessEnv} */
const pipEnv = { ...process.env, PIP_RETRIES: '0', PIP_DISABLE_PIP_VERSION_CHECK: '1' };
delete pipEnv.PYTHONPATH;

/** The installed version of each pip name (null when it is not installed). @returns {Record<string, string | null>} */
function installedVersions() {
  const code = 'import importlib.metadata as m, json, sys\n'
    + 'out = {}\n'
    + 'for n in sys.argv[1:]:\n'
    + '    try:\n        out[n] = m.version(n)\n'
    + '    except m.PackageNotFoundError:\n        out[n] = None\n'
    + 'print(json.dumps(out))';
  const r = spawnSync(VENV_PY, ['-c', code, ...PACKAGES], { encoding: 'utf8', env: pipEnv });
  if (r.status !== 0) return Object.fromEntries(PACKAGES.map((p) => [p, null]));
  return JSON.parse(r.stdout);
}

/** @returns {{ requested: string[], dropped: string[] } | null} */
function readMarker() {
  try {
    return JSON.parse(fs.readFileSync(MARKER, 'utf8'));
  } catch {
    return null;
  }
}

/** Creates the venv (or reuses it when it already has the packages); returns the pip names pip could not find. */
function ensureVenv() {
  const marker = readMarker();
  if (fs.existsSync(VENV_PY) && marker && JSON.stringify(marker.requested) === JSON.stringify(PACKAGES)) {
    const v = installedVersions();
    if (PACKAGES.every((p) => marker.dropped.includes(p) || v[p])) {
      console.log(`reusing ${path.relative(ROOT, VENV)}`);
      return marker.dropped;
    }
  }
  if (!fs.existsSync(VENV_PY)) {
    const r = spawnSync(BASE_PY, ['-m', 'venv', VENV], { encoding: 'utf8', env: pipEnv });
    if (r.status !== 0) fail(`${BASE_PY} -m venv ${path.relative(ROOT, VENV)} failed: ${(r.stderr || r.stdout || String(r.error)).trim().split('\n').pop()}`);
  }
  /** @type {string[]} */
  const dropped = [];
  for (;;) {
    const wanted = PACKAGES.filter((p) => !dropped.includes(p));
    const t0 = Date.now();
    console.log(`pip install (PIP_RETRIES=0): ${wanted.join(' ')}`);
    const r = spawnSync(VENV_PY, ['-m', 'pip', 'install', '--retries', '0', ...wanted], { encoding: 'utf8', env: pipEnv, maxBuffer: 64 * 1024 * 1024, timeout: 30 * 60 * 1000 });
    if (r.status === 0) {
      console.log(`pip install took ${((Date.now() - t0) / 1000).toFixed(0)} s`);
      break;
    }
    const text = `${r.stdout || ''}\n${r.stderr || ''}`;
    const missing = [...text.matchAll(/No matching distribution found for ([A-Za-z0-9_.-]+)/g)].map((m) => m[1].toLowerCase())
      .map((n) => PACKAGES.find((p) => p.toLowerCase() === n) ?? n).filter((n) => wanted.includes(n));
    if (missing.length === 0) {
      const last = text.trim().split('\n').filter((l) => /error/i.test(l)).pop() ?? text.trim().split('\n').pop() ?? String(r.error);
      fail(`pip install failed: ${last.trim()}`);
    }
    for (const m of missing) {
      console.log(`pip cannot find ${m}: dropped`);
      dropped.push(m);
    }
  }
  fs.writeFileSync(MARKER, JSON.stringify({ requested: PACKAGES, dropped }, null, 1));
  return dropped;
}

/** A private kernelspec `python3` running the venv's python, first on JUPYTER_PATH. */
function ensureKernelSpec() {
  const dir = path.join(KERNELS, 'kernels', 'python3');
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, 'kernel.json'), JSON.stringify({
    argv: [VENV_PY, '-m', 'ipykernel_launcher', '-f', '{connection_file}'],
    display_name: 'Python 3 (current releases)',
    language: 'python',
  }, null, 1));
}

function main() {
  if (!fs.existsSync(BASE_PY)) fail(`${BASE_PY} is missing: run node test/support/setup.js as root`);
  const dropped = ensureVenv();
  const versions = installedVersions();
  const python = spawnSync(VENV_PY, ['-c', 'import platform; print(platform.python_version())'], { encoding: 'utf8' }).stdout.trim();
  console.log(`venv python ${python}; installed: ${PACKAGES.filter((p) => versions[p]).map((p) => `${p} ${versions[p]}`).join(', ')}`);
  if (dropped.length) console.log(`not available from the configured index (dropped): ${dropped.join(', ')}`);
  ensureKernelSpec();

  const build = spawnSync(process.execPath, [path.join(ROOT, 'out', 'test', 'exercises', 'build.js'), RUN, ...(stage ? [stage] : [])], { stdio: 'inherit' });
  if (build.status !== 0) fail('generating the exercises failed (run node test/support/transpile.js first)');

  /** @type {NodeJS.ProcessEnv} */
  const env = {
    ...process.env,
    JUPYTER_PATH: [KERNELS, process.env.JUPYTER_PATH].filter(Boolean).join(path.delimiter),
    PYDEVD_DISABLE_FILE_VALIDATION: '1',
    MPLBACKEND: 'Agg',
    DSR_SKIP_MISSING: '1',
  };
  delete env.PYTHONPATH;
  process.exit(executeLayer('current', VENV_PY, RUN, env));
}

main();
