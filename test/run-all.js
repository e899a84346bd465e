#!/usr/bin/env node
// @ts-check
// `npm test`: installs what is missing (as root), builds, type-checks and lints, then runs every layer:
//   unit         plain mocha over src/core and the build, no VS Code, no Python: seconds
//   property     the slow property tests: the 10,000-input loader fuzz, the XSS corpus through every
//                field, every notebook validated with nbformat through Debian's Python, every
//                code block of the topic pages run with Python
//   exercises    every exercise generated, validated with nbformat, executed in a real Jupyter kernel
//                with Debian's Python and libraries
//   current      the same on the current library releases, in a venv made with pip from the index
//                pip is configured with (topics needing a package that index lacks are skipped, named)
//   mutation     small, plausible mistakes in every reference solution must fail its check: the kill
//                rate is printed per stage and must be at least 97% (equivalent mutants listed)
//   integration  mocha inside the extension host of a real VS Code (code-server)
//   e2e          Chromium driving the real workbench with the packaged .vsix installed
// It ends with one summary line per layer and `N passed, N failed` over all layers. A layer that
// could not run counts as a failure. `npm test -- unit` (or another layer) runs one layer; the
// unit layer alone needs no setup step: no root, no apt, no Python, no code-server, no network.
'use strict';
const { spawn } = require('node:child_process');
const path = require('node:path');

const ROOT = path.resolve(__dirname, '..');
const LAYERS = ['unit', 'property', 'exercises', 'current', 'mutation', 'integration', 'e2e'];
/** What each layer needs installed by test/support/setup.js. */
const SETUP = { unit: [], property: ['apt', 'kernel'], exercises: ['apt', 'kernel'], current: ['apt'], mutation: ['apt'], integration: ['apt', 'code-server', 'kernel'], e2e: ['apt', 'code-server', 'kernel'] };
/** A package's own file, by path (some packages do not export their bin files). */
const bin = (/** @type {string[]} */ ...p) => path.join(ROOT, 'node_modules', ...p);

/**
 * @param {string} cmd
 * @param {string[]} args
 * @returns {Promise<{ code: number, out: string }>}
 */
function run(cmd, args) {
  return new Promise((resolve) => {
    let out = '';
    const child = spawn(cmd, args, { cwd: ROOT, env: process.env, stdio: ['ignore', 'pipe', 'pipe'] });
    const relay = (/** @type {import('node:stream').Readable} */ stream, /** @type {NodeJS.WriteStream} */ target) => stream.on('data', (d) => { out += d; target.write(d); });
    relay(child.stdout, process.stdout);
    relay(child.stderr, process.stderr);
    child.on('error', (e) => { out += String(e); resolve({ code: 1, out }); });
    child.on('close', (code) => resolve({ code: code ?? 1, out }));
  });
}

/** Reads the counts a layer printed: mocha's "N passing / N failing" or our LAYER-RESULT lines. */
function counts(/** @type {string} */ out) {
  // Some layers run several suites (integration: trusted and untrusted); add their results up.
  const tagged = [...out.matchAll(/LAYER-RESULT passed=(\d+) failed=(\d+)(?: retries=(\d+))?/g)];
  if (tagged.length) {
    return tagged.reduce((c, m) => ({ passed: c.passed + Number(m[1]), failed: c.failed + Number(m[2]), retries: c.retries + Number(m[3] ?? 0) }), { passed: 0, failed: 0, retries: 0 });
  }
  const passing = [...out.matchAll(/^\s*(\d+) passing/gm)].pop();
  const failing = [...out.matchAll(/^\s*(\d+) failing/gm)].pop();
  return { passed: passing ? Number(passing[1]) : 0, failed: failing ? Number(failing[1]) : 0, retries: 0 };
}

/** The command that runs a layer. */
function layerCommand(/** @type {string} */ layer) {
  if (layer === 'integration') return [path.join('test', 'integration', 'runTest.js')];
  if (layer === 'exercises') return [path.join('test', 'exercises', 'run.js')];
  if (layer === 'current') return [path.join('test', 'exercises', 'current.js')];
  // The exercise checks against small, plausible mistakes in the reference solutions.
  if (layer === 'mutation') return [path.join('test', 'exercises', 'mutate.js'), '--min-kill-rate', '0.97'];
  return [bin('mocha', 'bin', 'mocha.js'), '--config', path.join('test', layer, '.mocharc.json')];
}

async function main() {
  const only = process.argv.slice(2).filter((a) => LAYERS.includes(a));
  const layers = only.length ? only : LAYERS;
  const quick = layers.every((l) => l === 'unit');
  const t0 = Date.now();
  /** @type {{ layer: string, passed: number, failed: number, retries: number, note: string }[]} */
  const results = [];
  const step = async (/** @type {string} */ name, /** @type {string[]} */ args) => {
    console.log(`\n=== ${name} ===`);
    const r = await run(process.execPath, args);
    if (r.code !== 0) console.error(`${name} failed (exit ${r.code})`);
    return r.code === 0;
  };
  const setup = [...new Set(layers.flatMap((l) => SETUP[/** @type {keyof SETUP} */ (l)]))];
  const tsc = (/** @type {string} */ project, noEmit = true) => step(`type-check ${project}`, [bin('typescript', 'bin', 'tsc'), ...(noEmit ? ['--noEmit'] : []), '-p', project]);
  const ready = (setup.length === 0 || (await step('setup', [path.join('test', 'support', 'setup.js'), ...setup])))
    && (await step('build', ['esbuild.js']))
    && (quick
      // The unit loop: transpile only (type-checking is `npm run typecheck`, and part of `npm test`).
      ? await step('transpile', [path.join('test', 'support', 'transpile.js')])
      : (await tsc('src/tsconfig.runtime.json')) && (await tsc('src/webview')) && (await tsc('test/tsconfig.json'))
        && (await step('lint', [bin('eslint', 'bin', 'eslint.js'), 'src', 'test', 'esbuild.js', 'eslint.config.mjs']))
        && (await step('clean out/', [path.join('test', 'support', 'transpile.js'), '--clean']))
        && (await tsc('.', false)));
  for (const layer of layers) {
    if (!ready) {
      results.push({ layer, passed: 0, failed: 1, retries: 0, note: 'could not run: setup or build failed' });
      continue;
    }
    if (layer === 'e2e' && !(await step('package', [path.join('test', 'support', 'package.js')]))) {
      results.push({ layer, passed: 0, failed: 1, retries: 0, note: 'could not run: packaging failed' });
      continue;
    }
    console.log(`\n=== ${layer} tests ===`);
    const t = Date.now();
    const r = await run(process.execPath, layerCommand(layer));
    const c = counts(r.out);
    if (r.code !== 0 && c.failed === 0) c.failed = 1; // crashed or ran nothing: never green
    if (r.code === 0 && c.passed === 0) c.failed += 1; // a layer that ran no test is a failure
    results.push({ layer, ...c, note: `${((Date.now() - t) / 1000).toFixed(1)} s` });
  }
  console.log('\n=== summary ===');
  for (const r of results) console.log(`${r.layer}: ${r.passed} passed, ${r.failed} failed, ${r.retries} retries (${r.note})`);
  const passed = results.reduce((n, r) => n + r.passed, 0);
  const failed = results.reduce((n, r) => n + r.failed, 0);
  console.log(`total time ${((Date.now() - t0) / 1000).toFixed(0)} s`);
  console.log(`${passed} passed, ${failed} failed`);
  process.exit(failed === 0 ? 0 : 1);
}

main().catch((e) => {
  console.error(e);
  console.log('0 passed, 1 failed');
  process.exit(1);
});
