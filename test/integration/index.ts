// Runs inside the real VS Code extension host: loads every *.test.js next to this file with mocha.
import * as fs from 'node:fs';
import * as path from 'node:path';
import Mocha from 'mocha';

export async function run(): Promise<void> {
  const mocha = new Mocha({ ui: 'bdd', color: false, timeout: 60_000, reporter: 'spec', ...(process.env.DS_ROADMAP_GREP ? { grep: process.env.DS_ROADMAP_GREP } : {}) });
  // DS_ROADMAP_SUITE=untrusted runs only the untrusted-workspace suite (a session with trust on).
  // DS_ROADMAP_SUITE=bench runs only the benchmarks (npm run bench).
  const suite = process.env.DS_ROADMAP_SUITE ?? 'trusted';
  const special: Record<string, string> = { 'untrusted.test.js': 'untrusted', 'nofolder.test.js': 'nofolder', 'bench.test.js': 'bench' };
  for (const f of fs.readdirSync(__dirname).filter((n) => n.endsWith('.test.js')).sort()) {
    if ((special[f] ?? 'trusted') === suite) mocha.addFile(path.join(__dirname, f));
  }
  await new Promise<void>((resolve, reject) => {
    const runner = mocha.run((failures) => {
      // One machine-readable line for the summary of `npm test`.
      console.log(`LAYER-RESULT passed=${runner.stats?.passes ?? 0} failed=${failures}`);
      if (failures > 0) reject(new Error(`${failures} integration test(s) failed`));
      else resolve();
    });
  });
}
