/**
 * Exercise files: where they go (paths that can never escape the exercises folder) and what they
 * hold (nbformat 4.5 notebooks with unique cell ids, and plain Python scripts).
 */
import type { Formula, Stage, Topic } from './model';
import { stageFolder } from './model';

export type ExerciseKind = 'notebook' | 'script';

/** Reduces any text to a safe single path segment: kebab-case, no dots, no separators. */
export function safeSegment(s: string, fallback = 'topic'): string {
  const out = s.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toLowerCase()
    .replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 80).replace(/-+$/, '');
  return out || fallback;
}

/**
 * The exercises folder setting as path segments under the workspace folder. Absolute paths,
 * `..`, drive letters and empty values fall back to the default, so nothing leaves the workspace.
 */
export function exercisesFolderSegments(setting: unknown): string[] {
  const fallback = ['exercises'];
  if (typeof setting !== 'string') return fallback;
  const raw = setting.trim().replace(/\\/g, '/');
  if (raw === '' || raw.startsWith('/') || /^[a-zA-Z]:/.test(raw) || raw.includes('\0')) return fallback;
  const parts = raw.split('/').filter((p) => p !== '' && p !== '.');
  if (parts.length === 0 || parts.some((p) => p === '..' || /[<>:"|?*\u0000-\u001f]/.test(p))) return fallback;
  return parts;
}

/** `<exercises>/<NN-stage-slug>/<topic-slug>[-n].ipynb|.py` as relative segments. */
export function exerciseRelativePath(folder: readonly string[], stage: Pick<Stage, 'number' | 'id'>, topic: Pick<Topic, 'id'>, kind: ExerciseKind, copy = 1): string[] {
  const ext = kind === 'notebook' ? '.ipynb' : '.py';
  const dir = safeSegment(stageFolder({ number: stage.number, id: safeSegment(stage.id, 'stage') }), 'stage');
  const base = safeSegment(topic.id);
  // Python module names cannot contain '-'; scripts are imported by pytest, so use '_'.
  const name = kind === 'script' ? base.replace(/-/g, '_') : base;
  return [...folder, dir, `${name}${copy > 1 ? `-${copy}` : ''}${ext}`];
}

interface NotebookCell {
  id: string;
  cell_type: 'markdown' | 'code';
  metadata: Record<string, unknown>;
  source: string;
  outputs?: unknown[];
  execution_count?: null;
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

function introMarkdown(topic: Topic, stage: Stage): string {
  const parts = [
    `# ${topic.title}`,
    `*Stage ${String(stage.number).padStart(2, '0')} · ${stage.title}*`,
    topic.summary,
  ];
  if (topic.formulas.length) parts.push('## Formulas', formulaMarkdown(topic.formulas));
  if (topic.keyPoints.length) parts.push('## Key points', topic.keyPoints.map((k) => `- ${k}`).join('\n'));
  return parts.join('\n\n');
}

/** Reflection checklist for every topic: the learner ticks each item after working through it. */
function checklist(topic: Topic): string {
  const items = [
    `Explain **${topic.title}** in two or three sentences of your own, as you would to a colleague.`,
    ...topic.keyPoints.slice(0, 6).map((k) => `I can explain: ${k.replace(/\n/g, ' ')}`),
    'Name one situation where you would use this, and one where you would not.',
    'Write down one common pitfall and how you would detect it.',
  ];
  return ['## Reflection checklist', 'Replace `[ ]` with `[x]` as you complete each item.', '', ...items.map((i) => `- [ ] ${i}`)].join('\n');
}

export function buildNotebook(topic: Topic, stage: Stage): string {
  const id = cellIds(topic.id);
  const cells: NotebookCell[] = [
    { id: id(), cell_type: 'markdown', metadata: {}, source: introMarkdown(topic, stage) },
    { id: id(), cell_type: 'markdown', metadata: {}, source: checklist(topic) },
    { id: id(), cell_type: 'markdown', metadata: {}, source: '## Notes\n\nWrite your own notes and experiments below.' },
    { id: id(), cell_type: 'code', metadata: {}, source: '# Try the ideas of this topic here.\n', outputs: [], execution_count: null },
  ];
  const nb = {
    cells,
    metadata: {
      kernelspec: { display_name: 'Python 3', language: 'python', name: 'python3' },
      language_info: { name: 'python', pygments_lexer: 'ipython3' },
      dsRoadmap: { topic: topic.id, stage: stage.id },
    },
    nbformat: 4,
    nbformat_minor: 5,
  };
  return JSON.stringify(nb, null, 1) + '\n';
}

export function buildScript(topic: Topic, stage: Stage): string {
  // A raw docstring keeps LaTeX backslashes literal; triple quotes inside are neutralized, and NUL
  // (which YAML escapes can produce, and Python source may not contain) becomes U+FFFD.
  const doc = `${introMarkdown(topic, stage)}\n\n${checklist(topic)}`.replace(/"{3}/g, "'''").replace(/\0/g, '\uFFFD');
  return `r"""${doc}\n"""\n\n# Topic: ${topic.id}\n# Try the ideas of this topic here.\n\n\nif __name__ == "__main__":\n    print(${JSON.stringify(`Working on: ${topic.title}`)})\n`;
}
