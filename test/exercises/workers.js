// How many exercises run at once (execute.py's worker processes, each with its own kernel and
// Python). A worker leaves a core idle about a fifth of the time while its kernel and its client
// talk, so one worker more than the cores fills it: measured on the 2-core machine, the exercises
// layer took 273 s with 2 workers, 243 s with 3 and 245 s with 4. At most 6, so a big machine
// does not start a kernel per core. EXERCISE_WORKERS overrides.
'use strict';
const os = require('node:os');

/** @returns {string} */
function exerciseWorkers() {
  const set = Number(process.env.EXERCISE_WORKERS);
  if (Number.isInteger(set) && set > 0) return String(set);
  return String(Math.min(6, os.availableParallelism() + 1));
}

module.exports = { exerciseWorkers };
