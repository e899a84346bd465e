/** The URI scheme of reference-solution documents (read-only, from the extension). */
export const SOLUTION_SCHEME = 'ds-roadmap-solution';
