#!/usr/bin/env node
// @ts-check
// Records roadmap/exercises/tested-with.json from the installed versions: for each stack, the
// Python and the version of every package the exercises declare, read from its interpreter
// (Debian 12: /usr/bin/python3; current: the venv current.js made). It keeps the pass/skip
// results the layers recorded, except those whose versions changed (dropped, and listed): only a
// layer run with --record (run.js, current.js) says a topic passed.
// Usage: node test/exercises/tested-with.js
'use strict';
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const ROOT = path.resolve(__dirname, '..', '..');
/** The interpreter of each stack. */
const STACKS = {
  'debian-12': '/usr/bin/python3',
  current: path.join(ROOT, '.vscode-test', 'venv-current', 'bin', 'python'),
};

/**
 * Records one stack (out/ must hold the transpiled tests); with `resultsFile` (execute.py's
 * DSR_RESULTS output) also how each topic ended. Returns whether it was written.
 * @param {keyof typeof STACKS} stack
 * @param {string | undefined} [resultsFile]
 */
function recordStack(stack, resultsFile) {
  const recorder = path.join(ROOT, 'out', 'test', 'exercises', 'recordTested.js');
  if (resultsFile && !fs.existsSync(resultsFile)) {
    console.log(`tested-with ${stack}: no results were written (${path.relative(ROOT, resultsFile)}): nothing recorded`);
    return false;
  }
  const r = spawnSync(process.execPath, [recorder, stack, STACKS[stack], ...(resultsFile ? [resultsFile] : [])], { stdio: 'inherit' });
  return r.status === 0;
}

function main() {
  require('../support/transpile').transpile();
  let ok = true;
  for (const stack of /** @type {(keyof typeof STACKS)[]} */ (Object.keys(STACKS))) {
    if (!fs.existsSync(STACKS[stack])) {
      console.log(`tested-with ${stack}: ${path.relative(ROOT, STACKS[stack]) || STACKS[stack]} is missing: left as it was${stack === 'current' ? ' (node test/exercises/current.js creates it)' : ''}`);
      continue;
    }
    ok = recordStack(stack) && ok;
  }
  process.exit(ok ? 0 : 1);
}

module.exports = { recordStack, STACKS };
if (require.main === module) main();
