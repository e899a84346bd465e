import * as path from 'node:path';
import vscode = require('vscode');
import { notebookProblems, parseCheckOutput, scriptProblems, type ExerciseProblem } from '../../core/exercises/checkProblems';
import type { CheckOutcome } from './checkRunner';

export const DIAGNOSTIC_SOURCE = 'Data Science Roadmap';

/** What one exercise file's diagnostics were put on (the file, or its notebook's cells). */
interface Shown {
  readonly topic: string;
  readonly uris: readonly vscode.Uri[];
}

/**
 * Failing checks in the Problems panel: on a task's check cell (notebook) or its `def test_<task>`
 * line (script), with the check's own message. Each check replaces what the previous one of the
 * same file showed, so passing tasks clear theirs; a full pass (a check, or a result file written by
 * a run in Jupyter) clears the file.
 */
export class CheckDiagnostics implements vscode.Disposable {
  private readonly collection = vscode.languages.createDiagnosticCollection('dsRoadmap');
  private readonly shown = new Map<string, Shown>();
  private readonly updateEmitter = new vscode.EventEmitter<{ file: vscode.Uri; count: number }>();
  /** Fires when a file's diagnostics were set (count 0: cleared). */
  readonly onDidUpdate = this.updateEmitter.event;
  private readonly subscriptions: vscode.Disposable[];

  constructor() {
    this.subscriptions = [
      // A closed notebook's cells are gone: their diagnostics would point nowhere.
      vscode.workspace.onDidCloseNotebookDocument((nb) => {
        if (this.shown.get(nb.uri.toString())?.uris.some((u) => u.scheme !== nb.uri.scheme)) this.clearFile(nb.uri);
      }),
    ];
  }

  /** Shows what a finished check of `file` found; a check that could not judge (no Python, a missing package, a timeout) changes nothing. */
  async fromCheck(file: vscode.Uri, outcome: CheckOutcome): Promise<number> {
    if (!outcome.ran || !outcome.topic) return this.countOf(file);
    if (outcome.passed) {
      this.clearFile(file);
      return 0;
    }
    if (outcome.reason) return this.countOf(file);
    const parsed = parseCheckOutput(outcome.output ?? '');
    if (file.fsPath.endsWith('.ipynb')) {
      const nb = vscode.workspace.notebookDocuments.find((d) => d.uri.toString() === file.toString())
        ?? await vscode.workspace.openNotebookDocument(file);
      const cells = nb.getCells();
      const problems = notebookProblems(parsed, cells.map((c) => ({ kind: c.kind === vscode.NotebookCellKind.Code ? 'code' : 'markdown', text: c.document.getText() })));
      const byCell = new Map<number, vscode.Diagnostic[]>();
      for (const p of problems) byCell.set(p.cell!, [...(byCell.get(p.cell!) ?? []), diagnostic(p)]);
      return this.set(file, outcome.topic, [...byCell].map(([i, ds]) => [cells[i].document.uri, ds]));
    }
    const doc = await vscode.workspace.openTextDocument(file);
    const same = (p: string) => path.resolve(p) === path.resolve(file.fsPath);
    return this.set(file, outcome.topic, [[file, scriptProblems(parsed, doc.getText(), same).map(diagnostic)]]);
  }

  /** A topic's checks all passed (a result file): its files' diagnostics go. */
  clearTopic(topicId: string): void {
    for (const [key, s] of [...this.shown]) if (s.topic === topicId) this.clearFile(vscode.Uri.parse(key));
  }

  /** The diagnostics shown for an exercise file (on the file or its cells). */
  of(file: vscode.Uri): vscode.Diagnostic[] {
    return (this.shown.get(file.toString())?.uris ?? []).flatMap((u) => [...(this.collection.get(u) ?? [])]);
  }

  private countOf(file: vscode.Uri): number {
    return this.of(file).length;
  }

  private set(file: vscode.Uri, topic: string, entries: [vscode.Uri, vscode.Diagnostic[]][]): number {
    for (const u of this.shown.get(file.toString())?.uris ?? []) this.collection.delete(u);
    const kept = entries.filter(([, ds]) => ds.length);
    this.collection.set(kept);
    if (kept.length) this.shown.set(file.toString(), { topic, uris: kept.map(([u]) => u) });
    else this.shown.delete(file.toString());
    const count = kept.reduce((n, [, ds]) => n + ds.length, 0);
    this.updateEmitter.fire({ file, count });
    return count;
  }

  private clearFile(file: vscode.Uri): void {
    const s = this.shown.get(file.toString());
    for (const u of s?.uris ?? []) this.collection.delete(u);
    this.shown.delete(file.toString());
    this.updateEmitter.fire({ file, count: 0 });
  }

  dispose(): void {
    for (const s of this.subscriptions) s.dispose();
    this.collection.dispose();
    this.updateEmitter.dispose();
  }
}

function diagnostic(p: ExerciseProblem): vscode.Diagnostic {
  const d = new vscode.Diagnostic(new vscode.Range(p.line, p.startChar, p.line, p.endChar), p.message, vscode.DiagnosticSeverity.Error);
  d.source = DIAGNOSTIC_SOURCE;
  if (p.task) d.code = p.task;
  return d;
}
