// Parses the seed text (shared/seed/data-scientist-roadmap.txt) into stages, sections, bullets and
// their " - " sub-points, so the coverage test can prove every seed item reached the content.
'use strict';
const fs = require('node:fs');
const path = require('node:path');

const SEED_CANDIDATES = [
  path.resolve(__dirname, '..', '..', '..', 'shared', 'seed', 'data-scientist-roadmap.txt'),
  path.resolve(__dirname, '..', 'fixtures', 'data-scientist-roadmap.txt'),
];

function seedPath() {
  for (const p of SEED_CANDIDATES) if (fs.existsSync(p)) return p;
  throw new Error(`seed not found in: ${SEED_CANDIDATES.join(', ')}`);
}

/** Splits a bullet into its head text and its " - " sub-points. */
function splitBullet(text) {
  // " - " separates sub-points, except inside `code` or brackets (formulas such as `f(x+h) - f(x)`).
  const parts = [];
  let depth = 0;
  let code = false;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '`') code = !code;
    else if (!code && '([{'.includes(c)) depth++;
    else if (!code && ')]}'.includes(c)) depth = Math.max(0, depth - 1);
    else if (!code && depth === 0 && c === ' ' && text.startsWith(' - ', i)) {
      parts.push(text.slice(start, i));
      start = i + 3;
      i += 2;
    }
  }
  parts.push(text.slice(start));
  const head = parts[0].trim();
  return { head, subs: parts.slice(1).map((s) => s.trim()).filter(Boolean) };
}

/** @returns {{stages: {number:number,title:string,intro:string,sections:{title:string,bullets:{text:string,head:string,subs:string[]}[]}[],resources:string[]}[], faq:{q:string,a:string}[]}} */
function parseSeed(text = fs.readFileSync(seedPath(), 'utf8')) {
  const lines = text.split(/\r?\n/).map((l) => l.trim()).filter(Boolean);
  /** @type {any[]} */
  const stages = [];
  /** @type {{q:string,a:string}[]} */
  const faq = [];
  /** @type {any} */
  let stage = null;
  /** @type {any} */
  let section = null;
  let mode = 'head';
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    const m = /^Stage (\d\d)$/.exec(line);
    if (m) {
      stage = { number: Number(m[1]), title: lines[i + 1], intro: lines[i + 2], sections: [], resources: [] };
      stages.push(stage);
      i += 2;
      mode = 'sections';
      section = null;
      continue;
    }
    if (line === 'FAQ') {
      mode = 'faq';
      i += 1; // "Common questions"
      continue;
    }
    if (mode === 'faq') {
      faq.push({ q: line, a: lines[i + 1] });
      i += 1;
      continue;
    }
    if (mode !== 'sections' && mode !== 'resources') continue;
    if (line === 'Resources') {
      mode = 'resources';
      continue;
    }
    if (line.startsWith('- ')) {
      const body = line.slice(2).trim();
      if (mode === 'resources') stage.resources.push(body);
      else section.bullets.push({ text: body, ...splitBullet(body) });
      continue;
    }
    mode = 'sections';
    section = { title: line, bullets: [] };
    stage.sections.push(section);
  }
  return { stages, faq };
}

module.exports = { parseSeed, seedPath, splitBullet };

if (require.main === module) {
  const { stages, faq } = parseSeed();
  for (const s of stages) {
    console.log(`Stage ${s.number}: ${s.title}`);
    for (const sec of s.sections) {
      console.log(`  [${sec.title}]`);
      for (const b of sec.bullets) {
        console.log(`    * ${b.head.slice(0, 100)}`);
        for (const sub of b.subs) console.log(`        - ${sub.slice(0, 90)}`);
      }
    }
    console.log(`  resources: ${s.resources.length}`);
  }
  console.log(`faq: ${faq.length}`);
}
