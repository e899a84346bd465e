#!/usr/bin/env node
// Exercises layer: generate every exercise with the extension's builder, then prove each one with
// real clients (nbformat, a Jupyter kernel through nbclient, Python, pytest) using Debian's Python.
// With --record, how each topic ended and the versions it ran with go to
// roadmap/exercises/tested-with.json (stack debian-12; see tested-with.js).
// Usage: node test/exercises/run.js [stage-number|topic-id] [--record]
'use strict';
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');
const ROOT = path.resolve(__dirname, '..', '..');
const run = path.join(ROOT, '.vscode-test', 'exercises-run');
const { layerArgs, executeLayer } = require('./layer');
const { stage } = layerArgs();

const build = spawnSync(process.execPath, [path.join(ROOT, 'out', 'test', 'exercises', 'build.js'), run, ...(stage ? [stage] : [])], { stdio: 'inherit' });
if (build.status !== 0) {
  console.log('LAYER-RESULT passed=0 failed=1');
  process.exit(1);
}
const python = '/usr/bin/python3';
if (!fs.existsSync(python)) {
  console.log(`${python} is missing: run node test/support/setup.js as root`);
  console.log('LAYER-RESULT passed=0 failed=1');
  process.exit(1);
}
/** @type {NodeJS.ProcessEnv} */
const env = { ...process.env, JUPYTER_PATH: path.join(ROOT, '.vscode-test', 'jupyter'), PYDEVD_DISABLE_FILE_VALIDATION: '1', MPLBACKEND: 'Agg' };
delete env.PYTHONPATH;
process.exit(executeLayer('debian-12', python, run, env));
