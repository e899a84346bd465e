import type { Roadmap, Section, Stage, Topic } from './model';

/** Lookups over a loaded roadmap: topics in reading order, by id (aliases included), and their parents. */
export class RoadmapIndex {
  readonly topics: readonly Topic[];
  private readonly byId = new Map<string, Topic>();
  private readonly order = new Map<string, number>();
  private readonly stages = new Map<string, Stage>();
  private readonly sections = new Map<string, Section>();
  private readonly sectionStage = new Map<string, Stage>();

  constructor(readonly roadmap: Roadmap) {
    const topics: Topic[] = [];
    for (const stage of roadmap.stages) {
      this.stages.set(stage.id, stage);
      for (const section of stage.sections) {
        this.sections.set(section.id, section);
        this.sectionStage.set(section.id, stage);
        for (const topic of section.topics) {
          this.order.set(topic.id, topics.length);
          topics.push(topic);
          this.byId.set(topic.id, topic);
        }
      }
    }
    for (const t of topics) for (const a of t.aliases) if (!this.byId.has(a)) this.byId.set(a, t);
    this.topics = topics;
  }

  /** The topic with this id or alias. */
  topic(id: string): Topic | undefined {
    return this.byId.get(id);
  }

  /** Maps an id or alias to the topic's current id. */
  canonicalId(id: string): string | undefined {
    return this.byId.get(id)?.id;
  }

  stage(id: string): Stage | undefined {
    return this.stages.get(id);
  }

  section(id: string): Section | undefined {
    return this.sections.get(id);
  }

  stageOfSection(sectionId: string): Stage | undefined {
    return this.sectionStage.get(sectionId);
  }

  /** Position of the topic in reading order (0-based), or -1. */
  indexOf(id: string): number {
    const t = this.byId.get(id);
    return t ? (this.order.get(t.id) ?? -1) : -1;
  }

  previous(id: string): Topic | undefined {
    const i = this.indexOf(id);
    return i > 0 ? this.topics[i - 1] : undefined;
  }

  next(id: string): Topic | undefined {
    const i = this.indexOf(id);
    return i >= 0 && i + 1 < this.topics.length ? this.topics[i + 1] : undefined;
  }

  get topicIds(): string[] {
    return this.topics.map((t) => t.id);
  }
}
