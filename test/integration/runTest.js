// Integration layer entry: @vscode/test-electron's runTests(), with code-server standing in for
// the VS Code executable (see test/support/code-server-launcher.js). Runs two suites: one in a
// trusted workspace folder (most tests) and one with workspace trust on and the folder untrusted.
'use strict';
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { runTests } = require('@vscode/test-electron');

const ROOT = path.resolve(__dirname, '..', '..');

async function main() {
  const launcher = path.join(ROOT, 'test', 'support', 'code-server-launcher.js');
  fs.chmodSync(launcher, 0o755);
  let failed = 0;
  // Benchmarks: one session per first-paint figure, so each measures a session's first webview.
  // DS_ROADMAP_BENCH_GREP runs one bench session with only the benchmarks it names.
  const only = process.env.DS_ROADMAP_BENCH_GREP;
  const suites = process.argv.includes('--bench') ? (only ? ['bench'] : ['bench', 'bench', 'bench']) : ['trusted', 'untrusted', 'nofolder'];
  const benchGreps = only ? [only] : ['activation|status bar|topic page|overview and stage|review|environment probe|progress:|check diagnostics', 'dashboard: command', 'empty webview'];
  for (const [i, suite] of suites.entries()) {
    if (suite === 'bench') process.env.DS_ROADMAP_GREP = benchGreps[i];
    const workspace = fs.mkdtempSync(path.join(os.tmpdir(), `ds-roadmap-ws-${suite}-`));
    fs.writeFileSync(path.join(workspace, 'README.md'), '# Integration test workspace\n');
    process.env.DS_ROADMAP_TRUST = suite === 'untrusted' ? '1' : '0';
    process.env.DS_ROADMAP_SUITE = suite;
    try {
      await runTests({
        vscodeExecutablePath: launcher,
        extensionDevelopmentPath: ROOT,
        extensionTestsPath: path.join(ROOT, 'out', 'test', 'integration', 'index.js'),
        launchArgs: suite === 'nofolder' ? [] : [workspace],
        extensionTestsEnv: { DS_ROADMAP_SUITE: suite },
      });
    } catch (e) {
      failed++;
      console.error(`${suite} suite failed: ${e && e.message ? e.message : e}`);
    } finally {
      fs.rmSync(workspace, { recursive: true, force: true });
    }
  }
  if (failed) throw new Error(`${failed} suite(s) failed`);
}

main().catch((e) => {
  console.error(`integration tests failed: ${e && e.message ? e.message : e}`);
  process.exit(1);
});
