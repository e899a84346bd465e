#!/usr/bin/env node
// `npm run package`: production build, then `vsce package` into ds-roadmap-<version>.vsix. Offline.
'use strict';
const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const ROOT = path.resolve(__dirname, '..', '..');
const pkg = require(path.join(ROOT, 'package.json'));

function vsixPath() {
  return path.join(ROOT, `${pkg.name}-${pkg.version}.vsix`);
}

/** What the .vsix can hold (.vscodeignore then picks from it): copied to a folder of its own. */
const SHIPPED = ['package.json', 'README.md', 'LICENSE', '.vscodeignore', 'dist', 'media', path.join('roadmap', 'schema.json')];

function packageVsix() {
  execFileSync(process.execPath, [path.join(ROOT, 'esbuild.js'), '--production'], { cwd: ROOT, stdio: 'inherit' });
  // vsce lists every file under its folder before .vscodeignore filters them: here that is the
  // 2 GB test cache too (about 13 s), so it packages a copy of what can ship instead (about 1 s).
  const stage = path.join(ROOT, 'out', 'vsix-stage');
  fs.rmSync(stage, { recursive: true, force: true });
  for (const rel of SHIPPED) {
    if (!fs.existsSync(path.join(ROOT, rel))) continue;
    fs.mkdirSync(path.dirname(path.join(stage, rel)), { recursive: true });
    fs.cpSync(path.join(ROOT, rel), path.join(stage, rel), { recursive: true });
  }
  const vsce = require.resolve('@vscode/vsce/vsce');
  execFileSync(process.execPath, [vsce, 'package', '--no-dependencies', '--allow-missing-repository', '--skip-license', '-o', vsixPath()],
    { cwd: stage, stdio: 'inherit', env: { ...process.env, VSCE_TELEMETRY: '0' } });
  fs.rmSync(stage, { recursive: true, force: true });
  return vsixPath();
}

module.exports = { packageVsix, vsixPath };

if (require.main === module) {
  const out = packageVsix();
  console.log(`wrote ${path.relative(process.cwd(), out)}`);
}
