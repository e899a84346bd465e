import vscode = require('vscode');
import { isId } from '../../core/ids';
import type { NotesService } from '../notes/notesService';
import type { ProgressStore } from '../progressStore';
import { affects } from '../settings';
import type { PageRegistry } from './pageRegistry';
import type { RoadmapPage } from './roadmapPage';

export interface FollowDeps {
  readonly pages: PageRegistry;
  readonly store: ProgressStore;
  readonly notes: NotesService;
  /** Shows the page's view again, with fresh content (swapped in when it can be). */
  readonly redraw: (page: RoadmapPage) => Promise<void>;
  /** Writes the page a whole new document (the font size changed). */
  readonly rewrite: (page: RoadmapPage) => Promise<void>;
}

/**
 * Open pages follow what changes elsewhere: progress (a topic's state and its links in place; the
 * pages that show counts redrawn), a saved note, and the settings pages depend on. Documents are
 * kept while hidden (retainContextWhenHidden), so hidden pages follow too, or when shown again.
 */
export function followChanges(d: FollowDeps): vscode.Disposable {
  let summaries: ReturnType<typeof setTimeout> | undefined;
  // The dashboard, the overview, stages and sections: redrawn once for a burst of changes (a passed
  // check, an import, fast ticking).
  const refreshSummariesSoon = (): void => {
    summaries ??= setTimeout(() => {
      summaries = undefined;
      for (const page of d.pages.all()) {
        if (page.view.kind === 'topic' || page.view.kind === 'review') continue;
        if (page.live) void d.redraw(page);
        else d.pages.markStale(page);
      }
    }, 30);
  };
  const followProgress = (ids: readonly string[]): void => {
    refreshSummariesSoon();
    for (const page of d.pages.all()) {
      if (!page.live) d.pages.markStale(page);
      else if (page.view.kind === 'topic') for (const id of ids.filter(isId).slice(0, 500)) void page.post({ type: 'status', topicId: id, done: d.store.isDone(id) });
    }
  };
  const subscriptions = [
    d.store.onDidChange(({ ids }) => followProgress(ids)),
    d.notes.onDidChange((topicId) => {
      const page = d.pages.get(topicId);
      if (page) void d.redraw(page);
    }),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (affects(e, 'fontSize')) for (const page of d.pages.all()) void d.rewrite(page);
      else if (affects(e, 'hoursPerWeek')) refreshSummariesSoon();
    }),
  ];
  return {
    dispose: () => {
      if (summaries) clearTimeout(summaries);
      for (const s of subscriptions) s.dispose();
    },
  };
}
