/**
 * The build's one entry (called by esbuild.js): reads the content under `roadmap/`, validates
 * it, and writes what the extension reads at run time into `dist/`:
 *
 * - `dist/data/roadmap.json.br`        the model (no page HTML: it stays quick to parse);
 * - `dist/data/pages-<stage>.json.br`  per stage, the topic pages (markdown rendered, math typeset);
 * - `dist/data/exercises.json.br`      the authored exercises, each with the versions it was tested
 *                                      with (roadmap/exercises/tested-with.json, optional);
 * - `dist/data/map.json.br`            the dashboard map, laid out (ELK) with every position;
 * - `dist/webview/katex/`              KaTeX's stylesheet and only the fonts the math uses;
 * - plain `dist/roadmap.json`, `dist/exercises.json` and `dist/map.json` for tests and tools (not shipped).
 *
 * It returns what the bundles inline: the topic ids, and the settings' defaults from package.json.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { summarize, type RoadmapSummary } from '../core/roadmap/roadmapData';
import { defaultExercise } from '../core/exercises/exerciseModel';
import { withRubric } from '../core/exercises/rubric';
import type { Roadmap } from '../core/roadmap/model';
import type { TopicHtml } from '../core/roadmap/roadmapData';
import { compileRoadmap, renderQuizHtml } from './compile';
import { loadQuizzes } from './quizLoader';
import { cachedText, pruneDataCache, writeData as writeDataFile } from './dataFiles';
import { layoutMap } from './mapLayout';
import { loadExercises } from './exerciseLoader';
import { readTestedWith, withTestedWith } from './testedWith';
import { copyKatexAssets, katexClasses } from './katexFonts';
import type { LoadIssue } from '../core/roadmap/model';
import type { SourceFile } from './yamlReader';

export interface BuildOptions {
  /** The project folder (holds `roadmap/`, `package.json`). */
  readonly root: string;
  /** Where to write (normally `<root>/dist`). */
  readonly dist: string;
  /** Smaller data at the cost of build time. */
  readonly production: boolean;
  /** Where issues and the summary line go. */
  readonly log?: (line: string) => void;
  /**
   * A hash of the build's own code (esbuild.js passes its bundle's). With it, the map's layout
   * (ELK: most of a build's time) is kept in `out/data-cache` and reused while both the code and
   * the roadmap are the same; without it, it is always laid out anew.
   */
  readonly codeHash?: string;
}

export interface BuildResult {
  readonly summary: RoadmapSummary;
  /** `dsRoadmap.*` setting -> its default, read from package.json. */
  readonly settingDefaults: Readonly<Record<string, unknown>>;
  readonly fonts: readonly string[];
}

/** The YAML files of one content folder, sorted, named relative to `roadmap/`. */
export function readContentDir(root: string, dir: string): SourceFile[] {
  const full = path.join(root, 'roadmap', dir);
  if (!fs.existsSync(full)) return [];
  return fs.readdirSync(full).filter((n) => n.endsWith('.yaml')).sort()
    .map((n) => ({ name: `${dir}/${n}`, text: fs.readFileSync(path.join(full, n), 'utf8') }));
}

/** Every file of the built-in roadmap: the index, then the stages. */
export function readRoadmapFiles(root: string): SourceFile[] {
  return [{ name: 'roadmap.yaml', text: fs.readFileSync(path.join(root, 'roadmap', 'roadmap.yaml'), 'utf8') }, ...readContentDir(root, 'stages')];
}

function report(issues: readonly LoadIssue[], what: string, log: (line: string) => void): void {
  for (const i of issues) log(`roadmap/${i.file}:${i.line}:${i.column} ${i.severity}: ${i.message}`);
  const errors = issues.filter((i) => i.severity === 'error').length;
  if (errors) throw new Error(`${what} ${errors === 1 ? 'has 1 error' : `have ${errors} errors`}`);
}

/** `dsRoadmap.x` -> default, from package.json's `contributes.configuration`. */
export function settingDefaults(root: string): Record<string, unknown> {
  const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as { contributes?: { configuration?: { properties?: Record<string, { default?: unknown }> } | { properties?: Record<string, { default?: unknown }> }[] } };
  const conf = pkg.contributes?.configuration;
  const props = Array.isArray(conf) ? Object.assign({}, ...conf.map((c) => c.properties ?? {})) : conf?.properties ?? {};
  const out: Record<string, unknown> = {};
  for (const [key, p] of Object.entries(props as Record<string, { default?: unknown }>)) {
    if (key.startsWith('dsRoadmap.') && 'default' in p) out[key.slice('dsRoadmap.'.length)] = p.default;
  }
  return out;
}

/** The model as it ships: topics without their explanation's markdown (the pages hold it as HTML). */
export function withoutDetails(roadmap: Roadmap): Roadmap {
  return { ...roadmap, stages: roadmap.stages.map((s) => ({ ...s, sections: s.sections.map((sec) => ({ ...sec, topics: sec.topics.map((t) => ({ ...t, details: '' })) })) })) };
}

export async function buildContent(options: BuildOptions): Promise<BuildResult> {
  const { root, dist, production } = options;
  const cache = path.join(root, 'out', 'data-cache');
  const writeData = (d: string, name: string, text: string, prod: boolean) => writeDataFile(d, name, text, prod, cache);
  const log = options.log ?? ((line: string) => console.log(line));
  const { compiled, result } = compileRoadmap(readRoadmapFiles(root));
  report(result.issues, 'the roadmap', log);
  if (!compiled) throw new Error('the roadmap could not be compiled');
  fs.mkdirSync(dist, { recursive: true });
  const summary = summarize(compiled.roadmap);
  const quizzes = loadQuizzes(readContentDir(root, 'quizzes'), summary.topicIds);
  report(quizzes.issues, 'the quizzes', log);
  const unquizzed = summary.topicIds.filter((id) => !quizzes.quizzes.has(id));
  if (unquizzed.length) throw new Error(`every topic needs a quiz; missing: ${unquizzed.join(', ')}`);
  // The topic pages (markdown, typeset math and the quiz: most of the bytes) go to one file per
  // stage, read when a page of that stage first opens. roadmap.json keeps the model without the
  // explanations' markdown (the pages carry it as HTML), so it stays small and quick to parse.
  const runtime = { ...compiled, roadmap: withoutDetails(compiled.roadmap), html: { ...compiled.html, topics: {} } };
  const roadmapJson = JSON.stringify(runtime);
  fs.writeFileSync(path.join(dist, 'roadmap.json'), roadmapJson);
  writeData(dist, 'roadmap.json', roadmapJson, production);
  for (const stage of compiled.roadmap.stages) {
    const pages: Record<string, TopicHtml> = {};
    for (const sec of stage.sections) for (const t of sec.topics) pages[t.id] = { ...compiled.html.topics[t.id], quiz: renderQuizHtml(quizzes.quizzes.get(t.id)!) };
    writeData(dist, `pages-${stage.id}.json`, JSON.stringify(pages), production);
  }
  // Exercises: the authored ones, and for every other topic its reflection exercise (built here,
  // from the explanation the run-time model no longer carries).
  // Each carries the line naming the versions it was tested with (none when the file is unusable).
  const ex = loadExercises(readContentDir(root, 'exercises'), summary.topicIds);
  report(ex.issues, 'the exercises', log);
  const tested = readTestedWith(root, log);
  const all = Object.fromEntries(compiled.roadmap.stages.flatMap((s) => s.sections.flatMap((sec) => sec.topics))
    .map((t) => [t.id, withTestedWith(withRubric(t, ex.exercises.get(t.id) ?? defaultExercise(t)), tested)]));
  const exercisesJson = JSON.stringify({ version: 1, exercises: all });
  fs.writeFileSync(path.join(dist, 'exercises.json'), exercisesJson);
  writeData(dist, 'exercises.json', exercisesJson, production);
  // The dashboard's map is laid out here, once: the page only adds each topic's status to it.
  const mapJson = await cachedText(options.codeHash !== undefined ? cache : undefined, `map\n${options.codeHash}\n${JSON.stringify(compiled.roadmap)}`,
    async () => JSON.stringify(await layoutMap(compiled.roadmap)));
  fs.writeFileSync(path.join(dist, 'map.json'), mapJson);
  writeData(dist, 'map.json', mapJson, production);
  const fonts = copyKatexAssets(root, path.join(dist, 'webview', 'katex'), katexClasses(JSON.stringify(compiled.html)));
  pruneDataCache(cache);
  return { summary, settingDefaults: settingDefaults(root), fonts: [...fonts].sort() };
}
