// @ts-check
// The unit loop's compile step: transpiles src/ and test/ to out/ with esbuild (no type check;
// `npm test` and `npm run typecheck` type-check with tsc), in well under a second.
'use strict';
const esbuild = require('esbuild');
const fs = require('node:fs');
const path = require('node:path');

const ROOT = path.resolve(__dirname, '..', '..');

/** Every .ts file under `dir`, relative to the project. */
function tsFiles(dir) {
  /** @type {string[]} */
  const out = [];
  for (const e of fs.readdirSync(path.join(ROOT, dir), { withFileTypes: true })) {
    const rel = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...tsFiles(rel));
    else if (e.name.endsWith('.ts') && !e.name.endsWith('.d.ts')) out.push(rel);
  }
  return out;
}

/** Removes compiled files of an earlier run, so a moved or deleted test never runs from a stale copy. */
function cleanOut() {
  for (const d of ['src', 'test']) fs.rmSync(path.join(ROOT, 'out', d), { recursive: true, force: true });
}

function transpile() {
  cleanOut();
  const entryPoints = [...tsFiles('src').filter((f) => !f.startsWith(path.join('src', 'webview'))), ...tsFiles('test')];
  esbuild.buildSync({
    entryPoints: entryPoints.map((f) => path.join(ROOT, f)),
    outdir: path.join(ROOT, 'out'), outbase: ROOT,
    bundle: false, platform: 'node', format: 'cjs', target: 'node18', sourcemap: 'inline', logLevel: 'warning',
  });
  return entryPoints.length;
}

module.exports = { transpile, cleanOut };
if (require.main === module && process.argv.includes('--clean')) cleanOut();
else if (require.main === module) console.log(`transpiled ${transpile()} files to out/`);
