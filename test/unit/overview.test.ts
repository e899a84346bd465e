import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { renderDashboardContent } from '../../src/core/pages/dashboard';
import { renderPlainPage } from '../../src/core/pages/pageDocument';
import { renderOverviewContent, renderSectionContent, renderStageContent, type PartPagesModel } from '../../src/core/pages/partPages';
import { EMPTY_PROGRESS, setStatus, type ProgressState } from '../../src/core/progress/progressState';
import { countDone, formatCounts, shownPercent } from '../../src/core/progress/progressStats';
import {
  DEFAULT_HOURS_PER_WEEK, estimateHours, hoursPerTopic, MIN_DONE_FOR_PACE, MIN_HISTORY_DAYS, paceOutlook, WEEKS_PER_MONTH,
} from '../../src/core/progress/studyTime';
import { stageShortLabel } from '../../src/core/ids';
import type { Roadmap, Topic } from '../../src/core/roadmap/model';
import { compiledReal, ROOT } from './fixtures';
import { ASSETS, assertSafe, attr, escaped } from './pageFixtures';
import { XSS_PAYLOADS } from './xss-corpus';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const START = new Date('2026-03-01T09:00:00Z');

/** A state with `n` topics done, the first at START and the others spread evenly until `last`. */
function doneState(ids: readonly string[], n: number, last: Date): ProgressState {
  let s: ProgressState = EMPTY_PROGRESS;
  for (let i = 0; i < n; i++) {
    const at = n === 1 ? START : new Date(START.getTime() + ((last.getTime() - START.getTime()) * i) / (n - 1));
    s = setStatus(s, ids[i], 'done', 'manual', at);
  }
  return s;
}

describe('overview: honest pace (fixed clock)', () => {
  const { compiled } = compiledReal();
  const roadmap = compiled!.roadmap;
  const ids = roadmap.stages.flatMap((s) => s.sections.flatMap((sec) => sec.topics.map((t) => t.id)));

  it('after 2 topics in the first hour projects no date (never "62 months"): the seed estimates at 20 hours a week', () => {
    const now = new Date(START.getTime() + HOUR);
    const state = doneState(ids, 2, new Date(START.getTime() + 30 * 60_000));
    const o = paceOutlook(roadmap, state, 20, now);
    assert.equal(o.kind, 'estimate');
    if (o.kind !== 'estimate') return;
    const share = (ids.length - 2) / ids.length;
    // Optimistic 12–18 months at 20–25 hours a week = 1,040–1,950 hours; at 20 hours a week, 12–22.5 months for the whole roadmap.
    assert.deepEqual(o.estimates.map((e) => e.label), ['Optimistic', 'Realistic']);
    assert.ok(Math.abs(o.estimates[0].monthsLeft.min - 12 * share) < 1e-9);
    assert.ok(Math.abs(o.estimates[0].monthsLeft.max - 22.5 * share) < 1e-9);
    assert.ok(Math.abs(o.estimates[1].monthsLeft.max - 37.5 * share) < 1e-9);
    const html = renderDashboardContent({ roadmap, state, now, hoursPerWeek: 20 });
    const pace = html.match(/<p class="pace" id="pace">([^]*?)<\/p>/)![1];
    assert.ok(!/\b62\b/.test(pace) && !pace.includes('finish around'), pace);
    assert.ok(pace.includes('needs 14 days of history and 5 topics done (so far: 0 days, 2 done)'), pace);
    assert.ok(pace.includes('Optimistic about <strong>12–22 months</strong>, Realistic about <strong>18–37 months</strong>'), pace);
    assert.ok(pace.includes('about <strong>1,025–3,203 hours</strong> of study'), pace);
  });

  it('projects a finish date only with 14 days of history and 5 topics done', () => {
    const at = (days: number) => new Date(START.getTime() + days * DAY);
    assert.equal(paceOutlook(roadmap, doneState(ids, 10, at(12)), 20, at(13.9)).kind, 'estimate', '13.9 days is too early, even with 10 done');
    assert.equal(paceOutlook(roadmap, doneState(ids, MIN_DONE_FOR_PACE - 1, at(10)), 20, at(30)).kind, 'estimate', '4 done is too few, even after 30 days');
    const o = paceOutlook(roadmap, doneState(ids, MIN_DONE_FOR_PACE, at(13)), 20, at(MIN_HISTORY_DAYS));
    assert.equal(o.kind, 'projection');
    if (o.kind !== 'projection') return;
    // 5 done in the last 4 weeks: 1.25 a week; 132 left is 105.6 weeks.
    assert.equal(o.perWeek, 1.25);
    assert.equal(o.finish.getTime(), at(MIN_HISTORY_DAYS).getTime() + (132 / 1.25) * 7 * DAY);
    const html = renderDashboardContent({ roadmap, state: doneState(ids, 5, at(13)), now: at(14), hoursPerWeek: 20 });
    assert.ok(html.includes('you finish around <strong>'), 'the dashboard shows the projection');
  });

  it('turns the estimates into months at the learner\'s hours a week, and says when everything is done', () => {
    const now = new Date(START.getTime() + HOUR);
    const at = (h: number) => paceOutlook(roadmap, EMPTY_PROGRESS, h, now);
    const a = at(20);
    const b = at(40);
    assert.ok(a.kind === 'estimate' && b.kind === 'estimate');
    if (a.kind !== 'estimate' || b.kind !== 'estimate') return;
    assert.ok(Math.abs(a.estimates[1].monthsLeft.max / b.estimates[1].monthsLeft.max - 2) < 1e-9, 'twice the hours, half the months');
    assert.ok(Math.abs(a.estimates[0].monthsLeft.min - 12) < 1e-9, 'nothing done: the optimistic 12 months at 20 hours');
    assert.deepEqual(a.hoursLeft, b.hoursLeft, 'the hours left do not depend on the pace');
    const all = doneState(ids, ids.length, new Date(START.getTime() + 60 * DAY));
    assert.deepEqual(paceOutlook(roadmap, all, 20, new Date(START.getTime() + 61 * DAY)), { kind: 'finished' });
  });

  it('derives hours from the estimates: months × 52/12 weeks × the weekly hours, shared evenly by the topics', () => {
    assert.deepEqual(estimateHours(roadmap.meta, roadmap.meta.estimates[0]), { min: 12 * WEEKS_PER_MONTH * 20, max: 18 * WEEKS_PER_MONTH * 25 });
    const per = hoursPerTopic(roadmap);
    assert.ok(Math.abs(per.min * ids.length - 1040) < 1e-9 && Math.abs(per.max * ids.length - 3250) < 1e-9, JSON.stringify(per));
    const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
    const hp = pkg.contributes.configuration.properties['dsRoadmap.hoursPerWeek'];
    assert.deepEqual([hp.type, hp.default, hp.minimum, hp.maximum], ['number', DEFAULT_HOURS_PER_WEEK, 1, 80]);
  });
});

describe('overview: the status bar never shows 0% once a topic is done', () => {
  const ids = Array.from({ length: 137 }, (_, i) => `t-${i}`);
  const withDone = (n: number) => countDone(doneState(ids, n, new Date(START.getTime() + HOUR)), ids);

  it('shows 1/137 as 1%, 136/137 as 99%, and 0% and 100% only for none and all', () => {
    assert.equal(formatCounts(withDone(1)), '1/137 (1%)');
    assert.equal(formatCounts(withDone(2)), '2/137 (1%)');
    assert.equal(formatCounts(withDone(3)), '3/137 (2%)');
    assert.equal(formatCounts(withDone(136)), '136/137 (99%)');
    assert.equal(formatCounts(withDone(137)), '137/137 (100%)');
    assert.equal(formatCounts(withDone(0)), '0/137 (0%)');
    assert.equal(shownPercent(1, 10_000), 1);
    assert.equal(shownPercent(9_999, 10_000), 99);
    assert.equal(shownPercent(0, 0), 0);
    for (let done = 1; done < 137; done++) {
      const p = shownPercent(done, 137);
      assert.ok(p >= 1 && p <= 99 && p <= (done / 137) * 100 + 1, `${done}: ${p}`);
    }
  });
});

/** A small roadmap whose every text is `v` (ids stay valid). */
function partRoadmap(v: string): Roadmap {
  const mk = (id: string, stageId: string, sectionId: string): Topic => ({
    id, title: `${v} ${id}`, aliases: [], summary: `${v} summary`, details: '', keyPoints: [], keyTerms: [], prerequisites: [], related: [], formulas: [], stageId, sectionId,
  });
  return {
    meta: { title: v, description: `${v} description`, estimates: [{ label: v, minMonths: 12, maxMonths: 18, note: v }], weeklyHours: { min: 20, max: 25 } },
    stages: [
      { id: 's0', number: 0, title: `${v} stage`, shortTitle: 'Short', intro: `${v} intro`, sections: [
        { id: 'a', title: `${v} section a`, intro: `${v} sec intro`, topics: [mk('alpha', 's0', 'a'), mk('beta', 's0', 'a')] },
        { id: 'b', title: `${v} section b`, topics: [mk('gamma', 's0', 'b')] },
      ], resources: [{ title: v, author: v, type: 'book', free: true, note: v, url: 'https://example.org/book' }] },
      { id: 's1', number: 1, title: `${v} second`, intro: '', sections: [{ id: 'c', title: `${v} section c`, topics: [mk('delta', 's1', 'c')] }], resources: [] },
    ],
    faq: [{ question: `${v}?`, answer: `${v} answer` }],
  };
}

function partModel(v: string, state: ProgressState = EMPTY_PROGRESS): PartPagesModel {
  const roadmap = partRoadmap(v);
  // No build HTML: the renderer escapes the plain texts itself.
  return { roadmap, html: { stages: {}, sections: {}, faq: [] }, state, hoursPerWeek: 20, outlook: paceOutlook(roadmap, state, 20, START) };
}

describe('overview: the overview, stage and section pages', () => {
  it('renders the stage page with breadcrumbs, sections linked, topic status, resources, hours and prev/next', () => {
    let state = setStatus(EMPTY_PROGRESS, 'alpha', 'done', 'manual', START);
    state = setStatus(state, 'beta', 'in-progress', 'manual', START);
    const m = partModel('Maths', state);
    const html = renderStageContent(m, 's0')!;
    const tags = assertSafe(renderPlainPage('stage', 'Stage 00', html, ASSETS, 's0'), 'stage', { kind: 'page' });
    assert.ok(html.includes('<nav class="breadcrumb" aria-label="Breadcrumb"><a href="#" class="page-link" data-page="overview">Overview</a> <span aria-hidden="true">›</span> Stage 00 · Maths stage</nav>'));
    assert.ok(html.includes('<h1>Stage 00 · Maths stage</h1>'), 'the long title is on the page');
    assert.ok(html.includes('1/3 done (33%)'));
    assert.ok(html.includes('<a href="#" class="page-link" data-page="section" data-id="a">Maths section a</a>'));
    assert.ok(html.includes('<li class="part-topic done"><a href="#" class="topic-link done" data-topic="alpha">Maths alpha</a> <span class="tag tag-done">done</span></li>'));
    assert.ok(html.includes('<span class="tag tag-in-progress">in progress</span>'));
    assert.ok(html.includes('class="external" data-href="https://example.org/book"'), 'the stage resources');
    // 4 topics share 1,040–1,950 hours: this stage's 3 take 780–1,463.
    assert.ok(html.includes('About <strong>780–1,463 hours</strong> of study; at your 20 hours a week'), html);
    assert.ok(html.includes('<footer class="pager"><button class="nav next" data-action="openPage" data-page="stage" data-id="s1" title="Stage 01 · Maths second">Next: Stage 01 · Maths second</button></footer>'));
    assert.equal(tags.filter((t) => !t.closing && t.name === 'button' && attr(t, 'class')?.startsWith('nav prev')).length, 0, 'the first stage has no previous');
    assert.equal(renderStageContent(m, 'nope'), undefined);
  });

  it('renders the section page with its stage in the breadcrumb and the sections before and after, across stages', () => {
    const m = partModel('Maths');
    const b = renderSectionContent(m, 'b')!;
    assertSafe(renderPlainPage('section', 'b', b, ASSETS, 'b'), 'section', { kind: 'page' });
    assert.ok(b.includes('<a href="#" class="page-link" data-page="stage" data-id="s0">Stage 00 · Maths stage</a> <span aria-hidden="true">›</span> Maths section b</nav>'));
    assert.ok(b.includes('data-action="openPage" data-page="section" data-id="a" title="Maths section a">Previous: Maths section a</button>'));
    assert.ok(b.includes('data-action="openPage" data-page="section" data-id="c" title="Maths section c">Next: Maths section c</button>'), 'the next section is in the next stage');
    assert.ok(b.includes('<div class="muted">Maths summary</div>'));
    assert.equal(renderSectionContent(m, 's0'), undefined, 'a stage id is not a section');
  });

  it('renders the overview: description, estimates with their weekly hours, every stage with progress, the FAQ', () => {
    const html = renderOverviewContent(partModel('Maths', setStatus(EMPTY_PROGRESS, 'delta', 'done', 'manual', START)));
    assertSafe(renderPlainPage('overview', 'Overview', html, ASSETS), 'overview', { kind: 'page' });
    assert.ok(html.includes('<p class="summary">Maths description</p>'));
    assert.ok(html.includes('<p class="headline">Maths 12–18 months</p>'));
    assert.ok(html.includes('These estimates assume 20–25 hours of study a week.'));
    assert.ok(html.includes('<a href="#" class="page-link" data-page="stage" data-id="s1">Stage 01 · Maths second</a> <span class="part-progress">1/1 done</span>'));
    assert.ok(html.includes('<h3>Maths?</h3><p>Maths answer</p>'));
  });

  it('escapes every text of the three pages: no payload becomes markup', () => {
    for (const v of XSS_PAYLOADS) {
      const m = partModel(v);
      const pages = { overview: renderOverviewContent(m), stage: renderStageContent(m, 's0')!, section: renderSectionContent(m, 'a')! };
      for (const [name, html] of Object.entries(pages)) {
        assertSafe(renderPlainPage(name, v, html, ASSETS, name === 'overview' ? undefined : 'x'), `${name} ${JSON.stringify(v).slice(0, 40)}`, { kind: 'page' });
        assert.ok(html.includes(escaped(v)), `${name} shows the text, escaped`);
      }
    }
  });

  it('labels stages in the tree with their short title, the long one staying on the page', () => {
    assert.equal(stageShortLabel({ number: 0, title: 'Mathematics and Statistics Foundations', shortTitle: 'Math & Statistics' }), '00 · Math & Statistics');
    assert.equal(stageShortLabel({ number: 6, title: 'Cloud' }), '06 · Cloud');
    const { compiled } = compiledReal();
    const labels = compiled!.roadmap.stages.map(stageShortLabel);
    assert.deepEqual(labels, ['00 · Math & Statistics', '01 · Python for Data Science', '02 · Machine Learning', '03 · Deep Learning & NLP',
      '04 · Features & Experiments', '05 · MLOps & Production', '06 · Cloud & Big Data']);
    for (const l of labels) assert.ok(l.length <= 30, l);
  });
});
