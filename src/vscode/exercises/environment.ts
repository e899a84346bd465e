import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import vscode = require('vscode');
import type { EnvironmentModel } from '../../core/pages/environmentPage';
import {
  interpreterLabel, packageNeeds, parseProbeOutput, PROBE_SCRIPT, probeArgs, stageReadiness, venvPython, versionSupported,
  type Interpreter, type InterpreterChoice, type PackageNeed, type ProbeResult, type StageExercises,
} from '../../core/exercises/pythonEnv';
import type { Log } from '../log';
import type { RoadmapService } from '../roadmapService';
import type { ExerciseCatalog } from './exerciseCatalog';
import { failureText, runProcess } from './processRunner';
import { resolvePython } from './python';

/** How long the probe may take (a cold Python on a slow disk included). */
export const PROBE_TIMEOUT_MS = 30_000;

/** A probe's outcome: what was found, or why nothing was. */
export type Probe = ProbeResult | { readonly error: string };

/**
 * The Python the checks use, seen from the host: which interpreter and why, what one probe
 * process finds installed, and per stage how many exercises can run. Runs nothing in an
 * untrusted workspace. Its output channel keeps the full log of every probe and install.
 */
export class EnvironmentService implements vscode.Disposable {
  private output: vscode.OutputChannel | undefined;
  /** The last action's outcome, shown at the top of the page. */
  notice: { text: string; ok: boolean } | undefined;

  constructor(private readonly roadmap: RoadmapService, private readonly catalog: ExerciseCatalog, readonly log: Log) {}

  get channel(): vscode.OutputChannel {
    this.output ??= vscode.window.createOutputChannel('Data Science Roadmap: Python');
    return this.output;
  }

  /** The workspace folder for a .venv: the first on disk (undefined with none open). */
  folder(): vscode.WorkspaceFolder | undefined {
    return vscode.workspace.workspaceFolders?.find((f) => f.uri.scheme === 'file');
  }

  /** Every stage's exercises (a topic without an authored exercise has its reflection one). */
  async stages(): Promise<StageExercises[]> {
    const index = (await this.roadmap.get()).index;
    if (!index) return [];
    return Promise.all(index.roadmap.stages.map(async (s) => ({
      id: s.id, number: s.number, title: s.title,
      exercises: await Promise.all(s.sections.flatMap((sec) => sec.topics).map((t) => this.catalog.exerciseFor(t))),
    })));
  }

  async needs(stages?: readonly StageExercises[]): Promise<PackageNeed[]> {
    return packageNeeds((stages ?? (await this.stages())).flatMap((s) => s.exercises));
  }

  /** Runs the probe in one Python process (never in an untrusted workspace). */
  async probe(python: Interpreter, needs: readonly PackageNeed[], token?: vscode.CancellationToken): Promise<{ probe: Probe; ms: number }> {
    if (!vscode.workspace.isTrusted) return { probe: { error: 'the workspace is not trusted, so nothing was run' }, ms: 0 };
    const t0 = performance.now();
    const r = await runProcess(python.command, [...python.args, '-c', PROBE_SCRIPT, ...probeArgs(needs)], { timeoutMs: PROBE_TIMEOUT_MS, token, cwd: this.folder()?.uri.fsPath });
    const ms = performance.now() - t0;
    this.channel.appendLine(`probe ${interpreterLabel(python)}: ${r.code === 0 ? 'answered' : failureText('the probe', r)} in ${ms.toFixed(0)} ms`);
    if (r.startError || r.timedOut || r.cancelled) return { probe: { error: failureText(`'${interpreterLabel(python)}'`, r) }, ms };
    const parsed = parseProbeOutput(r.stdout);
    if ('error' in parsed && r.stderr.trim()) this.channel.appendLine(r.stderr.trim());
    return { probe: parsed, ms };
  }

  /** An interpreter is usable for checks: it answered the probe, is recent enough; undefined when it is, else why not. */
  static unusable(p: Probe): string | undefined {
    if ('error' in p) return p.error;
    if (!versionSupported(p.version)) return `it is Python ${p.version.join('.')}, older than 3.9`;
    return undefined;
  }

  /** The workspace's `.venv` (or `venv`) interpreter, if one exists. */
  async workspaceVenv(): Promise<string | undefined> {
    const folder = this.folder();
    if (!folder) return undefined;
    for (const name of ['.venv', 'venv']) {
      const py = venvPython(path.join(folder.uri.fsPath, name), process.platform);
      if (await fs.stat(py).then((s) => s.isFile(), () => false)) return py;
    }
    return undefined;
  }

  /** Everything the page shows. */
  async model(): Promise<EnvironmentModel & { readonly interpreter: InterpreterChoice }> {
    const folder = this.folder();
    const interpreter = await resolvePython(folder?.uri);
    const stages = await this.stages();
    const needs = await this.needs(stages);
    const trusted = vscode.workspace.isTrusted;
    const probed = trusted ? await this.probe(interpreter, needs) : undefined;
    const p = probed?.probe;
    const usable = p !== undefined && EnvironmentService.unusable(p) === undefined;
    const found = (name: string) => p !== undefined && !('error' in p) && p.packages.get(name)?.found === true;
    const venv = await this.workspaceVenv();
    const inUse = p && !('error' in p) ? p.executable : interpreter.command;
    return {
      trusted, hasFolder: folder !== undefined, interpreter, probe: p, needs,
      stages: stageReadiness(stages, found, usable),
      ...(venv && path.resolve(venv) !== path.resolve(inUse) && path.resolve(venv) !== path.resolve(interpreter.command) ? { workspaceVenv: venv } : {}),
      ...(this.notice ? { notice: this.notice } : {}),
      ...(probed ? { probeMs: probed.ms } : {}),
    };
  }

  dispose(): void {
    this.output?.dispose();
  }
}
