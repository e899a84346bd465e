// Builds everything the extension ships, into dist/:
//  1. dist/roadmap.json       the built-in roadmap, compiled from roadmap/*.yaml (YAML -> validated
//                             model -> pre-rendered HTML). Fails the build on any loader error.
//  2. dist/extension.js       the extension host bundle (node, cjs, `vscode` external).
//     dist/data/*.br          what the extension reads at run time, brotli-compressed: the
//                             roadmap, the exercises, and per stage the topic pages (markdown
//                             rendered, math typeset by KaTeX).
//  3. dist/webview/*.js       the browser code of the webviews, plus KaTeX's CSS and the fonts
//                             the typeset math uses.
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
 * What the extension reads at run time goes to dist/data/<name>.br, brotli-compressed (the .vsix
 * is about a third smaller than with zip's deflate; node decompresses it without a dependency).
 * The plain dist/roadmap.json and dist/exercises.json are for tests and tools and are not shipped.
 */
function writeData(name, text) {
  const zlib = require('node:zlib');
  const params = {
    [zlib.constants.BROTLI_PARAM_QUALITY]: production ? 11 : 5,
    [zlib.constants.BROTLI_PARAM_LGWIN]: 24,
    [zlib.constants.BROTLI_PARAM_MODE]: zlib.constants.BROTLI_MODE_TEXT,
    [zlib.constants.BROTLI_PARAM_SIZE_HINT]: Buffer.byteLength(text),
  };
  fs.mkdirSync(path.join(DIST, 'data'), { recursive: true });
  fs.writeFileSync(path.join(DIST, 'data', `${name}.br`), zlib.brotliCompressSync(text, { params }));
}

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
  // The topic pages (markdown and typeset math: most of the bytes) go to one file per stage, read
  // when a page of that stage first opens; roadmap.json keeps the model and stays quick to parse.
  const runtime = { ...compiled, html: { ...compiled.html, topics: {} } };
  fs.mkdirSync(DIST, { recursive: true });
  const roadmapJson = JSON.stringify(runtime);
  fs.writeFileSync(path.join(DIST, 'roadmap.json'), roadmapJson);
  writeData('roadmap.json', roadmapJson);
  for (const stage of compiled.roadmap.stages) {
    const pages = {};
    for (const sec of stage.sections) for (const t of sec.topics) pages[t.id] = compiled.html.topics[t.id];
    writeData(`pages-${stage.id}.json`, JSON.stringify(pages));
  }
  const summary = compileModule.summarize(compiled.roadmap);
  // Exercises: authored ones only; every other topic gets its reflection exercise at run time.
  const exDir = path.join(dir, 'exercises');
  const exFiles = fs.existsSync(exDir) ? fs.readdirSync(exDir).filter((n) => n.endsWith('.yaml')).sort()
    .map((n) => ({ name: `exercises/${n}`, text: fs.readFileSync(path.join(exDir, n), 'utf8') })) : [];
  const ex = compileModule.loadExercises(exFiles, summary.topicIds);
  for (const i of ex.issues) console.log(`roadmap/${i.file}:${i.line}:${i.column} ${i.severity}: ${i.message}`);
  const exErrors = ex.issues.filter((i) => i.severity === 'error');
  if (exErrors.length) throw new Error(`exercises have ${exErrors.length} error(s)`);
  const exercisesJson = JSON.stringify({ version: 1, exercises: Object.fromEntries(ex.exercises) });
  fs.writeFileSync(path.join(DIST, 'exercises.json'), exercisesJson);
  writeData('exercises.json', exercisesJson);
  return { summary, usedClasses: katexClasses(JSON.stringify(compiled.html)) };
}

/** Every class name used inside the typeset math (to ship only the KaTeX fonts it needs). */
function katexClasses(html) {
  const used = new Set();
  for (const m of html.matchAll(/class=\\?"([^"\\]*)\\?"/g)) for (const c of m[1].split(/\s+/)) if (c) used.add(c);
  return used;
}

/**
 * The woff2 files that KaTeX's stylesheet can ask for, given the classes the math uses: a rule
 * `.katex .a.b{font-family:KaTeX_X;font-weight:700}` needs KaTeX_X-Bold when a and b are used.
 * KaTeX_Main-Regular and KaTeX_Math-Italic are the defaults and always ship.
 */
function neededFonts(css, usedClasses) {
  const need = new Set(['KaTeX_Main-Regular.woff2', 'KaTeX_Math-Italic.woff2']);
  for (const rule of css.matchAll(/([^{}]+)\{([^{}]*font-family:(KaTeX_[A-Za-z0-9]+)[^{}]*)\}/g)) {
    const [, selectors, body, family] = rule;
    const bold = /font-weight:(700|bold)/.test(body);
    const italic = /font-style:italic/.test(body);
    const file = `${family}-${bold && italic ? 'BoldItalic' : bold ? 'Bold' : italic ? 'Italic' : 'Regular'}.woff2`;
    for (const sel of selectors.split(',')) {
      const classes = [...sel.matchAll(/\.([a-zA-Z0-9_-]+)/g)].map((m) => m[1]).filter((c) => c !== 'katex');
      if (classes.length > 0 && classes.every((c) => usedClasses.has(c))) need.add(file);
    }
  }
  return need;
}

function copyKatexAssets(usedClasses) {
  const src = path.join(path.dirname(require.resolve('katex/package.json')), 'dist');
  const dst = path.join(DIST, 'webview', 'katex');
  fs.mkdirSync(path.join(dst, 'fonts'), { recursive: true });
  // Only woff2: every browser VS Code runs in supports it, and it keeps the .vsix small.
  let css = fs.readFileSync(path.join(src, 'katex.min.css'), 'utf8')
    .replace(/src:url\(([^)]+\.woff2)\) format\("woff2"\)(,url\([^)]+\) format\("[^"]+"\))*/g, 'src:url($1) format("woff2")');
  const need = neededFonts(css, usedClasses);
  // Fonts the roadmap's math never uses stay out of the .vsix, and so do their @font-face rules.
  css = css.replace(/@font-face\{[^}]*url\(fonts\/([^)]+\.woff2)\)[^}]*\}/g, (rule, file) => (need.has(file) ? rule : ''));
  fs.writeFileSync(path.join(dst, 'katex.min.css'), css);
  for (const f of need) fs.copyFileSync(path.join(src, 'fonts', f), path.join(dst, 'fonts', f));
  return need;
}

async function main() {
  // Start clean so files of an earlier build (source maps of a dev build) never reach the .vsix.
  if (!watch) fs.rmSync(DIST, { recursive: true, force: true });
  const { summary, usedClasses } = await compileRoadmap();
  const fonts = copyKatexAssets(usedClasses);
  const common = { bundle: true, minify: production, sourcemap: !production, logLevel: 'warning', legalComments: 'none' };
  const host = await esbuild.context({
    ...common,
    entryPoints: [path.join(ROOT, 'src', 'extension.ts')],
    outfile: path.join(DIST, 'extension.js'),
    platform: 'node', format: 'cjs', target: 'node18',
    external: ['vscode'],
    define: { __ROADMAP_SUMMARY__: JSON.stringify(summary) },
    // When module evaluation starts: activate() reports how long loading the bundle took.
    banner: { js: '"use strict";var __dsRoadmapLoadStart = performance.now();' },
    metafile: true,
  });
  const web = await esbuild.context({
    ...common,
    entryPoints: {
      page: path.join(ROOT, 'src', 'webview', 'page.ts'),
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
  // The webview scripts are inlined into the page documents; `</script` would end them early.
  for (const f of fs.readdirSync(path.join(DIST, 'webview')).filter((n) => n.endsWith('.js'))) {
    if (/<\/script/i.test(fs.readFileSync(path.join(DIST, 'webview', f), 'utf8'))) throw new Error(`dist/webview/${f} contains '</script'; it cannot be inlined`);
  }
  await host.dispose();
  await web.dispose();
  const bytes = Object.values(r.metafile.outputs).reduce((n, o) => n + o.bytes, 0);
  console.log(`[esbuild] ${production ? 'production' : 'development'} build: extension.js ${(bytes / 1024).toFixed(1)} KB, ${summary.topicIds.length} topics, ${fonts.size} KaTeX fonts`);
}

main().catch((e) => {
  console.error(e.message || e);
  process.exit(1);
});
