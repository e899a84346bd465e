// Records roadmap/exercises/tested-with.json for one stack: the Python and the version of every
// package the exercises declare, read from that interpreter, plus (from a layer run with
// --record) how each topic ended. A recorded result stays only while the versions it was proved
// with do: when Python or one of a topic's packages changed, that topic's old result is dropped
// (and said), so the file never names versions a topic was not run with.
// Usage: node out/test/exercises/recordTested.js <stack> <python> [results.json]
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { distribution, parseTestedWith, STACKS, type StackId, type StackRecord, type TestedWith, type TopicStatus } from '../../src/core/exercises/testedWith';
import { TESTED_WITH_FILE } from '../../src/build/testedWith';
import { stageNumber } from '../../src/core/ids';
import { loadAll, ROOT } from './build';

export interface Snapshot {
  readonly python: string;
  /** Import name -> version, null when the interpreter cannot import it. */
  readonly packages: Readonly<Record<string, string | null>>;
}

export interface TopicInfo {
  /** `02-machine-learning`: the results are filed by stage. */
  readonly stageKey: string;
  readonly packages: readonly string[];
}

const COMMENT = 'Which Python and package versions each exercise was proved with, per stack. Written by `node test/exercises/run.js [stage] --record` (debian-12), `node test/exercises/current.js [stage] --record` (current) and `node test/exercises/tested-with.js` (versions only: a result whose versions changed is dropped). The build turns it into the "Tested with ..." line of each exercise; do not edit by hand.';

/** The stack's new record, and what older results had to go (each with why). */
export function recordStack(previous: TestedWith | undefined, stack: StackId, snapshot: Snapshot, date: string,
  topics: ReadonlyMap<string, TopicInfo>, results?: ReadonlyMap<string, TopicStatus>): { data: TestedWith; dropped: string[] } {
  const old: StackRecord | undefined = previous?.stacks[stack];
  const dropped: string[] = [];
  const next: Record<string, Record<string, TopicStatus>> = {};
  const put = (topic: string, status: TopicStatus) => { (next[topics.get(topic)!.stageKey] ??= {})[topic] = status; };
  const version = (r: Readonly<Record<string, string | null>>, p: string) => (Object.prototype.hasOwnProperty.call(r, p) ? r[p] : undefined);
  for (const byTopic of Object.values(old?.results ?? {})) {
    for (const [topic, status] of Object.entries(byTopic)) {
      if (results?.has(topic)) continue;
      const info = topics.get(topic);
      if (!info) { dropped.push(`${topic}: no longer an exercise`); continue; }
      if (old!.python !== snapshot.python) { dropped.push(`${topic}: Python ${old!.python} -> ${snapshot.python}`); continue; }
      const changed = info.packages.filter((p) => version(old!.packages, p) !== version(snapshot.packages, p));
      if (changed.length) { dropped.push(`${topic}: ${changed.map((p) => `${p} ${version(old!.packages, p) ?? 'none'} -> ${version(snapshot.packages, p) ?? 'none'}`).join(', ')}`); continue; }
      put(topic, status);
    }
  }
  for (const [topic, status] of results ?? []) {
    if (topics.has(topic)) put(topic, status);
  }
  const record: StackRecord = { python: snapshot.python, date, packages: { ...snapshot.packages }, results: next };
  return { data: { version: 1, stacks: { ...previous?.stacks, [stack]: record } }, dropped };
}

function sorted(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(sorted);
  if (typeof v !== 'object' || v === null) return v;
  return Object.fromEntries(Object.keys(v).sort().map((k) => [k, sorted((v as Record<string, unknown>)[k])]));
}

/** The file's text: keys sorted at every level, so recording the same facts gives the same bytes. */
export function serialize(data: TestedWith): string {
  return `${JSON.stringify({ comment: COMMENT, ...(sorted(data) as object) }, null, 2)}\n`;
}

// sqlite3 is part of Python: what matters is the SQLite library it was built with.
const VERSIONS_PY = `import importlib.metadata as md, importlib.util, json, platform, sys
out = {}
for name, dist in json.loads(sys.argv[1]).items():
    if name == "sqlite3":
        import sqlite3
        out[name] = sqlite3.sqlite_version
        continue
    try:
        out[name] = md.version(dist)
    except md.PackageNotFoundError:
        out[name] = None
    if out[name] is None and importlib.util.find_spec(name) is not None:
        out[name] = getattr(__import__(name), "__version__", None)
print(json.dumps({"python": platform.python_version(), "packages": out}))`;

/** What `python` has of each import name. Throws when the interpreter does not run. */
export function readVersions(python: string, names: readonly string[]): Snapshot {
  const env = { ...process.env };
  delete env.PYTHONPATH;
  const r = spawnSync(python, ['-c', VERSIONS_PY, JSON.stringify(Object.fromEntries(names.map((n) => [n, distribution(n)])))], { encoding: 'utf8', env, timeout: 120_000 });
  if (r.status !== 0) throw new Error(`${python} could not report its versions: ${(r.stderr || String(r.error)).trim().split('\n').pop()}`);
  const out = JSON.parse(r.stdout) as Snapshot;
  return { python: out.python, packages: Object.fromEntries(names.map((n) => [n, out.packages[n] ?? null])) };
}

/** Every topic (its stage key and declared packages), from the content as the layers build it. */
export function declaredTopics(): Map<string, TopicInfo> {
  const { roadmap, exercises } = loadAll();
  const topics = new Map<string, TopicInfo>();
  for (const stage of roadmap.stages) {
    for (const sec of stage.sections) for (const t of sec.topics) topics.set(t.id, { stageKey: `${stageNumber(stage)}-${stage.id}`, packages: exercises.get(t.id)?.packages ?? [] });
  }
  return topics;
}

/** The union of declared import names, sorted. */
export function declaredPackages(topics: ReadonlyMap<string, TopicInfo>): string[] {
  return [...new Set([...topics.values()].flatMap((t) => t.packages))].sort();
}

export function readFile(file: string): TestedWith | undefined {
  if (!fs.existsSync(file)) return undefined;
  const r = parseTestedWith(fs.readFileSync(file, 'utf8'));
  if ('error' in r) {
    console.log(`${path.relative(ROOT, file)} is malformed (${r.error}): recording it afresh`);
    return undefined;
  }
  return r.value;
}

function main(): void {
  const [stack, python, resultsFile] = process.argv.slice(2);
  if (!STACKS.some((s) => s.id === stack) || !python) {
    console.log(`usage: recordTested.js <${STACKS.map((s) => s.id).join('|')}> <python> [results.json]`);
    process.exit(2);
  }
  const file = path.join(ROOT, TESTED_WITH_FILE);
  const topics = declaredTopics();
  const snapshot = readVersions(python, declaredPackages(topics));
  let results: Map<string, TopicStatus> | undefined;
  if (resultsFile) {
    const r = JSON.parse(fs.readFileSync(resultsFile, 'utf8')) as { topics: Record<string, TopicStatus> };
    results = new Map(Object.entries(r.topics));
  }
  const { data, dropped } = recordStack(readFile(file), stack as StackId, snapshot, new Date().toISOString().slice(0, 10), topics, results);
  fs.writeFileSync(file, serialize(data));
  const counts = results ? ['passed', 'failed', 'skipped'].map((s) => `${[...results.values()].filter((v) => v === s).length} ${s}`).join(', ') : 'versions only';
  console.log(`tested-with ${stack}: Python ${snapshot.python}; ${Object.entries(snapshot.packages).map(([p, v]) => `${p} ${v ?? '(missing)'}`).join(', ')}; ${counts}; written to ${TESTED_WITH_FILE}`);
  for (const d of dropped) console.log(`  dropped the result of ${d}`);
}

if (require.main === module) main();
