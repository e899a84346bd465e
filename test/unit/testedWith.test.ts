import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { displayName, parseTestedWith, testedWithLine, type StackRecord, type TestedWith } from '../../src/core/exercises/testedWith';
import { readTestedWith, TESTED_WITH_FILE, withTestedWith } from '../../src/build/testedWith';
import { buildNotebook, buildScript } from '../../src/core/exercises/exerciseFiles';
import { defaultExercise, loadExercises } from '../../src/build/exerciseLoader';
import { declaredPackages, recordStack, serialize, type TopicInfo } from '../exercises/recordTested';
import { realTopics, ROOT } from './fixtures';

const DEBIAN: StackRecord = {
  python: '3.11.2', date: '2026-11-30',
  packages: { numpy: '1.24.2', pandas: '1.5.3', xgboost: '1.7.4' },
  results: { '02-machine-learning': { boosting: 'passed', frames: 'passed', broken: 'failed' }, '00-math': { loops: 'passed' } },
};
const CURRENT: StackRecord = {
  python: '3.11.2', date: '2026-12-03',
  packages: { numpy: '2.3.5', pandas: '2.3.3', xgboost: null },
  results: { '02-machine-learning': { boosting: 'skipped', frames: 'passed', broken: 'passed' }, '00-math': { loops: 'passed' } },
};
const DATA: TestedWith = { version: 1, stacks: { 'debian-12': DEBIAN, current: CURRENT } };

function realExercises() {
  const { roadmap, items } = realTopics();
  const dir = path.join(ROOT, 'roadmap', 'exercises');
  const files = fs.readdirSync(dir).filter((n) => n.endsWith('.yaml')).sort().map((n) => ({ name: `exercises/${n}`, text: fs.readFileSync(path.join(dir, n), 'utf8') }));
  return { roadmap, items, exercises: loadExercises(files, items.map((i) => i.topic.id)).exercises };
}

function checkedIn(): TestedWith {
  const r = parseTestedWith(fs.readFileSync(path.join(ROOT, TESTED_WITH_FILE), 'utf8'));
  assert.ok('value' in r, `${TESTED_WITH_FILE}: ${'error' in r ? r.error : ''}`);
  return r.value;
}

describe('tested with: the versions each exercise was proved with', () => {
  describe('the line', () => {
    it('names both stacks, each with the versions of the packages the exercise declares, in its order', () => {
      assert.equal(testedWithLine(DATA, 'frames', ['numpy', 'pandas']),
        'Tested with Python 3.11.2 and numpy 1.24.2, pandas 1.5.3 (Debian 12) and numpy 2.3.5, pandas 2.3.3 (current releases, 2026-12-03)');
      assert.equal(testedWithLine(DATA, 'frames', ['pandas', 'numpy']),
        'Tested with Python 3.11.2 and pandas 1.5.3, numpy 1.24.2 (Debian 12) and pandas 2.3.3, numpy 2.3.5 (current releases, 2026-12-03)');
      // Named as pip installs them; sqlite3's version is SQLite's own.
      const named: TestedWith = { version: 1, stacks: { 'debian-12': { ...DEBIAN, packages: { sklearn: '1.2.1', sqlite3: '3.40.1', dask: '2022.12.1+dfsg' } } } };
      assert.equal(testedWithLine(named, 'frames', ['sklearn', 'sqlite3', 'dask']), 'Tested with Python 3.11.2 and scikit-learn 1.2.1, SQLite 3.40.1, dask 2022.12.1+dfsg (Debian 12)');
      // Only the declared packages: xgboost is in the file but not this exercise's.
      assert.doesNotMatch(testedWithLine(DATA, 'frames', ['numpy'])!, /pandas|xgboost/);
    });

    it('leaves out a stack that skipped or failed the topic, or never ran it', () => {
      assert.equal(testedWithLine(DATA, 'boosting', ['numpy', 'xgboost']), 'Tested with Python 3.11.2 and numpy 1.24.2, xgboost 1.7.4 (Debian 12)');
      assert.equal(testedWithLine(DATA, 'broken', ['numpy']), 'Tested with Python 3.11.2 and numpy 2.3.5 (current releases, 2026-12-03)');
      assert.equal(testedWithLine({ version: 1, stacks: { current: CURRENT } }, 'frames', ['numpy']), 'Tested with Python 3.11.2 and numpy 2.3.5 (current releases, 2026-12-03)');
      assert.equal(testedWithLine(DATA, 'never-run', ['numpy']), undefined);
      assert.equal(testedWithLine({ version: 1, stacks: {} }, 'frames', ['numpy']), undefined);
    });

    it('leaves out a package the file has no version for, and names only Python when none is left', () => {
      assert.equal(testedWithLine(DATA, 'frames', ['numpy', 'torch']),
        'Tested with Python 3.11.2 and numpy 1.24.2 (Debian 12) and numpy 2.3.5 (current releases, 2026-12-03)');
      assert.equal(testedWithLine(DATA, 'loops', []), 'Tested with Python 3.11.2 (Debian 12 and current releases, 2026-12-03)');
      // xgboost is null on current: that stack has only Python to show, so each stack names its own.
      const both = { ...DATA, stacks: { ...DATA.stacks, current: { ...CURRENT, results: { s: { boosting: 'passed' } } } } } as TestedWith;
      assert.equal(testedWithLine(both, 'boosting', ['xgboost']), 'Tested with Python 3.11.2, xgboost 1.7.4 (Debian 12) and Python 3.11.2 (current releases, 2026-12-03)');
    });

    it('names each stack with its own Python when they differ', () => {
      const data: TestedWith = { version: 1, stacks: { 'debian-12': DEBIAN, current: { ...CURRENT, python: '3.13.1' } } };
      assert.equal(testedWithLine(data, 'frames', ['numpy']), 'Tested with Python 3.11.2, numpy 1.24.2 (Debian 12) and Python 3.13.1, numpy 2.3.5 (current releases, 2026-12-03)');
    });
  });

  describe('the file', () => {
    it('reads a valid file back as it was written', () => {
      const r = parseTestedWith(serialize(DATA));
      assert.ok('value' in r);
      assert.deepEqual(r.value, DATA);
    });

    it('rejects malformed input with a reason, whole', () => {
      const bad: [string, RegExp][] = [
        ['', /not JSON/], ['{', /not JSON/], ['[]', /not a JSON object/], ['null', /not a JSON object/],
        ['{"version": 2, "stacks": {}}', /version must be 1/], ['{"version": 1}', /stacks is not an object/],
        [JSON.stringify({ version: 1, stacks: { windows: DEBIAN } }), /unknown stack 'windows'/],
        [JSON.stringify({ version: 1, stacks: { current: { ...CURRENT, python: 3.11 } } }), /python is not a version/],
        [JSON.stringify({ version: 1, stacks: { current: { ...CURRENT, date: 'yesterday' } } }), /date/],
        [JSON.stringify({ version: 1, stacks: { current: { ...CURRENT, packages: { numpy: 2 } } } }), /numpy is neither a version nor null/],
        [JSON.stringify({ version: 1, stacks: { current: { ...CURRENT, packages: { numpy: '2"""; import os' } } } }), /numpy is neither/],
        [JSON.stringify({ version: 1, stacks: { current: { ...CURRENT, packages: { 'a b': '1' } } } }), /bad name/],
        [JSON.stringify({ version: 1, stacks: { current: { ...CURRENT, results: { s: { frames: 'ok' } } } } }), /not one of passed, failed, skipped/],
        [JSON.stringify({ version: 1, stacks: { current: { ...CURRENT, results: { s: ['frames'] } } } }), /not a stage of topics/],
        [JSON.stringify({ version: 1, stacks: { current: { ...CURRENT, results: { a: { frames: 'passed' }, b: { frames: 'failed' } } } } }), /twice/],
        [JSON.stringify({ version: 1, stacks: { current: { ...CURRENT, results: undefined } } }), /results is not an object/],
      ];
      for (const [text, why] of bad) {
        const r = parseTestedWith(text);
        assert.ok('error' in r, text);
        assert.match(r.error, why, text);
      }
    });

    it('missing or malformed, the build goes on without the line and warns once', () => {
      const root = fs.mkdtempSync(path.join(os.tmpdir(), 'ds-tested-'));
      try {
        const { items, exercises } = realExercises();
        const { topic, stage } = items.find((i) => exercises.get(i.topic.id)?.kind === 'code')!;
        const ex = exercises.get(topic.id)!;
        const warnings: string[] = [];
        assert.equal(readTestedWith(root, (l) => warnings.push(l)), undefined);
        assert.equal(warnings.length, 1);
        assert.match(warnings[0], /^roadmap\/exercises\/tested-with\.json warning: cannot be read \(ENOENT\)/);
        fs.mkdirSync(path.join(root, 'roadmap', 'exercises'), { recursive: true });
        fs.writeFileSync(path.join(root, TESTED_WITH_FILE), '{"version": 1, "stacks": {"current": 7}}');
        assert.equal(readTestedWith(root, (l) => warnings.push(l)), undefined);
        assert.equal(warnings.length, 2);
        assert.match(warnings[1], /warning: stacks\.current is not an object; exercises are built without/);
        const plain = withTestedWith(ex, undefined);
        assert.equal(plain.testedWith, undefined);
        assert.doesNotMatch(buildNotebook(topic, stage, plain), /Tested with/);
        assert.doesNotMatch(buildScript(topic, stage, plain), /Tested with/);
        // A valid file is read back and gives the line.
        fs.writeFileSync(path.join(root, TESTED_WITH_FILE), serialize({ version: 1, stacks: { 'debian-12': { ...DEBIAN, results: { s: { [topic.id]: 'passed' } } } } }));
        const data = readTestedWith(root, (l) => warnings.push(l));
        assert.equal(warnings.length, 2);
        assert.match(withTestedWith(ex, data).testedWith!, /^Tested with Python 3\.11\.2 .*\(Debian 12\)$/);
      } finally {
        fs.rmSync(root, { recursive: true, force: true });
      }
    });

    it('the checked-in file parses and covers every package any exercise declares, on every stack', () => {
      const data = checkedIn();
      const { items, exercises } = realExercises();
      const declared = [...new Set([...exercises.values()].flatMap((e) => e.packages))].sort();
      assert.ok(declared.length >= 10, `${declared.length} packages declared`);
      assert.deepEqual(Object.keys(data.stacks).sort(), ['current', 'debian-12']);
      const topics = new Set(items.map((i) => i.topic.id));
      for (const [id, stack] of Object.entries(data.stacks)) {
        const missing = declared.filter((p) => !Object.prototype.hasOwnProperty.call(stack.packages, p));
        assert.deepEqual(missing, [], `${id} has no version for ${missing.join(', ')}: record it (node test/exercises/tested-with.js)`);
        for (const [stage, results] of Object.entries(stack.results)) {
          for (const [topic, status] of Object.entries(results)) {
            assert.ok(topics.has(topic), `${id}: ${stage}/${topic} is not a topic`);
            // A stack that passed a topic could import every package it declares.
            if (status === 'passed') for (const p of exercises.get(topic)?.packages ?? []) assert.ok(stack.packages[p], `${id}: ${topic} passed without ${p}`);
          }
        }
      }
    });

    it('puts the line in the notebook\'s first markdown cell and the script\'s docstring, and nowhere else', () => {
      const data = checkedIn();
      const { items, exercises } = realExercises();
      const passedOnBoth = items.find(({ topic }) => exercises.get(topic.id)?.packages.length
        && Object.values(data.stacks).every((s) => Object.values(s.results).some((r) => r[topic.id] === 'passed')));
      assert.ok(passedOnBoth, 'some topic with packages passed on both stacks');
      const { topic, stage } = passedOnBoth;
      const ex = withTestedWith(exercises.get(topic.id)!, data);
      const line = ex.testedWith!;
      for (const p of ex.packages) assert.match(line, new RegExp(`(^| )${displayName(p)} [0-9]`), p);
      assert.match(line, /\(Debian 12\) and .*\(current releases, \d{4}-\d{2}-\d{2}\)$/);
      const nb = JSON.parse(buildNotebook(topic, stage, ex));
      assert.equal(nb.cells[0].cell_type, 'markdown');
      assert.ok(nb.cells[0].source.includes(`*${line}.*`), nb.cells[0].source);
      assert.equal(nb.cells.filter((c: { source: string }) => c.source.includes('Tested with')).length, 1);
      const script = buildScript(topic, stage, ex);
      const doc = script.slice(0, script.indexOf('\n"""') + 4);
      assert.ok(doc.startsWith('r"""') && doc.includes(line), doc);
      assert.equal(script.split('Tested with').length, 2);
      // A reflection exercise no stack ran gets no line.
      const other = items.find((i) => i.topic.id !== topic.id)!;
      assert.equal(withTestedWith(defaultExercise(other.topic), { version: 1, stacks: {} }).testedWith, undefined);
    });
  });

  describe('recording', () => {
    const topics = new Map<string, TopicInfo>([
      ['frames', { stageKey: '02-machine-learning', packages: ['numpy', 'pandas'] }],
      ['boosting', { stageKey: '02-machine-learning', packages: ['numpy', 'xgboost'] }],
      ['broken', { stageKey: '02-machine-learning', packages: ['numpy'] }],
      ['loops', { stageKey: '00-math', packages: [] }],
    ]);
    const snapshot = { python: CURRENT.python, packages: CURRENT.packages };

    it('gives the same bytes for the same facts, whatever order they came in, except the date', () => {
      const a = recordStack(DATA, 'current', snapshot, '2026-12-05', topics).data;
      assert.deepEqual(a.stacks.current!.results, CURRENT.results);
      const reordered: TestedWith = { version: 1, stacks: { current: { ...CURRENT, packages: { xgboost: null, pandas: '2.3.3', numpy: '2.3.5' } }, 'debian-12': DEBIAN } };
      const b = recordStack(reordered, 'current', { python: '3.11.2', packages: { pandas: '2.3.3', xgboost: null, numpy: '2.3.5' } }, '2026-12-05', topics).data;
      assert.equal(serialize(a), serialize(b));
      const diff = serialize(DATA).split('\n').filter((l, i) => l !== serialize(a).split('\n')[i]);
      assert.deepEqual(diff, ['      "date": "2026-12-03",']);
      assert.ok(serialize(a).indexOf('"00-math"') < serialize(a).indexOf('"02-machine-learning"'));
    });

    it('drops only the results whose versions changed, and says why', () => {
      const newer = { python: '3.11.2', packages: { ...CURRENT.packages, pandas: '3.0.0' } };
      const { data, dropped } = recordStack(DATA, 'current', newer, '2026-12-05', topics);
      assert.deepEqual(dropped, ['frames: pandas 2.3.3 -> 3.0.0']);
      assert.deepEqual(data.stacks.current!.results, { '02-machine-learning': { boosting: 'skipped', broken: 'passed' }, '00-math': { loops: 'passed' } });
      assert.equal(data.stacks['debian-12'], DEBIAN);
      const py = recordStack(DATA, 'current', { ...snapshot, python: '3.12.0' }, '2026-12-05', topics);
      assert.equal(py.dropped.length, 4);
      assert.deepEqual(py.data.stacks.current!.results, {});
    });

    it('replaces the results a layer ran, keeps the rest, forgets topics that are gone', () => {
      const fewer = new Map([...topics].filter(([t]) => t !== 'loops'));
      const run = new Map([['broken', 'failed' as const]]);
      const { data, dropped } = recordStack(DATA, 'current', snapshot, '2026-12-05', fewer, run);
      assert.deepEqual(dropped, ['loops: no longer an exercise']);
      assert.deepEqual(data.stacks.current!.results, { '02-machine-learning': { boosting: 'skipped', frames: 'passed', broken: 'failed' } });
      const first = recordStack(undefined, 'debian-12', snapshot, '2026-12-05', topics, run).data;
      assert.deepEqual(Object.keys(first.stacks), ['debian-12']);
      assert.deepEqual(declaredPackages(topics), ['numpy', 'pandas', 'xgboost']);
    });
  });
});
