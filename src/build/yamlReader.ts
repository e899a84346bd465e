/**
 * Reading YAML content files at build time: parsing with positions, typed field access, and
 * issues with file, line and column. Shared by the roadmap, exercise and quiz loaders.
 *
 * Never throws and never hangs: every input (empty, binary, huge, deeply nested, alias bombs,
 * wrong types) ends as issues.
 */
import { isAlias, isMap, isScalar, isSeq, LineCounter, parseDocument, type Document, type Node, type YAMLMap } from 'yaml';
import { ID_PATTERN } from '../core/ids';
import type { LoadIssue, Severity } from '../core/roadmap/model';

export interface SourceFile {
  /** Name used in issues, e.g. `stages/00-math-statistics.yaml`. */
  readonly name: string;
  readonly text: string;
}

/** Larger files are refused up front: the built-in roadmap is ~1 MB in all. */
export const MAX_FILE_BYTES = 2 * 1024 * 1024;

interface Pos { line: number; column: number }

/** Collects issues for one file and reads typed fields from YAML nodes with their positions. */
export class FileReader {
  constructor(
    readonly file: string,
    private readonly lines: LineCounter,
    private readonly issues: LoadIssue[],
  ) {}

  pos(node: Node | null | undefined): Pos {
    const offset = node?.range?.[0] ?? 0;
    const p = this.lines.linePos(offset);
    return { line: p.line, column: p.col };
  }

  report(node: Node | null | undefined, severity: Severity, message: string): void {
    const { line, column } = this.pos(node);
    this.issues.push({ file: this.file, line, column, severity, message });
  }

  /** The map at `node`, or an error naming `what`. Aliases are refused (no billion laughs). */
  map(node: unknown, what: string, parent?: Node): YAMLMap | undefined {
    if (isAlias(node)) {
      this.report(node, 'error', `${what}: YAML aliases are not supported`);
      return undefined;
    }
    if (!isMap(node)) {
      this.report((node as Node) ?? parent, 'error', `${what} must be a mapping`);
      return undefined;
    }
    return node;
  }

  /** Warns about keys not in `known`. */
  checkKeys(map: YAMLMap, known: readonly string[], what: string): void {
    for (const pair of map.items) {
      const key = isScalar(pair.key) ? String(pair.key.value) : '?';
      if (!known.includes(key)) this.report(pair.key as Node, 'warning', `unknown field '${key}' in ${what}`);
    }
  }

  node(map: YAMLMap, key: string): Node | undefined {
    for (const pair of map.items) {
      if (isScalar(pair.key) && pair.key.value === key) return (pair.value ?? undefined) as Node | undefined;
    }
    return undefined;
  }

  has(map: YAMLMap, key: string): boolean {
    return map.items.some((p) => isScalar(p.key) && p.key.value === key);
  }

  str(map: YAMLMap, key: string, what: string, required = true): string | undefined {
    const n = this.node(map, key);
    if (n === undefined || (isScalar(n) && n.value === null)) {
      if (required) this.report(map, 'error', `${what}: missing '${key}'`);
      return undefined;
    }
    if (isAlias(n)) {
      this.report(n, 'error', `${what}: '${key}': YAML aliases are not supported`);
      return undefined;
    }
    if (!isScalar(n) || (typeof n.value !== 'string' && typeof n.value !== 'number')) {
      this.report(n, 'error', `${what}: '${key}' must be text`);
      return undefined;
    }
    const s = String(n.value).trim();
    if (required && s === '') {
      this.report(n, 'error', `${what}: '${key}' is empty`);
      return undefined;
    }
    return s;
  }

  /** Several required text fields at once (each missing one is an issue). */
  strs<K extends string>(map: YAMLMap, what: string, keys: readonly K[]): { [P in K]: string | undefined } {
    return Object.fromEntries(keys.map((k) => [k, this.str(map, k, what)])) as { [P in K]: string | undefined };
  }

  num(map: YAMLMap, key: string, what: string): number | undefined {
    const n = this.node(map, key);
    if (n === undefined) {
      this.report(map, 'error', `${what}: missing '${key}'`);
      return undefined;
    }
    if (!isScalar(n) || typeof n.value !== 'number' || !Number.isFinite(n.value)) {
      this.report(n, 'error', `${what}: '${key}' must be a number`);
      return undefined;
    }
    return n.value;
  }

  bool(map: YAMLMap, key: string, what: string): boolean | undefined {
    const n = this.node(map, key);
    if (n === undefined) {
      this.report(map, 'error', `${what}: missing '${key}'`);
      return undefined;
    }
    if (!isScalar(n) || typeof n.value !== 'boolean') {
      this.report(n, 'error', `${what}: '${key}' must be true or false`);
      return undefined;
    }
    return n.value;
  }

  /** The items of a sequence field; absent means empty when not required. */
  seq(map: YAMLMap, key: string, what: string, required = false): Node[] {
    const n = this.node(map, key);
    if (n === undefined || (isScalar(n) && n.value === null)) {
      if (required) this.report(map, 'error', `${what}: missing '${key}'`);
      return [];
    }
    if (isAlias(n)) {
      this.report(n, 'error', `${what}: '${key}': YAML aliases are not supported`);
      return [];
    }
    if (!isSeq(n)) {
      this.report(n, 'error', `${what}: '${key}' must be a list`);
      return [];
    }
    return n.items as Node[];
  }

  strList(map: YAMLMap, key: string, what: string, required = false): { value: string; node: Node }[] {
    const out: { value: string; node: Node }[] = [];
    for (const item of this.seq(map, key, what, required)) {
      if (isScalar(item) && (typeof item.value === 'string' || typeof item.value === 'number') && String(item.value).trim() !== '') {
        out.push({ value: String(item.value).trim(), node: item });
      } else {
        this.report(item, 'error', `${what}: every item of '${key}' must be non-empty text`);
      }
    }
    return out;
  }

  /** The mapping at `node`, with its unknown keys reported (under `keysWhat`). */
  record(node: unknown, what: string, keys: readonly string[], keysWhat = what): YAMLMap | undefined {
    const map = this.map(node, what);
    if (map) this.checkKeys(map, keys, keysWhat);
    return map;
  }

  /**
   * The mapping at `node` and its id, with its unknown keys reported: how every loader starts
   * reading an entry. `what` becomes `<what> '<id>'` in later issues.
   */
  entry(node: unknown, what: string, keys: readonly string[], mapWhat = what): { map: YAMLMap; id: string | undefined; what: string } | undefined {
    const map = this.map(node, mapWhat);
    if (!map) return undefined;
    const id = this.id(map, what);
    const named = id ? `${what} '${id}'` : what;
    this.checkKeys(map, keys, named);
    return { map, id, what: named };
  }

  /**
   * The mapping at `node` that belongs to a topic (an exercise, a quiz), with its unknown keys
   * reported; undefined, with an issue, when its `topic` is missing or names no topic of the
   * roadmap. `what` is `<kind> '<topic>'` for later issues.
   */
  topicEntry(node: unknown, kind: string, keys: readonly string[], known: ReadonlySet<string>): { map: YAMLMap; topic: string; what: string } | undefined {
    const map = this.map(node, kind);
    if (!map) return undefined;
    const topic = this.str(map, 'topic', kind);
    const what = topic ? `${kind} '${topic}'` : kind;
    this.checkKeys(map, keys, what);
    if (!topic) return undefined;
    if (!known.has(topic)) {
      this.report(this.node(map, 'topic'), 'error', `${what}: no topic with this id`);
      return undefined;
    }
    return { map, topic, what };
  }

  id(map: YAMLMap, what: string): string | undefined {
    const id = this.str(map, 'id', what);
    if (id !== undefined && !ID_PATTERN.test(id)) {
      this.report(this.node(map, 'id'), 'error', `${what}: id '${id}' must be kebab-case (a-z, 0-9, -)`);
      return undefined;
    }
    return id;
  }
}

export function parseFile(file: SourceFile, issues: LoadIssue[]): { doc: Document; reader: FileReader } | undefined {
  const lines = new LineCounter();
  const reader = new FileReader(file.name, lines, issues);
  const size = Buffer.byteLength(file.text, 'utf8');
  if (size > MAX_FILE_BYTES) {
    issues.push({ file: file.name, line: 1, column: 1, severity: 'error',
      message: `file is too large (${(size / 1048576).toFixed(1)} MB; the limit is ${MAX_FILE_BYTES / 1048576} MB)` });
    return undefined;
  }
  // NUL and other C0 controls mean this is not a text file; YAML would reject it less clearly.
  const bad = /[\u0000-\u0008\u000e-\u001f]/.exec(file.text);
  if (bad) {
    lines.addNewLine(0);
    const before = file.text.slice(0, bad.index);
    const line = before.split('\n').length;
    const column = bad.index - before.lastIndexOf('\n');
    issues.push({ file: file.name, line, column, severity: 'error', message: 'not a text file (control character found)' });
    return undefined;
  }
  let doc: Document;
  try {
    doc = parseDocument(file.text, { lineCounter: lines, uniqueKeys: true, prettyErrors: false, strict: true });
  } catch (e) {
    issues.push({ file: file.name, line: 1, column: 1, severity: 'error', message: `cannot parse YAML: ${(e as Error).message}` });
    return undefined;
  }
  for (const e of doc.errors) {
    const p = e.linePos?.[0];
    const msg = e.code === 'DUPLICATE_KEY' ? `duplicate key: ${firstLine(e.message)}` : firstLine(e.message);
    issues.push({ file: file.name, line: p?.line ?? 1, column: p?.col ?? 1, severity: 'error', message: msg });
  }
  for (const w of doc.warnings) {
    const p = w.linePos?.[0];
    issues.push({ file: file.name, line: p?.line ?? 1, column: p?.col ?? 1, severity: 'warning', message: firstLine(w.message) });
  }
  if (doc.errors.length > 0) return undefined;
  return { doc, reader };
}

function firstLine(s: string): string {
  return s.split('\n')[0].replace(/ at line \d+, column \d+.*$/, '');
}


/**
 * Reads content files that each hold one top-level list (`exercises:`, `quizzes:`), calling
 * `each` for every entry of the list. Never throws: a file that cannot be read is an issue.
 */
export function readListFiles(files: readonly SourceFile[], issues: LoadIssue[], kind: { readonly what: string; readonly list: string; readonly keys: readonly string[] }, each: (r: FileReader, node: Node) => void): void {
  for (const file of files) {
    try {
      const parsed = parseFile(file, issues);
      if (!parsed) continue;
      const { reader: r, doc } = parsed;
      const root = r.record(doc.contents, kind.what, kind.keys);
      if (!root) continue;
      for (const node of r.seq(root, kind.list, kind.what, true)) each(r, node);
    } catch (e) {
      issues.push({ file: file.name, line: 1, column: 1, severity: 'error', message: `could not load ${kind.list}: ${(e as Error).message}` });
    }
  }
}

/**
 * Loads entries keyed by topic (one exercise, one quiz per topic) from list files: a second
 * entry for the same topic is an error and the first one is kept.
 */
export function loadTopicEntries<T extends { readonly topic: string }>(files: readonly SourceFile[], kind: { readonly what: string; readonly list: string; readonly keys: readonly string[]; readonly entry: string },
  read: (r: FileReader, node: Node) => T | undefined): { entries: Map<string, T>; issues: LoadIssue[] } {
  const issues: LoadIssue[] = [];
  const entries = new Map<string, T>();
  readListFiles(files, issues, kind, (r, node) => {
    const e = read(r, node);
    if (!e) return;
    if (entries.has(e.topic)) r.report(node, 'error', `duplicate ${kind.entry} for topic '${e.topic}'`);
    else entries.set(e.topic, e);
  });
  return { entries, issues };
}

/** Reads the items of a list whose ids must be unique (within `ids`); a repeated id is an error. */
export function readUnique<T extends { readonly id: string }>(r: FileReader, nodes: readonly Node[], ids: Set<string>, what: string, label: string,
  read: (node: Node, i: number) => T | undefined): T[] {
  const out: T[] = [];
  nodes.forEach((node, i) => {
    const item = read(node, i);
    if (!item) return;
    if (ids.has(item.id)) r.report(node, 'error', `${what}: duplicate ${label} id '${item.id}'`);
    else {
      ids.add(item.id);
      out.push(item);
    }
  });
  return out;
}
