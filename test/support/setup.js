#!/usr/bin/env node
// Installs what the test layers need on a fresh Debian 12 machine, and nothing by hand:
//  - Debian packages (Chromium for the UI tests, ripgrep and build tools for code-server,
//    Python with Jupyter and the data-science libraries for the exercise tests);
//  - code-server (a real VS Code) into the gitignored cache `.vscode-test/`, reused later.
// As root it installs what is missing; otherwise it stops with one line naming the apt command.
'use strict';
const { execFileSync, spawnSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const ROOT = path.resolve(__dirname, '..', '..');
const CODE_SERVER_VERSION = '4.100.3';
const CACHE = path.join(ROOT, '.vscode-test');
const CODE_SERVER_DIR = path.join(CACHE, `code-server-${CODE_SERVER_VERSION}`);
const CODE_SERVER_BIN = path.join(CODE_SERVER_DIR, 'node_modules', 'code-server', 'out', 'node', 'entry.js');

/** Debian packages, each with a probe that tells whether it is already usable. */
/** @type {[string, () => boolean][]} */
const APT_EDITOR = [
  // What installing code-server needs (its native modules build; its ripgrep comes from Debian).
  ['ripgrep', () => fs.existsSync('/usr/bin/rg')],
  ['libkrb5-dev', () => fs.existsSync('/usr/include/krb5.h') || fs.existsSync('/usr/include/krb5/krb5.h')],
  ['build-essential', () => fs.existsSync('/usr/share/doc/build-essential')],
  ['pkg-config', () => fs.existsSync('/usr/bin/pkg-config')],
  ['ca-certificates', () => fs.existsSync('/etc/ssl/certs/ca-certificates.crt')],
];
/** @type {[string, () => boolean][]} */
const APT = [
  ...APT_EDITOR,
  // What the test layers need besides: Chromium for the UI tests, fonts for its screenshots, zip for the .vsix checks.
  ['chromium', () => fs.existsSync('/usr/bin/chromium')],
  ['fonts-dejavu-core', () => fs.existsSync('/usr/share/fonts/truetype/dejavu')],
  ['zip', () => fs.existsSync('/usr/bin/zip')],
  ['unzip', () => fs.existsSync('/usr/bin/unzip')],
];
/** Python modules from Debian, checked by importing them with Debian's own interpreter. */
const PY = [
  ['python3-nbformat', 'nbformat'],
  ['python3-nbclient', 'nbclient'],
  ['python3-ipykernel', 'ipykernel'],
  ['python3-numpy', 'numpy'],
  ['python3-pandas', 'pandas'],
  ['python3-scipy', 'scipy'],
  ['python3-sklearn', 'sklearn'],
  ['python3-statsmodels', 'statsmodels'],
  ['python3-matplotlib', 'matplotlib'],
  ['python3-seaborn', 'seaborn'],
  ['python3-pytest', 'pytest'],
  ['python3-torch', 'torch'],
  ['python3-xgboost', 'xgboost'],
  ['umap-learn', 'umap'],
  ['python3-nltk', 'nltk'],
  ['python3-sympy', 'sympy'],
  ['python3-joblib', 'joblib'],
  ['python3-fastapi', 'fastapi'],
  ['python3-httpx', 'httpx'],
  ['python3-networkx', 'networkx'],
  ['python3-venv', 'ensurepip'],
  ['python3-dask', 'dask'],
];

function log(msg) {
  process.stdout.write(`[setup] ${msg}\n`);
}

/** The packages of `list` that are missing; with `python`, also the Python modules the exercise layers import. */
function missingApt(list, python) {
  const missing = list.filter(([, ok]) => !ok()).map(([name]) => name);
  if (!python) return missing;
  const py = '/usr/bin/python3';
  if (!fs.existsSync(py)) {
    missing.push('python3', ...PY.map(([pkg]) => pkg));
  } else {
    const script = PY.map(([, mod]) =>
      `try:\n import ${mod}\nexcept Exception:\n print('${mod}')`).join('\n');
    const r = spawnSync(py, ['-c', script], { encoding: 'utf8' });
    const bad = new Set((r.stdout || '').split(/\s+/).filter(Boolean));
    for (const [pkg, mod] of PY) if (bad.has(mod)) missing.push(pkg);
  }
  return missing;
}

/** Stops with one clear line (no stack trace). */
function fail(message) {
  process.stderr.write(`[setup] ${message}\n`);
  process.exit(2);
}

/** Why apt-get failed, in one line: a busy lock is the usual cause. */
function aptFailure(status, output) {
  if (/Could not get lock|Unable to acquire the dpkg frontend lock|is another process using it/i.test(output)) {
    return 'apt-get could not start: another package manager holds the dpkg lock (an automatic update?). Wait for it to finish, then run this again.';
  }
  const last = output.trim().split('\n').filter((l) => /^E:|error/i.test(l)).pop();
  return `apt-get failed (exit ${status})${last ? `: ${last.trim()}` : ''}`;
}

function ensureApt(list = APT, python = true) {
  const missing = missingApt(list, python);
  if (missing.length === 0) return;
  const cmd = `apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends ${missing.join(' ')}`;
  if (typeof process.getuid === 'function' && process.getuid() !== 0) fail(`missing system packages; run as root: ${cmd}`);
  log(`installing from apt: ${missing.join(' ')}`);
  const r = spawnSync('bash', ['-c', cmd], { stdio: ['ignore', 'inherit', 'pipe'], encoding: 'utf8' });
  if (r.status !== 0) {
    process.stderr.write(r.stderr || '');
    fail(`${aptFailure(r.status, `${r.stderr || ''}${r.error ? r.error.message : ''}`)} (the command: ${cmd})`);
  }
  const still = missingApt(list, python);
  if (still.length) fail(`still missing after apt-get: ${still.join(' ')}`);
}

/** code-server's @vscode/ripgrep postinstall downloads rg; give it Debian's rg from its cache instead. */
function seedRipgrepCache(tmp) {
  const dir = path.join(tmp, 'vscode-ripgrep-cache-1.15.11');
  const file = path.join(dir, 'ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz');
  if (fs.existsSync(file)) return;
  fs.mkdirSync(dir, { recursive: true });
  const stage = fs.mkdtempSync(path.join(tmp, 'rg-'));
  fs.copyFileSync('/usr/bin/rg', path.join(stage, 'rg'));
  fs.chmodSync(path.join(stage, 'rg'), 0o755);
  execFileSync('tar', ['-czf', file, '-C', stage, 'rg']);
  fs.rmSync(stage, { recursive: true, force: true });
}

function ensureCodeServer() {
  if (fs.existsSync(CODE_SERVER_BIN)) return;
  ensureApt(APT_EDITOR, false);
  log(`installing code-server ${CODE_SERVER_VERSION} into ${path.relative(ROOT, CODE_SERVER_DIR)} (about a minute, once)`);
  fs.mkdirSync(CODE_SERVER_DIR, { recursive: true });
  fs.writeFileSync(path.join(CODE_SERVER_DIR, 'package.json'),
    JSON.stringify({ name: 'code-server-cache', private: true }, null, 2));
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'ds-roadmap-setup-'));
  seedRipgrepCache(tmp);
  const env = {
    ...process.env,
    TMPDIR: tmp,
    npm_config_unsafe_perm: 'true',
    npm_config_yes: 'true',
    npm_config_fund: 'false',
    npm_config_audit: 'false',
    npm_config_package_lock: 'false',
  };
  const r = spawnSync('npm', ['install', '--no-save', `code-server@${CODE_SERVER_VERSION}`],
    { cwd: CODE_SERVER_DIR, env, stdio: ['ignore', 'inherit', 'inherit'] });
  fs.rmSync(tmp, { recursive: true, force: true });
  if (r.status !== 0 || !fs.existsSync(CODE_SERVER_BIN)) fail(`code-server install failed (exit ${r.status}); is the npm registry reachable?`);
}

/** Jupyter kernelspec pinned to Debian's Python, so a kernel left by another Python cannot shadow it. */
function ensureKernelSpec() {
  const dir = path.join(CACHE, 'jupyter', 'kernels', 'python3');
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, 'kernel.json'), JSON.stringify({
    argv: ['/usr/bin/python3', '-m', 'ipykernel_launcher', '-f', '{connection_file}'],
    display_name: 'Python 3 (Debian)',
    language: 'python',
  }, null, 1));
}

function main() {
  const only = process.argv.slice(2);
  const all = only.length === 0;
  if (all || only.includes('apt')) ensureApt();
  if (all || only.includes('code-server')) ensureCodeServer();
  if (all || only.includes('kernel')) ensureKernelSpec();
}

module.exports = { CODE_SERVER_BIN, CODE_SERVER_VERSION, CACHE, ROOT, aptFailure };

if (require.main === module) main();
