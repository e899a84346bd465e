// Every quiz question's math as shipped: the typeset pages the build writes (dist/data/pages-*.json.br)
// hold no KaTeX error. Moved whole from test/unit/quiz.test.ts (it reads and checks every shipped page).
import * as assert from 'node:assert/strict';
import { renderQuizHtml } from '../../src/build/compile';
import { MIN_QUESTIONS_PER_TOPIC } from '../../src/build/quizLoader';
import { readBundledData } from '../../src/core/roadmap/bundledData';
import type { TopicHtml } from '../../src/core/roadmap/roadmapData';
import { quizQuestion as q, realTopics, ROOT } from '../unit/fixtures';

const { roadmap, items } = realTopics();
const ids = items.map((i) => i.topic.id);

describe('quizzes: the math as shipped', () => {
  it('typesets all math of every question with 0 errors (prompts, options, feedback, explanations), as shipped', async () => {
    // The build typesets the quizzes into the pages it ships (dist/data/pages-*.json.br): check those.
    let expressions = 0;
    let topics = 0;
    for (const stage of roadmap.stages) {
      const pages = JSON.parse(await readBundledData(ROOT, `pages-${stage.id}.json`)) as Record<string, TopicHtml>;
      for (const [id, page] of Object.entries(pages)) {
        assert.ok(page.quiz && page.quiz.length >= MIN_QUESTIONS_PER_TOPIC, `${id} ships its quiz`);
        const html = JSON.stringify(page.quiz);
        expressions += (html.match(/class=\\"math\b/g) ?? []).length;
        assert.ok(!html.includes('math-error'), `${id}: ${/.{0,200}math-error.{0,200}/.exec(html)?.[0]}`);
        topics++;
      }
    }
    console.log(`      ${expressions} typeset expressions in the quizzes of ${topics} topics`);
    assert.equal(topics, ids.length);
    assert.ok(expressions > 200);
    // And the renderer marks what KaTeX rejects, so the check above can fail.
    const broken = renderQuizHtml({ topic: 'x', questions: [{ ...q({ prompt: 'What is $\\frac{1}{$?' }) }] });
    assert.ok(JSON.stringify(broken).includes('math-error'));
  });

});
