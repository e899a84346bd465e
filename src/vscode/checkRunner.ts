import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { Settings } from '../constants';
import { notebookToCheckScript, topicFromExerciseFile } from '../core/checkScript';
import type { RoadmapService } from './roadmapService';

export interface CheckOutcome {
  readonly ran: boolean;
  readonly passed?: boolean;
  readonly topic?: string;
  readonly exitCode?: number | null;
  /** Why nothing ran, or the one-line problem (missing package, missing Python, timeout). */
  readonly reason?: string;
  readonly output?: string;
}

/** The learner's Python: the setting, else the Python extension's interpreter, else python3. */
export async function resolvePython(resource: vscode.Uri | undefined): Promise<string> {
  const configured = vscode.workspace.getConfiguration(Settings.section, resource).get<string>(Settings.pythonPath, '').trim();
  if (configured) return configured;
  const ext = vscode.extensions.getExtension('ms-python.python');
  if (ext) {
    try {
      const api = (ext.isActive ? ext.exports : await ext.activate()) as {
        environments?: { getActiveEnvironmentPath?(r?: vscode.Uri): { path?: string } };
        settings?: { getExecutionDetails?(r?: vscode.Uri): { execCommand?: string[] } };
      };
      const p = api?.environments?.getActiveEnvironmentPath?.(resource)?.path;
      if (p) return p;
      const cmd = api?.settings?.getExecutionDetails?.(resource)?.execCommand?.[0];
      if (cmd) return cmd;
    } catch {
      // fall through to the default
    }
  }
  return process.platform === 'win32' ? 'python' : 'python3';
}

/** Runs the active exercise headless with the learner's Python; a pass writes the result file. */
export class CheckRunner implements vscode.Disposable {
  private output: vscode.OutputChannel | undefined;

  constructor(private readonly roadmap: RoadmapService) {}

  /** Created on the first check, not at activation. */
  private get channel(): vscode.OutputChannel {
    this.output ??= vscode.window.createOutputChannel('Data Science Roadmap: Checks');
    return this.output;
  }

  /** Checks `target` (the active exercise, resolved by the command). */
  async checkActive(target: vscode.Uri | undefined): Promise<CheckOutcome> {
    if (!vscode.workspace.isTrusted) {
      // Not awaited: the command returns at once; the offer stays in the notification.
      void vscode.window.showWarningMessage('Checking an exercise runs its Python code, and this workspace is not trusted. Nothing was run.', 'Manage Workspace Trust')
        .then((pick) => pick === 'Manage Workspace Trust' ? vscode.commands.executeCommand('workbench.trust.manage') : undefined);
      return { ran: false, reason: 'untrusted workspace' };
    }
    const uri = target;
    if (!uri || uri.scheme !== 'file' || !/\.(ipynb|py)$/.test(uri.fsPath)) {
      void vscode.window.showWarningMessage('Open an exercise notebook (.ipynb) or script (.py) first, then run Roadmap: Check Exercise.');
      return { ran: false, reason: 'no exercise open' };
    }
    // Check what is on disk, so save pending edits first.
    const openNb = vscode.workspace.notebookDocuments.find((d) => d.uri.toString() === uri.toString());
    if (openNb?.isDirty) await openNb.save();
    const openDoc = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
    if (openDoc?.isDirty) await openDoc.save();
    const text = await fs.readFile(uri.fsPath, 'utf8');
    const loaded = await this.roadmap.get();
    const isNotebook = uri.fsPath.endsWith('.ipynb');
    const topicId = topicFromExerciseFile(uri.fsPath, text, (id) => loaded.index?.topic(id) !== undefined);
    if (!topicId) {
      void vscode.window.showWarningMessage(`${path.basename(uri.fsPath)} is not a roadmap exercise. Scaffold one with Roadmap: Scaffold Exercise Notebook...`);
      return { ran: false, reason: 'not an exercise' };
    }
    let program: { args: string[]; stdin?: string };
    if (isNotebook) {
      const script = notebookToCheckScript(text);
      if ('error' in script) {
        void vscode.window.showErrorMessage(`Cannot read ${path.basename(uri.fsPath)}: ${script.error}`);
        return { ran: false, topic: topicId, reason: script.error };
      }
      program = { args: ['-'], stdin: script.script };
    } else {
      program = { args: [uri.fsPath] };
    }
    const python = await resolvePython(uri);
    const timeoutSec = vscode.workspace.getConfiguration(Settings.section, uri).get<number>('check.timeoutSeconds', 120);
    this.channel.appendLine(`\n▶ ${new Date().toLocaleTimeString()} checking ${uri.fsPath} with ${python}`);
    const outcome = await vscode.window.withProgress({
      location: vscode.ProgressLocation.Notification, title: `Checking "${loaded.index?.topic(topicId)?.title ?? topicId}"`, cancellable: true,
    }, (_progress, token) => this.run(python, program, path.dirname(uri.fsPath), timeoutSec, token));
    const result: CheckOutcome = { ...outcome, topic: topicId };
    if (result.passed) {
      this.channel.appendLine('✓ all checks passed');
      // The checker wrote .results/<topic>.json; the results watcher marks the topic complete.
    } else if (result.reason) {
      this.channel.appendLine(`✗ ${result.reason}`);
      void vscode.window.showErrorMessage(`Data Science Roadmap: ${result.reason}`, 'Show Output').then((a) => { if (a) this.channel.show(true); });
    } else {
      void vscode.window.showWarningMessage('Some checks did not pass yet. The output shows which, with what was expected.', 'Show Output').then((a) => { if (a) this.channel.show(true); });
    }
    return result;
  }

  private async run(python: string, program: { args: string[]; stdin?: string }, cwd: string, timeoutSec: number, token: vscode.CancellationToken): Promise<CheckOutcome> {
    // Loaded on the first check: child_process is not needed at activation.
    const { spawn } = await import('node:child_process');
    return new Promise<CheckOutcome>((resolve) => {
      let output = '';
      let settled = false;
      const finish = (o: CheckOutcome) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        sub.dispose();
        resolve({ ...o, output });
      };
      const child = spawn(python, program.args, {
        cwd,
        env: { ...process.env, MPLBACKEND: 'Agg', PYTHONIOENCODING: 'utf-8', PYTHONUNBUFFERED: '1' },
        detached: process.platform !== 'win32',
        windowsHide: true,
      });
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
      const relay = (d: Buffer) => {
        const s = d.toString('utf8');
        output += s;
        this.channel.append(s);
      };
      child.stdout.on('data', relay);
      child.stderr.on('data', relay);
      child.on('error', (e: NodeJS.ErrnoException) => {
        finish({
          ran: false, exitCode: null,
          reason: e.code === 'ENOENT'
            ? `Python was not found (tried '${python}'). Install Python 3, or set dsRoadmap.pythonPath to your interpreter.`
            : `could not start Python ('${python}'): ${e.message}`,
        });
      });
      child.on('close', (code) => {
        const missing = /this exercise needs [^\n]+/.exec(output)?.[0];
        finish({ ran: true, passed: code === 0, exitCode: code, ...(missing ? { reason: missing } : {}) });
      });
      if (program.stdin !== undefined) {
        child.stdin.on('error', () => { /* the process may exit before reading everything */ });
        child.stdin.end(program.stdin);
      } else {
        child.stdin.end();
      }
    });
  }

  dispose(): void {
    this.output?.dispose();
  }
}
