// @ts-check
// Bundles and watches; the content build is src/build (one typed entry, `buildContent`):
//  1. the content: roadmap/ -> dist/data/*.br (validated model, pages with math typeset,
//     exercises, quizzes) and KaTeX's CSS + fonts (src/build/index.ts);
//  2. dist/extension.js   the extension host bundle loaded at activation (node, cjs, `vscode` external):
//                         the command entry points;
//     dist/shown.js       loaded right after activation: the status bar, the tree, the progress store;
//     dist/features.js    loaded on first use: pages, exercises, checks, command bodies;
//     dist/notes.js       loaded when a page first shows a note: markdown-it;
//  3. dist/webview/*.js   the browser code of the pages.
// Flags: --production (minify, no sourcemaps), --watch.
'use strict';
const esbuild = require('esbuild');
const fs = require('node:fs');
const path = require('node:path');

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');
const ROOT = __dirname;
const DIST = path.join(ROOT, 'dist');

/**
 * Bundles the build (src/build, with yaml, markdown-it and KaTeX) to a temporary module and
 * returns its typed entry, with a hash of that module's code (the build caches by it).
 * @returns {Promise<{ build: typeof import('./src/build/index'), codeHash: string }>}
 */
async function loadBuild() {
  const outfile = path.join(ROOT, 'out', 'build', 'build.js');
  await esbuild.build({
    entryPoints: [path.join(ROOT, 'src', 'build', 'index.ts')],
    bundle: true, platform: 'node', format: 'cjs', target: 'node18', outfile, logLevel: 'warning',
  });
  delete require.cache[require.resolve(outfile)];
  return { build: require(outfile), codeHash: require('node:crypto').createHash('sha256').update(fs.readFileSync(outfile)).digest('hex') };
}

/**
 * One build at a time in this folder (a test layer and a benchmark may both build): a lock file
 * created exclusively, taken over when its owner is gone.
 */
async function withBuildLock(/** @type {() => Promise<void>} */ fn) {
  const lock = path.join(ROOT, 'out', '.build.lock');
  fs.mkdirSync(path.dirname(lock), { recursive: true });
  for (let i = 0; ; i++) {
    try {
      fs.writeFileSync(lock, String(process.pid), { flag: 'wx' });
      break;
    } catch {
      const owner = Number(fs.readFileSync(lock, 'utf8'));
      let alive = false;
      try { process.kill(owner, 0); alive = true; } catch { /* gone */ }
      if (!alive || i > 1200) fs.rmSync(lock, { force: true });
      else await new Promise((r) => setTimeout(r, 100));
    }
  }
  try {
    await fn();
  } finally {
    fs.rmSync(lock, { force: true });
  }
}

async function main() {
  // Start clean so files of an earlier build (source maps of a dev build) never reach the .vsix.
  if (!watch) fs.rmSync(DIST, { recursive: true, force: true });
  const { build, codeHash } = await loadBuild();
  const content = await build.buildContent({ root: ROOT, dist: DIST, production, codeHash });
  /** @type {import('esbuild').BuildOptions} */
  const common = { bundle: true, minify: production, sourcemap: !production, logLevel: 'warning', legalComments: 'none' };
  const host = await esbuild.context({
    ...common,
    entryPoints: {
      extension: path.join(ROOT, 'src', 'extension.ts'),
      shown: path.join(ROOT, 'src', 'vscode', 'shown.ts'),
      features: path.join(ROOT, 'src', 'vscode', 'features.ts'),
      notes: path.join(ROOT, 'src', 'vscode', 'notes', 'noteMarkdown.ts'),
    },
    outdir: DIST,
    platform: 'node', format: 'cjs', target: 'node18',
    external: ['vscode'],
    define: { __ROADMAP_SUMMARY__: JSON.stringify(content.summary), __SETTING_DEFAULTS__: JSON.stringify(content.settingDefaults) },
    // When module evaluation starts: activate() reports how long loading the bundle took.
    banner: { js: '"use strict";var __dsRoadmapLoadStart = performance.now();' },
    metafile: true,
  });
  const web = await esbuild.context({
    ...common,
    entryPoints: { page: path.join(ROOT, 'src', 'webview', 'page.ts') },
    outdir: path.join(DIST, 'webview'),
    platform: 'browser', format: 'iife', target: 'es2022',
    tsconfig: path.join(ROOT, 'src', 'webview', 'tsconfig.json'),
  });
  if (watch) {
    await host.watch();
    await web.watch();
    console.log('[esbuild] watching');
    return;
  }
  const r = await host.rebuild();
  await web.rebuild();
  // The webview scripts are inlined into the page documents; `</script` would end them early.
  for (const f of fs.readdirSync(path.join(DIST, 'webview')).filter((n) => n.endsWith('.js'))) {
    if (/<\/script/i.test(fs.readFileSync(path.join(DIST, 'webview', f), 'utf8'))) throw new Error(`dist/webview/${f} contains '</script'; it cannot be inlined`);
  }
  await host.dispose();
  await web.dispose();
  const sizes = Object.entries(r.metafile?.outputs ?? {}).filter(([f]) => f.endsWith('.js'))
    .map(([f, o]) => `${path.basename(f)} ${(o.bytes / 1024).toFixed(1)} KB`).join(', ');
  console.log(`[esbuild] ${production ? 'production' : 'development'} build: ${sizes}, ${content.summary.topicIds.length} topics, ${content.fonts.length} KaTeX fonts`);
}

(watch ? main() : withBuildLock(main)).catch((e) => {
  console.error(e.message || e);
  process.exit(1);
});
