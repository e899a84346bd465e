import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { writeFileSafely } from '../../core/files/safeFiles';
import { CHECKER_FILE } from '../../core/exercises/exercisePaths';
import { checkerState, type CheckerState } from '../../core/exercises/checkerVersions';
import type { Log } from '../log';

/** What was done about the checker beside the exercises. */
export type CheckerOutcome = { readonly state: 'written' | CheckerState; readonly repaired: boolean };

/**
 * The checker beside the exercises: written on the first scaffold, repaired when it is damaged
 * or an older version we shipped, and left alone (the caller asks the learner) when it was
 * changed on purpose. Writes stay inside the workspace and are whole.
 */
export class CheckerFile {
  private shipped: Promise<string> | undefined;

  constructor(private readonly extensionPath: string, private readonly log: Log) {}

  private text(): Promise<string> {
    this.shipped ??= fs.readFile(path.join(this.extensionPath, 'media', 'python', CHECKER_FILE), 'utf8');
    return this.shipped;
  }

  /** Makes sure the checker in `exercisesRoot` (inside `workspaceRoot`) is one that works. */
  async ensure(workspaceRoot: string, exercisesRoot: string): Promise<CheckerOutcome> {
    const file = path.join(exercisesRoot, CHECKER_FILE);
    const shipped = await this.text();
    let found: string | undefined;
    try {
      found = await fs.readFile(file, 'utf8');
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
    }
    if (found === undefined) {
      await writeFileSafely(workspaceRoot, file, shipped);
      this.log.info(`wrote the exercise checker ${file}`);
      return { state: 'written', repaired: false };
    }
    const state = checkerState(found, shipped);
    if (state === 'outdated' || state === 'damaged') {
      await this.replace(workspaceRoot, exercisesRoot);
      this.log.info(`replaced the ${state} exercise checker ${file}`);
      return { state, repaired: true };
    }
    return { state, repaired: false };
  }

  /** Writes the shipped checker over whatever is there (whole, inside the workspace). */
  async replace(workspaceRoot: string, exercisesRoot: string): Promise<void> {
    await writeFileSafely(workspaceRoot, path.join(exercisesRoot, CHECKER_FILE), await this.text());
  }
}
