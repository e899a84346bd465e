#!/usr/bin/env node
// `npm test`: installs what is missing (as root), builds, then runs every layer:
//   unit         plain mocha over src/core, no VS Code
//   exercises    every exercise generated, validated with nbformat, executed in a real Jupyter kernel
//   integration  mocha inside the extension host of a real VS Code (code-server)
//   e2e          Chromium driving the real workbench with the packaged .vsix installed
// It ends with one summary line per layer and `N passed, N failed` over all layers. A layer that
// could not run counts as a failure. `npm test -- unit` (or integration, e2e) runs one layer.
'use strict';
const { spawn } = require('node:child_process');
const path = require('node:path');

const ROOT = path.resolve(__dirname, '..');
const LAYERS = ['unit', 'exercises', 'integration', 'e2e'];
/** A package's own file, by path (some packages do not export their bin files). */
const bin = (...p) => path.join(ROOT, 'node_modules', ...p);

function run(cmd, args, opts = {}) {
  return new Promise((resolve) => {
    let out = '';
    const child = spawn(cmd, args, { cwd: ROOT, env: { ...process.env, ...opts.env }, stdio: ['ignore', 'pipe', 'pipe'] });
    const relay = (stream, target) => stream.on('data', (d) => { out += d; target.write(d); });
    relay(child.stdout, process.stdout);
    relay(child.stderr, process.stderr);
    child.on('error', (e) => { out += String(e); resolve({ code: 1, out }); });
    child.on('close', (code) => resolve({ code: code ?? 1, out }));
  });
}

/** Reads the counts a layer printed: mocha's "N passing / N failing" or our LAYER-RESULT line. */
function counts(out) {
  // Some layers run several suites (integration: trusted and untrusted); add their results up.
  const tagged = [...out.matchAll(/LAYER-RESULT passed=(\d+) failed=(\d+)/g)];
  if (tagged.length) return tagged.reduce((c, m) => ({ passed: c.passed + Number(m[1]), failed: c.failed + Number(m[2]) }), { passed: 0, failed: 0 });
  const passing = [...out.matchAll(/^\s*(\d+) passing/gm)].pop();
  const failing = [...out.matchAll(/^\s*(\d+) failing/gm)].pop();
  return { passed: passing ? Number(passing[1]) : 0, failed: failing ? Number(failing[1]) : 0 };
}

async function main() {
  const only = process.argv.slice(2).filter((a) => LAYERS.includes(a));
  const layers = only.length ? only : LAYERS;
  const t0 = Date.now();
  const results = [];
  const step = async (name, cmd, args) => {
    console.log(`\n=== ${name} ===`);
    const r = await run(cmd, args);
    if (r.code !== 0) console.error(`${name} failed (exit ${r.code})`);
    return r.code === 0;
  };
  const ready = (await step('setup', process.execPath, [path.join('test', 'support', 'setup.js')]))
    && (await step('build', process.execPath, ['esbuild.js']))
    && (await step('type-check webview code', process.execPath, [bin('typescript', 'bin', 'tsc'), '--noEmit', '-p', 'src/webview']))
    && (await step('lint', process.execPath, [bin('eslint', 'bin', 'eslint.js'), 'src', 'test']))
    && (await step('compile tests', process.execPath, [bin('typescript', 'bin', 'tsc'), '-p', '.']));
  for (const layer of layers) {
    if (!ready) {
      results.push({ layer, passed: 0, failed: 1, note: 'could not run: setup or build failed' });
      continue;
    }
    if (layer === 'e2e' && !(await step('package', process.execPath, [path.join('test', 'support', 'package.js')]))) {
      results.push({ layer, passed: 0, failed: 1, note: 'could not run: packaging failed' });
      continue;
    }
    console.log(`\n=== ${layer} tests ===`);
    const t = Date.now();
    const r = layer === 'integration' ? await run(process.execPath, [path.join('test', 'integration', 'runTest.js')])
      : layer === 'exercises' ? await run(process.execPath, [path.join('test', 'exercises', 'run.js')])
      : await run(process.execPath, [bin('mocha', 'bin', 'mocha.js'), '--config', path.join('test', layer, '.mocharc.json')]);
    const c = counts(r.out);
    if (r.code !== 0 && c.failed === 0) c.failed = 1; // crashed or ran nothing: never green
    if (r.code === 0 && c.passed === 0) c.failed += 1; // a layer that ran no test is a failure
    results.push({ layer, ...c, note: `${((Date.now() - t) / 1000).toFixed(1)} s` });
  }
  console.log('\n=== summary ===');
  for (const r of results) console.log(`${r.layer}: ${r.passed} passed, ${r.failed} failed (${r.note})`);
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
