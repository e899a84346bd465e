import vscode = require('vscode');
import { Commands, FROM_TREE } from '../../constants';
import { DASHBOARD_VIEW, OVERVIEW_VIEW, partView } from '../../core/pages/navigation';
import type { PageManager } from '../pages/pageManager';
import type { RoadmapTreeProvider } from '../views/treeProvider';
import { topicCommand, type CommandTable, type TopicResolver } from './commandKit';

export interface TopicCommandDeps extends TopicResolver {
  readonly pages: PageManager;
  readonly tree: RoadmapTreeProvider;
  /** Selects a topic in the tree when it is visible, without taking the focus. */
  readonly revealInTree: (topicId: string) => Promise<void>;
}

/** A stage or section named by its id or by its tree node. */
function partId(kind: 'stage' | 'section', arg: unknown): string | undefined {
  if (typeof arg === 'string') return arg;
  const node = arg as { readonly kind?: unknown; readonly id?: unknown } | undefined;
  return node && typeof node === 'object' && node.kind === kind && typeof node.id === 'string' ? node.id : undefined;
}

/** Opens a stage's or section's page (the tree's items); with nothing named, the overview that lists them. */
async function openPart(d: TopicCommandDeps, kind: 'stage' | 'section', arg: unknown, from: unknown): Promise<string | undefined> {
  const id = partId(kind, arg);
  if (id === undefined) {
    await d.pages.openView(OVERVIEW_VIEW);
    return undefined;
  }
  if (await d.pages.openView(partView(kind, id))) {
    // A click on the item opens its page and, as before there was a page, shows its content in the tree.
    if (from === FROM_TREE) await d.tree.expand(kind, id);
    return id;
  }
  void vscode.window.showWarningMessage(`Data Science Roadmap: there is no ${kind} '${id.slice(0, 80)}' in the roadmap.`);
  return undefined;
}

/** Finding and showing topics: open, open to the side, the dashboard, the tree's filters. */
export function topicCommands(d: TopicCommandDeps): CommandTable {
  return {
    [Commands.openTopic]: topicCommand(d, 'Open Topic', 'Go to topic', async (topic) => {
      await d.pages.open(topic.id);
      await d.revealInTree(topic.id);
      return topic.id;
    }),
    [Commands.openTopicToSide]: topicCommand(d, 'Open Topic to the Side', 'Open a topic to the side', async (topic) => {
      await d.pages.open(topic.id, { viewColumn: vscode.ViewColumn.Beside, newPage: true });
      return topic.id;
    }),
    [Commands.showProgress]: { name: 'Show Progress', run: () => d.pages.openView(DASHBOARD_VIEW) },
    [Commands.openOverview]: { name: 'Open Overview', run: async () => { await d.pages.openView(OVERVIEW_VIEW); } },
    [Commands.openStage]: { name: 'Open Stage Page', run: (arg?: unknown, from?: unknown) => openPart(d, 'stage', arg, from) },
    [Commands.openSection]: { name: 'Open Section Page', run: (arg?: unknown, from?: unknown) => openPart(d, 'section', arg, from) },
    [Commands.filterAll]: { name: 'Show All Topics', run: async () => d.tree.setFilter('all') },
    [Commands.filterRemaining]: { name: 'Show Remaining Topics', run: async () => d.tree.setFilter('remaining') },
    [Commands.filterDone]: { name: 'Show Done Topics', run: async () => d.tree.setFilter('done') },
  };
}
