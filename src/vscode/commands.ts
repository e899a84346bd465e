import * as vscode from 'vscode';
import { Commands, Settings } from '../constants';
import type { Topic } from '../core/model';
import { formatCounts, merge, parseExport, toExport, EMPTY_PROGRESS } from '../core/progress';
import type { TreeNode } from '../core/tree';
import * as path from 'node:path';
import { solutionText } from '../core/exerciseBuilder';
import type { CheckRunner } from './checkRunner';
import type { DashboardPanel } from './dashboardPanel';
import type { ExerciseService } from './exerciseService';
import { progressLocation, type ProgressStore } from './progressStore';
import type { RoadmapService } from './roadmapService';
import { scaffold } from './scaffolder';
import { pickTopic } from './topicPicker';
import type { TopicPanels } from './topicPanels';
import type { RoadmapTreeProvider } from './treeProvider';
import type { Log } from './log';

export interface CommandServices {
  readonly context: vscode.ExtensionContext;
  readonly log: Log;
  readonly roadmap: RoadmapService;
  readonly store: ProgressStore;
  readonly tree: RoadmapTreeProvider;
  readonly panels: TopicPanels;
  readonly dashboard: DashboardPanel;
  readonly exercises: ExerciseService;
  readonly checks: CheckRunner;
}

export const SOLUTION_SCHEME = 'ds-roadmap-solution';

/** A command argument that names a topic: an id, a tree node, or nothing (then we ask). */
type TopicArg = string | TreeNode | undefined;

function idFromArg(arg: unknown): string | undefined {
  if (typeof arg === 'string') return arg;
  if (arg && typeof arg === 'object' && (arg as TreeNode).kind === 'topic') return (arg as Extract<TreeNode, { kind: 'topic' }>).topic.id;
  return undefined;
}

export function registerCommands(s: CommandServices): vscode.Disposable[] {
  const { roadmap, store, tree, panels, dashboard, log } = s;

  /** Resolves the topic a command is about, asking with the quick pick when needed. */
  async function resolveTopic(arg: TopicArg, title: string, filter?: (t: Topic) => boolean): Promise<Topic | undefined> {
    const loaded = await roadmap.get();
    const given = idFromArg(arg);
    if (given !== undefined) {
      const t = loaded.index?.topic(given);
      if (!t) void vscode.window.showWarningMessage(`Data Science Roadmap: there is no topic '${given}'.`);
      return t;
    }
    const id = await pickTopic(roadmap, store, title, filter);
    return id ? loaded.index?.topic(id) : undefined;
  }

  /** Runs a command body, logging and showing one clear message on failure. */
  const guarded = <A extends unknown[]>(name: string, body: (...args: A) => Promise<unknown>) => async (...args: A) => {
    try {
      return await body(...args);
    } catch (e) {
      log.error(`${name}: ${(e as Error).stack ?? e}`);
      void vscode.window.showErrorMessage(`Data Science Roadmap: ${name} failed: ${(e as Error).message}`);
      return undefined;
    }
  };

  const setDone = async (arg: TopicArg, done: boolean) => {
    const topic = await resolveTopic(arg, done ? 'Mark topic complete' : 'Mark topic incomplete',
      (t) => store.isDone(t.id) !== done);
    if (!topic) return undefined;
    await store.set(topic.id, done ? 'done' : undefined);
    return topic.id;
  };

  const register = (id: string, name: string, body: (...args: never[]) => Promise<unknown>) =>
    vscode.commands.registerCommand(id, guarded(name, body as (...args: unknown[]) => Promise<unknown>));

  return [
    register(Commands.openTopic, 'Open Topic', async (arg?: TopicArg) => {
      const topic = await resolveTopic(arg, 'Go to topic');
      if (!topic) return undefined;
      await panels.open(topic.id);
      await panels.revealInTree(topic.id);
      return topic.id;
    }),
    register(Commands.openTopicToSide, 'Open Topic to the Side', async (arg?: TopicArg) => {
      const topic = await resolveTopic(arg, 'Open a topic to the side');
      if (!topic) return undefined;
      await panels.open(topic.id, { viewColumn: vscode.ViewColumn.Beside, newPage: true });
      return topic.id;
    }),
    register(Commands.markComplete, 'Mark Topic Complete', (arg?: TopicArg) => setDone(arg, true)),
    register(Commands.markIncomplete, 'Mark Topic Incomplete', (arg?: TopicArg) => setDone(arg, false)),
    register(Commands.markInProgress, 'Mark Topic In Progress', async (arg?: TopicArg) => {
      const topic = await resolveTopic(arg, 'Mark topic in progress', (t) => store.status(t.id) !== 'in-progress');
      if (topic) await store.set(topic.id, 'in-progress');
      return topic?.id;
    }),
    register(Commands.markSkipped, 'Skip Topic', async (arg?: TopicArg) => {
      const topic = await resolveTopic(arg, 'Skip topic (next up passes over it)', (t) => store.status(t.id) !== 'skipped');
      if (topic) await store.set(topic.id, 'skipped');
      return topic?.id;
    }),
    register(Commands.scaffoldNotebook, 'Scaffold Exercise Notebook', async (arg?: TopicArg, options?: { fresh?: boolean }) => {
      const topic = await resolveTopic(arg, 'Scaffold an exercise notebook for...');
      return topic ? scaffold(s, topic, 'notebook', { fresh: options?.fresh === true }) : undefined;
    }),
    register(Commands.scaffoldScript, 'Scaffold Exercise Script', async (arg?: TopicArg, options?: { fresh?: boolean }) => {
      const topic = await resolveTopic(arg, 'Scaffold an exercise script for...');
      return topic ? scaffold(s, topic, 'script', { fresh: options?.fresh === true }) : undefined;
    }),
    register(Commands.checkExercise, 'Check Exercise', async (target?: vscode.Uri) => {
      const file = target instanceof vscode.Uri ? target
        : vscode.window.activeNotebookEditor?.notebook.uri ?? vscode.window.activeTextEditor?.document.uri;
      const outcome = await s.checks.checkActive(file);
      if (outcome.passed && outcome.topic && file) await recordResult(s, file, outcome.topic);
      return outcome;
    }),
    register(Commands.showSolution, 'Show Solution', async (arg?: TopicArg) => {
      const topic = await resolveTopic(arg, 'Show the reference solution of...');
      if (!topic) return undefined;
      const uri = vscode.Uri.from({ scheme: SOLUTION_SCHEME, path: `/${topic.id}-solution.py` });
      const doc = await vscode.workspace.openTextDocument(uri);
      await vscode.window.showTextDocument(doc, { preview: true, viewColumn: vscode.ViewColumn.Beside });
      return uri.toString();
    }),
    vscode.workspace.registerTextDocumentContentProvider(SOLUTION_SCHEME, {
      provideTextDocumentContent: async (uri) => {
        const id = uri.path.replace(/^\//, '').replace(/-solution\.py$/, '');
        const topic = (await roadmap.get()).index?.topic(id);
        return topic ? solutionText(topic, await s.exercises.exerciseFor(topic)) : `# No topic '${id}'.\n`;
      },
    }),
    register(Commands.showProgress, 'Show Progress', () => dashboard.show()),
    register(Commands.resetProgress, 'Reset Progress', async () => {
      const c = store.counts(roadmap.summary.topicIds);
      const answer = await vscode.window.showWarningMessage(
        `Reset all roadmap progress (${formatCounts(c)})? Export it first if you may want it back.`,
        { modal: true }, 'Reset', 'Export First...');
      if (answer === 'Export First...') {
        await vscode.commands.executeCommand(Commands.exportProgress);
        return false;
      }
      if (answer !== 'Reset') return false;
      await store.replace(EMPTY_PROGRESS);
      void vscode.window.showInformationMessage('Data Science Roadmap: progress reset.');
      return true;
    }),
    register(Commands.exportProgress, 'Export Progress', async (target?: vscode.Uri) => {
      const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
      const uri = target instanceof vscode.Uri ? target : await vscode.window.showSaveDialog({
        title: 'Export roadmap progress',
        filters: { 'Roadmap progress': ['json'] },
        ...(folder ? { defaultUri: vscode.Uri.joinPath(folder, 'ds-roadmap-progress.json') } : {}),
      });
      if (!uri) return undefined;
      const title = (await roadmap.get()).index?.roadmap.meta.title ?? 'Data Scientist';
      await vscode.workspace.fs.writeFile(uri, Buffer.from(JSON.stringify(toExport(store.snapshot, title), null, 2) + '\n', 'utf8'));
      if (!(target instanceof vscode.Uri)) void vscode.window.showInformationMessage(`Data Science Roadmap: progress exported to ${uri.fsPath}.`);
      return uri.toString();
    }),
    register(Commands.importProgress, 'Import Progress', async (source?: vscode.Uri) => {
      const uri = source instanceof vscode.Uri ? source : (await vscode.window.showOpenDialog({
        title: 'Import roadmap progress', canSelectMany: false, filters: { 'Roadmap progress': ['json'] },
      }))?.[0];
      if (!uri) return undefined;
      let text: string;
      try {
        text = Buffer.from(await vscode.workspace.fs.readFile(uri)).toString('utf8');
      } catch (e) {
        void vscode.window.showErrorMessage(`Data Science Roadmap: cannot read ${uri.fsPath}: ${(e as Error).message}`);
        return { error: (e as Error).message };
      }
      const parsed = parseExport(text);
      if ('error' in parsed) {
        void vscode.window.showErrorMessage(`Data Science Roadmap: ${uri.fsPath} was not imported: ${parsed.error}. Nothing changed.`);
        return { error: parsed.error };
      }
      for (const n of parsed.notes) log.warn(`import: ${n}`);
      const report = merge(store.snapshot, parsed.state);
      await store.replace(report.state);
      const msg = `Imported progress: ${report.added.length} added, ${report.updated.length} updated, ${report.unchanged} unchanged, ${report.conflicts.length} conflict(s) (newer change kept).`;
      log.info(msg);
      for (const c of report.conflicts) log.info(`import conflict on '${c.id}': kept '${c.kept}', other side had '${c.other}'`);
      if (!(source instanceof vscode.Uri)) void vscode.window.showInformationMessage(`Data Science Roadmap: ${msg}`);
      return { added: report.added.length, updated: report.updated.length, conflicts: report.conflicts.length, unchanged: report.unchanged };
    }),
    register(Commands.filterAll, 'Show All Topics', async () => tree.setFilter('all')),
    register(Commands.filterRemaining, 'Show Remaining Topics', async () => tree.setFilter('remaining')),
    register(Commands.filterDone, 'Show Done Topics', async () => tree.setFilter('done')),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration(`${Settings.section}.${Settings.progressScope}`)) void switchScope(s);
    }),
  ];
}

/** Moves progress between workspace and global scope, offering to copy it over. */
async function switchScope(s: CommandServices): Promise<void> {
  const { context, store } = s;
  const scope = vscode.workspace.getConfiguration(Settings.section).get<string>(Settings.progressScope, 'workspace');
  const before = store.snapshot;
  store.switchTo(progressLocation(context));
  const moved = Object.keys(before.topics).length;
  if (moved === 0) return;
  const answer = await vscode.window.showInformationMessage(
    `Data Science Roadmap now keeps progress in ${scope} state. Copy the ${moved} topic(s) of progress you had over?`, 'Copy Over', 'Keep Separate');
  if (answer === 'Copy Over') await store.replace(merge(store.snapshot, before).state);
}

/** After a passed check, reads the result file next to the exercises so progress updates at once. */
async function recordResult(s: CommandServices, exerciseFile: vscode.Uri, topicId: string): Promise<void> {
  let dir = path.dirname(exerciseFile.fsPath);
  for (let i = 0; i < 5; i++) {
    const candidate = vscode.Uri.file(path.join(dir, '.results', `${topicId}.json`));
    try {
      await vscode.workspace.fs.stat(candidate);
      await s.exercises.onResult(candidate);
      return;
    } catch {
      dir = path.dirname(dir);
    }
  }
}
