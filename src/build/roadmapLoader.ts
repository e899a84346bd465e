/**
 * Turns roadmap YAML text into an immutable, validated {@link Roadmap} plus a list of issues.
 *
 * The loader never throws and never hangs: every input ends as issues with file, line and column
 * (see yamlReader.ts). Invalid parts are dropped with an error, unknown fields give a warning, and
 * whatever is valid is kept.
 */
import type { Document, Node } from 'yaml';
import { ID_PATTERN, isHttpsUrl } from '../core/ids';
import type {
  Estimate, FaqEntry, Formula, FormulaSymbol, LoadIssue, Resource, ResourceType, Roadmap, RoadmapMeta, Section, Stage, Topic,
} from '../core/roadmap/model';
import { FileReader, parseFile, type SourceFile } from './yamlReader';

export type { SourceFile } from './yamlReader';

export interface LoadResult {
  /** Undefined only when nothing usable could be read. */
  readonly roadmap: Roadmap | undefined;
  readonly issues: readonly LoadIssue[];
}

export const INDEX_FILE = 'roadmap.yaml';
const RESOURCE_TYPES: readonly ResourceType[] = ['book', 'video', 'course', 'docs'];

interface IdSite { file: string; line: number; column: number }

/** Tracks every id in the shared namespace of stages, sections and topics (and topic aliases). */
class IdRegistry {
  private readonly sites = new Map<string, IdSite>();

  claim(r: FileReader, node: Node | undefined, id: string, kind: string): boolean {
    const first = this.sites.get(id);
    if (first) {
      r.report(node, 'error', `duplicate ${kind} id '${id}' (first defined at ${first.file}:${first.line}:${first.column})`);
      return false;
    }
    const p = r.pos(node);
    this.sites.set(id, { file: r.file, line: p.line, column: p.column });
    return true;
  }
}

interface PendingRefs {
  topic: Topic;
  reader: FileReader;
  prereqNodes: Map<string, Node>;
  relatedNodes: Map<string, Node>;
}

const STAGE_KEYS = ['id', 'number', 'title', 'shortTitle', 'intro', 'sections', 'resources'];
/** The longest short title a stage may have: it must fit the sidebar tree. */
export const MAX_SHORT_TITLE = 24;
const SECTION_KEYS = ['id', 'title', 'intro', 'topics'];
const TOPIC_KEYS = ['id', 'title', 'aliases', 'summary', 'details', 'keyPoints', 'keyTerms', 'prerequisites', 'related', 'formulas', 'exercise'];
const FORMULA_KEYS = ['label', 'latex', 'symbols'];
const RESOURCE_KEYS = ['title', 'author', 'type', 'free', 'url', 'note'];
const INDEX_KEYS = ['title', 'description', 'estimates', 'weeklyHours', 'stages', 'faq'];

function readFormula(r: FileReader, node: Node, what: string): Formula | undefined {
  const m = r.record(node, what, FORMULA_KEYS);
  if (!m) return undefined;
  const label = r.str(m, 'label', what);
  const latex = r.str(m, 'latex', what);
  if (label === undefined || latex === undefined) return undefined;
  const symbols: FormulaSymbol[] = [];
  for (const s of r.seq(m, 'symbols', what)) {
    const sm = r.record(s, `${what} symbol`, ['symbol', 'meaning'], `${what} symbol`);
    if (!sm) continue;
    const symbol = r.str(sm, 'symbol', `${what} symbol`);
    const meaning = r.str(sm, 'meaning', `${what} symbol`);
    if (symbol !== undefined && meaning !== undefined) symbols.push(Object.freeze({ symbol, meaning }));
  }
  return Object.freeze({ label, latex, symbols: Object.freeze(symbols) });
}

function readResource(r: FileReader, node: Node, what: string): Resource | undefined {
  const m = r.record(node, what, RESOURCE_KEYS);
  if (!m) return undefined;
  const title = r.str(m, 'title', what);
  const type = r.str(m, 'type', what);
  const free = r.bool(m, 'free', what);
  const author = r.str(m, 'author', what, false);
  const note = r.str(m, 'note', what, false);
  let url = r.str(m, 'url', what, false);
  if (title === undefined || type === undefined || free === undefined) return undefined;
  if (!RESOURCE_TYPES.includes(type as ResourceType)) {
    r.report(r.node(m, 'type'), 'error', `${what}: type '${type}' must be one of ${RESOURCE_TYPES.join(', ')}`);
    return undefined;
  }
  if (url !== undefined && !isHttpsUrl(url)) {
    r.report(r.node(m, 'url'), 'error', `${what}: url '${url}' must be a well-formed https link`);
    url = undefined;
  }
  return Object.freeze({ title, type: type as ResourceType, free,
    ...(author !== undefined ? { author } : {}), ...(url !== undefined ? { url } : {}), ...(note !== undefined ? { note } : {}) });
}

function readTopic(r: FileReader, node: Node, stageId: string, sectionId: string, ids: IdRegistry, pending: PendingRefs[]): Topic | undefined {
  const e = r.entry(node, 'topic', TOPIC_KEYS);
  if (!e) return undefined;
  const { map: m, id, what } = e;
  const title = r.str(m, 'title', what);
  const summary = r.str(m, 'summary', what);
  const details = r.str(m, 'details', what, false) ?? '';
  if (id === undefined || title === undefined || summary === undefined) return undefined;
  if (!ids.claim(r, r.node(m, 'id'), id, 'topic')) return undefined;
  const aliases: string[] = [];
  for (const a of r.strList(m, 'aliases', what)) {
    if (!ID_PATTERN.test(a.value)) r.report(a.node, 'error', `${what}: alias '${a.value}' must be kebab-case`);
    else if (ids.claim(r, a.node, a.value, 'alias')) aliases.push(a.value);
  }
  const formulas: Formula[] = [];
  r.seq(m, 'formulas', what).forEach((f, i) => {
    const formula = readFormula(r, f, `${what} formula ${i + 1}`);
    if (formula) formulas.push(formula);
  });
  const prereq = r.strList(m, 'prerequisites', what);
  const related = r.strList(m, 'related', what);
  const topic: Topic = {
    id, title, summary, details,
    aliases: Object.freeze(aliases),
    keyPoints: Object.freeze(r.strList(m, 'keyPoints', what).map((k) => k.value)),
    keyTerms: Object.freeze(r.strList(m, 'keyTerms', what).map((k) => k.value)),
    prerequisites: prereq.map((p) => p.value),
    related: related.map((p) => p.value),
    formulas: Object.freeze(formulas),
    stageId, sectionId,
  };
  pending.push({
    topic, reader: r,
    prereqNodes: new Map(prereq.map((p) => [p.value, p.node])),
    relatedNodes: new Map(related.map((p) => [p.value, p.node])),
  });
  return topic;
}

function readStage(r: FileReader, doc: Document, ids: IdRegistry, pending: PendingRefs[]): Stage | undefined {
  const e = r.entry(doc.contents, 'stage', STAGE_KEYS, 'stage file');
  if (!e) return undefined;
  const { map: m, id, what } = e;
  const num = r.num(m, 'number', what);
  const title = r.str(m, 'title', what);
  const intro = r.str(m, 'intro', what, false) ?? '';
  let shortTitle = r.str(m, 'shortTitle', what, false);
  if (shortTitle !== undefined && (shortTitle.trim() === '' || shortTitle.length > MAX_SHORT_TITLE)) {
    r.report(r.node(m, 'shortTitle'), 'error', `${what}: shortTitle must be 1 to ${MAX_SHORT_TITLE} characters (the title is used instead)`);
    shortTitle = undefined;
  }
  if (id === undefined || num === undefined || title === undefined) return undefined;
  if (!Number.isInteger(num) || num < 0 || num > 99) {
    r.report(r.node(m, 'number'), 'error', `${what}: number must be an integer from 0 to 99`);
    return undefined;
  }
  if (!ids.claim(r, r.node(m, 'id'), id, 'stage')) return undefined;
  const sections: Section[] = [];
  for (const sn of r.seq(m, 'sections', what, true)) {
    const se = r.entry(sn, 'section', SECTION_KEYS, `${what} section`);
    if (!se) continue;
    const { map: sm, id: sid, what: swhat } = se;
    const stitle = r.str(sm, 'title', swhat);
    const sintro = r.str(sm, 'intro', swhat, false);
    if (sid === undefined || stitle === undefined) continue;
    if (!ids.claim(r, r.node(sm, 'id'), sid, 'section')) continue;
    const topics: Topic[] = [];
    for (const tn of r.seq(sm, 'topics', swhat, true)) {
      const t = readTopic(r, tn, id, sid, ids, pending);
      if (t) topics.push(t);
    }
    sections.push(Object.freeze({ id: sid, title: stitle, ...(sintro ? { intro: sintro } : {}), topics: Object.freeze(topics) }));
  }
  const resources: Resource[] = [];
  r.seq(m, 'resources', what).forEach((rn, i) => {
    const res = readResource(r, rn, `${what} resource ${i + 1}`);
    if (res) resources.push(res);
  });
  return Object.freeze({ id, number: num, title, ...(shortTitle !== undefined ? { shortTitle } : {}), intro, sections: Object.freeze(sections), resources: Object.freeze(resources) });
}

function readIndex(r: FileReader, doc: Document): { meta: RoadmapMeta; faq: FaqEntry[]; stageFiles: { name: string; node: Node }[] } | undefined {
  const m = r.record(doc.contents, 'roadmap index', INDEX_KEYS, 'roadmap');
  if (!m) return undefined;
  const title = r.str(m, 'title', 'roadmap') ?? 'Roadmap';
  const description = r.str(m, 'description', 'roadmap', false) ?? '';
  const estimates: Estimate[] = [];
  for (const en of r.seq(m, 'estimates', 'roadmap')) {
    const em = r.record(en, 'estimate', ['label', 'minMonths', 'maxMonths', 'note'], 'estimate');
    if (!em) continue;
    const label = r.str(em, 'label', 'estimate');
    const minMonths = r.num(em, 'minMonths', 'estimate');
    const maxMonths = r.num(em, 'maxMonths', 'estimate');
    const note = r.str(em, 'note', 'estimate', false);
    if (label !== undefined && minMonths !== undefined && maxMonths !== undefined) {
      if (minMonths > maxMonths || minMonths < 0) r.report(em, 'error', `estimate '${label}': months must satisfy 0 <= min <= max`);
      else estimates.push(Object.freeze({ label, minMonths, maxMonths, ...(note ? { note } : {}) }));
    }
  }
  let weeklyHours = { min: 0, max: 0 };
  const wh = r.node(m, 'weeklyHours');
  if (wh !== undefined) {
    const whm = r.map(wh, 'weeklyHours');
    if (whm) {
      const min = r.num(whm, 'min', 'weeklyHours');
      const max = r.num(whm, 'max', 'weeklyHours');
      if (min !== undefined && max !== undefined) weeklyHours = { min, max };
    }
  }
  const faq: FaqEntry[] = [];
  for (const fn of r.seq(m, 'faq', 'roadmap')) {
    const fm = r.record(fn, 'faq entry', ['question', 'answer'], 'faq entry');
    if (!fm) continue;
    const question = r.str(fm, 'question', 'faq entry');
    const answer = r.str(fm, 'answer', 'faq entry');
    if (question !== undefined && answer !== undefined) faq.push(Object.freeze({ question, answer }));
  }
  const stageFiles = r.strList(m, 'stages', 'roadmap', true).map((s) => ({ name: s.value, node: s.node }));
  return { meta: Object.freeze({ title, description, estimates: Object.freeze(estimates), weeklyHours: Object.freeze(weeklyHours) }), faq, stageFiles };
}

/** Drops references to unknown ids (with a warning) and breaks prerequisite cycles (with a warning). */
function resolveReferences(pending: PendingRefs[]): void {
  const known = new Map<string, string>();
  for (const p of pending) {
    known.set(p.topic.id, p.topic.id);
    for (const a of p.topic.aliases) known.set(a, p.topic.id);
  }
  const prereqs = new Map<string, string[]>();
  for (const p of pending) {
    const fix = (list: readonly string[], nodes: Map<string, Node>, kind: string): string[] => {
      const out: string[] = [];
      for (const ref of list) {
        const target = known.get(ref);
        if (target === undefined) p.reader.report(nodes.get(ref), 'warning', `topic '${p.topic.id}': ${kind} '${ref}' does not exist`);
        else if (target === p.topic.id) p.reader.report(nodes.get(ref), 'warning', `topic '${p.topic.id}': lists itself as ${kind}`);
        else if (!out.includes(target)) out.push(target);
      }
      return out;
    };
    prereqs.set(p.topic.id, fix(p.topic.prerequisites, p.prereqNodes, 'prerequisite'));
    (p.topic as { related: readonly string[] }).related = Object.freeze(fix(p.topic.related, p.relatedNodes, 'related topic'));
  }
  // Iterative DFS: a back edge closes a cycle; it is reported once and removed.
  const state = new Map<string, 1 | 2>();
  for (const p of pending) {
    if (state.has(p.topic.id)) continue;
    const stack: { id: string; i: number }[] = [{ id: p.topic.id, i: 0 }];
    state.set(p.topic.id, 1);
    while (stack.length) {
      const top = stack[stack.length - 1];
      const edges = prereqs.get(top.id) ?? [];
      if (top.i >= edges.length) {
        state.set(top.id, 2);
        stack.pop();
        continue;
      }
      const next = edges[top.i];
      const s = state.get(next);
      if (s === 1) {
        const owner = pending.find((q) => q.topic.id === top.id);
        const cycle = [...stack.slice(stack.findIndex((f) => f.id === next)).map((f) => f.id), next].join(' -> ');
        owner?.reader.report(owner.prereqNodes.get(next), 'warning', `prerequisite cycle ${cycle}; the link from '${top.id}' to '${next}' is ignored`);
        edges.splice(top.i, 1);
        continue;
      }
      top.i++;
      if (s === undefined) {
        state.set(next, 1);
        stack.push({ id: next, i: 0 });
      }
    }
  }
  for (const p of pending) {
    (p.topic as { prerequisites: readonly string[] }).prerequisites = Object.freeze(prereqs.get(p.topic.id) ?? []);
    Object.freeze(p.topic);
  }
}

/**
 * Loads a roadmap from its index file (`roadmap.yaml`) and the stage files it lists.
 * Files are looked up by name; a listed file that is missing is an error.
 */
export function loadRoadmap(files: readonly SourceFile[]): LoadResult {
  const issues: LoadIssue[] = [];
  try {
    const byName = new Map(files.map((f) => [f.name, f]));
    const indexFile = byName.get(INDEX_FILE);
    if (!indexFile) {
      issues.push({ file: INDEX_FILE, line: 1, column: 1, severity: 'error', message: 'roadmap index file is missing' });
      return { roadmap: undefined, issues };
    }
    const parsedIndex = parseFile(indexFile, issues);
    const index = parsedIndex && readIndex(parsedIndex.reader, parsedIndex.doc);
    if (!index || !parsedIndex) return { roadmap: undefined, issues };
    const ids = new IdRegistry();
    const pending: PendingRefs[] = [];
    const stages: Stage[] = [];
    const numbers = new Map<number, string>();
    for (const sf of index.stageFiles) {
      const file = byName.get(sf.name);
      if (!file) {
        parsedIndex.reader.report(sf.node, 'error', `stage file '${sf.name}' not found`);
        continue;
      }
      const parsed = parseFile(file, issues);
      if (!parsed) continue;
      const stage = readStage(parsed.reader, parsed.doc, ids, pending);
      if (!stage) continue;
      const clash = numbers.get(stage.number);
      if (clash) {
        parsed.reader.report(parsed.doc.contents, 'error', `stage number ${stage.number} is already used by stage '${clash}'`);
        continue;
      }
      numbers.set(stage.number, stage.id);
      stages.push(stage);
    }
    resolveReferences(pending);
    stages.sort((a, b) => a.number - b.number);
    const roadmap: Roadmap = Object.freeze({ meta: index.meta, stages: Object.freeze(stages), faq: Object.freeze(index.faq) });
    return { roadmap, issues };
  } catch (e) {
    // Last line of defence: a bug or a stack overflow on pathological input is still an issue.
    issues.push({ file: files[0]?.name ?? INDEX_FILE, line: 1, column: 1, severity: 'error', message: `could not load the roadmap: ${(e as Error)?.message ?? String(e)}` });
    return { roadmap: undefined, issues };
  }
}
