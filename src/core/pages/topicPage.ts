/**
 * Renders webview documents as strings. Every piece of content is escaped here; the only HTML
 * taken as is comes from the markdown renderer (raw HTML disabled) in `TopicHtml`.
 */
import { escapeAttr as attr, escapeHtml as esc } from '../html';
import { isHttpsUrl, stageLabel } from '../ids';
import { documentHead, fontSize, inlineScript, type PageAssets } from './pageDocument';
import type { TopicHtml } from '../roadmap/roadmapData';
import type { Resource, Section, Stage, Topic } from '../roadmap/model';

export interface TopicLink {
  readonly id: string;
  readonly title: string;
  readonly done: boolean;
}

export interface TopicPageModel {
  readonly topic: Topic;
  readonly html: TopicHtml;
  readonly stage: Stage;
  readonly section: Section;
  readonly done: boolean;
  readonly prerequisites: readonly TopicLink[];
  readonly related: readonly TopicLink[];
  readonly previous?: TopicLink;
  readonly next?: TopicLink;
  /** The "Check yourself" section, rendered (core/pages/quizSection.ts); empty for none. */
  readonly quiz?: string;
  /** The learner's note, rendered (markdown-it, raw HTML off, https links only); undefined for none. */
  readonly note?: string;
}

function topicLinks(links: readonly TopicLink[], empty: string): string {
  if (links.length === 0) return `<p class="muted">${esc(empty)}</p>`;
  return `<ul class="links">${links.map((l) =>
    `<li><a href="#" class="topic-link${l.done ? ' done' : ''}" data-topic="${attr(l.id)}">${esc(l.title)}</a>${l.done ? ' <span class="badge" aria-label="done">✓</span>' : ''}</li>`).join('')}</ul>`;
}

/** A resource of a stage: its title (a link when https), author, note, type and price. */
export function resourceItem(r: Resource): string {
  const meta = [r.type, r.free ? 'free' : 'paid'].map((m) => `<span class="tag tag-${attr(m)}">${esc(m)}</span>`).join(' ');
  // Only https links become anchors (as in markdown); anything else is shown as plain text, so a
  // `javascript:`/`data:` URL from a custom roadmap can never reach an href.
  const title = r.url && isHttpsUrl(r.url)
    ? `<a href="${attr(r.url)}" class="external" data-href="${attr(r.url)}">${esc(r.title)}</a>`
    : `<span class="resource-title">${esc(r.title)}</span>`;
  const by = r.author ? ` <span class="muted">— ${esc(r.author)}</span>` : '';
  const note = r.note ? ` <span class="muted">(${esc(r.note)})</span>` : '';
  return `<li>${title}${by}${note} ${meta}</li>`;
}

/** The typeset formula (or its escaped source when the build did not typeset it). */
function mathHtml(html: string | undefined, tex: string, display: boolean): string {
  if (html !== undefined) return html;
  const tag = display ? 'div' : 'span';
  return `<${tag} class="math math-source" data-display="${display ? 'block' : 'inline'}">${esc(tex)}</${tag}>`;
}

/** The document of a topic page. Its content lives in `#page`, which in-page navigation swaps. */
export function renderTopicPage(m: TopicPageModel, a: PageAssets): string {
  return `${documentHead(m.topic.title, a)}
<body class="topic-page" style="--ds-font-size: ${fontSize(a)}px" data-view="topic" data-topic="${attr(m.topic.id)}" data-done="${m.done ? 'true' : 'false'}">
<div id="page">${renderTopicContent(m)}</div>
${inlineScript(a)}
</body>
</html>`;
}

/**
 * The content of a topic page (everything inside `#page`): sent on its own when a page that is
 * already open navigates to another topic, so no new document has to load.
 */
export function renderTopicContent(m: TopicPageModel): string {
  const t = m.topic;
  const formulas = t.formulas.length === 0 ? '' : `<section class="formulas" aria-labelledby="h-formulas">
<h2 id="h-formulas">Formulas</h2>
${t.formulas.map((f, i) => {
    const typeset = m.html.formulas?.[i];
    return `<figure class="formula">
<figcaption>${esc(f.label)}</figcaption>
${mathHtml(typeset?.latex, f.latex, true)}
${f.symbols.length ? `<dl class="symbols">${f.symbols.map((s, j) => `<dt>${mathHtml(typeset?.symbols[j], s.symbol, false)}</dt><dd>${esc(s.meaning)}</dd>`).join('')}</dl>` : ''}
</figure>`;
  }).join('\n')}
</section>`;
  const keyPoints = m.html.keyPoints.length === 0 ? '' : `<section aria-labelledby="h-key"><h2 id="h-key">Key points</h2>
<ul class="key-points">${m.html.keyPoints.map((k) => `<li>${k}</li>`).join('')}</ul></section>`;
  const terms = t.keyTerms.length === 0 ? '' : `<p class="terms" aria-label="Key terms">${t.keyTerms.map((k) => `<span class="term">${esc(k)}</span>`).join(' ')}</p>`;
  const resources = m.stage.resources.length === 0 ? '' : `<section aria-labelledby="h-res"><h2 id="h-res">Resources for this stage</h2>
<ul class="resources">${m.stage.resources.map(resourceItem).join('')}</ul></section>`;
  const nav = (l: TopicLink | undefined, cls: string, label: string) => l
    ? `<button class="nav ${cls}" data-action="open" data-topic="${attr(l.id)}" title="${attr(l.title)}">${esc(label)}: ${esc(l.title)}</button>`
    : '';
  return `<header>
<nav class="breadcrumb" aria-label="Breadcrumb"><a href="#" class="page-link" data-page="overview">Overview</a> <span aria-hidden="true">›</span> <a href="#" class="page-link" data-page="stage" data-id="${attr(m.stage.id)}">${esc(`Stage ${stageLabel(m.stage)}`)}</a> <span aria-hidden="true">›</span> <a href="#" class="page-link" data-page="section" data-id="${attr(m.section.id)}">${esc(m.section.title)}</a></nav>
<h1>${esc(t.title)} <span class="status" role="status">${m.done ? 'Done' : 'Not done'}</span></h1>
<p class="summary">${esc(t.summary)}</p>
<div class="actions">
<button id="toggle-complete" data-action="${m.done ? 'markIncomplete' : 'markComplete'}">${m.done ? 'Mark incomplete' : 'Mark complete'}</button>
<button data-action="scaffoldNotebook" class="secondary">Scaffold notebook</button>
<button data-action="scaffoldScript" class="secondary">Scaffold script</button>
<button data-action="showSolution" class="secondary" title="Try the hints in the exercise first">Show solution</button>
<button data-action="showProgress" class="secondary" title="The roadmap map, your pace and what is next">Progress</button>
</div>
${terms}
</header>
<main>
<section class="details" aria-label="Explanation">${m.html.details}</section>
${formulas}
${keyPoints}
${m.quiz ?? ''}
${renderNotesSection(m.note)}
<section class="graph" aria-labelledby="h-pre"><h2 id="h-pre">Prerequisites</h2>${topicLinks(m.prerequisites, 'None: you can start here.')}
<h2>Related topics</h2>${topicLinks(m.related, 'None listed.')}</section>
${resources}
</main>
<footer class="pager">${nav(m.previous, 'prev', 'Previous')}${nav(m.next, 'next', 'Next')}</footer>`;
}

/** "Your notes": the learner's note as rendered, with a button that opens it; a starter offer when there is none. */
export function renderNotesSection(noteHtml: string | undefined): string {
  return `<section class="notes" aria-labelledby="h-notes"><h2 id="h-notes">Your notes</h2>
${noteHtml ? `<div class="note">${noteHtml}</div>` : '<p class="muted">No notes yet. Your notes are a Markdown file in your workspace, one per topic.</p>'}
<div class="actions"><button data-action="openNotes" class="secondary">${noteHtml ? 'Edit notes' : 'Start notes'}</button></div></section>`;
}
