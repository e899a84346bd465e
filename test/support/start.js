#!/usr/bin/env node
// `npm start`: build and package the .vsix, install it into code-server (a real VS Code) the way a
// user does, and open it on 127.0.0.1 with a sample workspace folder. Ctrl-C stops everything.
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const { execFileSync } = require('node:child_process');
const { startCodeServer, newRunDir, installVsix, ROOT } = require('./codeServer');
const { packageVsix } = require('./package');

async function main() {
  execFileSync(process.execPath, [path.join(__dirname, 'setup.js'), 'apt', 'code-server'], { stdio: 'inherit' });
  const vsix = packageVsix();
  const runDir = newRunDir('start');
  installVsix(runDir, vsix);
  const workspace = path.join(ROOT, '.vscode-test', 'sample-workspace');
  fs.mkdirSync(workspace, { recursive: true });
  const readme = path.join(workspace, 'README.md');
  if (!fs.existsSync(readme)) {
    fs.writeFileSync(readme, '# My data science study\n\nOpen the Data Science Roadmap view in the activity bar to begin.\n');
  }
  const port = Number(process.env.PORT) || undefined;
  const server = await startCodeServer({ runDir, workspace, port });
  const url = `${server.url}/?folder=${encodeURIComponent(workspace)}`;
  console.log(`\nData Science Roadmap is running in a real VS Code:\n\n  ${url}\n\nOpen it in a browser. Press Ctrl-C to stop.\n`);
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
  console.error(e.message || e);
  process.exit(1);
});
