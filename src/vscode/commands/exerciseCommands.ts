import * as path from 'node:path';
import vscode = require('vscode');
import { FileWriteError } from '../../core/files/safeFiles';
import { CHECKER_FILE, exercisesFolderSegments } from '../../core/exercises/exercisePaths';
import type { CheckerFile, CheckerOutcome } from '../exercises/checkerFile';
import { setting } from '../settings';
import { Commands } from '../../constants';
import { solutionText } from '../../core/exercises/exerciseFiles';
import type { ExerciseKind } from '../../core/exercises/exercisePaths';
import type { Topic } from '../../core/roadmap/model';
import type { CheckOutcome, CheckRunner } from '../exercises/checkRunner';
import type { ExerciseCatalog } from '../exercises/exerciseCatalog';
import type { ResultsWatcher } from '../exercises/resultsWatcher';
import type { CheckDiagnostics } from '../exercises/checkDiagnostics';
import { activeExerciseUri, exerciseFilesByTopic, exerciseUriFromArg } from '../exercises/activeExercise';
import { pickTopic } from './topicPicker';
import type { Scaffolder } from '../exercises/scaffolder';
import type { Log } from '../log';
import type { RoadmapService } from '../roadmapService';
import { resolveTopic, topicCommand, type CommandTable, type TopicArg, type TopicResolver } from './commandKit';

import { SOLUTION_SCHEME } from './solutionScheme';

export interface ExerciseCommandDeps extends TopicResolver {
  readonly scaffolder: Scaffolder;
  readonly checker: CheckerFile;
  readonly checks: CheckRunner;
  readonly catalog: ExerciseCatalog;
  readonly results: ResultsWatcher;
  readonly log: Log;
  /** Failing checks in the Problems panel. */
  readonly diagnostics?: CheckDiagnostics;
  /** The topic of the topic page in front, if any: what Scaffold uses when no topic is given. */
  readonly activePage?: () => string | undefined;
}

/**
 * The exercise Check Exercise is about: the one given, else the active one, else one the learner
 * picks among the topics that have an exercise in the workspace (none open and none made: undefined).
 */
async function exerciseToCheck(d: ExerciseCommandDeps, target: unknown): Promise<vscode.Uri | 'cancelled' | undefined> {
  const file = exerciseUriFromArg(target) ?? activeExerciseUri();
  if (file || !vscode.workspace.workspaceFolders?.length) return file;
  const files = await exerciseFilesByTopic(d.roadmap);
  if (files.size === 0) return undefined;
  const id = await pickTopic(d.roadmap, d.store, 'Check the exercise of...', (t) => files.has(t.id), d.notes && (() => d.notes!.all()));
  return id ? files.get(id) : 'cancelled';
}

/** The workspace folder that holds exercises: the only one, or the one the learner picks. */
async function chooseFolder(): Promise<vscode.WorkspaceFolder | undefined> {
  const folders = vscode.workspace.workspaceFolders ?? [];
  if (folders.length === 0) {
    // Not awaited: the command ends at once; the offer stays in the notification.
    void vscode.window.showWarningMessage(
      'Data Science Roadmap: exercises are saved in your workspace, and no folder is open. Open a folder first.', 'Open Folder...',
    ).then((answer) => answer === 'Open Folder...' ? vscode.commands.executeCommand('workbench.action.files.openFolder') : undefined);
    return undefined;
  }
  if (folders.length === 1) return folders[0];
  return vscode.window.showWorkspaceFolderPick({ placeHolder: 'Which folder should hold the exercise?' });
}

/** Scaffolds, then says what happened; an existing exercise is opened, with the offer of a fresh copy. */
async function scaffold(d: ExerciseCommandDeps, topic: Topic, kind: ExerciseKind, fresh: boolean): Promise<string | undefined> {
  const folder = await chooseFolder();
  if (!folder) return undefined;
  let outcome;
  try {
    outcome = await d.scaffolder.scaffold(folder, topic, kind, { fresh });
  } catch (e) {
    if (!(e instanceof FileWriteError)) throw e;
    void vscode.window.showErrorMessage(`Data Science Roadmap: the exercise was not written: ${e.message}.`);
    return undefined;
  }
  if (outcome.kind === 'created') tellAboutChecker(d, outcome.checker, folder.uri.fsPath, path.dirname(path.dirname(outcome.uri.fsPath)));
  if (outcome.kind === 'exists') {
    // Not awaited: the command finishes; the offer stays in the notification centre.
    void vscode.window.showInformationMessage(
      `The exercise for "${topic.title}" already exists and was opened. Your file was not changed.`, 'Create a Fresh Copy',
    ).then((answer) => answer === 'Create a Fresh Copy' ? scaffold(d, topic, kind, true) : undefined)
      .then(undefined, (e) => d.log.error(`fresh copy failed: ${(e as Error).message}`));
  }
  return outcome.uri.toString();
}

/** Says what happened to the checker: repaired, or changed by the learner (then offers to replace it). */
function tellAboutChecker(d: ExerciseCommandDeps, checker: CheckerOutcome, root: string, exercisesRoot: string): void {
  if (checker.repaired) {
    void vscode.window.showInformationMessage(`Data Science Roadmap: the exercise checker (${CHECKER_FILE}) was ${checker.state === 'damaged' ? 'damaged' : 'an older version'} and has been replaced.`);
  } else if (checker.state === 'modified') {
    void vscode.window.showWarningMessage(`${CHECKER_FILE} in ${exercisesRoot} differs from the one this extension ships (changed by hand?). Checks may not work with it.`, 'Replace It', 'Keep Mine')
      .then((a) => (a === 'Replace It' ? d.checker.replace(root, exercisesRoot) : undefined))
      .then(undefined, (e) => d.log.error(`replacing the checker failed: ${(e as Error).message}`));
  }
}

/** The checker beside an exercise file inside a workspace folder's exercises folder: made sure of before a check. */
async function checkerBeside(d: ExerciseCommandDeps, file: vscode.Uri): Promise<void> {
  const folder = vscode.workspace.getWorkspaceFolder(file);
  if (!folder || folder.uri.scheme !== 'file') return;
  const exercisesRoot = path.join(folder.uri.fsPath, ...exercisesFolderSegments(setting('exercisesFolder', folder.uri)));
  if (path.relative(exercisesRoot, file.fsPath).startsWith('..')) return;
  try {
    tellAboutChecker(d, await d.checker.ensure(folder.uri.fsPath, exercisesRoot), folder.uri.fsPath, exercisesRoot);
  } catch (e) {
    d.log.warn(`checker: ${(e as Error).message}`);
  }
}

/** Runs a check with progress and cancel, and tells the learner the outcome. */
async function check(d: ExerciseCommandDeps, file: vscode.Uri | undefined): Promise<CheckOutcome> {
  if (!vscode.workspace.isTrusted) {
    // Not awaited: the command returns at once; the offer stays in the notification.
    void vscode.window.showWarningMessage('Checking an exercise runs its Python code, and this workspace is not trusted. Nothing was run.', 'Manage Workspace Trust')
      .then((pick) => pick === 'Manage Workspace Trust' ? vscode.commands.executeCommand('workbench.trust.manage') : undefined);
    return { ran: false, reason: 'untrusted workspace' };
  }
  if (file?.scheme === 'file') await checkerBeside(d, file);
  const prepared = await d.checks.prepare(file);
  if (!('program' in prepared)) {
    const outcome = prepared;
    const name = file ? file.fsPath.split(/[\\/]/).pop() : '';
    if (outcome.reason === 'no exercise open') void vscode.window.showWarningMessage('Open an exercise notebook (.ipynb) or script (.py) first, then run Roadmap: Check Exercise.');
    else if (outcome.reason === 'not an exercise') void vscode.window.showWarningMessage(`${name} is not a roadmap exercise. Scaffold one with Roadmap: Scaffold Exercise Notebook...`);
    else void vscode.window.showErrorMessage(`Cannot read ${name}: ${outcome.reason}`);
    return outcome;
  }
  const result = await vscode.window.withProgress({
    location: vscode.ProgressLocation.Notification, title: `Checking "${prepared.title}"`, cancellable: true,
  }, (_progress, token) => d.checks.run(prepared, token));
  const showOutput = (a: string | undefined) => { if (a) d.checks.channel.show(true); };
  // On a pass the checker wrote .results/<topic>.json; the results watcher marks the topic complete.
  if (result.passed) return result;
  if (result.reason && isPythonProblem(result.reason)) offerPythonSetUp(result.reason, result.interpreter, showOutput);
  else if (result.reason) void vscode.window.showErrorMessage(`Data Science Roadmap: ${result.reason}`, 'Show Output').then(showOutput);
  else void vscode.window.showWarningMessage('Some checks did not pass yet. The output shows which, with what was expected.', 'Show Output').then(showOutput);
  return result;
}

/** A missing package or a missing Python: Roadmap: Set Up Python... can fix it. */
function isPythonProblem(reason: string): boolean {
  return /^this exercise needs |^Python was not found/.test(reason);
}

/** Says which interpreter the check used and offers the environment page, not only a pip line. */
function offerPythonSetUp(reason: string, interpreter: string | undefined, showOutput: (a: string | undefined) => void): void {
  const used = interpreter && !reason.startsWith('Python was not found') ? ` The check ran with ${interpreter}.` : '';
  void vscode.window.showErrorMessage(`Data Science Roadmap: ${reason.replace(/\.$/, '')}.${used}`, 'Set Up Python...', 'Show Output').then((a) => {
    if (a === 'Set Up Python...') return vscode.commands.executeCommand(Commands.setUpPython);
    showOutput(a);
    return undefined;
  });
}

/** Exercises: scaffold a notebook or script, check the active one, show the reference solution. */
export function exerciseCommands(d: ExerciseCommandDeps): CommandTable {
  return {
    [Commands.scaffoldNotebook]: {
      name: 'Scaffold Exercise Notebook',
      run: async (arg?: TopicArg, options?: { fresh?: boolean }) => {
        const topic = await resolveTopic({ ...d, active: d.activePage }, arg, 'Scaffold an exercise notebook for...');
        return topic ? scaffold(d, topic, 'notebook', options?.fresh === true) : undefined;
      },
    },
    [Commands.scaffoldScript]: {
      name: 'Scaffold Exercise Script',
      run: async (arg?: TopicArg, options?: { fresh?: boolean }) => {
        const topic = await resolveTopic({ ...d, active: d.activePage }, arg, 'Scaffold an exercise script for...');
        return topic ? scaffold(d, topic, 'script', options?.fresh === true) : undefined;
      },
    },
    [Commands.checkExercise]: {
      name: 'Check Exercise',
      run: async (target?: unknown) => {
        const file = await exerciseToCheck(d, target);
        if (file === 'cancelled') return { ran: false, reason: 'cancelled' } satisfies CheckOutcome;
        const outcome = await check(d, file);
        // The Problems panel follows; a problem showing them never hides the outcome.
        if (file && d.diagnostics) await d.diagnostics.fromCheck(file, outcome).catch((e) => d.log.warn(`diagnostics: ${(e as Error).message}`));
        if (outcome.passed && outcome.topic && file) {
          // Read the result file at once, so progress updates before the watcher would.
          const result = await d.results.resultFor(file, outcome.topic);
          if (result) await d.results.onResult(result);
        }
        return outcome;
      },
    },
    [Commands.showSolution]: topicCommand(d, 'Show Solution', 'Show the reference solution of...', async (topic) => {
      const uri = vscode.Uri.from({ scheme: SOLUTION_SCHEME, path: `/${topic.id}-solution.py` });
      const doc = await vscode.workspace.openTextDocument(uri);
      await vscode.window.showTextDocument(doc, { preview: true, viewColumn: vscode.ViewColumn.Beside });
      return uri.toString();
    }),
  };
}

/** The text of a `ds-roadmap-solution:` document: the reference solution of a topic's exercise. */
export async function solutionDocument(roadmap: RoadmapService, catalog: ExerciseCatalog, uri: vscode.Uri): Promise<string> {
  const id = uri.path.replace(/^\//, '').replace(/-solution\.py$/, '');
  const topic = (await roadmap.get()).index?.topic(id);
  return topic ? solutionText(topic, await catalog.exerciseFor(topic)) : `# No topic '${id}'.\n`;
}
