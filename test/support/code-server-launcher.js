#!/usr/bin/env node
// Stands in for the VS Code executable given to @vscode/test-electron's runTests(). It receives
// --extensionDevelopmentPath=... and --extensionTestsPath=... (Electron flags are ignored), starts
// code-server on 127.0.0.1, loads the workbench in Chromium with VS Code's remote-test payload so
// mocha runs inside the real extension host, relays its output, and exits with its exit code.
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const util = require('node:util');
const { startCodeServer, newRunDir, launchBrowser } = require('./codeServer');

function arg(name) {
  const prefix = `--${name}=`;
  const hit = process.argv.find((a) => a.startsWith(prefix));
  if (hit) return hit.slice(prefix.length);
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

async function main() {
  const devPath = arg('extensionDevelopmentPath');
  const testsPath = arg('extensionTestsPath');
  if (!devPath || !testsPath) throw new Error('need --extensionDevelopmentPath and --extensionTestsPath');
  // The workspace is the last positional argument, as with `code <folder>`.
  const positional = process.argv.slice(2).filter((a) => !a.startsWith('--') && fs.existsSync(a));
  const workspace = positional[positional.length - 1];
  const runDir = newRunDir('integration');
  const trust = process.env.DS_ROADMAP_TRUST === '1';
  const server = await startCodeServer({ runDir, workspace, trust, log: (m) => console.log(`[launcher] ${m}`) });
  let browser;
  let code = 1;
  const timeoutMs = Number(process.env.DS_ROADMAP_TEST_TIMEOUT_MS || 20 * 60 * 1000);
  try {
    browser = await launchBrowser(runDir);
    const done = new Promise((resolve) => {
      browser.exposeBinding('codeAutomationExit', (_src, c) => resolve(Number(c)));
      browser.exposeBinding('codeAutomationLog', (_src, type, args) => {
        const text = util.format(...(Array.isArray(args) ? args : [args])).replace(/%c/g, '');
        if (type === 'error') console.error(text); else console.log(text);
      });
    });
    const remote = (p) => `vscode-remote://127.0.0.1:${server.port}${path.resolve(p)}`;
    const payload = [
      ['extensionDevelopmentPath', remote(devPath)],
      ['extensionTestsPath', remote(testsPath)],
      ['skipWelcome', 'true'],
    ];
    const page = browser.pages()[0] ?? (await browser.newPage());
    const folder = workspace ? `folder=${encodeURIComponent(path.resolve(workspace))}&` : 'ew=true&';
    await page.goto(`${server.url}/?${folder}payload=${encodeURIComponent(JSON.stringify(payload))}`);
    let timer;
    const timeout = new Promise((resolve) => { timer = setTimeout(() => { console.error(`[launcher] tests did not finish within ${timeoutMs / 1000} s`); resolve(1); }, timeoutMs); });
    code = await Promise.race([done, timeout]);
    clearTimeout(timer);
  } catch (e) {
    console.error(`[launcher] ${e.stack || e}`);
    code = 1;
  } finally {
    await browser?.close().catch(() => {});
    await server.stop();
    if (process.env.DS_ROADMAP_KEEP_RUN !== '1') fs.rmSync(runDir, { recursive: true, force: true });
  }
  process.exit(code);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
