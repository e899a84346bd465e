import { Commands } from '../../constants';
import type { Status } from '../../core/progress/progressState';
import { reportSave, resolveTopic, type CommandTable, type TopicArg, type TopicResolver } from './commandKit';

/** Changing one topic's status: complete, incomplete, in progress, skipped. */
export function progressCommands(d: TopicResolver): CommandTable {
  const { store } = d;
  const mark = (title: string, status: Status | undefined, wanted: (id: string) => boolean) => async (arg?: TopicArg) => {
    const topic = await resolveTopic(d, arg, title, (t) => wanted(t.id));
    if (!topic) return undefined;
    reportSave(await store.set(topic.id, status));
    return topic.id;
  };
  return {
    [Commands.markComplete]: { name: 'Mark Topic Complete', run: mark('Mark topic complete', 'done', (id) => !store.isDone(id)) },
    [Commands.markIncomplete]: { name: 'Mark Topic Incomplete', run: mark('Mark topic incomplete', undefined, (id) => store.isDone(id)) },
    [Commands.markInProgress]: { name: 'Mark Topic In Progress', run: mark('Mark topic in progress', 'in-progress', (id) => store.status(id) !== 'in-progress') },
    [Commands.markSkipped]: { name: 'Skip Topic', run: mark('Skip topic (next up passes over it)', 'skipped', (id) => store.status(id) !== 'skipped') },
  };
}
