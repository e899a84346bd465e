import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { notebookPlace, notebookProblems, parseCheckOutput, scriptPlace, scriptProblems, type CellText } from '../../src/core/exercises/checkProblems';
import { buildNotebook, buildScript } from '../../src/core/exercises/exerciseFiles';
import { loadExercises } from '../../src/build/exerciseLoader';
import type { Exercise } from '../../src/core/exercises/exerciseModel';
import { realTopics, ROOT } from './fixtures';

function realExercises(): { items: ReturnType<typeof realTopics>['items']; exercises: ReadonlyMap<string, Exercise> } {
  const { items } = realTopics();
  const dir = path.join(ROOT, 'roadmap', 'exercises');
  const files = fs.readdirSync(dir).filter((n) => n.endsWith('.yaml')).sort().map((n) => ({ name: `exercises/${n}`, text: fs.readFileSync(path.join(dir, n), 'utf8') }));
  return { items, exercises: loadExercises(files, items.map((i) => i.topic.id)).exercises };
}

/** A notebook's cells as the editor sees them. */
describe('check problems: where failing checks show', () => {
  it('reads passes, failures with their own messages, and the last traceback', () => {
    const out = [
      '✓ dot: passed',
      '✗ [cosine] expected cosine(a, b) ≈ 0.3652 (atol 1e-08), got 0.5',
      '✗ [weird task] not implemented yet: complete the TODO above',
      'Traceback (most recent call last):',
      '  File "<stdin>", line 9, in <module>',
      '  File "cell 4", line 3, in <module>',
      '  File "/usr/lib/python3/dist-packages/numpy/core/x.py", line 10, in f',
      '    raise ValueError("bad")',
      'ValueError: bad',
    ].join('\n');
    const parsed = parseCheckOutput(out);
    assert.deepEqual(parsed.passed, ['dot']);
    assert.deepEqual(parsed.failed, [
      { task: 'cosine', message: 'expected cosine(a, b) ≈ 0.3652 (atol 1e-08), got 0.5' },
      { task: 'weird task', message: 'not implemented yet: complete the TODO above' },
    ]);
    assert.equal(parsed.crash?.message, 'ValueError: bad');
    assert.deepEqual(parsed.crash?.frames.map((f) => f.where), ['<stdin>', 'cell 4', '/usr/lib/python3/dist-packages/numpy/core/x.py']);
    // The crash goes on the innermost frame that is a cell of the notebook, at its line.
    const cells: CellText[] = [{ kind: 'markdown', text: '# t' }, { kind: 'code', text: 'x' }, { kind: 'markdown', text: 'm' }, { kind: 'code', text: 'a = 1\nb = 2\n  c = f(a)\n' }];
    const crash = notebookProblems({ passed: [], failed: [], crash: parsed.crash }, cells);
    assert.deepEqual(crash, [{ message: 'the run stopped here: ValueError: bad', cell: 3, line: 2, startChar: 2, endChar: 10 }]);
  });

  it('places a task on its check cell, else the report cell, else the first code cell', () => {
    const cells: CellText[] = [
      { kind: 'markdown', text: 'with rc.check("a"):' },
      { kind: 'code', text: 'import x' },
      { kind: 'code', text: "# Check task 1\nwith rc.check('a'):\n    rc.true(1, 'x')" },
      { kind: 'code', text: 'rc.report("t", ["a", "b"])' },
    ];
    assert.deepEqual(notebookPlace(cells, 'a'), { cell: 2, line: 1, startChar: 0, endChar: 19 });
    assert.deepEqual(notebookPlace(cells, 'b'), { cell: 3, line: 0, startChar: 0, endChar: 26 });
    assert.deepEqual(notebookPlace(cells.slice(0, 2), 'b'), { cell: 1, line: 0, startChar: 0, endChar: 8 });
    assert.equal(notebookPlace([{ kind: 'markdown', text: 'only text' }], 'a'), undefined);
    // A task id with regex characters is matched literally.
    assert.equal(notebookPlace([{ kind: 'code', text: 'with rc.check("a.b"):' }, { kind: 'code', text: 'with rc.check("axb"):' }], 'a.b')?.cell, 0);
  });

  it('places a task in a script on its def test_<task> line, else its check, else the marker', () => {
    const text = '# dsRoadmap-topic: t\nimport x\n\n\ndef test_my_task():\n    with rc.check("my-task"):\n        pass\n\n    with rc.check("other"):\n';
    assert.deepEqual(scriptPlace(text, 'my-task'), { line: 4, startChar: 0, endChar: 19 });
    assert.deepEqual(scriptPlace(text, 'other'), { line: 8, startChar: 4, endChar: 27 });
    assert.deepEqual(scriptPlace(text, 'gone'), { line: 0, startChar: 0, endChar: 20 });
    assert.deepEqual(scriptPlace('', 'gone'), { line: 0, startChar: 0, endChar: 1 });
    const withCrash = scriptProblems(parseCheckOutput('Traceback (most recent call last):\n  File "/ws/x.py", line 2, in <module>\n    import x\nModuleNotFoundError: No module named \'x\''), text, (f) => f === '/ws/x.py');
    assert.deepEqual(withCrash, [{ message: "the run stopped here: ModuleNotFoundError: No module named 'x'", line: 1, startChar: 0, endChar: 8 }]);
    assert.deepEqual(scriptProblems(parseCheckOutput('Traceback (most recent call last):\n  File "/elsewhere.py", line 2\nE: e'), text, (f) => f === '/ws/x.py'), []);
  });

});

describe('exercise templates: words that fit the format', () => {
  const CELL = /\bcells?\b/i;

  it('a script says to run this file or pytest and never speaks of cells; a notebook says how to run it', () => {
    const { items, exercises } = realExercises();
    let plain = 0;
    for (const { topic, stage } of items) {
      const exercise = exercises.get(topic.id)!;
      const script = buildScript(topic, stage, exercise);
      assert.match(script, /pytest <this file>/, topic.id);
      assert.match(script, /run it with Python \(`python <this file>`\)|running it with Python \(`python <this file>`\)/, topic.id);
      // The content itself may speak of notebook cells (a topic about notebooks); the template must not.
      if (!CELL.test(JSON.stringify({ exercise, summary: topic.summary, formulas: topic.formulas }))) {
        plain++;
        assert.doesNotMatch(script, CELL, `${topic.id}: ${CELL.exec(script)?.index}`);
      }
      const first = JSON.parse(buildNotebook(topic, stage, exercise)).cells[0].source as string;
      assert.match(first, /## How to run this notebook/);
      assert.match(first, /Select Kernel/);
      assert.match(first, /Run All/);
      assert.match(first, /Roadmap: Check Exercise/);
    }
    assert.ok(plain > items.length / 2, `most exercises' content never mentions cells (${plain} of ${items.length})`);
  });
});
