/**
 * Which library versions each exercise was tested with, free of `vscode`: the shape of
 * `roadmap/exercises/tested-with.json` (written by the exercise layers with `--record` and by
 * test/exercises/tested-with.js), its validation, and the one line an exercise file shows, e.g.
 * "Tested with Python 3.11.2 and numpy 1.24.2 (Debian 12) and numpy 2.3.5 (current releases, 2026-12-03)".
 */

import { PACKAGES } from './exerciseModel';

/** The distribution pip knows an import name by (`sklearn` -> `scikit-learn`, extras dropped). */
export function distribution(importName: string): string {
  return (PACKAGES[importName] ?? importName).replace(/\[.*\]$/, '');
}

/** How a line names a package: as pip installs it; sqlite3's version is the SQLite library's. */
export function displayName(importName: string): string {
  return importName === 'sqlite3' ? 'SQLite' : distribution(importName);
}

/** The stacks the layers prove the exercises on, in the order a line names them. */
export const STACKS = [
  // Debian's versions are fixed by the release, so the label says it all.
  { id: 'debian-12', label: 'Debian 12', dated: false },
  // Current releases move: the date says when they were current.
  { id: 'current', label: 'current releases', dated: true },
] as const;

export type StackId = typeof STACKS[number]['id'];

export type TopicStatus = 'passed' | 'failed' | 'skipped';

export interface StackRecord {
  /** `platform.python_version()` of the interpreter. */
  readonly python: string;
  /** When this stack was last recorded, `YYYY-MM-DD`. */
  readonly date: string;
  /** Import name -> installed version; `null` when that interpreter cannot import it. */
  readonly packages: Readonly<Record<string, string | null>>;
  /** Stage key (`02-machine-learning`) -> topic id -> how the layer ended for it. */
  readonly results: Readonly<Record<string, Readonly<Record<string, TopicStatus>>>>;
}

export interface TestedWith {
  readonly version: 1;
  readonly stacks: Readonly<Partial<Record<StackId, StackRecord>>>;
}

export type ParseResult = { readonly value: TestedWith } | { readonly error: string };

const VERSION = /^[0-9A-Za-z.+!-]{1,40}$/;
const NAME = /^[A-Za-z][A-Za-z0-9_]{0,60}$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const KEY = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const STATUSES: readonly string[] = ['passed', 'failed', 'skipped'];

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** A stack's record, or why it is not one. */
function readStack(id: string, v: unknown): StackRecord | string {
  if (!isObject(v)) return `stacks.${id} is not an object`;
  const { python, date, packages, results } = v;
  if (typeof python !== 'string' || !VERSION.test(python)) return `stacks.${id}.python is not a version`;
  if (typeof date !== 'string' || !DATE.test(date) || Number.isNaN(Date.parse(date))) return `stacks.${id}.date is not a YYYY-MM-DD date`;
  if (!isObject(packages)) return `stacks.${id}.packages is not an object`;
  for (const [name, version] of Object.entries(packages)) {
    if (!NAME.test(name)) return `stacks.${id}.packages has a bad name ${JSON.stringify(name)}`;
    if (version !== null && (typeof version !== 'string' || !VERSION.test(version))) return `stacks.${id}.packages.${name} is neither a version nor null`;
  }
  if (!isObject(results)) return `stacks.${id}.results is not an object`;
  const seen = new Set<string>();
  for (const [stage, topics] of Object.entries(results)) {
    if (!KEY.test(stage) || !isObject(topics)) return `stacks.${id}.results.${stage} is not a stage of topics`;
    for (const [topic, status] of Object.entries(topics)) {
      if (!KEY.test(topic)) return `stacks.${id}.results.${stage} has a bad topic id ${JSON.stringify(topic)}`;
      if (typeof status !== 'string' || !STATUSES.includes(status)) return `stacks.${id}.results.${stage}.${topic} is not one of ${STATUSES.join(', ')}`;
      if (seen.has(topic)) return `stacks.${id}.results lists topic '${topic}' twice`;
      seen.add(topic);
    }
  }
  return { python, date, packages: packages as Record<string, string | null>, results: results as Record<string, Record<string, TopicStatus>> };
}

/** The file's text, validated: anything unexpected makes the whole file an error (never a half-read claim). */
export function parseTestedWith(text: string): ParseResult {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    return { error: `not JSON (${(e as Error).message})` };
  }
  if (!isObject(data)) return { error: 'not a JSON object' };
  if (data.version !== 1) return { error: `version must be 1 (found ${JSON.stringify(data.version)})` };
  if (!isObject(data.stacks)) return { error: 'stacks is not an object' };
  const known: readonly string[] = STACKS.map((s) => s.id);
  const stacks: Partial<Record<StackId, StackRecord>> = {};
  for (const [id, v] of Object.entries(data.stacks)) {
    if (!known.includes(id)) return { error: `unknown stack '${id}' (known: ${known.join(', ')})` };
    const r = readStack(id, v);
    if (typeof r === 'string') return { error: r };
    stacks[id as StackId] = r;
  }
  return { value: { version: 1, stacks } };
}

/** How a stack ended for a topic, whatever stage it is filed under. */
export function topicStatus(stack: StackRecord, topic: string): TopicStatus | undefined {
  for (const topics of Object.values(stack.results)) if (Object.prototype.hasOwnProperty.call(topics, topic)) return topics[topic];
  return undefined;
}

/**
 * The "Tested with ..." line of one exercise: every stack that passed the topic, with its Python
 * and the version of each package the exercise declares (in the order it declares them, named as
 * pip installs them: scikit-learn, not sklearn). A stack
 * that skipped or failed the topic, or never ran it, is not named; a package the file has no
 * version for is left out. Undefined when no stack passed it.
 */
export function testedWithLine(data: TestedWith, topic: string, packages: readonly string[]): string | undefined {
  const named = STACKS.flatMap((s) => {
    const rec = data.stacks[s.id];
    if (!rec || topicStatus(rec, topic) !== 'passed') return [];
    const own = (name: string) => Object.prototype.hasOwnProperty.call(rec.packages, name) ? rec.packages[name] : null;
    const pkgs = packages.flatMap((p) => { const v = own(p); return v ? [`${displayName(p)} ${v}`] : []; });
    return [{ python: rec.python, pkgs, label: s.dated ? `${s.label}, ${rec.date}` : s.label }];
  });
  if (named.length === 0) return undefined;
  const python = named[0].python;
  const samePython = named.every((n) => n.python === python);
  if (samePython && named.every((n) => n.pkgs.length === 0)) return `Tested with Python ${python} (${named.map((n) => n.label).join(' and ')})`;
  if (samePython && named.every((n) => n.pkgs.length > 0)) return `Tested with Python ${python} and ${named.map((n) => `${n.pkgs.join(', ')} (${n.label})`).join(' and ')}`;
  return `Tested with ${named.map((n) => `${[`Python ${n.python}`, ...n.pkgs].join(', ')} (${n.label})`).join(' and ')}`;
}
