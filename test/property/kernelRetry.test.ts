// execute.py's retry rule, in Python, agrees with the samples of the unit test.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { ROOT } from '../unit/fixtures';
import { SAMPLES } from '../unit/kernelRetry.test';

describe('exercise layer: when a kernel is started again (Python)', () => {
  it('execute.py classifies every sample as the rule says', () => {
    const script = [
      'import json, sys',
      `sys.path.insert(0, ${JSON.stringify(path.join(ROOT, 'test', 'exercises'))})`,
      'import execute',
      'print(json.dumps([execute.should_retry(t) for t, _ in json.load(sys.stdin)]))',
    ].join('\n');
    const r = spawnSync('/usr/bin/python3', ['-c', script], { input: JSON.stringify(SAMPLES), encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
    assert.deepEqual(JSON.parse(r.stdout), SAMPLES.map(([, expected]) => expected));
  });
});
