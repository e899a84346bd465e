import vscode = require('vscode');
import type { SaveResult } from '../../core/progress/progressBook';
import type { Topic } from '../../core/roadmap/model';
import type { TreeNode } from '../../core/roadmap/treeModel';
import type { Log } from '../log';
import type { ProgressStore } from '../progressStore';
import type { RoadmapService } from '../roadmapService';
import { pickTopic } from './topicPicker';

/** A command body, with the name its failures are reported under. */
export interface CommandBody {
  readonly name: string;
  readonly run: (...args: never[]) => Promise<unknown>;
}

/** Command id -> body. Each concern (topics, progress, transfer, exercises) contributes one. */
export type CommandTable = Readonly<Record<string, CommandBody>>;

/**
 * A command about one topic: it acts on the topic `resolveTopic` finds (given, active, or picked
 * in a quick pick titled `pickTitle`), and does nothing when the learner picks none.
 */
export function topicCommand(r: TopicResolver, name: string, pickTitle: string, act: (topic: Topic) => Promise<unknown>): CommandBody {
  return {
    name,
    run: async (arg?: TopicArg) => {
      const topic = await resolveTopic(r, arg, pickTitle);
      return topic ? act(topic) : undefined;
    },
  };
}

/** A command argument that names a topic: an id, a tree node, or nothing (then we ask). */
export type TopicArg = string | TreeNode | undefined;

export function idFromArg(arg: unknown): string | undefined {
  if (typeof arg === 'string') return arg;
  if (arg && typeof arg === 'object' && (arg as TreeNode).kind === 'topic') return (arg as Extract<TreeNode, { kind: 'topic' }>).topic.id;
  return undefined;
}

/** What the commands that need a topic use to find it. */
export interface TopicResolver {
  readonly roadmap: RoadmapService;
  readonly store: ProgressStore;
  /** The topic of the active exercise or page, if any (used when no topic is given). */
  readonly active?: () => string | undefined | Promise<string | undefined>;
  /** The learner's notes by topic id, which the quick pick searches too. */
  readonly notes?: { all(): Promise<ReadonlyMap<string, string>> };
}

/**
 * The topic a command is about: the one given (id or tree node), else the active exercise's or
 * page's, else the one the learner picks in the searchable quick pick.
 */
export async function resolveTopic(r: TopicResolver, arg: TopicArg, title: string, filter?: (t: Topic) => boolean): Promise<Topic | undefined> {
  const loaded = await r.roadmap.get();
  const given = idFromArg(arg);
  if (given !== undefined) {
    const t = loaded.index?.topic(given);
    if (!t) void vscode.window.showWarningMessage(`Data Science Roadmap: there is no topic '${given}'.`);
    return t;
  }
  const active = await r.active?.();
  if (active !== undefined) {
    const t = loaded.index?.topic(active);
    if (t && (!filter || filter(t))) return t;
  }
  const id = await pickTopic(r.roadmap, r.store, title, filter, r.notes && (() => r.notes!.all()));
  return id ? loaded.index?.topic(id) : undefined;
}

/** Runs a command body, logging and showing one clear message on failure. */
export async function runGuarded(body: CommandBody, args: unknown[], log: Log): Promise<unknown> {
  try {
    return await (body.run as (...a: unknown[]) => Promise<unknown>)(...args);
  } catch (e) {
    log.error(`${body.name}: ${(e as Error).stack ?? e}`);
    void vscode.window.showErrorMessage(`Data Science Roadmap: ${body.name} failed: ${(e as Error).message}`);
    return undefined;
  }
}

/** Shows a failed save once (the store reports and never shows). */
export function reportSave(result: SaveResult): SaveResult {
  if (!result.saved) void vscode.window.showErrorMessage(`Data Science Roadmap could not save progress: ${result.error}`);
  return result;
}
