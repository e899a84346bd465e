#!/usr/bin/env node
// `npm run package`: production build, then `vsce package` into ds-roadmap-<version>.vsix. Offline.
'use strict';
const { execFileSync } = require('node:child_process');
const path = require('node:path');

const ROOT = path.resolve(__dirname, '..', '..');
const pkg = require(path.join(ROOT, 'package.json'));

function vsixPath() {
  return path.join(ROOT, `${pkg.name}-${pkg.version}.vsix`);
}

function packageVsix() {
  execFileSync(process.execPath, [path.join(ROOT, 'esbuild.js'), '--production'], { cwd: ROOT, stdio: 'inherit' });
  const vsce = require.resolve('@vscode/vsce/vsce');
  execFileSync(process.execPath, [vsce, 'package', '--no-dependencies', '--allow-missing-repository', '--skip-license', '-o', vsixPath()],
    { cwd: ROOT, stdio: 'inherit', env: { ...process.env, VSCE_TELEMETRY: '0' } });
  return vsixPath();
}

module.exports = { packageVsix, vsixPath };

if (require.main === module) {
  const out = packageVsix();
  console.log(`wrote ${path.relative(process.cwd(), out)}`);
}
