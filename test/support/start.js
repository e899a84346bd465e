#!/usr/bin/env node
// `npm start`: build and package the .vsix, install it into code-server (a real VS Code) the way a
// user does, and open it on 127.0.0.1 with a sample workspace folder. Ctrl-C stops everything.
// It needs only what the editor needs (code-server, and the packages that install it); the Python
// stack is for the exercise test layers, so a non-root user with code-server installed can start.
// PORT=8080 npm start serves on that port, and fails with a clear line if it is taken.
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const { spawnSync } = require('node:child_process');
const { startCodeServer, newRunDir, installVsix, ROOT } = require('./codeServer');
const { packageVsix } = require('./package');

async function main() {
  const t0 = Date.now();
  const port = process.env.PORT ? Number(process.env.PORT) : undefined;
  if (port !== undefined && !(Number.isInteger(port) && port > 0 && port < 65536)) throw new Error(`PORT must be a port number (1-65535), not "${process.env.PORT}"`);
  // setup.js says what failed in one line of its own.
  const setup = spawnSync(process.execPath, [path.join(__dirname, 'setup.js'), 'code-server'], { stdio: 'inherit' });
  if (setup.status !== 0) process.exit(setup.status ?? 2);
  const vsix = packageVsix();
  const runDir = newRunDir('start');
  installVsix(runDir, vsix);
  const workspace = path.join(ROOT, '.vscode-test', 'sample-workspace');
  fs.mkdirSync(workspace, { recursive: true });
  const readme = path.join(workspace, 'README.md');
  if (!fs.existsSync(readme)) {
    fs.writeFileSync(readme, '# My data science study\n\nOpen the Data Science Roadmap view in the activity bar to begin.\n');
  }
  const server = await startCodeServer({ runDir, workspace, port });
  const url = `${server.url}/?folder=${encodeURIComponent(workspace)}`;
  console.log(`\nData Science Roadmap is running in a real VS Code (ready in ${((Date.now() - t0) / 1000).toFixed(1)} s):\n\n  ${url}\n\nOpen it in a browser. Press Ctrl-C to stop.\n`);
  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    console.log('\nstopping code-server...');
    await server.stop();
    fs.rmSync(runDir, { recursive: true, force: true });
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  setInterval(() => {}, 1 << 30);
}

main().catch((e) => {
  console.error(`npm start: ${String(e.message || e).split('\n')[0]}`);
  process.exit(1);
});
