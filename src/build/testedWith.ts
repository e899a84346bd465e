/**
 * Build time: reads `roadmap/exercises/tested-with.json` and gives each exercise its "Tested with
 * ..." line (src/core/exercises/testedWith.ts makes it). The file is optional: missing or
 * malformed, the build goes on without the lines and says so in one warning.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseTestedWith, testedWithLine, type TestedWith } from '../core/exercises/testedWith';
import type { Exercise } from '../core/exercises/exerciseModel';

/** Where the file lives, relative to the project folder. */
export const TESTED_WITH_FILE = path.join('roadmap', 'exercises', 'tested-with.json');

/** The file's data, or undefined (and one warning through `log`) when it is missing or malformed. */
export function readTestedWith(root: string, log: (line: string) => void): TestedWith | undefined {
  const file = path.join(root, TESTED_WITH_FILE);
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (e) {
    log(`${TESTED_WITH_FILE.split(path.sep).join('/')} warning: cannot be read (${(e as NodeJS.ErrnoException).code ?? (e as Error).message}); exercises are built without their "Tested with" line`);
    return undefined;
  }
  const r = parseTestedWith(text);
  if ('error' in r) {
    log(`${TESTED_WITH_FILE.split(path.sep).join('/')} warning: ${r.error}; exercises are built without their "Tested with" line`);
    return undefined;
  }
  return r.value;
}

/** The exercise with its line (none when no stack passed it, or without data). */
export function withTestedWith<E extends Exercise>(exercise: E, data: TestedWith | undefined): E {
  const line = data ? testedWithLine(data, exercise.topic, exercise.packages) : undefined;
  return line ? { ...exercise, testedWith: line } : exercise;
}
