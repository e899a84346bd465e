/**
 * The small rules that several parts need, each defined once: what an id looks like, what a safe
 * link is, and how a stage is labelled.
 */

/** Ids of stages, sections, topics and questions: kebab-case, `^[a-z0-9]+(-[a-z0-9]+)*$`. */
export const ID_PATTERN = /^[a-z0-9]+(-[a-z0-9]+)*$/;

/** The longest id a message or a stored entry may carry. */
export const MAX_ID_LENGTH = 200;

export function isId(v: unknown): v is string {
  return typeof v === 'string' && v.length <= MAX_ID_LENGTH && ID_PATTERN.test(v);
}

/**
 * A link that may become an anchor or be opened: https, a host with a dot, no credentials, no
 * spaces or quotes. Everything else is shown as text.
 */
export function isHttpsUrl(s: unknown): s is string {
  if (typeof s !== 'string' || s.length > 2000 || !/^https:\/\/[^\s<>"'`]+$/.test(s)) return false;
  try {
    const u = new URL(s);
    return u.protocol === 'https:' && u.hostname.includes('.') && !u.username && !u.password;
  } catch {
    return false;
  }
}

/** `00`: the two-digit stage number of folders and labels. */
export function stageNumber(stage: { readonly number: number }): string {
  return String(stage.number).padStart(2, '0');
}

/** `00 · Mathematics and Statistics Foundations`: how a stage is named in the tree, pages and pickers. */
export function stageLabel(stage: { readonly number: number; readonly title: string }): string {
  return `${stageNumber(stage)} · ${stage.title}`;
}

/** `00 · Math & Statistics`: a stage in the sidebar tree, where the full title does not fit (its short title, else the title). */
export function stageShortLabel(stage: { readonly number: number; readonly title: string; readonly shortTitle?: string }): string {
  return `${stageNumber(stage)} · ${stage.shortTitle ?? stage.title}`;
}
