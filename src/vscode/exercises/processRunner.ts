import type * as vscode from 'vscode';

/** How a process ended. */
export interface ProcessResult {
  readonly code: number | null;
  readonly signal: string | null;
  readonly stdout: string;
  readonly stderr: string;
  /** Why it could not start (ENOENT: not found), if it did not. */
  readonly startError?: NodeJS.ErrnoException;
  readonly timedOut: boolean;
  readonly cancelled: boolean;
}

export interface RunOptions {
  readonly cwd?: string;
  readonly timeoutMs: number;
  readonly token?: vscode.CancellationToken;
  /** Each line of output as it comes (for the log and the progress). */
  readonly onLine?: (line: string) => void;
  readonly env?: NodeJS.ProcessEnv;
}

/** How much output is kept per stream (pip can print a lot; the log gets every line). */
const KEEP = 200_000;

/**
 * Runs a program (no shell) with a timeout and cancellation, in its own process group so that
 * what it forks ends with it. Never rejects.
 */
export async function runProcess(command: string, args: readonly string[], o: RunOptions): Promise<ProcessResult> {
  const { spawn } = await import('node:child_process');
  return new Promise((resolve) => {
    let stdout = '';
    let stderr = '';
    let timedOut = false;
    let cancelled = false;
    let settled = false;
    const child = spawn(command, [...args], {
      cwd: o.cwd, env: { ...process.env, PYTHONIOENCODING: 'utf-8', PYTHONUNBUFFERED: '1', ...o.env },
      detached: process.platform !== 'win32', windowsHide: true, stdio: ['ignore', 'pipe', 'pipe'],
    });
    const kill = () => {
      try {
        if (child.pid && process.platform !== 'win32') process.kill(-child.pid, 'SIGKILL'); else child.kill('SIGKILL');
      } catch {
        // already gone
      }
    };
    const timer = setTimeout(() => { timedOut = true; kill(); }, o.timeoutMs);
    const sub = o.token?.onCancellationRequested(() => { cancelled = true; kill(); });
    const finish = (r: Partial<ProcessResult>) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      sub?.dispose();
      resolve({ code: null, signal: null, stdout, stderr, timedOut, cancelled, ...r });
    };
    const lines = (append: (s: string) => void) => {
      let partial = '';
      return (d: Buffer) => {
        const text = d.toString('utf8');
        append(text);
        const parts = (partial + text).split(/\r?\n/);
        partial = parts.pop() ?? '';
        for (const l of parts) o.onLine?.(l);
      };
    };
    child.stdout?.on('data', lines((s) => { if (stdout.length < KEEP) stdout += s; }));
    child.stderr?.on('data', lines((s) => { if (stderr.length < KEEP) stderr += s; }));
    child.on('error', (e: NodeJS.ErrnoException) => finish({ startError: e }));
    child.on('close', (code, signal) => finish({ code, signal }));
    if (o.token?.isCancellationRequested) { cancelled = true; kill(); }
  });
}

/** A process result in one line, for messages: why it failed. */
export function failureText(what: string, r: ProcessResult): string {
  if (r.startError) return r.startError.code === 'ENOENT' ? `${what}: the program was not found` : `${what}: ${r.startError.message}`;
  if (r.cancelled) return `${what} was cancelled`;
  if (r.timedOut) return `${what} took too long and was stopped`;
  const last = (r.stderr.trim() || r.stdout.trim()).split(/\r?\n/).filter((l) => l.trim()).at(-1);
  return `${what} failed (exit ${r.code ?? r.signal})${last ? `: ${last.slice(0, 300)}` : ''}`;
}
