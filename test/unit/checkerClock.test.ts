// The checker written beside the learner's exercises is recognised by hash, and the test-only
// clock follows its offset file at once.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { checkerState, sha256, SHIPPED_CHECKERS } from '../../src/core/exercises/checkerVersions';
import { appClock } from '../../src/vscode/clock';
import { ROOT } from './fixtures';

describe('the shipped checker', () => {
  const shipped = fs.readFileSync(path.join(ROOT, 'media', 'python', '_roadmap_check.py'), 'utf8');

  it('the checker this version ships is the newest of SHIPPED_CHECKERS (a release that changes it must list it)', () => {
    assert.equal(SHIPPED_CHECKERS[SHIPPED_CHECKERS.length - 1], sha256(shipped));
  });

  it('tells current, damaged (cut short, empty) and modified apart', () => {
    assert.equal(checkerState(shipped, shipped), 'current');
    assert.equal(checkerState(shipped.slice(0, 200), shipped), 'damaged');
    assert.equal(checkerState('', shipped), 'damaged');
    assert.equal(checkerState(shipped.replace('def ', 'def  '), shipped), 'modified');
    assert.equal(checkerState('# a checker nobody shipped\n', shipped), 'modified');
  });

  it('the checker of the first release (from git history) is recognised as outdated', function () {
    const r = spawnSync('git', ['show', '68d02b8:media/python/_roadmap_check.py'], { cwd: ROOT, encoding: 'utf8' });
    if (r.status !== 0) this.skip(); // a checkout without history (a source tarball)
    assert.equal(sha256(r.stdout), SHIPPED_CHECKERS[0]);
    assert.equal(checkerState(r.stdout, shipped), 'outdated');
  });
});

describe('the test-only clock offset', () => {
  it('without the variable it is the system clock', () => {
    const now = Date.now();
    const t = appClock({}).call(undefined).getTime();
    assert.ok(Math.abs(t - now) < 1000);
  });

  it('follows a change of the offset file at the next reading, with no wait', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'clock-'));
    const file = path.join(dir, 'offset');
    fs.writeFileSync(file, '0');
    const clock = appClock({ DS_ROADMAP_CLOCK_OFFSET_FILE: file });
    assert.ok(Math.abs(clock().getTime() - Date.now()) < 1000);
    fs.writeFileSync(file, String(5 * 86_400_000));
    const shifted = clock().getTime() - Date.now();
    assert.ok(Math.abs(shifted - 5 * 86_400_000) < 1000, `shifted by ${shifted} ms`);
    fs.writeFileSync(file, 'not a number');
    assert.ok(Math.abs(clock().getTime() - Date.now()) < 1000);
    fs.rmSync(dir, { recursive: true, force: true });
    assert.ok(Math.abs(clock().getTime() - Date.now()) < 1000, 'a missing file is no offset');
  });
});
