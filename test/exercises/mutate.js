#!/usr/bin/env node
// @ts-check
// Mutation test of the exercise checks: does each task's check reject small, plausible mistakes
// in its reference solution? Builds dist/exercises.json when it is missing or older than the
// content, then runs mutate.py with Debian's Python and relays its output and exit code.
// Usage: node test/exercises/mutate.js [stage-number|topic-id] [--min-kill-rate 0.97]
//        (every other option of mutate.py is passed on: --max-per-task, --timeout, --list, ...)
'use strict';
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const ROOT = path.resolve(__dirname, '..', '..');
const PYTHON = '/usr/bin/python3';
const OUTPUT = path.join(ROOT, 'dist', 'exercises.json');

/** Newest modification time (ms) of the YAML the exercises are built from. */
function newestSource() {
  const dirs = [path.join(ROOT, 'roadmap', 'exercises'), path.join(ROOT, 'roadmap', 'stages')];
  const files = [path.join(ROOT, 'roadmap', 'roadmap.yaml')];
  for (const dir of dirs) {
    if (!fs.existsSync(dir)) continue;
    for (const name of fs.readdirSync(dir)) if (name.endsWith('.yaml')) files.push(path.join(dir, name));
  }
  return Math.max(0, ...files.filter((f) => fs.existsSync(f)).map((f) => fs.statSync(f).mtimeMs));
}

/** @param {string} message */
function fail(message) {
  console.log(message);
  console.log('LAYER-RESULT passed=0 failed=1');
  process.exit(1);
}

function main() {
  if (!fs.existsSync(OUTPUT) || fs.statSync(OUTPUT).mtimeMs < newestSource()) {
    console.log('dist/exercises.json is missing or older than the YAML: node esbuild.js');
    const build = spawnSync(process.execPath, [path.join(ROOT, 'esbuild.js')], { cwd: ROOT, stdio: 'inherit' });
    if (build.status !== 0) fail(`the build failed (exit ${build.status ?? build.signal})`);
  }
  if (!fs.existsSync(PYTHON)) fail(`${PYTHON} is missing: run node test/support/setup.js as root`);
  /** @type {NodeJS.ProcessEnv} */
  const env = { ...process.env, MPLBACKEND: 'Agg', PYDEVD_DISABLE_FILE_VALIDATION: '1' };
  delete env.PYTHONPATH;
  const r = spawnSync(PYTHON, [path.join(__dirname, 'mutate.py'), ...process.argv.slice(2)], { cwd: ROOT, stdio: 'inherit', env });
  if (r.error) fail(`could not run ${PYTHON}: ${r.error.message}`);
  process.exit(r.status ?? 1);
}

main();
