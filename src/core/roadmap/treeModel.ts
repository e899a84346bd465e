/**
 * The sidebar tree as plain data: stage -> section -> topic, with done/total counts, a filter,
 * and parents (so `reveal` works). The VS Code provider only adapts these nodes into TreeItems.
 */
import type { LoadIssue, Section, Stage, Topic } from './model';
import { formatIssue } from './model';
import type { RoadmapIndex } from './roadmapIndex';

export type TreeFilter = 'all' | 'remaining' | 'done';
export const TREE_FILTERS: readonly TreeFilter[] = ['all', 'remaining', 'done'];

export type TreeNode =
  | { readonly kind: 'stage'; readonly id: string; readonly stage: Stage }
  | { readonly kind: 'section'; readonly id: string; readonly section: Section; readonly stageId: string }
  | { readonly kind: 'topic'; readonly id: string; readonly topic: Topic }
  | { readonly kind: 'problem'; readonly id: string; readonly message: string; readonly severity: 'error' | 'warning' };

export interface TreeModelOptions {
  readonly isDone: (topicId: string) => boolean;
  readonly filter: TreeFilter;
}

/** Builds and caches node objects so the same element identity is returned across calls. */
export class TreeModel {
  private readonly stageNodes: TreeNode[];
  private readonly sectionNodes = new Map<string, TreeNode>();
  private readonly topicNodes = new Map<string, TreeNode>();
  private readonly problems: TreeNode[];

  constructor(private readonly index: RoadmapIndex | undefined, issues: readonly LoadIssue[], private options: TreeModelOptions) {
    this.problems = issues.filter((i) => i.severity === 'error').map((i, n) => ({
      kind: 'problem' as const, id: `problem-${n}`, message: formatIssue(i), severity: i.severity,
    }));
    this.stageNodes = (index?.roadmap.stages ?? []).map((stage) => ({ kind: 'stage' as const, id: stage.id, stage }));
    for (const stage of index?.roadmap.stages ?? []) {
      for (const section of stage.sections) {
        this.sectionNodes.set(section.id, { kind: 'section', id: section.id, section, stageId: stage.id });
        for (const topic of section.topics) this.topicNodes.set(topic.id, { kind: 'topic', id: topic.id, topic });
      }
    }
  }

  setOptions(options: TreeModelOptions): void {
    this.options = options;
  }

  get filter(): TreeFilter {
    return this.options.filter;
  }

  private visible(topic: Topic): boolean {
    switch (this.options.filter) {
      case 'all': return true;
      case 'done': return this.options.isDone(topic.id);
      case 'remaining': return !this.options.isDone(topic.id);
    }
  }

  children(node?: TreeNode): TreeNode[] {
    if (!node) {
      const stages = this.stageNodes.filter((s) => s.kind === 'stage' && this.stageHasVisible(s.stage));
      return [...this.problems, ...stages];
    }
    if (node.kind === 'stage') {
      return node.stage.sections
        .filter((s) => s.topics.some((t) => this.visible(t)))
        .map((s) => this.sectionNodes.get(s.id)!);
    }
    if (node.kind === 'section') {
      return node.section.topics.filter((t) => this.visible(t)).map((t) => this.topicNodes.get(t.id)!);
    }
    return [];
  }

  private stageHasVisible(stage: Stage): boolean {
    return stage.sections.some((s) => s.topics.some((t) => this.visible(t)));
  }

  parent(node: TreeNode): TreeNode | undefined {
    if (node.kind === 'topic') return this.sectionNodes.get(node.topic.sectionId);
    if (node.kind === 'section') return this.stageNodes.find((s) => s.id === node.stageId);
    return undefined;
  }

  /** The node of a stage or a section, by id. */
  partNode(kind: 'stage' | 'section', id: string): TreeNode | undefined {
    return kind === 'stage' ? this.stageNodes.find((n) => n.id === id) : this.sectionNodes.get(id);
  }

  topicNode(id: string): TreeNode | undefined {
    const canonical = this.index?.canonicalId(id);
    return canonical ? this.topicNodes.get(canonical) : undefined;
  }

  /** done/total over the topics under a stage or section (ignores the filter). */
  counts(node: TreeNode): { done: number; total: number } {
    const topics: readonly Topic[] =
      node.kind === 'stage' ? node.stage.sections.flatMap((s) => s.topics)
        : node.kind === 'section' ? node.section.topics
          : node.kind === 'topic' ? [node.topic] : [];
    let done = 0;
    for (const t of topics) if (this.options.isDone(t.id)) done++;
    return { done, total: topics.length };
  }
}
