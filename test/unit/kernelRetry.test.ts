// The exercise layer's rule for starting a kernel again (test/exercises/kernel-retry.json), as
// JavaScript applies it; test/property/kernelRetry.test.ts checks that Python's execute.py agrees.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ROOT } from './fixtures';

export interface RetryRule {
  readonly maxRetries: number;
  readonly retryOn: readonly string[];
  readonly neverWhen: readonly string[];
}

export const RULE: RetryRule = JSON.parse(fs.readFileSync(path.join(ROOT, 'test', 'exercises', 'kernel-retry.json'), 'utf8'));

/** What execute.py's should_retry does, in JavaScript. */
export function shouldRetry(rule: RetryRule, text: string): boolean {
  if (rule.neverWhen.some((p) => new RegExp(p).test(text))) return false;
  return rule.retryOn.some((p) => new RegExp(p).test(text));
}

/** Failures as nbclient reports them, and whether a retry is allowed. */
export const SAMPLES: readonly [string, boolean][] = [
  ['RuntimeError: Kernel died before replying to kernel_info', true],
  ["RuntimeError: Kernel didn't respond in 60 seconds", true],
  ['zmq.error.ZMQError: Address already in use (addr=\'tcp://127.0.0.1:51234\')', true],
  ['DeadKernelError: Kernel died', true],
  ['CellExecutionError: An error occurred while executing the following cell:\n1/0\nZeroDivisionError: division by zero', false],
  ['CellExecutionError: An error occurred while executing the following cell:\nraise OSError("Address already in use")\nOSError: Address already in use', false],
  ['CellTimeoutError: A cell timed out while it was being executed, after 240 seconds.', false],
  ["CheckFailed: expected beta_hat ≈ [1.98 3.01] (atol 1e-06), got [0. 0.]", false],
  ['ModuleNotFoundError: No module named \'ipykernel_launcher\'', false],
  ['FileNotFoundError: [Errno 2] No such file or directory: \'missing.ipynb\'', false],
];

describe('exercise layer: when a kernel is started again', () => {
  it('retries a kernel that died before kernel_info, or lost its port, and nothing else', () => {
    for (const [text, expected] of SAMPLES) assert.equal(shouldRetry(RULE, text), expected, text);
  });

  it('never retries an exception raised in a cell, whatever its message', () => {
    const cell = (msg: string) => `CellExecutionError: An error occurred while executing the following cell:\n------------------\nx()\n------------------\n${msg}`;
    for (const p of RULE.retryOn) assert.equal(shouldRetry(RULE, cell(p.replace(/\\d\+/g, '30'))), false, p);
  });

  it('retries at most twice, so a kernel that always dies still fails', () => {
    assert.ok(RULE.maxRetries >= 1 && RULE.maxRetries <= 2, String(RULE.maxRetries));
  });
});
