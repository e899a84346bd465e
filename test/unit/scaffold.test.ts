import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { exercisesFolderSegments, exerciseRelativePath, passedAt, safeSegment } from '../../src/core/exercises/exercisePaths';
import { realTopics } from './fixtures';

const KEBAB = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** Hostile values for the exercises folder setting and for ids. */
const HOSTILE = [
  '..', '../', '../..', '../../etc', 'a/../..', 'a/../../b', './..', '.../..', '/', '/etc', '/etc/passwd', '//server/share',
  '\\', '\\..', '\\\\server\\share', '..\\..\\Windows', 'C:', 'C:\\', 'c:/Windows', 'Z:relative', 'C:..', '\0', 'a\0b', '..\0',
  '', ' ', '\t\n', '.', './', './.', 'a/./..', '%2e%2e/x', '..%2f..%2f', '\u2025', '．．/x', 'a/..', 'ex/<con>', 'nul|x', 'a?b', 'a*b',
  'x/\u0001/y', 'a:b', '"quoted"', 'file:///etc', 'https://evil.example/x', '~/x', '~root', 'a//b', 'x/../../../../y',
];

function resolvesInside(segments: readonly string[]): boolean {
  const posix = path.posix.resolve('/ws', ...segments);
  const win = path.win32.resolve('C:\\ws', ...segments);
  return posix.startsWith('/ws/') && win.toLowerCase().startsWith('c:\\ws\\');
}



describe('scaffold: exercise paths and files', () => {
  describe('passedAt (when a result file says its checks passed)', () => {
    const written = Date.parse('2026-12-03T10:00:00.000Z');
    it("takes the result's own time when it is no later than the file", () => {
      assert.equal(passedAt('2026-12-03T09:59:58.000Z', written), written - 2000);
    });
    it('never a time after the file was written: a clock ahead cannot outrank a later reset', () => {
      assert.equal(passedAt('2026-12-03T10:01:00.000Z', written), written);
      assert.equal(passedAt('2999-01-01T00:00:00.000Z', written), written);
    });
    it("falls back to the file's time for a missing or invalid stated time", () => {
      for (const bad of [undefined, null, 42, '', 'yesterday', {}]) assert.equal(passedAt(bad, written), written, String(bad));
    });
  });

  describe('safeSegment', () => {
    it('reduces text to one kebab-case segment', () => {
      assert.equal(safeSegment('Dot product'), 'dot-product');
      assert.equal(safeSegment('  Élan — Vital!! '), 'elan-vital');
      assert.equal(safeSegment('t-SNE (t-Distributed)'), 't-sne-t-distributed');
      assert.equal(safeSegment('../../etc/passwd'), 'etc-passwd');
      assert.equal(safeSegment('C:\\Windows\\System32'), 'c-windows-system32');
      assert.equal(safeSegment('a\0b'), 'a-b');
      assert.equal(safeSegment('x'.repeat(100)), 'x'.repeat(80));
      assert.equal(safeSegment(`${'a'.repeat(79)}-b`), 'a'.repeat(79));
    });

    it('falls back when nothing is left', () => {
      for (const s of ['', '..', '.', '/', '\\', '\0', '---', '   ', '日本語', '😀']) {
        assert.equal(safeSegment(s), 'topic', JSON.stringify(s));
        assert.equal(safeSegment(s, 'stage'), 'stage', JSON.stringify(s));
      }
    });

    it('never yields a separator, a dot, a drive letter or more than 80 characters', () => {
      for (const s of [...HOSTILE, ...HOSTILE.map((h) => `${h}name${h}`)]) {
        const out = safeSegment(s);
        assert.match(out, KEBAB, JSON.stringify(s));
        assert.ok(out.length >= 1 && out.length <= 80, JSON.stringify(s));
        assert.ok(resolvesInside([out]), JSON.stringify(s));
      }
    });
  });

  describe('exercisesFolderSegments', () => {
    it('keeps ordinary relative folders', () => {
      assert.deepEqual(exercisesFolderSegments('exercises'), ['exercises']);
      assert.deepEqual(exercisesFolderSegments('  study/ds  '), ['study', 'ds']);
      assert.deepEqual(exercisesFolderSegments('study\\ds'), ['study', 'ds']);
      assert.deepEqual(exercisesFolderSegments('./ex/./sub/'), ['ex', 'sub']);
      assert.deepEqual(exercisesFolderSegments('a//b'), ['a', 'b']);
      assert.deepEqual(exercisesFolderSegments('my exercises'), ['my exercises']);
      assert.deepEqual(exercisesFolderSegments('.hidden/x'), ['.hidden', 'x']);
    });

    it("falls back to 'exercises' for non-strings, empty, absolute, drive-letter, '..', NUL and reserved characters", () => {
      const fallback = [
        undefined, null, 42, true, {}, ['a'], '', '   ', '.', './', '..', '../x', 'a/../b', 'a/..', 'x/../../../../y', '/', '/etc',
        '\\', '\\..', '\\\\server\\share', '//server/share', '..\\..\\Windows', 'C:', 'C:\\', 'c:/Windows', 'Z:relative', 'C:..',
        '\0', 'a\0b', 'ex/<con>', 'nul|x', 'a?b', 'a*b', 'a:b', '"quoted"', 'x/\u0001/y', 'file:///etc', 'https://evil.example/x',
      ];
      for (const v of fallback) assert.deepEqual(exercisesFolderSegments(v), ['exercises'], JSON.stringify(v));
    });

    it('never escapes the workspace folder, on POSIX or Windows path rules', () => {
      const values = [...HOSTILE, ...HOSTILE.map((h) => `ok/${h}`), ...HOSTILE.map((h) => `${h}/ok`), ...HOSTILE.map((h) => `ok\\${h}\\ok`)];
      for (const v of values) {
        const segs = exercisesFolderSegments(v);
        assert.ok(segs.length > 0, JSON.stringify(v));
        for (const s of segs) {
          assert.ok(s !== '' && s !== '.' && s !== '..', `${JSON.stringify(v)} -> ${JSON.stringify(segs)}`);
          assert.ok(!/[/\\\0]/.test(s) && !/^[a-zA-Z]:/.test(s), `${JSON.stringify(v)} -> ${JSON.stringify(segs)}`);
        }
        assert.ok(resolvesInside([...segs, '00-stage', 'topic.ipynb']), `${JSON.stringify(v)} -> ${JSON.stringify(segs)}`);
      }
    });
  });

  describe('exerciseRelativePath', () => {
    const stage = { number: 0, id: 'math-statistics' };
    const topic = { id: 'dot-product' };

    it('gives <folder>/<NN-stage>/<topic>.ipynb and <topic>.py (the contract), with -N copies', () => {
      assert.deepEqual(exerciseRelativePath(['exercises'], stage, topic, 'notebook'), ['exercises', '00-math-statistics', 'dot-product.ipynb']);
      assert.deepEqual(exerciseRelativePath(['exercises'], stage, topic, 'script'), ['exercises', '00-math-statistics', 'dot-product.py']);
      assert.deepEqual(exerciseRelativePath(['exercises'], stage, topic, 'notebook', 2), ['exercises', '00-math-statistics', 'dot-product-2.ipynb']);
      assert.deepEqual(exerciseRelativePath(['exercises'], stage, topic, 'script', 2), ['exercises', '00-math-statistics', 'dot-product-2.py']);
      assert.deepEqual(exerciseRelativePath(['exercises'], stage, topic, 'notebook', 1), ['exercises', '00-math-statistics', 'dot-product.ipynb']);
      assert.deepEqual(exerciseRelativePath(['study', 'ds'], { number: 6, id: 'cloud-big-data' }, { id: 't-sne' }, 'script', 3),
        ['study', 'ds', '06-cloud-big-data', 't-sne-3.py']);
      assert.equal(exerciseRelativePath(exercisesFolderSegments(undefined), stage, topic, 'notebook').join('/'), 'exercises/00-math-statistics/dot-product.ipynb');
    });

    it('stays inside the folder whatever the stage and topic ids are', () => {
      for (const h of HOSTILE) {
        for (const kind of ['notebook', 'script'] as const) {
          const segs = exerciseRelativePath(['exercises'], { number: 3, id: h }, { id: h }, kind, 2);
          assert.equal(segs.length, 3, JSON.stringify(h));
          assert.equal(segs[0], 'exercises');
          assert.match(segs[1], /^03-[a-z0-9-]+$/, JSON.stringify(h));
          assert.match(segs[2], kind === 'notebook' ? /^[a-z0-9-]+-2\.ipynb$/ : /^[a-z0-9-]+-2\.py$/, JSON.stringify(h));
          assert.ok(resolvesInside(segs), JSON.stringify(h));
        }
      }
      assert.deepEqual(exerciseRelativePath(['exercises'], { number: 1, id: '../..' }, { id: '../../x' }, 'notebook'), ['exercises', '01-stage', 'x.ipynb']);
    });

    it('gives every real topic a distinct notebook and script path', () => {
      const { items } = realTopics();
      const nb = new Set(items.map(({ topic, stage }) => exerciseRelativePath(['exercises'], stage, topic, 'notebook').join('/')));
      const py = new Set(items.map(({ topic, stage }) => exerciseRelativePath(['exercises'], stage, topic, 'script').join('/')));
      assert.equal(nb.size, items.length);
      assert.equal(py.size, items.length);
      for (const p of py) assert.match(p, /^exercises\/0[0-6]-[a-z0-9-]+\/[a-z0-9]+(-[a-z0-9]+)*\.py$/, p);
    });
  });

});
