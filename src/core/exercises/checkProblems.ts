/**
 * What a check run says, placed where the learner works: the output of a check (the checker's
 * `✓ <task>: passed` and `✗ [<task>] <message>` lines, and a Python traceback when the run stopped)
 * becomes problems on a task's check cell (notebook) or its `def test_<task>` line (script).
 * Pure: the VS Code side turns these into diagnostics.
 */
import { pyName } from './exerciseModel';

export interface CheckFailure {
  readonly task: string;
  readonly message: string;
}

/** A frame of a traceback: a notebook cell ("cell 3", as the check script names them) or a file; 1-based line. */
export interface CrashFrame {
  readonly where: string;
  readonly line: number;
}

/** Where a run stopped with an error outside a check: the traceback's frames, innermost last, and its exception line. */
export interface CheckCrash {
  readonly frames: readonly CrashFrame[];
  readonly message: string;
}

export interface ParsedCheck {
  readonly passed: readonly string[];
  readonly failed: readonly CheckFailure[];
  readonly crash?: CheckCrash;
}

const PASSED = /^✓ (.+?): passed\s*$/;
const FAILED = /^✗ \[([^\]\n]+)\] (.*?)\s*$/;
const FRAME = /^\s+File "(.+)", line (\d+)/;

/** The last traceback of the output, with its frames and exception line. */
function crashOf(lines: readonly string[]): CheckCrash | undefined {
  let frames: CrashFrame[] = [];
  let crash: CheckCrash | undefined;
  for (const l of lines) {
    const f = FRAME.exec(l);
    if (f) {
      frames.push({ where: f[1], line: Number(f[2]) });
      continue;
    }
    if (!frames.length || /^\s/.test(l) || l.trim() === '' || /^(Traceback|During handling|The above exception)/.test(l)) continue;
    crash = { frames, message: l.trim() };
    frames = [];
  }
  return crash;
}

/** Reads a check's output: which tasks passed, which failed with what message, and where it stopped. */
export function parseCheckOutput(output: string): ParsedCheck {
  const passed = new Map<string, true>();
  const failed = new Map<string, string>();
  const lines = output.split(/\r?\n/);
  for (const l of lines) {
    const p = PASSED.exec(l);
    if (p) {
      passed.set(p[1], true);
      failed.delete(p[1]);
      continue;
    }
    const f = FAILED.exec(l);
    if (f) {
      failed.set(f[1], f[2]);
      passed.delete(f[1]);
    }
  }
  const crash = crashOf(lines);
  return {
    passed: [...passed.keys()],
    failed: [...failed].map(([task, message]) => ({ task, message })),
    ...(crash ? { crash } : {}),
  };
}

/** A problem to show: in a notebook cell (0-based index) or the file, on one line (0-based). */
export interface ExerciseProblem {
  /** The task it is about; absent for a run that stopped with an error. */
  readonly task?: string;
  readonly message: string;
  readonly cell?: number;
  readonly line: number;
  readonly startChar: number;
  readonly endChar: number;
}

export interface CellText {
  readonly kind: 'code' | 'markdown';
  readonly text: string;
}

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** The `with rc.check("<task>")` statement of a task, single or double quotes. */
function checkCall(task: string): RegExp {
  return new RegExp(`rc\\.check\\(\\s*(["'])${escapeRe(task)}\\1\\s*\\)`);
}

/** The line (0-based) matching `re`, and the span of its text without the indentation. */
function lineSpan(text: string, re: RegExp): { line: number; startChar: number; endChar: number } | undefined {
  const lines = text.split(/\r?\n/);
  const i = lines.findIndex((l) => re.test(l));
  return i < 0 ? undefined : span(lines, i);
}

function span(lines: readonly string[], i: number): { line: number; startChar: number; endChar: number } {
  const l = lines[Math.max(0, Math.min(i, lines.length - 1))] ?? '';
  const startChar = l.length - l.trimStart().length;
  return { line: Math.max(0, Math.min(i, lines.length - 1)), startChar, endChar: Math.max(startChar + 1, l.trimEnd().length) };
}

/** Where a task's problem goes in a notebook: its check cell; else the report cell, else the first code cell. */
export function notebookPlace(cells: readonly CellText[], task: string): { cell: number; line: number; startChar: number; endChar: number } | undefined {
  const re = checkCall(task);
  for (const [cell, c] of cells.entries()) {
    if (c.kind !== 'code') continue;
    const at = lineSpan(c.text, re);
    if (at) return { cell, ...at };
  }
  const fallback = cells.findIndex((c) => c.kind === 'code' && /rc\.report\(/.test(c.text));
  const cell = fallback >= 0 ? fallback : cells.findIndex((c) => c.kind === 'code');
  return cell < 0 ? undefined : { cell, ...span(cells[cell].text.split(/\r?\n/), 0) };
}

/** Where a task's problem goes in a script: `def test_<task>`, else its `rc.check` line, else the marker, else line 1. */
export function scriptPlace(text: string, task: string): { line: number; startChar: number; endChar: number } {
  return lineSpan(text, new RegExp(`^\\s*def\\s+test_${escapeRe(pyName(task))}\\s*\\(`))
    ?? lineSpan(text, checkCall(task))
    ?? lineSpan(text, /^# dsRoadmap-topic:/)
    ?? span(text.split(/\r?\n/), 0);
}

/** Every problem of a notebook check, placed on cells. */
export function notebookProblems(parsed: ParsedCheck, cells: readonly CellText[]): ExerciseProblem[] {
  const out: ExerciseProblem[] = [];
  for (const f of parsed.failed) {
    const at = notebookPlace(cells, f.task);
    if (at) out.push({ task: f.task, message: f.message, ...at });
  }
  const frame = parsed.crash && [...parsed.crash.frames].reverse().find((f) => /^cell \d+$/.test(f.where));
  const cell = frame ? Number(frame.where.slice(5)) - 1 : -1;
  if (frame && cell >= 0 && cell < cells.length) {
    out.push({ message: `the run stopped here: ${parsed.crash!.message}`, cell, ...span(cells[cell].text.split(/\r?\n/), frame.line - 1) });
  }
  return out;
}

/** Every problem of a script check, placed on lines; a crash counts only when it is in this script (`samePath`). */
export function scriptProblems(parsed: ParsedCheck, text: string, samePath: (file: string) => boolean): ExerciseProblem[] {
  const out: ExerciseProblem[] = parsed.failed.map((f) => ({ task: f.task, message: f.message, ...scriptPlace(text, f.task) }));
  const frame = parsed.crash && [...parsed.crash.frames].reverse().find((f) => samePath(f.where));
  if (frame) out.push({ message: `the run stopped here: ${parsed.crash!.message}`, ...span(text.split(/\r?\n/), frame.line - 1) });
  return out;
}
