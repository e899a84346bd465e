/** Safe path segments, shared by the scaffold paths and the notebook builder. */

/** Reduces any text to a safe single path segment: kebab-case, no dots, no separators. */
export function safeSegment(s: string, fallback = 'topic'): string {
  const out = s.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toLowerCase()
    .replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 80).replace(/-+$/, '');
  return out || fallback;
}
