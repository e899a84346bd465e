import type { ChildProcess } from 'node:child_process';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import vscode = require('vscode');
import { notebookToCheckScript, topicFromExerciseFile } from '../../core/exercises/checkScript';
import type { RoadmapService } from '../roadmapService';
import { setting } from '../settings';
import { interpreterLabel, type InterpreterChoice } from '../../core/exercises/pythonEnv';
import { resolvePython } from './python';

export interface CheckOutcome {
  readonly ran: boolean;
  readonly passed?: boolean;
  readonly topic?: string;
  readonly exitCode?: number | null;
  /** Why nothing ran, or the one-line problem (missing package, missing Python, timeout). */
  readonly reason?: string;
  readonly output?: string;
  /** The interpreter the check ran with (or tried), and why it was chosen. */
  readonly interpreter?: string;
}

/** A check that can run: what to start and where, for which topic. */
export interface PreparedCheck {
  readonly file: vscode.Uri;
  readonly topicId: string;
  readonly title: string;
  /** The interpreter, and why it was chosen (the messages say which one ran). */
  readonly python: InterpreterChoice;
  readonly program: { readonly args: string[]; readonly stdin?: string };
  readonly timeoutSec: number;
}

/**
 * Runs an exercise headless with the learner's Python; a pass makes the checker write the result
 * file. It shows no message: the command tells the learner what happened.
 */
export class CheckRunner implements vscode.Disposable {
  private output: vscode.OutputChannel | undefined;

  constructor(private readonly roadmap: RoadmapService) {}

  /** The output channel of the checks, created on the first check, not at activation. */
  get channel(): vscode.OutputChannel {
    this.output ??= vscode.window.createOutputChannel('Data Science Roadmap: Checks');
    return this.output;
  }

  /** Reads the exercise (saving pending edits first) and works out how to check it, or why it cannot be. */
  async prepare(uri: vscode.Uri | undefined): Promise<PreparedCheck | CheckOutcome> {
    if (!uri || uri.scheme !== 'file' || !/\.(ipynb|py)$/.test(uri.fsPath)) return { ran: false, reason: 'no exercise open' };
    // Check what is on disk, so save pending edits first.
    const openNb = vscode.workspace.notebookDocuments.find((d) => d.uri.toString() === uri.toString());
    if (openNb?.isDirty) await openNb.save();
    const openDoc = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
    if (openDoc?.isDirty) await openDoc.save();
    const text = await fs.readFile(uri.fsPath, 'utf8');
    const loaded = await this.roadmap.get();
    const topicId = topicFromExerciseFile(uri.fsPath, text, (id) => loaded.index?.topic(id) !== undefined);
    if (!topicId) return { ran: false, reason: 'not an exercise' };
    let program: { args: string[]; stdin?: string };
    if (uri.fsPath.endsWith('.ipynb')) {
      const script = notebookToCheckScript(text);
      if ('error' in script) return { ran: false, topic: topicId, reason: script.error };
      program = { args: ['-'], stdin: script.script };
    } else {
      program = { args: [uri.fsPath] };
    }
    return {
      file: uri, topicId, title: loaded.index?.topic(topicId)?.title ?? topicId, program,
      python: await resolvePython(uri), timeoutSec: setting('check.timeoutSeconds', uri),
    };
  }

  /** Runs a prepared check; its output goes to the channel. */
  async run(check: PreparedCheck, token: vscode.CancellationToken): Promise<CheckOutcome> {
    this.channel.appendLine(`\n▶ ${new Date().toLocaleTimeString()} checking ${check.file.fsPath} with ${interpreterLabel(check.python)} (${check.python.reason})`);
    const outcome = await this.spawn(check.python, check.program, path.dirname(check.file.fsPath), check.timeoutSec, token);
    const result: CheckOutcome = { ...outcome, topic: check.topicId, interpreter: `${interpreterLabel(check.python)} (${check.python.reason})` };
    if (result.passed) this.channel.appendLine('✓ all checks passed');
    else if (result.reason) this.channel.appendLine(`✗ ${result.reason}`);
    return result;
  }

  private async spawn(python: InterpreterChoice, program: { args: string[]; stdin?: string }, cwd: string, timeoutSec: number, token: vscode.CancellationToken): Promise<CheckOutcome> {
    // Loaded on the first check: child_process is not needed at activation.
    const { spawn } = await import('node:child_process');
    const { StringDecoder } = await import('node:string_decoder');
    return new Promise<CheckOutcome>((resolve) => {
      const out = new BoundedOutput(MAX_OUTPUT_CHARS);
      // Its own process group (detached), so the check and everything it forked end together.
      const child = spawn(python.command, [...python.args, ...program.args], {
        cwd,
        env: { ...process.env, MPLBACKEND: 'Agg', PYTHONIOENCODING: 'utf-8', PYTHONUNBUFFERED: '1' },
        detached: process.platform !== 'win32',
        windowsHide: true,
      });
      const stop = stopper(child, timeoutSec, token, (o) => finish(o));
      const finish = (o: CheckOutcome) => {
        if (!stop.settle()) return;
        for (const d of decoders) out.add(d.end());
        const dropped = out.dropped ? `\n[… ${out.dropped.toLocaleString('en')} more characters of output were not kept]\n` : '';
        if (dropped) this.channel.append(dropped);
        resolve({ ...o, output: out.text + dropped });
      };
      // One decoder per stream: a character split across chunks is never broken.
      const decoders = [new StringDecoder('utf8'), new StringDecoder('utf8')];
      const relay = (decoder: InstanceType<typeof StringDecoder>) => (d: Buffer) => {
        const kept = out.add(decoder.write(d));
        if (kept) this.channel.append(kept);
      };
      child.stdout.on('data', relay(decoders[0]));
      child.stderr.on('data', relay(decoders[1]));
      child.on('error', (e: NodeJS.ErrnoException) => finish({ ran: false, exitCode: null, reason: startFailure(python, e) }));
      child.on('exit', (code, signal) => {
        // The check is over when its main process is: what it forked ends with it, and the
        // output still in the pipes is read for a moment (a fork holding them cannot delay this).
        stop.killGroup();
        const done = () => {
          const missing = /this exercise needs [^\n]+/.exec(out.text)?.[0];
          if (signal) finish({ ran: true, passed: false, exitCode: null, reason: `the check was killed (${signal})${signal === 'SIGKILL' ? ': out of memory?' : ''}` });
          else finish({ ran: true, passed: code === 0, exitCode: code, ...(missing ? { reason: missing } : {}) });
        };
        let closed = false;
        child.once('close', () => { closed = true; done(); });
        setTimeout(() => { if (!closed) done(); }, 300);
      });
      child.stdin.on('error', () => { /* the process may exit before reading everything */ });
      child.stdin.end(program.stdin);
    });
  }

  dispose(): void {
    this.output?.dispose();
  }
}

/** Why Python could not be started, in one line. */
function startFailure(python: InterpreterChoice, e: NodeJS.ErrnoException): string {
  return e.code === 'ENOENT'
    ? `Python was not found (tried '${interpreterLabel(python)}', chosen by ${python.reason}). Install Python 3, or set dsRoadmap.pythonPath to your interpreter.`
    : `could not start Python ('${interpreterLabel(python)}'): ${e.message}`;
}

/**
 * Ends a check on timeout or cancel by killing its whole process group, and makes sure the check
 * settles once: `settle()` is true the first time only, and stops the timer and the listener.
 */
function stopper(child: ChildProcess, timeoutSec: number, token: vscode.CancellationToken, finish: (o: CheckOutcome) => void): { settle(): boolean; killGroup(): void } {
  let settled = false;
  const kill = () => {
    try {
      if (child.pid && process.platform !== 'win32') process.kill(-child.pid, 'SIGKILL'); else child.kill('SIGKILL');
    } catch {
      // already gone
    }
  };
  const timer = setTimeout(() => {
    kill();
    finish({ ran: true, passed: false, exitCode: null, reason: `the check did not finish within ${timeoutSec} s and was stopped` });
  }, timeoutSec * 1000);
  const sub = token.onCancellationRequested(() => {
    kill();
    finish({ ran: true, passed: false, exitCode: null, reason: 'the check was cancelled' });
  });
  return {
    killGroup: () => {
      try {
        if (child.pid && process.platform !== 'win32') process.kill(-child.pid, 'SIGKILL');
      } catch {
        // the group is gone already
      }
    },
    settle: () => {
      if (settled) return false;
      settled = true;
      clearTimeout(timer);
      sub.dispose();
      return true;
    },
  };
}

/** How much of a check's output is kept (for parsing and the channel); the rest is only counted. */
export const MAX_OUTPUT_CHARS = 1_000_000;

/** A check's output: the first `limit` characters kept, the rest counted. */
export class BoundedOutput {
  text = '';
  dropped = 0;

  constructor(private readonly limit: number) {}

  /** Adds a chunk; returns the part of it that was kept. */
  add(chunk: string): string {
    const room = Math.max(0, this.limit - this.text.length);
    const kept = chunk.length <= room ? chunk : chunk.slice(0, room);
    this.text += kept;
    this.dropped += chunk.length - kept.length;
    return kept;
  }
}
