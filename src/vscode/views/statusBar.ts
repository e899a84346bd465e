import vscode = require('vscode');
import { escapeMarkdown } from '../../core/html';
import { stageNumber } from '../../core/ids';
import { Commands } from '../../constants';
import { formatCounts, nextUp } from '../../core/progress/progressStats';
import { dueCards } from '../../core/review/reviewCards';
import type { Clock } from '../clock';
import type { ProgressStore } from '../progressStore';
import type { RoadmapService } from '../roadmapService';
import { affects, setting } from '../settings';

/** The `$(mortar-board) 12/143 (8%)` item. Needs only the inlined topic ids, so it costs nothing at startup. */
export class ProgressStatusBar implements vscode.Disposable {
  private readonly item: vscode.StatusBarItem;
  private readonly disposables: vscode.Disposable[] = [];

  constructor(private readonly store: ProgressStore, private readonly roadmap: RoadmapService, private readonly clock: Clock = () => new Date()) {
    this.item = vscode.window.createStatusBarItem('dsRoadmap.progress', vscode.StatusBarAlignment.Left, 50);
    this.item.name = 'Data Science Roadmap progress';
    this.item.command = Commands.showProgress;
    this.disposables.push(
      store.onDidChange(() => this.update()),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (affects(e, 'statusBar.enabled')) this.update();
      }),
    );
    this.update();
    // The per-stage bars and "next up" need the full roadmap; add them once someone has read it.
    roadmap.onDidLoad(() => this.update());
  }

  /** The item's current text (tests and benchmarks read it). */
  get text(): string {
    return this.item.text;
  }

  /** The tooltip's markdown (tests read it). */
  get tooltipText(): string {
    const t = this.item.tooltip;
    return typeof t === 'string' ? t : t?.value ?? '';
  }

  update(): void {
    if (!setting('statusBar.enabled')) {
      this.item.hide();
      return;
    }
    const counts = this.store.counts(this.roadmap.summary.topicIds);
    this.item.text = `$(mortar-board) ${formatCounts(counts)}`;
    this.item.accessibilityInformation = { label: `Data Science Roadmap: ${counts.done} of ${counts.total} topics done, ${counts.percent} percent` };
    this.item.tooltip = this.tooltip(counts.done, counts.total);
    this.item.show();
  }

  private tooltip(done: number, total: number): vscode.MarkdownString {
    const md = new vscode.MarkdownString(undefined, true);
    md.appendMarkdown(`**Data Science Roadmap** — ${done} of ${total} topics done\n\n`);
    const loaded = this.roadmap.current?.index;
    if (loaded) {
      for (const stage of loaded.roadmap.stages) {
        const ids = stage.sections.flatMap((s) => s.topics.map((t) => t.id));
        const c = this.store.counts(ids);
        const filled = Math.round((c.done / Math.max(1, c.total)) * 10);
        md.appendMarkdown(`\`${'█'.repeat(filled)}${'░'.repeat(10 - filled)}\` ${stageNumber(stage)} ${escapeMarkdown(stage.title)} — ${c.done}/${c.total}\n\n`);
      }
      const next = nextUp({ topics: this.store.topics }, loaded.topics);
      const topic = next ? loaded.topic(next) : undefined;
      if (topic) md.appendMarkdown(`**Next up:** ${escapeMarkdown(topic.title)}\n\n`);
      // Review cards are read once the roadmap is, never at activation.
      const due = dueCards(this.store.reviewCards, this.clock()).length;
      if (due > 0) md.appendMarkdown(`**${due} review${due === 1 ? '' : 's'} due** — Roadmap: Review Due Questions\n\n`);
    }
    md.appendMarkdown('Click to open the progress dashboard.');
    return md;
  }

  dispose(): void {
    this.item.dispose();
    for (const d of this.disposables) d.dispose();
  }
}

