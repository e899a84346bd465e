#!/usr/bin/env node
// Quick author-side check of one or more stage files: YAML parses, required fields exist, ids are
// kebab-case and unique, every formula and every $...$ in markdown renders with KaTeX.
// Usage: node test/support/check-stage.js roadmap/stages/00-*.yaml
'use strict';
const fs = require('node:fs');
const YAML = require('yaml');
const katex = require('katex');

const KEBAB = /^[a-z0-9]+(-[a-z0-9]+)*$/;
let errors = 0;
const seen = new Map();
function err(file, msg) {
  errors++;
  console.log(`${file}: ${msg}`);
}
function tex(file, where, src, display) {
  try {
    katex.renderToString(src, { throwOnError: true, displayMode: display, strict: 'ignore' });
  } catch (e) {
    err(file, `${where}: KaTeX: ${e.message.split('\n')[0]} in: ${src}`);
  }
}
function mathIn(file, where, md) {
  if (typeof md !== 'string') return;
  const noCode = md.replace(/```[\s\S]*?```/g, '').replace(/`[^`\n]*`/g, '');
  for (const m of noCode.matchAll(/\$\$([\s\S]+?)\$\$/g)) tex(file, where, m[1], true);
  const rest = noCode.replace(/\$\$[\s\S]+?\$\$/g, '');
  for (const m of rest.matchAll(/(?<![\\$])\$([^$\n]+?)\$/g)) tex(file, where, m[1], false);
}
for (const file of process.argv.slice(2)) {
  let doc;
  try {
    doc = YAML.parse(fs.readFileSync(file, 'utf8'), { uniqueKeys: true });
  } catch (e) {
    err(file, `YAML: ${e.message}`);
    continue;
  }
  for (const k of ['id', 'number', 'title', 'intro', 'sections', 'resources']) if (doc[k] === undefined) err(file, `missing ${k}`);
  let topics = 0;
  for (const sec of doc.sections || []) {
    if (!KEBAB.test(sec.id || '')) err(file, `bad section id ${sec.id}`);
    mathIn(file, `section ${sec.id} intro`, sec.intro);
    for (const t of sec.topics || []) {
      topics++;
      const where = `topic ${t.id}`;
      if (!KEBAB.test(t.id || '')) err(file, `bad topic id ${t.id}`);
      if (seen.has(t.id)) err(file, `duplicate id ${t.id}`);
      seen.set(t.id, file);
      for (const k of ['title', 'summary', 'details', 'keyPoints', 'keyTerms']) if (!t[k] || (Array.isArray(t[k]) && !t[k].length)) err(file, `${where}: missing ${k}`);
      if (typeof t.summary === 'string' && /[*`$]/.test(t.summary)) err(file, `${where}: summary must be plain text`);
      if (typeof t.details === 'string' && t.details.length < 600) err(file, `${where}: details too short (${t.details.length} chars)`);
      if (typeof t.details === 'string' && /<[a-z!/]/i.test(t.details.replace(/`[^`]*`/g, ''))) err(file, `${where}: raw HTML in details`);
      mathIn(file, where + ' details', t.details);
      for (const kp of t.keyPoints || []) mathIn(file, where + ' keyPoint', kp);
      for (const f of t.formulas || []) {
        if (!f.label || !f.latex) err(file, `${where}: formula needs label and latex`);
        else tex(file, `${where} formula '${f.label}'`, f.latex, true);
        for (const s of f.symbols || []) {
          if (!s.symbol || !s.meaning) err(file, `${where}: symbol needs symbol and meaning`);
          else tex(file, `${where} symbol`, s.symbol, false);
        }
      }
    }
  }
  for (const r of doc.resources || []) {
    if (!['book', 'video', 'course', 'docs'].includes(r.type)) err(file, `resource ${r.title}: bad type ${r.type}`);
    if (typeof r.free !== 'boolean') err(file, `resource ${r.title}: free must be true/false`);
    if (r.url !== undefined && !/^https:\/\/[^\s]+$/.test(r.url)) err(file, `resource ${r.title}: url must be https`);
  }
  console.log(`${file}: ${topics} topics, ${(doc.sections || []).length} sections, ${(doc.resources || []).length} resources`);
}
console.log(errors ? `${errors} problem(s)` : 'OK');
process.exit(errors ? 1 : 0);
