// Starts and stops a real VS Code (code-server) on 127.0.0.1 for tests, benchmarks and `npm start`.
// Each server gets its own run folder (user data, extensions, XDG dirs, TMPDIR), runs in its own
// process group (setsid) and is stopped by killing that group, so nothing is left behind.
'use strict';
const { spawn, execFileSync } = require('node:child_process');
const fs = require('node:fs');
const net = require('node:net');
const os = require('node:os');
const path = require('node:path');
const { CODE_SERVER_BIN, ROOT, CACHE } = require('./setup');

/** @returns {Promise<number>} */
async function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = /** @type {import('node:net').AddressInfo} */ (srv.address());
      srv.close(() => resolve(port));
    });
  });
}

function newRunDir(label) {
  const base = path.join(CACHE, 'runs');
  fs.mkdirSync(base, { recursive: true });
  const dir = fs.mkdtempSync(path.join(base, `${label}-`));
  for (const d of ['user-data/User', 'extensions', 'xdg-config', 'xdg-data', 'tmp']) fs.mkdirSync(path.join(dir, d), { recursive: true });
  fs.writeFileSync(path.join(dir, 'user-data', 'User', 'settings.json'), JSON.stringify({
    'workbench.startupEditor': 'none',
    'telemetry.telemetryLevel': 'off',
    'extensions.autoUpdate': false,
    'extensions.autoCheckUpdates': false,
    'update.mode': 'none',
    'workbench.tips.enabled': false,
    'workbench.enableExperiments': false,
    'security.workspace.trust.enabled': false,
    'chat.commandCenter.enabled': false,
    'workbench.colorTheme': 'Default Dark Modern',
    'git.openRepositoryInParentFolders': 'never',
    'window.autoDetectColorScheme': true,
    'workbench.preferredDarkColorTheme': 'Default Dark Modern',
    'workbench.preferredLightColorTheme': 'Default Light Modern',
  }, null, 2));
  return dir;
}

/** Installs a .vsix into a run folder the way a user does (`--install-extension`). */
function installVsix(runDir, vsix) {
  execFileSync(process.execPath, [CODE_SERVER_BIN,
    '--user-data-dir', path.join(runDir, 'user-data'),
    '--extensions-dir', path.join(runDir, 'extensions'),
    '--install-extension', vsix, '--force'], {
    env: serverEnv(runDir), stdio: ['ignore', 'pipe', 'pipe'],
  });
}

function serverEnv(runDir) {
  const env = { ...process.env };
  for (const k of Object.keys(env)) if (k.startsWith('VSCODE_') || k === 'ELECTRON_RUN_AS_NODE') delete env[k];
  return {
    ...env,
    XDG_CONFIG_HOME: path.join(runDir, 'xdg-config'),
    XDG_DATA_HOME: path.join(runDir, 'xdg-data'),
    TMPDIR: path.join(runDir, 'tmp'),
    // Exercise checks run with Debian's Python and a private kernelspec.
    JUPYTER_PATH: path.join(CACHE, 'jupyter'),
  };
}

/**
 * @typedef {object} ServerOptions
 * @property {string} runDir a folder from newRunDir()
 * @property {string} [workspace] the folder to open
 * @property {boolean} [trust] leave workspace trust on
 * @property {number} [port] a fixed port (else a free one)
 * @property {() => Promise<number>} [pickPort] where a free port comes from (tests use it to hand over a taken one)
 * @property {(line: string) => void} [log]
 * @property {Record<string, string>} [env] more environment for the server and its extension host
 */
/**
 * Starts code-server. Returns { url, port, pid, runDir, stop() }. A free port is picked by the
 * system; another process can still take it before code-server binds it, so a server that finds
 * its port taken is started again on a new one (at most 3 times). A fixed port that is taken is an
 * error. The server counts as up only when its own log says it listens on that port and /healthz
 * answers (so a different server on the port is never mistaken for ours).
 * @param {ServerOptions} options
 */
async function startCodeServer(options) {
  if (!fs.existsSync(CODE_SERVER_BIN)) throw new Error('code-server is not installed; run: node test/support/setup.js');
  for (let attempt = 1; ; attempt++) {
    const port = options.port ?? (await (options.pickPort ?? freePort)());
    const started = await startOn(options, port);
    if (started.ok) return started.server;
    if (options.port !== undefined) throw new Error(`port ${port} on 127.0.0.1 is in use: stop what uses it or choose another port (PORT=...)`);
    if (attempt >= 3) throw new Error(`code-server found its port taken ${attempt} times; see ${path.join(options.runDir, 'code-server.log')}`);
    (options.log ?? (() => {}))(`port ${port} was taken before code-server bound it; trying another`);
  }
}

/**
 * @param {ServerOptions} options
 * @param {number} port
 * @returns {Promise<{ ok: true, server: { url: string, port: number, pid: number, runDir: string, stop: () => Promise<void> } } | { ok: false }>}
 */
async function startOn({ runDir, workspace, trust = false, log = () => {}, env: extraEnv = {} }, port) {
  const args = [CODE_SERVER_BIN,
    '--bind-addr', `127.0.0.1:${port}`, '--auth', 'none', '--disable-telemetry', '--disable-update-check',
    '--disable-getting-started-override', '--user-data-dir', path.join(runDir, 'user-data'),
    '--extensions-dir', path.join(runDir, 'extensions'),
  ];
  if (!trust) args.push('--disable-workspace-trust');
  else trustSettings(runDir);
  if (workspace) args.push(workspace);
  const logFile = path.join(runDir, 'code-server.log');
  const from = fs.existsSync(logFile) ? fs.statSync(logFile).size : 0;
  const out = fs.openSync(logFile, 'a');
  const child = spawn('setsid', [process.execPath, ...args], { env: { ...serverEnv(runDir), ...extraEnv }, stdio: ['ignore', out, out], detached: false });
  fs.closeSync(out);
  const pid = /** @type {number} */ (child.pid);
  let exited = false;
  child.on('exit', () => { exited = true; });
  const stop = async () => {
    if (!exited) {
      try { process.kill(-pid, 'SIGTERM'); } catch { /* already gone */ }
      try { process.kill(pid, 'SIGTERM'); } catch { /* already gone */ }
      const t0 = Date.now();
      while (!exited && Date.now() - t0 < 5000) await new Promise((r) => setTimeout(r, 100));
      try { process.kill(-pid, 'SIGKILL'); } catch { /* gone */ }
    }
    killGroupLeftovers(runDir);
  };
  const ownLog = () => {
    try { return fs.readFileSync(logFile, 'utf8').slice(from); } catch { return ''; }
  };
  const url = `http://127.0.0.1:${port}`;
  const t0 = Date.now();
  for (;;) {
    const text = ownLog();
    if (/EADDRINUSE/.test(text)) {
      await stop();
      return { ok: false };
    }
    if (exited) throw new Error(`code-server exited early; see ${logFile}`);
    if (text.includes(`listening on ${url}`)) {
      try {
        const r = await fetch(`${url}/healthz`);
        if (r.ok) break;
      } catch { /* not up yet */ }
    }
    if (Date.now() - t0 > 60000) {
      await stop();
      throw new Error(`code-server did not listen on ${url} and answer /healthz within 60 s; see ${logFile}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  log(`code-server up on ${url} (pid ${pid}) in ${Date.now() - t0} ms`);
  return { ok: true, server: { url, port, pid, runDir, stop } };
}

/** Workspace trust on: the folder opens in Restricted Mode, without a prompt. */
function trustSettings(runDir) {
  const settings = path.join(runDir, 'user-data', 'User', 'settings.json');
  const s = JSON.parse(fs.readFileSync(settings, 'utf8'));
  Object.assign(s, { 'security.workspace.trust.enabled': true, 'security.workspace.trust.startupPrompt': 'never', 'security.workspace.trust.emptyWindow': false });
  fs.writeFileSync(settings, JSON.stringify(s, null, 2));
}

/** Kills processes (extension hosts, file watchers) still holding this run folder, by PID. */
function killGroupLeftovers(runDir) {
  let pids = [];
  try {
    pids = fs.readdirSync('/proc').filter((d) => /^\d+$/.test(d)).filter((p) => {
      try {
        return fs.readFileSync(`/proc/${p}/cmdline`, 'utf8').includes(runDir);
      } catch { return false; }
    });
  } catch { /* no /proc */ }
  for (const p of pids) {
    try { process.kill(Number(p), 'SIGKILL'); } catch { /* gone */ }
  }
}

/**
 * Launches Debian's Chromium with the flags this closed network needs.
 * @param {string} runDir
 * @param {{ colorScheme?: 'dark' | 'light', viewport?: { width: number, height: number } }} [options]
 */
async function launchBrowser(runDir, { colorScheme = 'dark', viewport = { width: 1400, height: 900 } } = {}) {
  const { chromium } = require('playwright-core');
  const profile = path.join(runDir, 'chromium');
  fs.mkdirSync(profile, { recursive: true });
  return chromium.launchPersistentContext(profile, {
    executablePath: '/usr/bin/chromium',
    headless: true,
    viewport,
    colorScheme,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'],
  });
}

/**
 * The keyboard on the workbench itself: a click into a webview (our page, a walkthrough step's
 * markdown) leaves focus in its frame, where F1 may not reach the workbench.
 * @param {import('playwright-core').Page} page
 */
async function focusWorkbench(page) {
  await page.evaluate(() => {
    const d = /** @type {any} */ (globalThis).document;
    const a = d.activeElement;
    if (a && typeof a.blur === 'function' && (a.tagName === 'IFRAME' || a.closest?.('.webview'))) a.blur();
  });
}

/**
 * Runs a command from the command palette (F1), by its full title ("Roadmap: Open Topic...").
 * A frame that takes the focus just then can swallow the key: it is pressed again, at most 3 times.
 * @param {import('playwright-core').Page} page
 * @param {string} command
 */
async function palette(page, command) {
  const input = page.locator('.quick-input-widget input');
  // A view that re-renders and takes the focus just then (the walkthrough, when a step completes)
  // can close the palette again before it is typed into: open it again, at most 3 times.
  for (let attempt = 1; ; attempt++) {
    await focusWorkbench(page);
    await page.keyboard.press('F1');
    const typed = await input.waitFor({ state: 'visible', timeout: 5_000 })
      .then(() => input.fill(`>${command}`, { timeout: 5_000 }))
      .then(() => true, () => false);
    if (typed) break;
    if (attempt === 3) throw new Error(`F1 did not open the command palette, or it closed before it was typed into (for ${command})`);
  }
  // The list filters as it is typed into: wait until the command itself is the focused row.
  const title = command.replace(/^[^:]*:\s*/, '');
  await page.locator('.quick-input-list .monaco-list-row.focused', { hasText: title }).first().waitFor({ state: 'visible' });
  await page.keyboard.press('Enter');
}

/**
 * Takes the mouse off whatever it last clicked, and waits until that thing's hover is gone. A title-bar
 * button's hover ("Open Overview") opens below it, over the tree's first row, and catches the next
 * click there; a slow machine shows it before that click, a fast one does not.
 * @param {import('playwright-core').Page} page
 */
async function leaveHover(page) {
  const box = await page.locator('.part.editor').boundingBox();
  if (box) await page.mouse.move(box.x + box.width / 2, box.y + box.height - 5);
  const hover = page.locator('.context-view .hover-contents, .workbench-hover-container .monaco-hover').first();
  const gone = () => hover.waitFor({ state: 'hidden', timeout: 3_000 }).then(() => true, () => false);
  if (!(await gone())) {
    await page.keyboard.press('Escape');
    if (!(await gone())) throw new Error('a hover stays open over the workbench after the mouse left it');
  }
}

module.exports = { startCodeServer, newRunDir, installVsix, launchBrowser, freePort, focusWorkbench, palette, leaveHover, ROOT, os };
