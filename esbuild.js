// Builds everything the extension ships, into dist/:
//  1. dist/roadmap.json       the built-in roadmap, compiled from roadmap/*.yaml (YAML -> validated
//                             model -> pre-rendered HTML). Fails the build on any loader error.
//  2. dist/extension.js       the extension host bundle (node, cjs, `vscode` external).
//  3. dist/webview/*.js       the browser code of the webviews, plus KaTeX's CSS and fonts.
// Flags: --production (minify, no sourcemaps), --watch.
'use strict';
const esbuild = require('esbuild');
const fs = require('node:fs');
const path = require('node:path');

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');
const ROOT = __dirname;
const DIST = path.join(ROOT, 'dist');

/** Bundles the compiler (src/core, with yaml + markdown-it) to a temporary module and runs it. */
async function compileRoadmap() {
  const outfile = path.join(ROOT, 'out', 'build', 'compile.js');
  await esbuild.build({
    entryPoints: [path.join(ROOT, 'src', 'core', 'compile.ts')],
    bundle: true, platform: 'node', format: 'cjs', target: 'node18', outfile, logLevel: 'warning',
  });
  delete require.cache[require.resolve(outfile)];
  const compileModule = require(outfile);
  const compile = compileModule.compileRoadmap;
  const dir = path.join(ROOT, 'roadmap');
  const files = [{ name: 'roadmap.yaml', text: fs.readFileSync(path.join(dir, 'roadmap.yaml'), 'utf8') }];
  for (const f of fs.readdirSync(path.join(dir, 'stages')).filter((n) => n.endsWith('.yaml')).sort()) {
    files.push({ name: `stages/${f}`, text: fs.readFileSync(path.join(dir, 'stages', f), 'utf8') });
  }
  const { compiled, result } = compile(files);
  const errors = result.issues.filter((i) => i.severity === 'error');
  for (const i of result.issues) console.log(`roadmap/${i.file}:${i.line}:${i.column} ${i.severity}: ${i.message}`);
  if (!compiled || errors.length) throw new Error(`roadmap has ${errors.length} error(s)`);
  fs.mkdirSync(DIST, { recursive: true });
  fs.writeFileSync(path.join(DIST, 'roadmap.json'), JSON.stringify(compiled));
  const summary = compileModule.summarize(compiled.roadmap);
  // Exercises: authored ones only; every other topic gets its reflection exercise at run time.
  const exDir = path.join(dir, 'exercises');
  const exFiles = fs.existsSync(exDir) ? fs.readdirSync(exDir).filter((n) => n.endsWith('.yaml')).sort()
    .map((n) => ({ name: `exercises/${n}`, text: fs.readFileSync(path.join(exDir, n), 'utf8') })) : [];
  const ex = compileModule.loadExercises(exFiles, summary.topicIds);
  for (const i of ex.issues) console.log(`roadmap/${i.file}:${i.line}:${i.column} ${i.severity}: ${i.message}`);
  const exErrors = ex.issues.filter((i) => i.severity === 'error');
  if (exErrors.length) throw new Error(`exercises have ${exErrors.length} error(s)`);
  fs.writeFileSync(path.join(DIST, 'exercises.json'), JSON.stringify({ version: 1, exercises: Object.fromEntries(ex.exercises) }));
  return summary;
}

function copyKatexAssets() {
  const src = path.join(path.dirname(require.resolve('katex/package.json')), 'dist');
  const dst = path.join(DIST, 'webview', 'katex');
  fs.mkdirSync(path.join(dst, 'fonts'), { recursive: true });
  // Only woff2: every browser VS Code runs in supports it, and it keeps the .vsix small.
  const css = fs.readFileSync(path.join(src, 'katex.min.css'), 'utf8')
    .replace(/src:url\(([^)]+\.woff2)\) format\("woff2"\)(,url\([^)]+\) format\("[^"]+"\))*/g, 'src:url($1) format("woff2")');
  fs.writeFileSync(path.join(dst, 'katex.min.css'), css);
  for (const f of fs.readdirSync(path.join(src, 'fonts')).filter((n) => n.endsWith('.woff2'))) {
    fs.copyFileSync(path.join(src, 'fonts', f), path.join(dst, 'fonts', f));
  }
}

async function main() {
  // Start clean so files of an earlier build (source maps of a dev build) never reach the .vsix.
  if (!watch) fs.rmSync(DIST, { recursive: true, force: true });
  const summary = await compileRoadmap();
  copyKatexAssets();
  const common = { bundle: true, minify: production, sourcemap: !production, logLevel: 'warning', legalComments: 'none' };
  const host = await esbuild.context({
    ...common,
    entryPoints: [path.join(ROOT, 'src', 'extension.ts')],
    outfile: path.join(DIST, 'extension.js'),
    platform: 'node', format: 'cjs', target: 'node18',
    external: ['vscode'],
    define: { __ROADMAP_SUMMARY__: JSON.stringify(summary) },
    metafile: true,
  });
  const web = await esbuild.context({
    ...common,
    entryPoints: {
      topic: path.join(ROOT, 'src', 'webview', 'topic.ts'),
      dashboard: path.join(ROOT, 'src', 'webview', 'dashboard.ts'),
    },
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
  await host.dispose();
  await web.dispose();
  const bytes = Object.values(r.metafile.outputs).reduce((n, o) => n + o.bytes, 0);
  console.log(`[esbuild] ${production ? 'production' : 'development'} build: extension.js ${(bytes / 1024).toFixed(1)} KB, ${summary.topicIds.length} topics`);
}

main().catch((e) => {
  console.error(e.message || e);
  process.exit(1);
});
