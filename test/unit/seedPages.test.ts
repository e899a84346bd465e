// Every content-bearing line of the seed is shown by a page: a topic page, a stage or section page,
// or the overview. The pages are rendered as the extension renders them, their visible text is
// normalised (tags removed, entities decoded, markdown and punctuation folded into spaces), and
// every word and number of the seed line must be on the pages the line belongs to.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { renderOverviewContent, renderSectionContent, renderStageContent, type PartPagesModel } from '../../src/core/pages/partPages';
import { renderTopicContent, type TopicLink } from '../../src/core/pages/topicPage';
import { EMPTY_PROGRESS } from '../../src/core/progress/progressState';
import { paceOutlook } from '../../src/core/progress/studyTime';
import type { Roadmap, Stage } from '../../src/core/roadmap/model';
import { compiledReal, ROOT } from './fixtures';
import { decodeEntities } from './pageFixtures';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const seedModule = require(path.join(ROOT, 'test', 'support', 'seed.js')) as { seedPath(): string; splitBullet(t: string): { head: string; subs: string[] } };

interface CoverageEntry { readonly stage: number; readonly section: string; readonly bullet: string; readonly topics: readonly string[] }

/**
 * Lines of the seed that are the file's own structure, not content, each with its reason. A line
 * is excluded only when it is exactly one of these.
 */
const STRUCTURE: ReadonlyMap<string, string> = new Map([
  ['Roadmap', "the file's header: the kind of document, shown as the overview's 'Roadmap:' title prefix anyway"],
  ['Resources', "the heading of each stage's resource list (the stage page heads it 'Resources for this stage')"],
  ['FAQ', "the heading of the questions (the overview's 'FAQ' section)"],
  ['Common questions', 'the subheading under FAQ: no content of its own'],
]);

/** Visible text, normalised: tags dropped (math labels too: the typeset glyphs are the text), entities decoded. */
function pageText(html: string): string {
  const text = decodeEntities(html.replace(/<[^>]*>/g, ' '));
  return ` ${normalize(text)} `;
}

/** Lower case, NFKC, markdown and punctuation folded into single spaces. */
function normalize(s: string): string {
  return s.normalize('NFKC').toLowerCase().replace(/[`*_]/g, ' ').replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
}

/** The words (3 letters or more) and every number of a line: what a page must show. */
function tokensOf(line: string): string[] {
  return [...new Set(normalize(line).split(' ').filter((w) => w.length >= 3 || /\p{N}/u.test(w)))];
}

function missingTokens(line: string, pages: readonly string[]): string[] {
  const hay = pages.join(' | ');
  return tokensOf(line).filter((w) => !hay.includes(` ${w} `));
}

function renderAll(roadmap: Roadmap, html: NonNullable<ReturnType<typeof compiledReal>['compiled']>['html']) {
  const m: PartPagesModel = {
    roadmap, html, state: EMPTY_PROGRESS, hoursPerWeek: 20,
    outlook: paceOutlook(roadmap, EMPTY_PROGRESS, 20, new Date('2026-03-01T12:00:00Z')),
  };
  const topics = new Map<string, string>();
  const all = roadmap.stages.flatMap((s) => s.sections.flatMap((sec) => sec.topics.map((t) => ({ t, s, sec }))));
  const link = (id: string): TopicLink => ({ id, title: all.find((x) => x.t.id === id)!.t.title, done: false });
  all.forEach(({ t, s, sec }, i) => topics.set(t.id, pageText(renderTopicContent({
    topic: t, html: html.topics[t.id], stage: s, section: sec, done: false,
    prerequisites: t.prerequisites.map(link), related: t.related.map(link),
    ...(i > 0 ? { previous: link(all[i - 1].t.id) } : {}), ...(i + 1 < all.length ? { next: link(all[i + 1].t.id) } : {}),
  }))));
  const stages = new Map(roadmap.stages.map((s) => [s.number, pageText(renderStageContent(m, s.id)!)]));
  const sections = new Map(roadmap.stages.flatMap((s) => s.sections.map((sec) => [`${s.number}/${sec.title}`, pageText(renderSectionContent(m, sec.id)!)] as const)));
  return { overview: pageText(renderOverviewContent(m)), stages, sections, topics };
}

describe('seed: every content line of the seed is shown by a page', () => {
  const { compiled } = compiledReal();
  const roadmap = compiled!.roadmap;
  const pages = renderAll(roadmap, compiled!.html);
  const coverage = JSON.parse(fs.readFileSync(path.join(ROOT, 'test', 'fixtures', 'seed-coverage.json'), 'utf8')) as CoverageEntry[];
  const lines = fs.readFileSync(seedModule.seedPath(), 'utf8').split(/\r?\n/);

  /** Which pages each line of the seed belongs to, walking the file's structure. */
  function targets(): { line: number; text: string; pages: string[]; where: string }[] {
    const out: { line: number; text: string; pages: string[]; where: string }[] = [];
    let stage: Stage | undefined;
    let section = '';
    let inResources = false;
    let inFaq = false;
    let bullet = 0;
    lines.forEach((raw, i) => {
      const text = raw.trim();
      if (!text || STRUCTURE.has(text)) {
        if (text === 'Resources') inResources = true;
        if (text === 'FAQ') inFaq = true;
        return;
      }
      const stageHead = /^Stage (\d\d)$/.exec(text);
      if (stageHead) {
        stage = roadmap.stages.find((s) => s.number === Number(stageHead[1]));
        inResources = false;
        section = '';
      }
      const stagePage = stage ? pages.stages.get(stage.number)! : '';
      if (!stage || inFaq) return out.push({ line: i + 1, text, pages: [pages.overview], where: 'overview' });
      if (stageHead || text === stage.title) {
        return out.push({ line: i + 1, text, pages: [stagePage], where: `stage ${stage.number} page` });
      }
      if (text.startsWith('- ') && inResources) return out.push({ line: i + 1, text: text.slice(2), pages: [stagePage], where: `stage ${stage.number} page (resources)` });
      if (text.startsWith('- ')) {
        const c = coverage[bullet++];
        assert.equal(c.bullet, seedModule.splitBullet(text.slice(2)).head, `seed-coverage.json is out of step with the seed at line ${i + 1}`);
        const ps = [...c.topics.map((id) => pages.topics.get(id)!), pages.sections.get(`${stage.number}/${section}`)!];
        return out.push({ line: i + 1, text: text.slice(2), pages: ps, where: `topics ${c.topics.join(', ')} + section page` });
      }
      if (stage.sections.some((s) => s.title === text)) {
        section = text;
        inResources = false;
        return out.push({ line: i + 1, text, pages: [pages.sections.get(`${stage.number}/${text}`)!, stagePage], where: `section page and stage ${stage.number} page` });
      }
      // The stage's introduction (the line after its title).
      return out.push({ line: i + 1, text, pages: [stagePage], where: `stage ${stage.number} page (intro)` });
    });
    return out;
  }

  it('finds every word and number of every content line on its pages, and lists the lines it does not', () => {
    const all = targets();
    const missing = all.map((t) => ({ ...t, missing: missingTokens(t.text, t.pages) })).filter((t) => t.missing.length > 0);
    const tokens = all.reduce((n, t) => n + tokensOf(t.text).length, 0);
    console.log(`      seed: ${lines.length} lines, ${all.length} content lines (${STRUCTURE.size} structure headings excluded), ${tokens} words and numbers checked`);
    assert.deepEqual(missing.map((t) => `line ${t.line} (${t.where}): missing ${t.missing.map((w) => JSON.stringify(w)).join(', ')} in "${t.text.slice(0, 80)}${t.text.length > 80 ? '…' : ''}"`), []);
    // Every line is either content or a listed structure heading.
    const blank = lines.filter((l) => !l.trim()).length;
    const excluded = lines.filter((l) => STRUCTURE.has(l.trim())).length;
    assert.equal(all.length + blank + excluded, lines.length);
    assert.ok(all.length > 190, `${all.length} content lines`);
  });

  it('shows the whole FAQ and the estimates on the overview, every number of the seed included', () => {
    const faqStart = lines.findIndex((l) => l.trim() === 'Common questions') + 1;
    const faq = lines.slice(faqStart).map((l) => l.trim()).filter(Boolean);
    assert.equal(faq.length, 8, 'four questions and their answers');
    for (const l of faq) {
      assert.ok(pages.overview.includes(` ${normalize(l.split(/[.?]/)[0])} `), `the overview shows "${l.slice(0, 60)}"`);
      for (const n of l.match(/\d+(?:[.,]\d+)?%?/g) ?? []) assert.ok(pages.overview.includes(` ${normalize(n)} `), `the overview shows the number ${n}`);
    }
    assert.ok(pages.overview.includes(' optimistic 12 18 months realistic 18 30 months '));
    assert.ok(pages.overview.includes(' 20 25 hours '));
  });

  it('catches a line that no page shows (the check is not vacuous)', () => {
    assert.deepEqual(missingTokens('Quantum annealing — 42 qubits', [pages.overview, ...pages.stages.values()]), ['quantum', 'annealing', '42', 'qubits']);
    assert.deepEqual(tokensOf('`a · b = |a||b|cos(θ)`; measures'), ['cos', 'measures']);
    assert.deepEqual(tokensOf('p = 0.05; 92% of postings'), ['0', '05', '92', 'postings']);
  });
});
