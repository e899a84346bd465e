import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { renderMarkdown } from '../../src/build/markdown';
import { formatIssue, type Roadmap, type Topic } from '../../src/core/roadmap/model';
import { realRoadmap, ROOT } from './fixtures';
import { allTopics, katexError, mathIn, visibleText } from './mathScan';

// test/support/seed.js is plain CommonJS; it is read from the source tree, not from out/.
interface SeedBullet { readonly text: string; readonly head: string; readonly subs: readonly string[] }
interface SeedSection { readonly title: string; readonly bullets: readonly SeedBullet[] }
interface SeedStage { readonly number: number; readonly title: string; readonly intro: string; readonly sections: readonly SeedSection[]; readonly resources: readonly string[] }
interface Seed { readonly stages: readonly SeedStage[]; readonly faq: readonly { q: string; a: string }[] }
// eslint-disable-next-line @typescript-eslint/no-require-imports
const seedModule = require(path.join(ROOT, 'test', 'support', 'seed.js')) as { parseSeed(): Seed; seedPath(): string };

interface CoverageEntry {
  readonly stage: number;
  readonly section: string;
  readonly bullet: string;
  readonly subs?: readonly string[];
  readonly topics: readonly string[];
}

const KEBAB = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;


/** Lower case, no backticks, every run of punctuation/space collapsed to one space. */
function normalizePhrase(s: string): string {
  return s.normalize('NFKC').toLowerCase().replace(/`/g, '').replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
}

/** The head phrase of a seed sub-point: the text before the first ' — ' or ':', backticks removed. */
function subHead(sub: string): string {
  const s = sub.replace(/`/g, '');
  const cuts = [s.indexOf(' — '), s.indexOf(':')].filter((i) => i >= 0);
  return (cuts.length ? s.slice(0, Math.min(...cuts)) : s).trim();
}

/**
 * The phrases a sub-point's head must contribute. Sub-points without a ' — ' or ':' are a list of
 * ';'-separated clauses ("Non-linear; preserves local structure; excellent for visualization"); each
 * clause must then appear on its own.
 */
function headClauses(sub: string): string[] {
  return subHead(sub).split(';').map(normalizePhrase).filter(Boolean);
}

function topicHaystack(t: Topic): string {
  return ` ${normalizePhrase([t.title, ...t.keyPoints, ...t.keyTerms, t.details].join('\n'))} `;
}

describe('content: the real roadmap', () => {
  const { roadmap: loaded, issues } = realRoadmap();
  const roadmap = loaded as Roadmap;
  const topics = loaded ? allTopics(loaded) : [];
  const byId = new Map(topics.map((t) => [t.id, t]));
  const seed = seedModule.parseSeed();

  it('loads with zero issues of any severity', () => {
    assert.deepEqual(issues.map(formatIssue), []);
    assert.ok(loaded, 'the roadmap loaded');
  });

  it('has 7 stages numbered 0..6 in order, and prints the counts', () => {
    assert.deepEqual(roadmap.stages.map((s) => s.number), [0, 1, 2, 3, 4, 5, 6]);
    assert.deepEqual(roadmap.stages.map((s) => s.id), [
      'math-statistics', 'python-data-science', 'machine-learning', 'deep-learning-nlp',
      'feature-engineering-experiments', 'mlops-production', 'cloud-big-data',
    ]);
    const stageFiles = fs.readdirSync(path.join(ROOT, 'roadmap', 'stages')).filter((f) => f.endsWith('.yaml')).sort();
    assert.deepEqual(stageFiles, roadmap.stages.map((s) => `${String(s.number).padStart(2, '0')}-${s.id}.yaml`));
    const counts = {
      stages: roadmap.stages.length,
      sections: roadmap.stages.reduce((n, s) => n + s.sections.length, 0),
      topics: topics.length,
      formulas: topics.reduce((n, t) => n + t.formulas.length, 0),
      symbols: topics.reduce((n, t) => n + t.formulas.reduce((m, f) => m + f.symbols.length, 0), 0),
      resources: roadmap.stages.reduce((n, s) => n + s.resources.length, 0),
      faq: roadmap.faq.length,
    };
    console.log(`      content counts: ${JSON.stringify(counts)}`);
    assert.equal(counts.stages, 7);
    assert.equal(counts.faq, 4);
    // Every stage and section has content.
    for (const s of roadmap.stages) {
      assert.ok(s.sections.length > 0, `stage ${s.id} has sections`);
      for (const sec of s.sections) assert.ok(sec.topics.length > 0, `section ${sec.id} has topics`);
    }
    assert.equal(counts.sections, seed.stages.reduce((n, s) => n + s.sections.length, 0));
  });

  describe('seed coverage', () => {
    const coverage = JSON.parse(fs.readFileSync(path.join(ROOT, 'test', 'fixtures', 'seed-coverage.json'), 'utf8')) as CoverageEntry[];
    const bullets = seed.stages.flatMap((st) => st.sections.flatMap((sec) => sec.bullets.map((b) => ({ stage: st.number, section: sec.title, ...b }))));

    it('reads the seed (a copy is kept in test/fixtures for CI) and it parses to 7 stages', () => {
      const fixtureCopy = path.join(ROOT, 'test', 'fixtures', 'data-scientist-roadmap.txt');
      assert.ok(fs.existsSync(fixtureCopy), `missing ${fixtureCopy}`);
      assert.equal(fs.readFileSync(seedModule.seedPath(), 'utf8'), fs.readFileSync(fixtureCopy, 'utf8'), 'the fixture copy of the seed is out of date');
      assert.deepEqual(seed.stages.map((s) => s.number), [0, 1, 2, 3, 4, 5, 6]);
      assert.equal(seed.faq.length, 4);
    });

    it('lists every seed bullet, in order, with the same stage, section, head and sub-points', () => {
      assert.equal(coverage.length, bullets.length, `fixture has ${coverage.length} entries, seed has ${bullets.length} bullets`);
      const wrong: string[] = [];
      bullets.forEach((b, i) => {
        const c = coverage[i];
        if (c.stage !== b.stage || c.section !== b.section || c.bullet !== b.head) {
          wrong.push(`#${i}: fixture ${JSON.stringify([c.stage, c.section, c.bullet])} vs seed ${JSON.stringify([b.stage, b.section, b.head])}`);
        }
        if (JSON.stringify(c.subs ?? []) !== JSON.stringify(b.subs)) wrong.push(`#${i} (${b.head.slice(0, 40)}): sub-points differ`);
        if (c.topics.length === 0) wrong.push(`#${i} (${b.head.slice(0, 40)}): maps to no topic`);
      });
      assert.deepEqual(wrong, []);
    });

    it('maps only to existing topics of the same stage and section, and every topic is reached by a bullet', () => {
      const problems: string[] = [];
      coverage.forEach((c, i) => {
        for (const id of c.topics) {
          const t = byId.get(id);
          if (!t) { problems.push(`#${i}: unknown topic '${id}'`); continue; }
          const stage = roadmap.stages.find((s) => s.id === t.stageId)!;
          const section = stage.sections.find((s) => s.id === t.sectionId)!;
          if (stage.number !== c.stage || section.title !== c.section) problems.push(`#${i}: '${id}' lives in ${stage.number}/${section.title}, not ${c.stage}/${c.section}`);
        }
      });
      const reached = new Set(coverage.flatMap((c) => c.topics));
      for (const t of topics) if (!reached.has(t.id)) problems.push(`topic '${t.id}' is not reached by any seed bullet`);
      assert.deepEqual(problems, []);
    });

    it('finds the head phrase of every sub-point in the mapped topics', () => {
      let checked = 0;
      const missing: string[] = [];
      coverage.forEach((c, i) => {
        const hay = c.topics.map((id) => byId.get(id)).filter((t): t is Topic => !!t).map(topicHaystack).join('|');
        for (const sub of bullets[i].subs) {
          for (const clause of headClauses(sub)) {
            checked++;
            if (!hay.includes(` ${clause} `)) missing.push(`#${i} [${c.topics.join(', ')}]: "${clause}" (from "${sub}")`);
          }
        }
      });
      console.log(`      seed: ${bullets.length} bullets, ${bullets.reduce((n, b) => n + b.subs.length, 0)} sub-points, ${checked} head phrases found`);
      assert.deepEqual(missing, []);
      assert.ok(checked >= bullets.reduce((n, b) => n + b.subs.length, 0));
    });

    it('extracts head phrases as specified', () => {
      assert.equal(subHead('Batch GD — compute gradient on entire dataset'), 'Batch GD');
      assert.equal(subHead('Discrete: Bernoulli, Binomial, Poisson, Geometric'), 'Discrete');
      assert.equal(subHead('`num_leaves` is the key parameter (not max_depth)'), 'num_leaves is the key parameter (not max_depth)');
      assert.deepEqual(headClauses('Non-linear; preserves local structure; excellent for visualization'), ['non linear', 'preserves local structure', 'excellent for visualization']);
      assert.equal(normalizePhrase("Bayes' Theorem"), 'bayes theorem');
    });

    it('has every seed stage title equal to the stage title, and the same section titles and FAQ questions', () => {
      assert.deepEqual(roadmap.stages.map((s) => s.title), seed.stages.map((s) => s.title));
      assert.deepEqual(roadmap.stages.map((s) => s.sections.map((x) => x.title)), seed.stages.map((s) => s.sections.map((x) => x.title)));
      assert.deepEqual(roadmap.faq.map((f) => f.question), seed.faq.map((f) => f.q));
    });

    it("lists every seed book title among that stage's resources", () => {
      const missing: string[] = [];
      let books = 0;
      for (const st of seed.stages) {
        const stage = roadmap.stages.find((s) => s.number === st.number)!;
        const texts = stage.resources.map((r) => normalizePhrase(`${r.title} ${r.note ?? ''}`));
        for (const line of st.resources) {
          for (const m of line.matchAll(/"([^"]+)"/g)) {
            books++;
            const title = normalizePhrase(m[1]);
            if (!texts.some((t) => ` ${t} `.includes(` ${title} `))) missing.push(`stage ${st.number}: "${m[1]}"`);
          }
        }
      }
      assert.deepEqual(missing, []);
      assert.equal(books, 13, 'the seed names 13 books');
    });
  });

  it('checks the math placeholder machinery itself', () => {
    const html = renderMarkdown('Inline $a<b$ and\n\n$$\n\\frac{1}{2}\n$$\n');
    assert.deepEqual(mathIn(html, 'x').map((m) => [m.tex, m.display]), [['a<b', false], ['\\frac{1}{2}\n', true]]);
    assert.ok(!visibleText(html).includes('frac') && !visibleText(html).includes('$'), 'the TeX is typeset, not shown');
    const bad = renderMarkdown('Broken $\\frac{1$ here');
    assert.deepEqual(mathIn(bad, 'y').map((m) => [m.tex, m.failed]), [['\\frac{1', true]]);
    assert.match(katexError(mathIn(bad, 'y')[0]) ?? '', /failed at build time/);
    assert.match(katexError({ where: 'bad', tex: '\\frac{1', display: false }) ?? '', /^bad: /);
    assert.equal(katexError({ where: 'ok', tex: 'x^2', display: true }), undefined);
  });

  it('has unique kebab-case ids, and every prerequisite and related topic resolves', () => {
    const problems: string[] = [];
    const seen = new Map<string, string>();
    const claim = (id: string, what: string) => {
      if (!KEBAB.test(id)) problems.push(`${what} '${id}' is not kebab-case`);
      const prev = seen.get(id);
      if (prev) problems.push(`${what} '${id}' duplicates ${prev}`);
      seen.set(id, what);
    };
    for (const s of roadmap.stages) {
      claim(s.id, 'stage');
      for (const sec of s.sections) claim(sec.id, 'section');
    }
    const topicIds = new Set<string>();
    for (const t of topics) {
      if (!KEBAB.test(t.id)) problems.push(`topic '${t.id}' is not kebab-case`);
      if (topicIds.has(t.id)) problems.push(`topic '${t.id}' duplicated`);
      topicIds.add(t.id);
      for (const a of t.aliases) {
        if (!KEBAB.test(a)) problems.push(`alias '${a}' is not kebab-case`);
        if (topicIds.has(a)) problems.push(`alias '${a}' duplicates a topic id`);
        topicIds.add(a);
      }
    }
    for (const t of topics) {
      for (const p of t.prerequisites) if (!byId.has(p) || p === t.id) problems.push(`${t.id}: prerequisite '${p}' does not resolve`);
      for (const r of t.related) if (!byId.has(r) || r === t.id) problems.push(`${t.id}: related '${r}' does not resolve`);
    }
    assert.deepEqual(problems, []);
    assert.equal(topicIds.size, topics.length + topics.reduce((n, t) => n + t.aliases.length, 0));
  });

  it('has only well-formed https resource urls', () => {
    const bad: string[] = [];
    let withUrl = 0;
    for (const s of roadmap.stages) {
      for (const r of s.resources) {
        if (r.url === undefined) continue;
        withUrl++;
        try {
          const u = new URL(r.url);
          if (u.protocol !== 'https:' || u.hostname === '' || !u.hostname.includes('.') || /\s/.test(r.url)) bad.push(`${s.id}: ${r.url}`);
        } catch {
          bad.push(`${s.id}: ${r.url} (unparseable)`);
        }
        if (r.title.trim() === '') bad.push(`${s.id}: a resource has an empty title`);
      }
    }
    assert.deepEqual(bad, []);
    assert.ok(withUrl > 0);
  });

  it('has the FAQ and the meta estimates of the seed', () => {
    assert.equal(roadmap.faq.length, 4);
    for (const f of roadmap.faq) assert.ok(f.answer.trim().length > 0);
    assert.deepEqual(roadmap.meta.estimates.map((e) => [e.label, e.minMonths, e.maxMonths]), [['Optimistic', 12, 18], ['Realistic', 18, 30]]);
    assert.deepEqual(roadmap.meta.weeklyHours, { min: 20, max: 25 });
    assert.equal(roadmap.meta.title, 'Data Scientist');
  });
});
