import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Commands, ContextKeys, ViewIds } from '../../src/constants';
import { ROOT } from './fixtures';

interface Step {
  id: string;
  title: string;
  description: string;
  media: { markdown?: string; image?: unknown };
  completionEvents?: string[];
}

const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as {
  contributes: {
    walkthroughs: { id: string; title: string; steps: Step[] }[];
    commands: { command: string }[];
    menus: Record<string, { command: string; when?: string }[]>;
  };
};

describe('the walkthrough', () => {
  const walk = pkg.contributes.walkthroughs.find((w) => w.id === 'dsRoadmap.start');

  it('is contributed with its title and the six first steps in order', () => {
    assert.ok(walk);
    assert.equal(walk.title, 'Get started with the Data Science Roadmap');
    assert.deepEqual(walk.steps.map((s) => s.id), ['openRoadmap', 'openTopic', 'setUpPython', 'scaffold', 'check', 'progress']);
    const events = Object.fromEntries(walk.steps.map((s) => [s.id, s.completionEvents]));
    assert.deepEqual(events.openRoadmap, [`onView:${ViewIds.roadmap}`]);
    assert.deepEqual(events.openTopic, [`onCommand:${Commands.openTopic}`, `onContext:${ContextKeys.openedTopic}`]);
    assert.deepEqual(events.scaffold, [`onCommand:${Commands.scaffoldNotebook}`, `onCommand:${Commands.scaffoldScript}`]);
    assert.deepEqual(events.check, [`onCommand:${Commands.checkExercise}`]);
    assert.deepEqual(events.progress, [`onCommand:${Commands.showProgress}`]);
  });

  it('completes each step by doing it, never by selecting it, and each has a command button and its markdown', () => {
    const contributed = new Set(pkg.contributes.commands.map((c) => c.command));
    for (const step of walk!.steps) {
      assert.ok(step.completionEvents?.length, `${step.id} has completion events`);
      for (const e of step.completionEvents!) {
        assert.match(e, /^(onCommand|onView|onContext):[\w.]+$/, `${step.id}: ${e}`);
        assert.notEqual(e, 'onStepSelected');
      }
      // A command link on a line of its own is a button.
      const links = [...step.description.matchAll(/^\[[^\]]+\]\(command:([\w.]+)\)$/gm)].map((m) => m[1]);
      assert.ok(links.length >= 1, `${step.id} has a command button`);
      for (const c of links.filter((l) => l.startsWith('dsRoadmap.'))) assert.ok(contributed.has(c), `${step.id}: ${c} is a command`);
      // Its own commands are among the ones that complete it.
      for (const c of links.filter((l) => l.startsWith('dsRoadmap.'))) assert.ok(step.completionEvents!.includes(`onCommand:${c}`), `${step.id}: running ${c} completes it`);
      assert.equal(step.media.image, undefined, 'markdown, which follows the theme');
      assert.match(step.media.markdown ?? '', /^media\/walkthrough\/[a-z]+\.md$/);
      const md = fs.readFileSync(path.join(ROOT, step.media.markdown!), 'utf8');
      assert.match(md, /^# \S/, `${step.media.markdown} starts with a heading`);
      assert.doesNotMatch(md, /!\[|<img/i, 'no images');
    }
  });

  it('puts Check Exercise in the notebook toolbar and the editor title of exercise scripts', () => {
    const nb = pkg.contributes.menus['notebook/toolbar'].find((m) => m.command === Commands.checkExercise);
    assert.match(nb?.when ?? '', /dsRoadmap\.activeExercise/);
    const title = pkg.contributes.menus['editor/title'].find((m) => m.command === Commands.checkExercise);
    assert.match(title?.when ?? '', /^resourceExtname == \.py && \(dsRoadmap\.activeExercise \|\| /);
    assert.equal(ContextKeys.activeExercise, 'dsRoadmap.activeExercise');
    // The palette offers it everywhere: with no active exercise it asks which one.
    assert.equal(pkg.contributes.menus.commandPalette.find((m) => m.command === Commands.checkExercise), undefined);
  });
});
