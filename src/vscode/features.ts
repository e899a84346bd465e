/**
 * The second bundle (dist/features.js): pages, the dashboard, exercises, checks and the command
 * bodies. The extension loads it on first use (a command, a restored page) or a few seconds
 * after startup, so activation loads only what it shows at once.
 *
 * It receives the services that activation built and imports only their types, so nothing
 * stateful exists twice.
 */
import vscode = require('vscode');
import { exerciseCommands, solutionDocument } from './commands/exerciseCommands';
import type { CommandTable } from './commands/commandKit';
import { progressCommands } from './commands/progressCommands';
import { topicCommands } from './commands/topicCommands';
import { transferCommands } from './commands/transferCommands';
import { CheckRunner } from './exercises/checkRunner';
import { ExerciseCatalog } from './exercises/exerciseCatalog';
import { ResultsWatcher } from './exercises/resultsWatcher';
import { Scaffolder } from './exercises/scaffolder';
import { CheckerFile } from './exercises/checkerFile';
import { EnvironmentService } from './exercises/environment';
import { createVenv, type VenvOptions, type VenvOutcome } from './exercises/venvSetup';
import { environmentCommands, environmentSource } from './commands/environmentCommands';
import { CheckDiagnostics } from './exercises/checkDiagnostics';
import { activeExerciseUri, topicOfExercise, trackActiveExercise } from './exercises/activeExercise';
import { ContextKeys } from '../constants';
import type { Log } from './log';
import { warmPageAssets } from './pages/pageAssets';
import { PageManager } from './pages/pageManager';
import { notesCommands } from './commands/notesCommands';
import { reviewCommands } from './commands/reviewCommands';
import { NotesService } from './notes/notesService';
import { QuizService } from './review/quizService';
import { scoreText } from '../core/pages/quizSection';
import type { ProgressStore } from './progressStore';
import type { RoadmapService } from './roadmapService';
import type { RoadmapTreeProvider } from './views/treeProvider';
import type { Clock } from './clock';

/** What activation built, handed to the features. */
export interface CoreServices {
  readonly context: vscode.ExtensionContext;
  readonly log: Log;
  readonly roadmap: RoadmapService;
  readonly store: ProgressStore;
  readonly tree: RoadmapTreeProvider;
  /** What time it is for review (see clock.ts). */
  readonly clock: Clock;
}

export interface Features extends vscode.Disposable {
  readonly pages: PageManager;
  readonly quiz: QuizService;
  readonly notes: NotesService;
  readonly catalog: ExerciseCatalog;
  readonly results: ResultsWatcher;
  readonly checks: CheckRunner;
  /** The Python the checks use (Roadmap: Set Up Python...). */
  readonly environment: EnvironmentService;
  /** Creates the workspace's .venv (the page's Create .venv button, without its questions when given). */
  setUpVenv(options?: VenvOptions): Promise<VenvOutcome>;
  /** Failing checks in the Problems panel. */
  readonly diagnostics: CheckDiagnostics;
  /** Every command body, by command id. */
  readonly commands: CommandTable;
  /** The text of a reference-solution document. */
  solution(uri: vscode.Uri): Promise<string>;
  /** Reads, off the critical path, what the first page needs. */
  warm(): Promise<void>;
}

/** `f` on the first call only. */
/** Calls `f` for the first event that matches, and never again. */
function onceFor<E>(matches: (e: E) => boolean, f: () => void): (e: E) => void {
  let done = false;
  return (e) => {
    if (done || !matches(e)) return;
    done = true;
    f();
  };
}

export function createFeatures(core: CoreServices): Features {
  const { context, log, roadmap, store, tree, clock } = core;
  // Without stealing focus from the page; only when the view is visible.
  const revealInTree = async (id: string) => {
    if (tree.view.visible) await tree.reveal(id, { select: true, focus: false });
  };
  const quiz = new QuizService(roadmap, store, clock);
  const notes = new NotesService(roadmap, context.globalStorageUri, log);
  const catalog = new ExerciseCatalog(context.extensionPath, log);
  const environment = new EnvironmentService(roadmap, catalog, log);
  const pages = new PageManager(context.extensionUri, roadmap, store, log, revealInTree, quiz, notes, clock, environmentSource(environment));
  const results = new ResultsWatcher(roadmap, store, log);
  const checks = new CheckRunner(roadmap);
  const checker = new CheckerFile(context.extensionPath, log);
  const scaffolder = new Scaffolder(checker, roadmap, catalog, results, log);
  const diagnostics = new CheckDiagnostics();
  const resolver = { roadmap, store, notes };
  // Commands about one topic act on the topic page in front, else the active exercise, else ask.
  const active = async () => {
    const file = activeExerciseUri();
    return pages.activeTopicId ?? (file && (await topicOfExercise(roadmap, file)));
  };
  const commands: CommandTable = {
    ...topicCommands({ ...resolver, pages, tree, revealInTree }),
    ...reviewCommands({ pages }),
    ...notesCommands({ ...resolver, notes, active }),
    ...progressCommands({ ...resolver, active }),
    ...transferCommands({ context, roadmap, store, log }),
    ...exerciseCommands({ ...resolver, active, activePage: () => pages.activeTopicId, scaffolder, checker, checks, catalog, results, log, diagnostics }),
    ...environmentCommands({ pages }),
  };
  const subscriptions: vscode.Disposable[] = [
    pages, results, checks, notes, environment, diagnostics, trackActiveExercise(),
    // A run in Jupyter that passed every check (it wrote the result file) clears the topic's problems.
    results.onDidSeePass((id) => diagnostics.clearTopic(id)),
    // The walkthrough's "open a topic" step completes however the page was opened (tree, link, command).
    pages.onDidPaint(onceFor((e) => e.view.kind === 'topic', () => void vscode.commands.executeCommand('setContext', ContextKeys.openedTopic, true))),
    // The tree marks the topics that have a note.
    notes.onDidChange(() => void notes.topicsWithNotes().then((ids) => tree.setNotes(ids))),
    // A pass found in the background (a notebook run in Jupyter) is worth telling.
    results.onDidPass((topic) => void vscode.window.showInformationMessage(`✓ All checks passed: "${topic.title}" is marked complete.`)),
    // A passed exercise also schedules a review of its topic's questions.
    results.onDidPass((topic) => void quiz.scheduleTopic(topic.id)),
  ];
  results.start();
  // A fresh profile or a wiped store: the passed checks in the workspace bring progress back.
  subscriptions.push(results.onDidRestore((topics) => void vscode.window.showInformationMessage(
    `Data Science Roadmap: restored ${topics.length} topic${topics.length === 1 ? '' : 's'} from the exercise checks you passed in this workspace (${topics.slice(0, 3).map((t) => `"${t.title}"`).join(', ')}${topics.length > 3 ? ', …' : ''}).`)));
  setTimeout(() => void results.restoreFromResults(), 1500);
  void notes.topicsWithNotes().then((ids) => tree.setNotes(ids));
  tree.setQuizScores(async (id) => {
    const questions = await quiz.questions(id);
    return questions.length ? scoreText(quiz.score(id, questions)) : undefined;
  });
  return {
    pages, quiz, notes, catalog, results, checks, environment, diagnostics, commands,
    setUpVenv: (options) => createVenv(environment, options),
    solution: (uri) => solutionDocument(roadmap, catalog, uri),
    warm: async () => {
      await Promise.all([roadmap.get(), warmPageAssets(context.extensionUri)]);
    },
    dispose: () => {
      for (const s of subscriptions) s.dispose();
    },
  };
}
