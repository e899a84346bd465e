// What the two exercise layers (run.js on Debian's Python, current.js in the current-releases
// venv) share: their arguments, how many exercises run at once, and running execute.py with the
// optional --record of how each topic ended (tested-with.js).
'use strict';
const { spawnSync } = require('node:child_process');
const os = require('node:os');
const path = require('node:path');

/** The layer's arguments: `[stage-number|topic-id] [--record]`. */
function layerArgs() {
  const args = process.argv.slice(2);
  return { record: args.includes('--record'), stage: args.find((a) => !a.startsWith('--')) };
}

/**
 * How many exercises run at once (execute.py's worker processes, each with its own kernel and
 * Python). A worker leaves a core idle about a fifth of the time while its kernel and its client
 * talk, so one worker more than the cores fills it: measured on the 2-core machine, the exercises
 * layer took 273 s with 2 workers, 243 s with 3 and 245 s with 4. At most 6, so a big machine
 * does not start a kernel per core. EXERCISE_WORKERS overrides.
 * @returns {string}
 */
function exerciseWorkers() {
  const set = Number(process.env.EXERCISE_WORKERS);
  if (Number.isInteger(set) && set > 0) return String(set);
  return String(Math.min(6, os.availableParallelism() + 1));
}

/**
 * Runs execute.py over the exercises built into `runDir` with `python`; with --record, then
 * records the stack's results. Returns the exit code the layer ends with.
 * @param {'debian-12' | 'current'} stack
 * @param {string} python
 * @param {string} runDir
 * @param {NodeJS.ProcessEnv} env
 */
function executeLayer(stack, python, runDir, env) {
  const { record } = layerArgs();
  const results = path.join(runDir, 'results.json');
  const r = spawnSync(python, [path.join(__dirname, 'execute.py'), runDir, exerciseWorkers()], { stdio: 'inherit', env: record ? { ...env, DSR_RESULTS: results } : env });
  const recorded = !record || require('./tested-with').recordStack(stack, results);
  return recorded ? r.status ?? 1 : 1;
}

module.exports = { layerArgs, exerciseWorkers, executeLayer };
