/**
 * The roadmap model. Everything here is plain, immutable data that can be serialized to JSON
 * (the build compiles the YAML to this shape) and read without the `vscode` module.
 */

export type ResourceType = 'book' | 'video' | 'course' | 'docs';

/** One symbol of a formula with its meaning, e.g. `\theta` = "angle between the vectors". */
export interface FormulaSymbol {
  readonly symbol: string;
  readonly meaning: string;
}

export interface Formula {
  readonly label: string;
  /** KaTeX-compatible LaTeX, rendered in display mode. */
  readonly latex: string;
  readonly symbols: readonly FormulaSymbol[];
}

export interface Resource {
  readonly title: string;
  readonly author?: string;
  readonly type: ResourceType;
  readonly free: boolean;
  readonly url?: string;
  readonly note?: string;
}

export interface Topic {
  readonly id: string;
  readonly title: string;
  readonly aliases: readonly string[];
  /** 1–2 plain-text sentences. */
  readonly summary: string;
  /** Markdown. */
  readonly details: string;
  /** Markdown, one fact each. */
  readonly keyPoints: readonly string[];
  readonly keyTerms: readonly string[];
  readonly prerequisites: readonly string[];
  readonly related: readonly string[];
  readonly formulas: readonly Formula[];
  readonly stageId: string;
  readonly sectionId: string;
}

export interface Section {
  readonly id: string;
  readonly title: string;
  readonly intro?: string;
  readonly topics: readonly Topic[];
}

export interface Stage {
  readonly id: string;
  /** 0-based stage number; the folder prefix `NN-` comes from it. */
  readonly number: number;
  readonly title: string;
  /** A short name for the sidebar tree ("Math & Statistics"); the full title is in its tooltip and on the page. */
  readonly shortTitle?: string;
  readonly intro: string;
  readonly sections: readonly Section[];
  readonly resources: readonly Resource[];
}

export interface FaqEntry {
  readonly question: string;
  readonly answer: string;
}

export interface Estimate {
  readonly label: string;
  readonly minMonths: number;
  readonly maxMonths: number;
  readonly note?: string;
}

export interface RoadmapMeta {
  readonly title: string;
  readonly description: string;
  readonly estimates: readonly Estimate[];
  /** The weekly study hours the FAQ's estimates assume, e.g. 20–25. */
  readonly weeklyHours: { readonly min: number; readonly max: number };
}

export interface Roadmap {
  readonly meta: RoadmapMeta;
  readonly stages: readonly Stage[];
  readonly faq: readonly FaqEntry[];
}

export type Severity = 'error' | 'warning';

/** A problem found while loading, with a position in the source file. */
export interface LoadIssue {
  readonly file: string;
  readonly line: number;
  readonly column: number;
  readonly severity: Severity;
  readonly message: string;
}

export function formatIssue(i: LoadIssue): string {
  return `${i.file}:${i.line}:${i.column} ${i.message}`;
}
