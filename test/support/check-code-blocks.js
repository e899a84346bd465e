#!/usr/bin/env node
// Runs every ```python block of the topic pages' details with the exercise layer's Python
// (Debian's /usr/bin/python3 unless PYTHON is set; one thread for BLAS and OpenMP, so a busy machine
// is not oversubscribed), each block on its own in a fresh process and
// an empty temporary folder, offline, with a timeout. A block that cannot run here says so in its
// fence: ```python norun: <reason>. Blocks in other languages (sql, bash, yaml, dockerfile) are
// not Python and are listed by language. Every fence must name its language.
// Usage: node test/support/check-code-blocks.js [roadmap/stages/NN-*.yaml ...]  [--json]
'use strict';
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const YAML = require('yaml');

const ROOT = path.resolve(__dirname, '..', '..');
const PY = process.env.PYTHON || '/usr/bin/python3';

/** Every fenced block of a markdown text: its info string and code. */
function fences(md) {
  const out = [];
  const re = /^([ \t]*)```([^\n`]*)\n([\s\S]*?)^\1```[ \t]*$/gm;
  for (const m of md.matchAll(re)) out.push({ info: m[2].trim(), code: m[3] });
  return out;
}

/** Every code block of the stage files, with where it is and what its fence says. */
function blocks(files) {
  const out = [];
  for (const file of files) {
    const doc = YAML.parse(fs.readFileSync(file, 'utf8'));
    for (const sec of doc.sections ?? []) for (const t of sec.topics ?? []) {
      fences(t.details ?? '').forEach((f, i) => {
        const lang = f.info.split(/\s+/)[0] ?? '';
        const norun = /\bnorun:\s*(.+)$/.exec(f.info)?.[1]?.trim();
        out.push({ file: path.relative(ROOT, file), topic: t.id, index: i + 1, lang, norun, code: f.code });
      });
    }
  }
  return out;
}

function run(block, timeoutMs) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ds-roadmap-block-'));
  try {
    fs.writeFileSync(path.join(dir, 'block.py'), block.code);
    const t0 = Date.now();
    const r = spawnSync(PY, ['block.py'], {
      cwd: dir, encoding: 'utf8', timeout: timeoutMs,
      env: { ...process.env, MPLBACKEND: 'Agg', PYTHONHASHSEED: '0', PYDEVD_DISABLE_FILE_VALIDATION: '1', no_proxy: '*', OMP_NUM_THREADS: '1', OPENBLAS_NUM_THREADS: '1' },
    });
    const secs = (Date.now() - t0) / 1000;
    if (r.error) return { ok: false, secs, message: /** @type {NodeJS.ErrnoException} */ (r.error).code === 'ETIMEDOUT' ? `timed out after ${timeoutMs / 1000} s` : r.error.message };
    if (r.status !== 0) return { ok: false, secs, message: `exit ${r.status}: ${(r.stderr || '').trim().split('\n').slice(-3).join(' | ')}` };
    return { ok: true, secs };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

function main() {
  const args = process.argv.slice(2).filter((a) => !a.startsWith('--'));
  const json = process.argv.includes('--json');
  const dir = path.join(ROOT, 'roadmap', 'stages');
  const files = args.length ? args.map((a) => path.resolve(a)) : fs.readdirSync(dir).filter((n) => n.endsWith('.yaml')).sort().map((n) => path.join(dir, n));
  /** @type {{ where: string, ok: boolean, skipped?: string, secs?: number, message?: string }[]} */
  const results = [];
  for (const b of blocks(files)) {
    const where = `${b.file} ${b.topic} block ${b.index}`;
    if (!b.lang) results.push({ where, ok: false, message: 'the fence names no language' });
    else if (b.lang !== 'python') results.push({ where, ok: true, skipped: `not Python (${b.lang})` });
    else if (b.norun) results.push({ where, ok: true, skipped: `norun: ${b.norun}` });
    else results.push({ where, ...run(b, 120_000) });
    const r = results[results.length - 1];
    if (!json) console.log(`${r.ok ? (r.skipped ? 'skip' : 'ok  ') : 'FAIL'} ${where}${r.skipped ? ` (${r.skipped})` : r.secs !== undefined ? ` (${r.secs.toFixed(1)} s)` : ''}${r.ok ? '' : `: ${r.message}`}`);
  }
  const failed = results.filter((r) => !r.ok).length;
  const ran = results.filter((r) => r.ok && !r.skipped).length;
  if (json) console.log(JSON.stringify(results));
  else console.log(`${results.length} blocks: ${ran} ran clean, ${results.length - ran - failed} not run (with a reason), ${failed} failed`);
  process.exit(failed ? 1 : 0);
}

module.exports = { fences, blocks, run };
if (require.main === module) main();
