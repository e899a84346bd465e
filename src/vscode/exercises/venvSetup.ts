import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import vscode = require('vscode');
import { exercisesFolderSegments } from '../../core/exercises/exercisePaths';
import { interpreterLabel, requirementsFor, requirementsText, venvPython, type Interpreter, type StageExercises } from '../../core/exercises/pythonEnv';
import { FileWriteError, realTarget, writeFileSafely } from '../../core/files/safeFiles';
import { setting } from '../settings';
import { EnvironmentService } from './environment';
import { failureText, runProcess, type ProcessResult } from './processRunner';
import { resolvePython } from './python';

export interface VenvOptions {
  /** A stage id, or 'all'; asked for when undefined. */
  readonly stage?: string;
  /** Let the .venv see the base interpreter's packages (`--system-site-packages`); asked for when undefined. */
  readonly systemSitePackages?: boolean;
}

export interface VenvOutcome {
  readonly ok: boolean;
  readonly message: string;
  /** The .venv's interpreter, on success. */
  readonly python?: string;
  /** This action created a .venv and removed it again after a failure. */
  readonly removed?: boolean;
  readonly requirements?: string;
}

/** The first line of the requirements.txt this extension writes (a file without it is the learner's). */
const HEADER = '# Python packages for the Data Science Roadmap exercises';

async function askStage(stages: readonly StageExercises[]): Promise<string | undefined> {
  const items = [
    { label: 'All stages', description: requirementsFor(stages, 'all').join(', '), id: 'all' },
    ...stages.map((s) => ({ label: `${s.number}. ${s.title}`, description: requirementsFor(stages, s.id).join(', ') || 'no packages', id: s.id })),
  ];
  return (await vscode.window.showQuickPick(items, { title: 'Install the packages of which stage?', placeHolder: 'The .venv gets what these exercises need' }))?.id;
}

async function askSystemSite(base: Interpreter): Promise<boolean | undefined> {
  const pick = await vscode.window.showQuickPick([
    { label: 'A clean .venv', description: 'recommended', value: false },
    { label: `A .venv that also sees the packages of ${interpreterLabel(base)}`, description: '--system-site-packages: less to download', value: true },
  ], { title: 'What kind of .venv?' });
  return pick?.value;
}

/** Writes requirements.txt into the exercises folder; a learner's own file is replaced only when they agree. */
async function writeRequirements(root: string, pipNames: readonly string[], scope: string): Promise<string | { error: string }> {
  const file = path.join(root, ...exercisesFolderSegments(setting('exercisesFolder', vscode.Uri.file(root))), 'requirements.txt');
  const existing = await fs.readFile(file, 'utf8').catch(() => undefined);
  if (existing !== undefined && !existing.startsWith(HEADER)) {
    const a = await vscode.window.showWarningMessage(`${file} exists and was not written by this extension. Replace it with the packages the exercises need?`, { modal: true }, 'Replace It');
    if (a !== 'Replace It') return { error: `${path.basename(file)} was kept as it is; nothing was changed` };
  }
  try {
    return await writeFileSafely(root, file, requirementsText(pipNames, scope));
  } catch (e) {
    if (e instanceof FileWriteError) return { error: e.message };
    throw e;
  }
}

/** Why a step failed, with a hint for the usual causes. */
function stepFailure(what: string, r: ProcessResult): string {
  const text = failureText(what, r);
  if (/ensurepip|No module named venv/.test(r.stderr + r.stdout)) return `${text} (Debian/Ubuntu: sudo apt install python3-venv)`;
  if (/No matching distribution|Could not find a version|NewConnectionError|Temporary failure in name resolution/.test(r.stderr + r.stdout)) return `${text} (no network, or a package has no release for this Python)`;
  return text;
}

/** Runs one step, logging each line; the progress shows pip's current package. */
async function step(env: EnvironmentService, progress: vscode.Progress<{ message?: string }>, token: vscode.CancellationToken, command: string, args: string[], timeoutMs: number): Promise<ProcessResult> {
  env.channel.appendLine(`$ ${interpreterLabel({ command, args })}`);
  return runProcess(command, args, {
    timeoutMs, token,
    onLine: (l) => {
      env.channel.appendLine(l);
      const m = /^\s*(Collecting|Downloading|Installing collected packages:|Building wheel for)\s*(\S+)?/.exec(l);
      if (m) progress.report({ message: `${m[1].replace(/:$/, '')} ${m[2] ?? ''}`.trim() });
    },
  });
}

/** The steps under the progress: venv (when new), pip present, pip install -r; the first failure in words. */
async function install(env: EnvironmentService, base: Interpreter, venvDir: string, create: boolean, systemSite: boolean, requirements: string, hasPackages: boolean): Promise<string | undefined> {
  return vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: 'Setting up Python for the exercises', cancellable: true }, async (progress, token) => {
    const py = venvPython(venvDir, process.platform);
    if (create) {
      progress.report({ message: 'creating .venv' });
      const r = await step(env, progress, token, base.command, [...base.args, '-m', 'venv', ...(systemSite ? ['--system-site-packages'] : []), venvDir], 5 * 60_000);
      if (r.code !== 0) return stepFailure('creating the .venv', r);
    }
    const pip = await step(env, progress, token, py, ['-m', 'pip', '--version'], 60_000);
    if (pip.code !== 0) return pip.cancelled ? 'the set-up was cancelled' : `pip is missing in ${venvDir} (${failureText('pip', pip)}); Debian/Ubuntu: sudo apt install python3-venv python3-pip`;
    if (!hasPackages) return undefined;
    progress.report({ message: 'installing packages' });
    const r = await step(env, progress, token, py, ['-m', 'pip', 'install', '--disable-pip-version-check', '-r', requirements], 60 * 60_000);
    return r.code === 0 ? undefined : stepFailure('pip install', r);
  });
}

/**
 * Creates `.venv` in the workspace with the interpreter in use and installs one stage's packages
 * (or all) from a requirements.txt written into the exercises folder, then makes the checks use
 * it. On failure or cancel a .venv this action created is removed; one that existed is kept.
 */
export async function createVenv(env: EnvironmentService, o: VenvOptions = {}): Promise<VenvOutcome> {
  if (!vscode.workspace.isTrusted) return { ok: false, message: 'This workspace is not trusted, so nothing was run or written. Trust the workspace first.' };
  const folder = env.folder();
  if (!folder) return { ok: false, message: 'A .venv is made in the workspace folder, and no folder is open. Open a folder first; nothing was changed.' };
  const root = folder.uri.fsPath;
  const base = await resolvePython(folder.uri);
  const stages = await env.stages();
  const baseProbe = (await env.probe(base, [])).probe;
  const bad = EnvironmentService.unusable(baseProbe);
  if (bad) return { ok: false, message: `A .venv needs a working Python 3.9 or newer, and '${interpreterLabel(base)}' (${base.reason}) is not one: ${bad}. Pick another interpreter; nothing was changed.` };
  const stage = o.stage ?? await askStage(stages);
  if (!stage || (stage !== 'all' && !stages.some((s) => s.id === stage))) return { ok: false, message: 'No stage was chosen; nothing was changed.' };
  let venvDir: string;
  try {
    venvDir = await realTarget(root, path.join(root, '.venv'));
  } catch (e) {
    return { ok: false, message: `${(e as Error).message}` };
  }
  const exists = await fs.lstat(venvDir).then(() => true, () => false);
  const py = venvPython(venvDir, process.platform);
  if (exists && !(await fs.stat(py).then((s) => s.isFile(), () => false))) {
    return { ok: false, message: `${venvDir} exists but has no Python in it (${py}). Remove or rename it, then try again; nothing was changed.` };
  }
  // An existing .venv is reused as it is: the question of its kind is only for a new one.
  const systemSite = exists ? false : o.systemSitePackages ?? await askSystemSite(base);
  if (systemSite === undefined) return { ok: false, message: 'Nothing was changed.' };
  const pipNames = requirementsFor(stages, stage);
  const scope = stage === 'all' ? 'all stages' : `stage ${stages.find((s) => s.id === stage)!.number}, ${stages.find((s) => s.id === stage)!.title}`;
  const requirements = await writeRequirements(root, pipNames, scope);
  if (typeof requirements !== 'string') return { ok: false, message: requirements.error };
  env.channel.appendLine(`\n▶ ${new Date().toLocaleTimeString()} set-up: ${exists ? 'reusing' : 'creating'} ${venvDir} with ${interpreterLabel(base)}; ${pipNames.length} packages (${scope}) from ${requirements}`);
  const failure = await install(env, base, venvDir, !exists, systemSite, requirements, pipNames.length > 0);
  if (failure) {
    env.channel.appendLine(`✗ ${failure}`);
    const removed = !exists && await fs.rm(venvDir, { recursive: true, force: true }).then(() => true, () => false);
    const what = !exists ? (removed ? 'the .venv this set-up created was removed' : `the .venv this set-up created could not be removed: delete ${venvDir} by hand`)
      : 'the existing .venv was kept, with what pip had finished installing (pip installs each package whole)';
    return { ok: false, removed, requirements, message: `Python set-up did not finish: ${failure}; ${what}. ${path.basename(requirements)} was written; the checks still use ${interpreterLabel(base)}.` };
  }
  await vscode.workspace.getConfiguration('dsRoadmap', folder.uri).update('pythonPath', py, vscode.ConfigurationTarget.Workspace);
  env.channel.appendLine(`✓ ${py} is ready; dsRoadmap.pythonPath set for this workspace`);
  return { ok: true, python: py, requirements, message: `The .venv is ready (${scope}) and the checks now use ${py}. ${path.basename(requirements)} in the exercises folder lists its packages.` };
}
