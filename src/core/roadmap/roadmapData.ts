import type { QuizQuestion } from '../quiz/quizModel';
import type { Roadmap } from './model';

export const COMPILED_VERSION = 2;

/** A formula typeset at build time: the expression and each explained symbol, in source order. */
export interface FormulaHtml {
  readonly latex: string;
  readonly symbols: readonly string[];
}

/** Markdown of a topic already rendered to safe HTML, with its math typeset by KaTeX. */
export interface TopicHtml {
  readonly details: string;
  readonly keyPoints: readonly string[];
  /** Typeset formulas, parallel to `topic.formulas`. When missing, pages show the TeX source. */
  readonly formulas?: readonly FormulaHtml[];
  /**
   * The topic's quiz, every text already rendered to HTML (prompt, options, feedback, checks,
   * explanation). The host grades with it; the page is sent only prompts and options.
   */
  readonly quiz?: readonly QuizQuestion[];
}

/**
 * The roadmap as the build writes it to `dist/roadmap.json`: the validated model plus the HTML of
 * every markdown field, so the extension parses no YAML and runs no markdown renderer.
 */
export interface CompiledRoadmap {
  readonly version: typeof COMPILED_VERSION;
  readonly roadmap: Roadmap;
  readonly html: {
    readonly topics: Readonly<Record<string, TopicHtml>>;
    readonly stages: Readonly<Record<string, string>>;
    readonly sections: Readonly<Record<string, string>>;
    readonly faq: readonly string[];
  };
}

/** The few facts the status bar needs at startup, inlined into the bundle by the build. */
export interface RoadmapSummary {
  readonly topicIds: readonly string[];
  readonly aliases: Readonly<Record<string, string>>;
}

export function summarize(roadmap: Roadmap): RoadmapSummary {
  const topicIds: string[] = [];
  const aliases: Record<string, string> = {};
  for (const s of roadmap.stages) for (const sec of s.sections) for (const t of sec.topics) {
    topicIds.push(t.id);
    for (const a of t.aliases) aliases[a] = t.id;
  }
  return { topicIds, aliases };
}
