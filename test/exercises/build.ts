// Generates every exercise with the extension's own builder into a workspace folder, twice:
// `untouched/` (what a learner gets) and `solved/` (reference solutions filled in), each with the
// checker beside it. Writes manifest.json for execute.py. Prints the generation time.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { defaultExercise, loadExercises } from '../../src/build/exerciseLoader';
import { buildNotebook, buildScript, checkNames } from '../../src/core/exercises/exerciseFiles';
import { loadRoadmap, type SourceFile } from '../../src/build/roadmapLoader';
import { exerciseRelativePath } from '../../src/core/exercises/exercisePaths';
import { readTestedWith, withTestedWith } from '../../src/build/testedWith';

export const ROOT = path.resolve(__dirname, '..', '..', '..');

export function readDir(dir: string, prefix: string): SourceFile[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir).filter((n) => n.endsWith('.yaml')).sort()
    .map((n) => ({ name: `${prefix}${n}`, text: fs.readFileSync(path.join(dir, n), 'utf8') }));
}

export function loadAll() {
  const rm = path.join(ROOT, 'roadmap');
  const { roadmap, issues } = loadRoadmap([{ name: 'roadmap.yaml', text: fs.readFileSync(path.join(rm, 'roadmap.yaml'), 'utf8') }, ...readDir(path.join(rm, 'stages'), 'stages/')]);
  if (!roadmap) throw new Error(`roadmap does not load: ${issues.map((i) => i.message).join('; ')}`);
  const ids = roadmap.stages.flatMap((s) => s.sections.flatMap((sec) => sec.topics.map((t) => t.id)));
  const ex = loadExercises(readDir(path.join(rm, 'exercises'), 'exercises/'), ids);
  return { roadmap, exercises: ex.exercises, issues: [...issues, ...ex.issues] };
}

function main(): void {
  const out = path.resolve(process.argv[2] ?? path.join(ROOT, '.vscode-test', 'exercises-run'));
  // A stage (its id or two-digit number) or one topic id; none: everything.
  const filter = process.argv[3];
  fs.rmSync(out, { recursive: true, force: true });
  const t0 = process.hrtime.bigint();
  const { roadmap, exercises, issues } = loadAll();
  // As the extension ships them: with their "Tested with" line (none when the file is unusable).
  const tested = readTestedWith(ROOT, (line) => console.log(line));
  const errors = issues.filter((i) => i.severity === 'error');
  for (const i of issues) console.log(`${i.file}:${i.line}:${i.column} ${i.severity}: ${i.message}`);
  const manifest: { topic: string; stage: string; kind: string; authored: boolean; checks: string[]; packages: readonly string[]; notebook: string; script: string }[] = [];
  const files: [string, string][] = [];
  const topicIds = new Set(roadmap.stages.flatMap((s) => s.sections.flatMap((sec) => sec.topics.map((t) => t.id))));
  const byTopic = filter !== undefined && topicIds.has(filter);
  for (const stage of roadmap.stages) {
    if (filter && !byTopic && !stage.id.startsWith(filter) && String(stage.number).padStart(2, '0') !== filter) continue;
    for (const section of stage.sections) {
      for (const topic of section.topics) {
        if (byTopic && topic.id !== filter) continue;
        const ex = withTestedWith(exercises.get(topic.id) ?? defaultExercise(topic), tested);
        const nb = exerciseRelativePath(['exercises'], stage, topic, 'notebook').join('/');
        const sc = exerciseRelativePath(['exercises'], stage, topic, 'script').join('/');
        for (const variant of ['untouched', 'solved'] as const) {
          const solved = variant === 'solved';
          files.push([path.join(out, variant, nb), buildNotebook(topic, stage, ex, { solved })]);
          files.push([path.join(out, variant, sc), buildScript(topic, stage, ex, { solved })]);
        }
        manifest.push({ topic: topic.id, stage: stage.id, kind: ex.kind, authored: exercises.has(topic.id), checks: checkNames(ex), packages: ex.packages, notebook: nb, script: sc });
      }
    }
  }
  const genMs = Number(process.hrtime.bigint() - t0) / 1e6;
  if (!manifest.length) {
    console.log(`no stage or topic matches '${filter}'`);
    console.log('LAYER-RESULT passed=0 failed=1');
    process.exit(1);
  }
  for (const [file, text] of files) {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, text);
  }
  const checker = fs.readFileSync(path.join(ROOT, 'media', 'python', '_roadmap_check.py'), 'utf8');
  for (const variant of ['untouched', 'solved']) fs.writeFileSync(path.join(out, variant, 'exercises', '_roadmap_check.py'), checker);
  fs.writeFileSync(path.join(out, 'manifest.json'), JSON.stringify(manifest, null, 1));
  const code = manifest.filter((m) => m.kind === 'code');
  const stages = new Set(code.map((m) => m.stage));
  console.log(`generated ${manifest.length} exercises (${code.length} coded over ${stages.size} stages, ${manifest.length - code.length} reflection) as ${files.length} files in ${genMs.toFixed(0)} ms (load + build, before writing)`);
  if (errors.length) {
    console.log(`LAYER-RESULT passed=0 failed=${errors.length}`);
    process.exit(1);
  }
}

if (require.main === module) main();
