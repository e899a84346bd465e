/**
 * Where exercise files go: paths that can never escape the exercises folder. What they hold is
 * built by exerciseBuilder.ts (re-exported here).
 */
import type { Stage, Topic } from './model';
import { safeSegment } from './slug';
import { stageFolder } from './model';

export type ExerciseKind = 'notebook' | 'script';

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
  // The contract names both files after the topic slug; pytest imports them in importlib mode.
  return [...folder, dir, `${base}${copy > 1 ? `-${copy}` : ''}${ext}`];
}

export { safeSegment } from './slug';
export { buildNotebook, buildScript, checkNames, type BuildOptions } from './exerciseBuilder';
