/**
 * Builds exercise files from content: nbformat 4.5 notebooks (unique cell ids, Python 3 kernel,
 * cells tagged setup / todo / hints / check / report; a reflection adds its model answers, folded,
 * and a rubric to rate them against) and plain Python scripts with the same parts
 * as functions (`test_<task>`, runnable with Python or pytest). Both import the checker
 * `_roadmap_check.py` that is written beside the exercises.
 */
import { defaultExercise, pyName, type Exercise } from './exerciseModel';
import type { Formula, Stage, Topic } from '../roadmap/model';
import { stageLabel } from '../ids';
import { safeSegment } from './exercisePaths';
import { rubricFor } from './rubric';

interface NotebookCell {
  id: string;
  cell_type: 'markdown' | 'code';
  metadata: Record<string, unknown>;
  source: string;
  outputs?: unknown[];
  execution_count?: null;
}

export interface BuildOptions {
  /** Fill in the reference solution (tests and "Show solution"; never when scaffolding). */
  readonly solved?: boolean;
}

/** Deterministic, unique, nbformat-valid cell ids (`^[a-zA-Z0-9-_]+$`, 1–64 chars). */
function cellIds(prefix: string): () => string {
  let n = 0;
  const p = safeSegment(prefix).slice(0, 40);
  return () => `${p}-${String(++n).padStart(2, '0')}`;
}

function formulaMarkdown(formulas: readonly Formula[]): string {
  return formulas.map((f) => {
    const symbols = f.symbols.map((s) => `- $${s.symbol}$: ${s.meaning}`).join('\n');
    return `**${f.label}**\n\n$$${f.latex}$$\n${symbols ? `\n${symbols}\n` : ''}`;
  }).join('\n');
}

/** The rating scale of a rubric criterion, in the rubric cell, the intro and the solution text. */
const RATING_SCALE = '2 = as well as the model answer, 1 = partly, 0 = missing';
const RATING = `${RATING_SCALE}. Any honest rating passes.`;

/** How to work through the exercise and check it, in the words of its format. */
function howItWorks(topic: Topic, exercise: Exercise, format: 'notebook' | 'script'): string {
  const criteria = rubricFor(topic, exercise).length;
  if (format === 'script') {
    return exercise.kind === 'code'
      ? 'For each task below, replace the `TODO` code with your own. Then check this file: run it with Python (`python <this file>`), run `pytest <this file>`, or use "Roadmap: Check Exercise" (the beaker button in the editor title). Each `test_...` function checks one task; failing checks also show in the Problems panel, with what was expected. Hints come before any solution. When every check passes, the topic is marked complete.'
      : `Work through the checklist, then write your answers in the \`answers\` dictionary below: each needs at least the number of words its question shows. Then read the model answers ("Roadmap: Show Solution..." in the Command Palette) and rate your own answers against each of the ${criteria} rubric criteria in the \`rubric\` dictionary (${RATING_SCALE}; any honest rating passes). Check this file by running it with Python (\`python <this file>\`) or \`pytest <this file>\`, or with "Roadmap: Check Exercise" (the beaker button in the editor title). When every answer is long enough and every criterion is rated, the topic is marked complete.`;
  }
  const run = 'To run it, select a kernel (**Select Kernel**, top right: a Python 3 environment with the packages it needs) and click **Run All**; a failing check cell shows what was expected. Without a kernel, use **Roadmap: Check Exercise** (the beaker button in the notebook toolbar): it runs the notebook headless and shows failing checks in the Problems panel.';
  return exercise.kind === 'code'
    ? `${run}\n\nRun the setup cell first, then for each task complete the \`TODO\` cell and run the check cell below it. Hints come before any solution. When every check passes, the last cell records your progress and VS Code marks the topic complete.`
    : `${run}\n\nWork through the checklist, write your answers in the \`answers\` cell and run its check cell: each answer needs at least the number of words its question shows. Then open the model answers (folded below that check), compare them with yours and rate your answers against each of the ${criteria} rubric criteria in the \`rubric\` cell (${RATING_SCALE}; any honest rating passes), and run its check cell. When every answer is long enough and every criterion is rated, the last cell records your progress and VS Code marks the topic complete.`;
}

function introMarkdown(topic: Topic, stage: Stage, exercise: Exercise, format: 'notebook' | 'script'): string {
  const parts = [
    `# ${topic.title}`,
    `*Stage ${stageLabel(stage)}* — an exercise from the Data Science Roadmap extension`,
    topic.summary,
  ];
  if (exercise.testedWith) parts.push(`*${exercise.testedWith}.*`);
  if (format === 'notebook') parts.push('## How to run this notebook', howItWorks(topic, exercise, format));
  if (topic.formulas.length) parts.push('## Formulas', formulaMarkdown(topic.formulas));
  if (exercise.intro) parts.push('## What you will do', exercise.intro);
  if (format === 'script') parts.push('## How it works', howItWorks(topic, exercise, format));
  return parts.join('\n\n');
}

/** Strips NUL so the generated Python always compiles. */
function py(text: string): string {
  return text.replace(/\u0000/g, '\uFFFD');
}

function indent(code: string, n: number): string {
  const pad = ' '.repeat(n);
  return py(code).replace(/\s+$/, '').split('\n').map((l) => (l.trim() ? pad + l : l)).join('\n');
}

/** JSON string literals are valid Python string literals. */
function pyStr(s: string): string {
  return JSON.stringify(py(s));
}

function comment(text: string): string {
  return py(text).split('\n').map((l) => (l.trim() ? `# ${l}` : '#')).join('\n');
}

// Exercise files are named after their topics (`multiprocessing.py`, `umap.py`, ...), so the
// exercise's own folder is taken off the import path first: no file can shadow a library.
const NOTEBOOK_BOOTSTRAP = `# Data Science Roadmap: find the checker (_roadmap_check.py) beside your exercises.
import sys, pathlib
_here = pathlib.Path.cwd().resolve()
sys.path[:] = [p for p in sys.path if p not in ("", ".") and pathlib.Path(p).resolve() != _here]
for _d in [*_here.parents][:4]:
    if (_d / "_roadmap_check.py").is_file():
        sys.path.insert(0, str(_d))
        break
import _roadmap_check as rc`;

const SCRIPT_BOOTSTRAP = `import sys, pathlib
_here = pathlib.Path(__file__).resolve().parent
sys.path[:] = [p for p in sys.path if p not in ("", ".") and pathlib.Path(p).resolve() != _here]
for _d in [*_here.parents][:4]:
    if (_d / "_roadmap_check.py").is_file():
        sys.path.insert(0, str(_d))
        break
import _roadmap_check as rc`;

/** Check names the report waits for: the task ids, or `answers` and `rubric` for a reflection. */
export function checkNames(exercise: Exercise): string[] {
  return exercise.kind === 'code' ? exercise.tasks.map((t) => t.id) : ['answers', 'rubric'];
}

function requireLine(exercise: Exercise): string {
  const pkgs = exercise.packages.filter((p) => p !== 'sqlite3');
  return pkgs.length ? `rc.require(${pkgs.map((p) => JSON.stringify(p)).join(', ')})` : '';
}

function answersCell(exercise: Exercise, solved: boolean): string {
  const lines = exercise.questions.map((q) =>
    `    ${JSON.stringify(q.id)}: ${solved ? pyStr(q.answer) : '""'},  # ${py(q.prompt).replace(/\s+/g, ' ').replace(/\*\*/g, '')}`);
  return `# TODO: answer each question in a few sentences (at least the number of words the check asks for).\nanswers = {\n${lines.join('\n')}\n}`;
}

function answersCheck(exercise: Exercise): string {
  return `rc.answered(answers, {${exercise.questions.map((q) => `${JSON.stringify(q.id)}: ${q.minWords}`).join(', ')}})`;
}

/** The self-rating dict: every criterion `None` until the learner rates it (2 in the reference). */
function rubricCell(criteria: readonly string[], solved: boolean, where: string): string {
  const lines = criteria.map((c) => `    ${pyStr(c)}: ${solved ? '2' : 'None'},`);
  return `# TODO: after writing your answers, compare them with the model answers ${where},\n# then rate each criterion: ${RATING}\nrubric = {\n${lines.join('\n')}\n}`;
}

function rubricCheck(criteria: readonly string[]): string {
  return `rc.rated(rubric, [\n${criteria.map((c) => `    ${pyStr(c)},`).join('\n')}\n])`;
}

function modelAnswersMarkdown(exercise: Exercise): string {
  const items = exercise.questions.map((q, i) => `<details><summary>Model answer ${i + 1} (${q.id})</summary>\n\n${q.answer.trim()}\n\n</details>`);
  return `## Model answers\n\nOpen these only after writing your own answers, then rate yourself in the rubric below.\n\n${items.join('\n\n')}`;
}

function hintsMarkdown(hints: readonly string[]): string {
  return hints.map((h, i) => `<details><summary>Hint ${i + 1}</summary>\n\n${h}\n\n</details>`).join('\n\n');
}

export function buildNotebook(topic: Topic, stage: Stage, exercise: Exercise = defaultExercise(topic), options: BuildOptions = {}): string {
  const id = cellIds(topic.id);
  const md = (source: string, tags: string[] = []): NotebookCell => ({ id: id(), cell_type: 'markdown', metadata: tags.length ? { tags } : {}, source: py(source) });
  const code = (source: string, tags: string[]): NotebookCell => ({ id: id(), cell_type: 'code', metadata: { tags }, source: py(source), outputs: [], execution_count: null });
  const solved = options.solved === true;
  const setup = [NOTEBOOK_BOOTSTRAP, requireLine(exercise), exercise.setup.trim()].filter(Boolean).join('\n\n');
  const cells: NotebookCell[] = [md(introMarkdown(topic, stage, exercise, 'notebook')), code(`${setup}\n`, ['setup'])];
  if (exercise.kind === 'code') {
    exercise.tasks.forEach((t, i) => {
      cells.push(md(`## Task ${i + 1}: ${t.title}\n\n${t.prompt}`));
      cells.push(code(`${(solved ? t.solution : t.starter).trim()}\n`, ['todo']));
      if (t.hints.length) cells.push(md(`### Stuck?\n\n${hintsMarkdown(t.hints)}`, ['hints']));
      cells.push(code(`# Check task ${i + 1}: run this cell after completing the TODO above.\nwith rc.check(${JSON.stringify(t.id)}):\n${indent(t.check, 4)}\n`, ['check']));
    });
  } else {
    if (exercise.checklist.length) cells.push(md(`## Checklist\n\nTick each item (\`[ ]\` → \`[x]\`) once you can do it.\n\n${exercise.checklist.map((c) => `- [ ] ${c}`).join('\n')}`));
    cells.push(md(`## Questions\n\n${exercise.questions.map((q, i) => `${i + 1}. ${q.prompt} *(at least ${q.minWords} words)*`).join('\n')}`));
    cells.push(code(`${answersCell(exercise, solved)}\n`, ['todo']));
    cells.push(code(`# Check your answers: run this cell after writing them.\nwith rc.check("answers"):\n${indent(answersCheck(exercise), 4)}\n`, ['check']));
    const criteria = rubricFor(topic, exercise);
    cells.push(md(modelAnswersMarkdown(exercise), ['model-answers']));
    cells.push(code(`${rubricCell(criteria, solved, '(the cell above)')}\n`, ['todo']));
    cells.push(code(`# Check your self-rating: run this cell after rating every criterion.\nwith rc.check("rubric"):\n${indent(rubricCheck(criteria), 4)}\n`, ['check']));
  }
  cells.push(code(`# Records your progress when every check above has passed.\nrc.report(${JSON.stringify(topic.id)}, ${JSON.stringify(checkNames(exercise))})\n`, ['report']));
  const nb = {
    cells,
    metadata: {
      kernelspec: { display_name: 'Python 3', language: 'python', name: 'python3' },
      language_info: { name: 'python', pygments_lexer: 'ipython3' },
      dsRoadmap: { topic: topic.id, stage: stage.id, kind: exercise.kind, checks: checkNames(exercise), version: 1 },
    },
    nbformat: 4,
    nbformat_minor: 5,
  };
  return JSON.stringify(nb, null, 1) + '\n';
}

export function buildScript(topic: Topic, stage: Stage, exercise: Exercise = defaultExercise(topic), options: BuildOptions = {}): string {
  const solved = options.solved === true;
  // A raw docstring keeps LaTeX backslashes literal; triple quotes inside are neutralized, and a
  // trailing backslash (which would escape the closing quote) cannot occur before the newline.
  const doc = py(introMarkdown(topic, stage, exercise, 'script')).replace(/"""/g, '\'\'\'');
  const out: string[] = [
    `r"""${doc}\n"""`,
    `# dsRoadmap-topic: ${topic.id}`,
    SCRIPT_BOOTSTRAP,
  ];
  const req = requireLine(exercise);
  if (req) out.push(req);
  out.push(`\nTOPIC = ${JSON.stringify(topic.id)}\nCHECKS = ${JSON.stringify(checkNames(exercise))}`);
  if (exercise.setup.trim()) out.push(`\n# ── Setup ${'─'.repeat(60)}\n${py(exercise.setup).trim()}`);
  if (exercise.kind === 'code') {
    exercise.tasks.forEach((t, i) => {
      out.push(`\n\n# ── Task ${i + 1}: ${py(t.title)} ${'─'.repeat(40)}\n${comment(t.prompt)}\n\n${py(solved ? t.solution : t.starter).trim()}`);
      if (t.hints.length) out.push(`\n${t.hints.map((h, k) => comment(`Hint ${k + 1}: ${h}`)).join('\n')}`);
      out.push(`\n\ndef test_${pyName(t.id)}():\n    with rc.check(${JSON.stringify(t.id)}):\n${indent(t.check, 8)}`);
    });
  } else {
    if (exercise.checklist.length) out.push(`\n# ── Checklist ${'─'.repeat(50)}\n${comment(exercise.checklist.map((c) => `[ ] ${c}`).join('\n'))}`);
    out.push(`\n# ── Questions ${'─'.repeat(50)}\n${comment(exercise.questions.map((q, i) => `${i + 1}. ${q.prompt} (at least ${q.minWords} words)`).join('\n'))}\n\n${answersCell(exercise, solved)}`);
    out.push(`\n\ndef test_answers():\n    with rc.check("answers"):\n${indent(answersCheck(exercise), 8)}`);
    const criteria = rubricFor(topic, exercise);
    out.push(`\n\n# ── Rubric ${'─'.repeat(53)}\n${rubricCell(criteria, solved, '("Roadmap: Show Solution..." in the Command Palette)')}`);
    out.push(`\n\ndef test_rubric():\n    with rc.check("rubric"):\n${indent(rubricCheck(criteria), 8)}`);
  }
  out.push('\n\ndef test_zz_report():\n    assert rc.report(TOPIC, CHECKS), "some checks did not pass"');
  out.push('\n\nif __name__ == "__main__":\n    rc.main(globals(), TOPIC, CHECKS)\n');
  return out.join('\n');
}

/** The reference solution as one readable Python text ("Show solution"). */
export function solutionText(topic: Topic, exercise: Exercise): string {
  if (exercise.kind === 'reflection') {
    const rubric = rubricFor(topic, exercise).map((c) => `- ${c}`).join('\n');
    return `# Model answers for "${topic.title}" (yours can differ: what matters is that you can explain it)\n\n${exercise.questions.map((q) => `# ${q.prompt.replace(/\s+/g, ' ')}\n${comment(q.answer)}`).join('\n\n')}\n\n# Rate your answers in the rubric (${RATING_SCALE}.):\n${comment(rubric)}\n`;
  }
  return `# Reference solution for "${topic.title}". Try the hints first!\n\n${exercise.tasks.map((t, i) => `# ── Task ${i + 1}: ${t.title}\n${py(t.solution).trim()}`).join('\n\n\n')}\n`;
}
