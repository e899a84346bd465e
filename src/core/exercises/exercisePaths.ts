/**
 * Where exercise files go, and where their results are written: paths that can never escape the
 * exercises folder. What the files hold is built by exerciseFiles.ts.
 */
import { stageNumber } from '../ids';
import type { Stage, Topic } from '../roadmap/model';

/** The checker module written beside the exercises; every exercise imports it. */
export const CHECKER_FILE = '_roadmap_check.py';
/** The folder, inside the exercises folder, where the checker writes `<topic>.json` on a pass. */
export const RESULTS_FOLDER = '.results';

/** Reduces any text to a safe single path segment: kebab-case, no dots, no separators. */
export function safeSegment(s: string, fallback = 'topic'): string {
  const out = s.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toLowerCase()
    .replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 80).replace(/-+$/, '');
  return out || fallback;
}

/** `NN-stage-id`, the folder of a stage's exercises. */
export function stageFolder(stage: Pick<Stage, 'number' | 'id'>): string {
  return `${stageNumber(stage)}-${stage.id}`;
}

/** The safe folder name of a stage (`NN-stage-slug`), whatever its id holds. */
function stageDir(stage: Pick<Stage, 'number' | 'id'>): string {
  return safeSegment(stageFolder({ number: stage.number, id: safeSegment(stage.id, 'stage') }), 'stage');
}

/** `<exercises>/.results` as segments under the workspace folder. */
export function resultsFolderSegments(exercisesFolder: readonly string[]): string[] {
  return [...exercisesFolder, RESULTS_FOLDER];
}

/** The result file of a topic, inside the results folder. */
export function resultFileName(topicId: string): string {
  return `${topicId}.json`;
}

/**
 * When a result file's checks passed, in epoch ms: the time it states, but never later than the
 * file was written (a clock that ran ahead, or a hand-edited file, must not outrank a later reset
 * or Mark Incomplete). Without a valid stated time, the file's own time.
 */
export function passedAt(statedTime: unknown, fileTime: number): number {
  const t = typeof statedTime === 'string' ? Date.parse(statedTime) : NaN;
  return Number.isFinite(t) ? Math.min(t, fileTime) : fileTime;
}

export type ExerciseKind = 'notebook' | 'script';

/**
 * A folder setting (exercises, notes) as path segments under the workspace folder. Absolute
 * paths, `..`, drive letters and empty values fall back to the default, so nothing leaves the
 * workspace by its name (symbolic links are checked on real paths when writing).
 */
export function folderSegments(setting: unknown, fallbackName: string): string[] {
  const fallback = [fallbackName];
  if (typeof setting !== 'string') return fallback;
  const raw = setting.trim().replace(/\\/g, '/');
  if (raw === '' || raw.startsWith('/') || /^[a-zA-Z]:/.test(raw) || raw.includes('\0')) return fallback;
  const parts = raw.split('/').filter((p) => p !== '' && p !== '.');
  if (parts.length === 0 || parts.some((p) => p === '..' || /[<>:"|?*\u0000-\u001f]/.test(p))) return fallback;
  return parts;
}

/** The exercises folder setting as path segments under the workspace folder (see {@link folderSegments}). */
export function exercisesFolderSegments(setting: unknown): string[] {
  return folderSegments(setting, 'exercises');
}

/** `<notes>/<NN-stage-slug>/<topic-slug>.md` as relative segments (the contract's notes path). */
export function noteRelativePath(folder: readonly string[], stage: Pick<Stage, 'number' | 'id'>, topic: Pick<Topic, 'id'>): string[] {
  return [...folder, stageDir(stage), `${safeSegment(topic.id)}.md`];
}

/** `<exercises>/<NN-stage-slug>/<topic-slug>[-n].ipynb|.py` as relative segments. */
export function exerciseRelativePath(folder: readonly string[], stage: Pick<Stage, 'number' | 'id'>, topic: Pick<Topic, 'id'>, kind: ExerciseKind, copy = 1): string[] {
  const ext = kind === 'notebook' ? '.ipynb' : '.py';
  const dir = stageDir(stage);
  const base = safeSegment(topic.id);
  // The contract names both files after the topic slug; pytest imports them in importlib mode.
  return [...folder, dir, `${base}${copy > 1 ? `-${copy}` : ''}${ext}`];
}
