// What test/support/setup.js says when apt-get fails: one line, and the busy lock named as such.
import * as assert from 'node:assert/strict';
import * as path from 'node:path';

const ROOT = path.resolve(__dirname, '..', '..', '..');
// eslint-disable-next-line @typescript-eslint/no-require-imports
const setup = require(path.join(ROOT, 'test', 'support', 'setup.js')) as { aptFailure(status: number, output: string): string };

describe('setup: apt failures in one line', () => {
  it('names a busy dpkg lock and says to wait', () => {
    const out = 'E: Could not get lock /var/lib/dpkg/lock-frontend. It is held by process 4242 (unattended-upgr)\nE: Unable to acquire the dpkg frontend lock (/var/lib/dpkg/lock-frontend), is another process using it?\n';
    const line = setup.aptFailure(100, out);
    assert.match(line, /another package manager holds the dpkg lock/);
    assert.match(line, /Wait for it to finish/);
    assert.ok(!line.includes('\n'), 'one line');
  });

  it('otherwise gives the exit code and apt\'s last error line', () => {
    const line = setup.aptFailure(100, 'Reading package lists...\nE: Unable to locate package python3-nosuch\n');
    assert.equal(line, 'apt-get failed (exit 100): E: Unable to locate package python3-nosuch');
    assert.equal(setup.aptFailure(1, ''), 'apt-get failed (exit 1)');
  });
});
