import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import { COMPILED_VERSION, type CompiledRoadmap, type RoadmapSummary } from '../core/compiled';
import type { LoadIssue } from '../core/model';
import { RoadmapIndex } from '../core/roadmapIndex';
import type { Log } from './log';

declare const __ROADMAP_SUMMARY__: RoadmapSummary;

export interface LoadedRoadmap {
  readonly compiled: CompiledRoadmap | undefined;
  readonly index: RoadmapIndex | undefined;
  readonly issues: readonly LoadIssue[];
}

/**
 * The built-in roadmap, compiled at build time to `dist/roadmap.json`. Nothing is read at
 * activation: the summary (topic ids) is inlined in the bundle, and the full roadmap is read
 * asynchronously the first time a view or command needs it.
 */
export class RoadmapService {
  private loading: Promise<LoadedRoadmap> | undefined;
  private loaded: LoadedRoadmap | undefined;
  private readonly loadListeners: (() => void)[] = [];
  readonly summary: RoadmapSummary = __ROADMAP_SUMMARY__;

  constructor(private readonly extensionPath: string, private readonly log: Log) {}

  canonicalId(id: string): string | undefined {
    if (this.loaded?.index) return this.loaded.index.canonicalId(id);
    return this.summary.topicIds.includes(id) ? id : this.summary.aliases[id];
  }

  /** The roadmap if it has been loaded already. */
  get current(): LoadedRoadmap | undefined {
    return this.loaded;
  }

  get(): Promise<LoadedRoadmap> {
    this.loading ??= this.load().then((r) => {
      for (const l of this.loadListeners.splice(0)) l();
      return r;
    });
    return this.loading;
  }

  /** Calls `listener` once, when the roadmap has been read by whoever needed it first. */
  onDidLoad(listener: () => void): void {
    if (this.loaded) listener();
    else this.loadListeners.push(listener);
  }

  private async load(): Promise<LoadedRoadmap> {
    const file = path.join(this.extensionPath, 'dist', 'roadmap.json');
    const fail = (message: string): LoadedRoadmap => {
      this.log.error(`roadmap: ${message}`);
      return { compiled: undefined, index: undefined, issues: [{ file: 'dist/roadmap.json', line: 1, column: 1, severity: 'error', message }] };
    };
    let text: string;
    try {
      text = await fs.readFile(file, 'utf8');
    } catch (e) {
      this.loaded = fail(`cannot read the built-in roadmap: ${(e as Error).message}`);
      return this.loaded;
    }
    try {
      const compiled = JSON.parse(text) as CompiledRoadmap;
      if (compiled?.version !== COMPILED_VERSION || !Array.isArray(compiled.roadmap?.stages)) {
        this.loaded = fail('the built-in roadmap has an unexpected format; reinstall the extension');
        return this.loaded;
      }
      this.loaded = { compiled, index: new RoadmapIndex(compiled.roadmap), issues: [] };
    } catch (e) {
      this.loaded = fail(`the built-in roadmap is not valid JSON: ${(e as Error).message}`);
    }
    return this.loaded;
  }
}
