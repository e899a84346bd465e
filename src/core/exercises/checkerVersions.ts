/**
 * The checker (`_roadmap_check.py`) of every release, by SHA-256, so that a checker in a learner's
 * workspace can be told apart: the current one, an older one we shipped (replaced at once), a
 * damaged one (empty, or cut short: a prefix of one we shipped; repaired at once), or one the
 * learner changed on purpose (replaced only when they agree).
 */
import { createHash } from 'node:crypto';

/** Every checker ever shipped, oldest first. The unit tests make sure the current one is listed. */
export const SHIPPED_CHECKERS: readonly string[] = [
  'a943376cf62232d19476ebac145fb06dd45ae161c2aba51cbe1632b3cd262b03',
  '27dff2726ac12137880f446ad8b4a67d6171af7ec32a46e079c2794f9846e90e',
  '9b24ce9bc24ceec5d70f3f3c159fd8a2ac07ab47a88b8b79572caf1f7aed6661',
  '088309f9dee03f15c8e65dd15393ba0309203039fc56f1ebbd1862de00fe978d',
];

export type CheckerState = 'current' | 'outdated' | 'damaged' | 'modified';

export function sha256(data: string | Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}

/** What the checker found in a workspace is, compared with the one this version ships. */
export function checkerState(found: string, shipped: string): CheckerState {
  if (found === shipped) return 'current';
  const h = sha256(found);
  if (h === sha256(shipped)) return 'current';
  if (SHIPPED_CHECKERS.includes(h)) return 'outdated';
  // Cut short (a full disk, a crash while writing) or emptied: a strict prefix of what we wrote.
  if (found.trim() === '' || (found.length < shipped.length && shipped.startsWith(found))) return 'damaged';
  return 'modified';
}
