#!/usr/bin/env node
// Author-side check of quiz files: the real loader (schema rules, one correct option, feedback on
// every option, numeric answers recomputed, no duplicate prompts), every piece of math through
// KaTeX, and which topics of the files' stages still lack three questions.
// Usage: node test/support/check-quiz.js [roadmap/quizzes/NN-*.yaml ...]   (default: all)
'use strict';
const esbuild = require('esbuild');
const fs = require('node:fs');
const path = require('node:path');

const ROOT = path.resolve(__dirname, '..', '..');
const out = path.join(ROOT, 'out', 'check-quiz.js');
esbuild.buildSync({
  stdin: {
    resolveDir: ROOT,
    loader: 'ts',
    contents: `export { loadQuizzes } from './src/build/quizLoader'; export { loadRoadmap } from './src/build/roadmapLoader';
      export { renderMarkdown } from './src/build/markdown'; export { renderMath } from './src/build/math';`,
  },
  bundle: true, platform: 'node', format: 'cjs', outfile: out, logLevel: 'warning',
});
const m = require(out);
const rm = path.join(ROOT, 'roadmap');
const read = (dir, prefix) => fs.readdirSync(path.join(rm, dir)).filter((n) => n.endsWith('.yaml')).sort()
  .map((n) => ({ name: `${prefix}${n}`, text: fs.readFileSync(path.join(rm, dir, n), 'utf8') }));
const { roadmap } = m.loadRoadmap([{ name: 'roadmap.yaml', text: fs.readFileSync(path.join(rm, 'roadmap.yaml'), 'utf8') }, ...read('stages', 'stages/')]);
const ids = roadmap.stages.flatMap((s) => s.sections.flatMap((sec) => sec.topics.map((t) => t.id)));
const args = process.argv.slice(2);
const files = (args.length ? args : read('quizzes', '').map((f) => path.join(rm, 'quizzes', f.name)))
  .map((f) => ({ name: `quizzes/${path.basename(f)}`, text: fs.readFileSync(f, 'utf8') }));
const { quizzes, issues } = m.loadQuizzes(files, ids);
for (const i of issues) console.log(`roadmap/${i.file}:${i.line}:${i.column} ${i.severity}: ${i.message}`);
let mathErrors = 0;
const kinds = {};
const md = (where, s) => {
  const html = m.renderMarkdown(s);
  if (html.includes('math-error')) { mathErrors++; console.log(`math error in ${where}: ${s.slice(0, 120)}`); }
};
for (const q of quizzes.values()) for (const x of q.questions) {
  kinds[x.kind] = (kinds[x.kind] ?? 0) + 1;
  const w = `${q.topic}/${x.id}`;
  md(`${w} prompt`, x.prompt);
  md(`${w} explanation`, x.explanation);
  for (const o of x.options) {
    if (x.kind === 'formula') { if (m.renderMath(o.text, true).includes('math-error')) { mathErrors++; console.log(`math error in ${w} option: ${o.text}`); } }
    else md(`${w} option`, o.text);
    md(`${w} feedback`, o.feedback);
  }
  for (const k of x.mistakes ?? []) md(`${w} mistake`, k.feedback);
}
const stages = new Set(files.map((f) => { try { return require('yaml').parse(f.text)?.stage; } catch { return undefined; } }));
const missing = roadmap.stages.filter((s) => stages.has(s.id)).flatMap((s) => s.sections.flatMap((sec) => sec.topics))
  .filter((t) => (quizzes.get(t.id)?.questions.length ?? 0) < 3).map((t) => t.id);
const total = [...quizzes.values()].reduce((n, q) => n + q.questions.length, 0);
const errors = issues.filter((i) => i.severity === 'error').length;
console.log(`${quizzes.size} topics, ${total} questions (${Object.entries(kinds).map(([k, n]) => `${k} ${n}`).join(', ')}); ${errors} error(s), ${mathErrors} math error(s)`);
if (missing.length) console.log(`topics of these stages with fewer than 3 valid questions: ${missing.join(', ')}`);
process.exit(errors || mathErrors || missing.length ? 1 : 0);
