/**
 * The roadmap at a glance: the overview (the role, the estimates, the seven stages and the FAQ)
 * and the page of each stage and section (its intro, its topics with their status, its
 * resources and hours). Shown in the one page like topics, with breadcrumbs and previous/next.
 * Every piece of text is escaped here; the intros and FAQ answers are the build's markdown HTML.
 */
import { escapeAttr as attr, escapeHtml as esc } from '../html';
import { stageLabel } from '../ids';
import type { Roadmap, Section, Stage, Topic } from '../roadmap/model';
import type { CompiledRoadmap } from '../roadmap/roadmapData';
import type { ProgressState } from '../progress/progressState';
import { countDone } from '../progress/progressStats';
import { hoursFor, hoursPerTopic, WEEKS_PER_MONTH, type PaceOutlook } from '../progress/studyTime';
import { formatHours, formatMonths, formatRange, renderEstimates, renderPaceText } from './pacePanel';
import { resourceItem } from './topicPage';

export interface PartPagesModel {
  readonly roadmap: Roadmap;
  /** The intros and FAQ answers as the build rendered them. */
  readonly html: Pick<CompiledRoadmap['html'], 'stages' | 'sections' | 'faq'>;
  readonly state: ProgressState;
  /** The dsRoadmap.hoursPerWeek setting. */
  readonly hoursPerWeek: number;
  /** What the overview says about the time left. */
  readonly outlook: PaceOutlook;
}

type Part = { readonly kind: 'stage'; readonly id: string } | { readonly kind: 'section'; readonly id: string } | { readonly kind: 'overview' };

/** An in-page link to the overview, a stage or a section. */
function pageLink(to: Part, text: string, cls = ''): string {
  const id = to.kind === 'overview' ? '' : ` data-id="${attr(to.id)}"`;
  return `<a href="#" class="page-link${cls ? ` ${attr(cls)}` : ''}" data-page="${attr(to.kind)}"${id}>${esc(text)}</a>`;
}

function pagerButton(to: Part | undefined, cls: 'prev' | 'next', text: string): string {
  if (!to || to.kind === 'overview') return '';
  return `<button class="nav ${cls}" data-action="openPage" data-page="${attr(to.kind)}" data-id="${attr(to.id)}" title="${attr(text)}">${esc(cls === 'prev' ? 'Previous' : 'Next')}: ${esc(text)}</button>`;
}

const topicsOf = (s: Stage) => s.sections.flatMap((sec) => sec.topics);
const idsOf = (topics: readonly Topic[]) => topics.map((t) => t.id);

function statusOf(state: ProgressState, id: string): { readonly cls: string; readonly label: string } {
  const s = state.topics[id]?.status;
  return s === 'done' ? { cls: 'done', label: 'done' } : s === 'in-progress' ? { cls: 'in-progress', label: 'in progress' } : s === 'skipped' ? { cls: 'skipped', label: 'skipped' } : { cls: 'open', label: 'not done' };
}

function progressLine(state: ProgressState, topics: readonly Topic[]): string {
  const c = countDone(state, idsOf(topics));
  return `<span class="part-progress" role="status">${c.done}/${c.total} done (${c.percent}%)</span>`;
}

function topicList(state: ProgressState, topics: readonly Topic[], withSummary: boolean): string {
  return `<ul class="part-topics">${topics.map((t) => {
    const s = statusOf(state, t.id);
    const summary = withSummary ? `<div class="muted">${esc(t.summary)}</div>` : '';
    return `<li class="part-topic ${attr(s.cls)}"><a href="#" class="topic-link${s.cls === 'done' ? ' done' : ''}" data-topic="${attr(t.id)}">${esc(t.title)}</a> <span class="tag tag-${attr(s.cls)}">${esc(s.label)}</span>${summary}</li>`;
  }).join('')}</ul>`;
}

/** "About 120–370 hours of study; at your 20 hours a week, about 6–19 weeks." */
function hoursLine(m: PartPagesModel, topics: number): string {
  const per = hoursPerTopic(m.roadmap);
  if (per.max <= 0) return '';
  const h = hoursFor(topics, per);
  const weeks = { min: h.min / m.hoursPerWeek, max: h.max / m.hoursPerWeek };
  const span = weeks.max >= 3 * WEEKS_PER_MONTH
    ? `${formatRange({ min: weeks.min / WEEKS_PER_MONTH, max: weeks.max / WEEKS_PER_MONTH }, formatMonths)} months`
    : `${formatRange(weeks, (w) => String(Math.max(1, Math.round(w))))} weeks`;
  return `<p class="estimate">About <strong>${formatRange(h, formatHours)} hours</strong> of study; at your ${m.hoursPerWeek} hours a week, about ${span}. `
    + `<span class="muted">The roadmap gives no estimate per topic: this shares its estimates (${renderEstimates(m.roadmap.meta)}) evenly among its topics.</span></p>`;
}

function breadcrumb(parts: readonly string[]): string {
  return `<nav class="breadcrumb" aria-label="Breadcrumb">${parts.join(' <span aria-hidden="true">›</span> ')}</nav>`;
}

/** The overview: the role, the estimates and your time left, the stages with your progress, the FAQ. */
export function renderOverviewContent(m: PartPagesModel): string {
  const r = m.roadmap;
  const stages = r.stages.map((s) => {
    const c = countDone(m.state, idsOf(topicsOf(s)));
    return `<li class="overview-stage"><h3>${pageLink({ kind: 'stage', id: s.id }, `Stage ${stageLabel(s)}`)} <span class="part-progress">${c.done}/${c.total} done</span></h3>
<div class="intro">${m.html.stages[s.id] ?? `<p>${esc(s.intro)}</p>`}</div></li>`;
  }).join('\n');
  const faq = r.faq.map((f, i) => `<section class="faq-entry"><h3>${esc(f.question)}</h3>${m.html.faq[i] ?? `<p>${esc(f.answer)}</p>`}</section>`).join('\n');
  const estimates = r.meta.estimates.map((e) => `<li><strong>${esc(e.label)} ${e.minMonths}–${e.maxMonths} months</strong>${e.note ? ` — ${esc(e.note)}` : ''}</li>`).join('');
  return `<header>
${breadcrumb(['Overview'])}
<h1>Roadmap: ${esc(r.meta.title)}</h1>
<p class="summary">${esc(r.meta.description)}</p>
<p class="headline">${esc(r.meta.estimates.map((e) => `${e.label} ${e.minMonths}–${e.maxMonths} months`).join(' · '))}</p>
<div class="actions"><button data-action="showProgress" class="secondary">Progress</button></div>
</header>
<main>
<section aria-labelledby="h-time"><h2 id="h-time">How long it takes</h2>
<ul class="estimates">${estimates}</ul>
${r.meta.weeklyHours.max > 0 ? `<p>These estimates assume ${r.meta.weeklyHours.min}–${r.meta.weeklyHours.max} hours of study a week.</p>` : ''}
<p class="pace">${renderPaceText(m.outlook, r.meta)}</p>
<p>${progressLine(m.state, r.stages.flatMap(topicsOf))}</p></section>
<section aria-labelledby="h-stages"><h2 id="h-stages">The ${r.stages.length} stages</h2>
<ol class="overview-stages">${stages}</ol></section>
<section aria-labelledby="h-faq"><h2 id="h-faq">FAQ</h2>
${faq}</section>
</main>`;
}

/** A stage's page; undefined for an unknown stage. */
export function renderStageContent(m: PartPagesModel, stageId: string): string | undefined {
  const stages = m.roadmap.stages;
  const i = stages.findIndex((s) => s.id === stageId);
  if (i < 0) return undefined;
  const s = stages[i];
  const near = (j: number) => (stages[j] ? { to: { kind: 'stage' as const, id: stages[j].id }, text: `Stage ${stageLabel(stages[j])}` } : undefined);
  const prev = near(i - 1);
  const next = near(i + 1);
  const sections = s.sections.map((sec) => `<section class="part-section" aria-label="${attr(sec.title)}">
<h2>${pageLink({ kind: 'section', id: sec.id }, sec.title)} <span class="part-progress">${countDone(m.state, idsOf(sec.topics)).done}/${sec.topics.length}</span></h2>
${m.html.sections[sec.id] ?? (sec.intro ? `<p>${esc(sec.intro)}</p>` : '')}
${topicList(m.state, sec.topics, false)}
</section>`).join('\n');
  const resources = s.resources.length === 0 ? '' : `<section aria-labelledby="h-res"><h2 id="h-res">Resources for this stage</h2>
<ul class="resources">${s.resources.map(resourceItem).join('')}</ul></section>`;
  return `<header>
${breadcrumb([pageLink({ kind: 'overview' }, 'Overview'), esc(`Stage ${stageLabel(s)}`)])}
<h1>${esc(`Stage ${stageLabel(s)}`)}</h1>
<p>${progressLine(m.state, topicsOf(s))}</p>
<div class="intro">${m.html.stages[s.id] ?? `<p>${esc(s.intro)}</p>`}</div>
${hoursLine(m, topicsOf(s).length)}
</header>
<main>
${sections}
${resources}
</main>
<footer class="pager">${pagerButton(prev?.to, 'prev', prev?.text ?? '')}${pagerButton(next?.to, 'next', next?.text ?? '')}</footer>`;
}

/** A section's page; undefined for an unknown section. */
export function renderSectionContent(m: PartPagesModel, sectionId: string): string | undefined {
  const all: { stage: Stage; section: Section }[] = m.roadmap.stages.flatMap((stage) => stage.sections.map((section) => ({ stage, section })));
  const i = all.findIndex((x) => x.section.id === sectionId);
  if (i < 0) return undefined;
  const { stage, section } = all[i];
  const near = (j: number) => (all[j] ? { to: { kind: 'section' as const, id: all[j].section.id }, text: all[j].section.title } : undefined);
  const prev = near(i - 1);
  const next = near(i + 1);
  return `<header>
${breadcrumb([pageLink({ kind: 'overview' }, 'Overview'), pageLink({ kind: 'stage', id: stage.id }, `Stage ${stageLabel(stage)}`), esc(section.title)])}
<h1>${esc(section.title)}</h1>
<p>${progressLine(m.state, section.topics)}</p>
${m.html.sections[section.id] ?? (section.intro ? `<p>${esc(section.intro)}</p>` : '')}
${hoursLine(m, section.topics.length)}
</header>
<main>
<section aria-labelledby="h-topics"><h2 id="h-topics">Topics</h2>
${topicList(m.state, section.topics, true)}</section>
</main>
<footer class="pager">${pagerButton(prev?.to, 'prev', prev?.text ?? '')}${pagerButton(next?.to, 'next', next?.text ?? '')}</footer>`;
}

/** The tab title of a part's page. */
export function partTitle(roadmap: Roadmap, kind: 'stage' | 'section', id: string): string | undefined {
  for (const s of roadmap.stages) {
    if (kind === 'stage' && s.id === id) return `Stage ${stageLabel(s)}`;
    const sec = kind === 'section' ? s.sections.find((x) => x.id === id) : undefined;
    if (sec) return sec.title;
  }
  return undefined;
}
