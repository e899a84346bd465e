import { readFileSync, statSync } from 'node:fs';

/** What time it is, for everything about review (due counts, scheduling): injected, so tests fix it. */
export type Clock = () => Date;

/**
 * The extension's clock: the system's, shifted by the number of milliseconds in the file that
 * `DS_ROADMAP_CLOCK_OFFSET_FILE` names when that variable is set. Only the end-to-end suite sets
 * it, to let days pass for spaced review in a real VS Code; the file is read again whenever its
 * modification time or size changes, so a new offset holds from the next reading of the clock.
 */
export function appClock(env: NodeJS.ProcessEnv = process.env): Clock {
  const file = env.DS_ROADMAP_CLOCK_OFFSET_FILE;
  if (!file) return () => new Date();
  let offset = 0;
  let seen = '';
  return () => {
    try {
      const st = statSync(file);
      const stamp = `${st.mtimeMs}:${st.size}:${st.ino}`;
      if (stamp !== seen) {
        seen = stamp;
        const v = Number(readFileSync(file, 'utf8').trim());
        offset = Number.isFinite(v) ? v : 0;
      }
    } catch {
      seen = '';
      offset = 0;
    }
    return new Date(Date.now() + offset);
  };
}
