/**
 * Build-time compilation: roadmap YAML -> validated model -> JSON with pre-rendered HTML.
 * Used by the build (index.ts) and by tests; it pulls in the YAML parser, markdown-it and KaTeX,
 * which the extension's runtime never imports.
 */
import { loadRoadmap, type SourceFile, type LoadResult } from './roadmapLoader';
import { renderInline, renderMarkdown } from './markdown';
import { renderMath } from './math';
import { COMPILED_VERSION, type CompiledRoadmap, type TopicHtml } from '../core/roadmap/roadmapData';
import type { QuizQuestion, TopicQuiz } from '../core/quiz/quizModel';
import type { Roadmap, Topic } from '../core/roadmap/model';

/** Everything a topic page shows as HTML: markdown rendered, math typeset. */
export function renderTopicHtml(t: Topic): TopicHtml {
  return {
    details: renderMarkdown(t.details),
    keyPoints: t.keyPoints.map(renderInline),
    formulas: t.formulas.map((f) => ({ latex: renderMath(f.latex, true), symbols: f.symbols.map((s) => renderMath(s.symbol, false)) })),
  };
}

export function renderRoadmapHtml(roadmap: Roadmap): CompiledRoadmap['html'] {
  const topics: Record<string, TopicHtml> = {};
  const stages: Record<string, string> = {};
  const sections: Record<string, string> = {};
  for (const stage of roadmap.stages) {
    stages[stage.id] = renderMarkdown(stage.intro);
    for (const section of stage.sections) {
      if (section.intro) sections[section.id] = renderMarkdown(section.intro);
      for (const t of section.topics) {
        topics[t.id] = renderTopicHtml(t);
      }
    }
  }
  const faq = roadmap.faq.map((f) => renderMarkdown(f.answer));
  return { topics, stages, sections, faq };
}

/** A topic's quiz with every text rendered: markdown for prompts and explanations, inline for the rest, TeX for formula options. */
export function renderQuizHtml(quiz: TopicQuiz): QuizQuestion[] {
  return quiz.questions.map((q) => ({
    ...q,
    checks: renderInline(q.checks),
    prompt: renderMarkdown(q.prompt),
    explanation: renderMarkdown(q.explanation),
    options: q.options.map((o) => ({ text: q.kind === 'formula' ? renderMath(o.text, true) : renderInline(o.text), correct: o.correct, feedback: renderInline(o.feedback) })),
    ...(q.mistakes ? { mistakes: q.mistakes.map((m) => ({ value: m.value, feedback: renderInline(m.feedback) })) } : {}),
  }));
}

export function compileRoadmap(files: readonly SourceFile[]): { compiled: CompiledRoadmap | undefined; result: LoadResult } {
  const result = loadRoadmap(files);
  if (!result.roadmap) return { compiled: undefined, result };
  return { compiled: { version: COMPILED_VERSION, roadmap: result.roadmap, html: renderRoadmapHtml(result.roadmap) }, result };
}
