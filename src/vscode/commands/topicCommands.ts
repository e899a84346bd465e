import * as vscode from 'vscode';
import { Commands } from '../../constants';
import type { PageManager } from '../pages/pageManager';
import type { RoadmapTreeProvider } from '../views/treeProvider';
import { resolveTopic, type CommandTable, type TopicArg, type TopicResolver } from './commandKit';

export interface TopicCommandDeps extends TopicResolver {
  readonly pages: PageManager;
  readonly tree: RoadmapTreeProvider;
  /** Selects a topic in the tree when it is visible, without taking the focus. */
  readonly revealInTree: (topicId: string) => Promise<void>;
}

/** Finding and showing topics: open, open to the side, the dashboard, the tree's filters. */
export function topicCommands(d: TopicCommandDeps): CommandTable {
  return {
    [Commands.openTopic]: {
      name: 'Open Topic',
      run: async (arg?: TopicArg) => {
        const topic = await resolveTopic(d, arg, 'Go to topic');
        if (!topic) return undefined;
        await d.pages.open(topic.id);
        await d.revealInTree(topic.id);
        return topic.id;
      },
    },
    [Commands.openTopicToSide]: {
      name: 'Open Topic to the Side',
      run: async (arg?: TopicArg) => {
        const topic = await resolveTopic(d, arg, 'Open a topic to the side');
        if (!topic) return undefined;
        await d.pages.open(topic.id, { viewColumn: vscode.ViewColumn.Beside, newPage: true });
        return topic.id;
      },
    },
    [Commands.showProgress]: { name: 'Show Progress', run: () => d.pages.openDashboard() },
    [Commands.filterAll]: { name: 'Show All Topics', run: async () => d.tree.setFilter('all') },
    [Commands.filterRemaining]: { name: 'Show Remaining Topics', run: async () => d.tree.setFilter('remaining') },
    [Commands.filterDone]: { name: 'Show Done Topics', run: async () => d.tree.setFilter('done') },
  };
}
