import * as fs from 'node:fs';
import * as path from 'node:path';
import * as assert from 'node:assert/strict';
import { compileRoadmap } from '../../src/build/compile';
import { loadRoadmap, type SourceFile } from '../../src/build/roadmapLoader';
import type { QuizQuestion } from '../../src/core/quiz/quizModel';
import type { Roadmap, Stage, Topic } from '../../src/core/roadmap/model';

export const ROOT = path.resolve(__dirname, '..', '..', '..');

export const INDEX = `title: Test roadmap
description: A tiny roadmap for tests.
estimates:
  - { label: Optimistic, minMonths: 12, maxMonths: 18 }
weeklyHours: { min: 20, max: 25 }
stages:
  - stages/00-a.yaml
  - stages/01-b.yaml
faq:
  - question: Why?
    answer: Because.
`;

export const STAGE_A = `id: stage-a
number: 0
title: Stage A
intro: The first stage.
sections:
  - id: sec-a
    title: Section A
    topics:
      - id: alpha
        title: Alpha
        summary: The first topic.
        details: |
          Some **markdown** with $x^2$ math.
        keyPoints: [one, two]
        keyTerms: [first, Bonferroni]
        formulas:
          - label: Square
            latex: 'y = x^2'
            symbols:
              - { symbol: 'x', meaning: input }
      - id: beta
        title: Beta
        summary: The second topic.
        prerequisites: [alpha]
resources:
  - { title: A book, type: book, free: false, url: 'https://example.org/book' }
`;

export const STAGE_B = `id: stage-b
number: 1
title: Stage B
intro: The second stage.
sections:
  - id: sec-b
    title: Section B
    topics:
      - id: gamma
        title: Gamma
        summary: The third topic.
        prerequisites: [beta]
        related: [alpha]
resources: []
`;

export function files(overrides: Partial<Record<string, string>> = {}): SourceFile[] {
  const base: Record<string, string> = { 'roadmap.yaml': INDEX, 'stages/00-a.yaml': STAGE_A, 'stages/01-b.yaml': STAGE_B };
  return Object.entries({ ...base, ...overrides })
    .filter(([, text]) => text !== undefined)
    .map(([name, text]) => ({ name, text: text as string }));
}

/** The real built-in roadmap sources. */
export function realFiles(): SourceFile[] {
  const dir = path.join(ROOT, 'roadmap');
  const out: SourceFile[] = [{ name: 'roadmap.yaml', text: fs.readFileSync(path.join(dir, 'roadmap.yaml'), 'utf8') }];
  for (const f of fs.readdirSync(path.join(dir, 'stages')).filter((n) => n.endsWith('.yaml')).sort()) {
    out.push({ name: `stages/${f}`, text: fs.readFileSync(path.join(dir, 'stages', f), 'utf8') });
  }
  return out;
}

let loadedReal: ReturnType<typeof loadRoadmap> | undefined;
/** The built-in roadmap loaded once per test process (the model is frozen, so tests can share it). */
export function realRoadmap(): ReturnType<typeof loadRoadmap> {
  loadedReal ??= loadRoadmap(realFiles());
  return loadedReal;
}

/** The built-in roadmap, loaded without issues, and every topic with its stage. */
export function realTopics(): { roadmap: Roadmap; items: { topic: Topic; stage: Stage }[] } {
  const { roadmap, issues } = realRoadmap();
  assert.deepEqual(issues, []);
  assert.ok(roadmap);
  const items = roadmap.stages.flatMap((stage) => stage.sections.flatMap((s) => s.topics.map((topic) => ({ topic, stage }))));
  return { roadmap, items };
}

let compiled: ReturnType<typeof compileRoadmap> | undefined;
/** The built-in roadmap compiled once per test process (the compile itself is timed in content.test.ts). */
export function compiledReal(): ReturnType<typeof compileRoadmap> {
  compiled ??= compileRoadmap(realFiles());
  return compiled;
}

/** A valid single-choice quiz question (the first option is right), with `over` on top. */
export function quizQuestion(over: Partial<QuizQuestion>): QuizQuestion {
  return {
    id: 'q', kind: 'single', checks: 'c', prompt: 'p', explanation: 'e',
    options: [{ text: 'a', correct: true, feedback: 'fa' }, { text: 'b', correct: false, feedback: 'fb' }, { text: 'c', correct: false, feedback: 'fc' }],
    ...over,
  };
}
