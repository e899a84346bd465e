// Every code block of a topic page's explanation runs in the exercise layer's Python (Debian's),
// each on its own in a fresh process and an empty folder, offline; a block that cannot run here
// says why in its fence (```python norun: <reason>), and every fence names its language.
import * as assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ROOT } from '../unit/fixtures';

interface Block { file: string; topic: string; index: number; lang: string; norun?: string; code: string }
// eslint-disable-next-line @typescript-eslint/no-require-imports
const checker = require(path.join(ROOT, 'test', 'support', 'check-code-blocks.js')) as {
  blocks(files: string[]): Block[];
  run(block: Block, timeoutMs: number): { ok: boolean; secs: number; message?: string };
};

const dir = path.join(ROOT, 'roadmap', 'stages');
const files = fs.readdirSync(dir).filter((n) => n.endsWith('.yaml')).sort().map((n) => path.join(dir, n));

describe('code blocks of the topic pages run, or say why not', function () {
  this.timeout(900_000);
  const all = checker.blocks(files);

  it('finds the blocks of the pages (the chapter-depth topics carry runnable code)', () => {
    assert.ok(all.filter((b) => b.lang === 'python' && !b.norun).length >= 14, `only ${all.length} blocks found`);
  });

  it('every fence names its language, and a norun block gives a reason', () => {
    const bad = all.filter((b) => !b.lang || (b.norun !== undefined && b.norun.length < 10));
    assert.deepEqual(bad.map((b) => `${b.file} ${b.topic} block ${b.index}`), []);
  });

  // Two stage files at a time (one checker process each), as the exercise layer uses two workers.
  const outcomes = new Map<string, Promise<{ where: string; ok: boolean; skipped?: string; message?: string }[]>>();
  const pool: Promise<unknown>[] = [Promise.resolve(), Promise.resolve()];
  const runFile = (file: string) => new Promise<{ where: string; ok: boolean; skipped?: string; message?: string }[]>((resolve, reject) => {
    execFile(process.execPath, [path.join(ROOT, 'test', 'support', 'check-code-blocks.js'), file, '--json'], { maxBuffer: 64 << 20 }, (err, stdout) => {
      const last = stdout.trim().split('\n').pop() ?? '';
      try { resolve(JSON.parse(last)); } catch { reject(err ?? new Error(`no report from the checker for ${file}`)); }
    });
  });
  before(() => files.forEach((file, i) => {
    const slot = i % pool.length;
    const p = pool[slot].then(() => runFile(file));
    pool[slot] = p.catch(() => undefined);
    outcomes.set(file, p);
  }));

  for (const file of files) {
    const mine = all.filter((b) => b.file === path.relative(ROOT, file) && b.lang === 'python' && !b.norun);
    if (mine.length === 0) continue;
    it(`${path.basename(file)}: ${mine.length} Python blocks run clean`, async () => {
      const results = await outcomes.get(file)!;
      const ran = results.filter((r) => r.ok && !r.skipped).length;
      assert.deepEqual(results.filter((r) => !r.ok).map((r) => `${r.where}: ${r.message}`), []);
      assert.equal(ran, mine.length);
    });
  }

  it('a block that fails is reported (the runner is not blind)', () => {
    const r = checker.run({ file: 'x', topic: 't', index: 1, lang: 'python', code: 'import numpy as np\nassert np.mean([1, 2]) == 2\n' }, 60_000);
    assert.equal(r.ok, false);
    assert.match(r.message ?? '', /exit 1.*AssertionError/);
  });
});
