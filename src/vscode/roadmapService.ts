import { readBundledData } from '../core/roadmap/bundledData';
import { COMPILED_VERSION, type CompiledRoadmap, type RoadmapSummary, type TopicHtml } from '../core/roadmap/roadmapData';
import type { LoadIssue } from '../core/roadmap/model';
import { RoadmapIndex } from '../core/roadmap/roadmapIndex';
import { isMapLayout, type MapLayout } from '../core/pages/mapModel';
import type { Log } from './log';

declare const __ROADMAP_SUMMARY__: RoadmapSummary;

export interface LoadedRoadmap {
  readonly compiled: CompiledRoadmap | undefined;
  readonly index: RoadmapIndex | undefined;
  readonly issues: readonly LoadIssue[];
}

/**
 * The built-in roadmap, compiled at build time to `dist/data/roadmap.json.br`. Nothing is read at
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

  /** Topic pages by stage id, read on first use (see {@link topicHtml}). */
  private readonly pagesCache = new Map<string, Promise<Readonly<Record<string, TopicHtml>>>>();

  /**
   * A topic's page HTML. Most of the roadmap's bytes are typeset math, so the build writes the
   * pages of each stage to a file of their own (`dist/data/pages-<stage>.json.br`): it is read
   * when the first page of that stage opens, then kept. Only stages of the loaded roadmap are
   * read, so the path is always inside the extension.
   */
  async topicHtml(id: string): Promise<TopicHtml | undefined> {
    const topic = this.loaded?.index?.topic(id);
    if (!topic || topic.id !== id) return undefined;
    const first = this.pagesCache.size === 0;
    const h = (await this.stagePages(topic.stageId))[id];
    // Once pages are in use, read the other stages' in the background, one at a time, so that
    // no later page waits for its stage's file.
    if (first) setTimeout(() => void this.prefetchPages(), 1000);
    return typeof h?.details === 'string' && Array.isArray(h.keyPoints) ? h : undefined;
  }

  private stagePages(stageId: string): Promise<Readonly<Record<string, TopicHtml>>> {
    let pages = this.pagesCache.get(stageId);
    if (!pages) {
      pages = readBundledData(this.extensionPath, `pages-${stageId}.json`).then((t) => JSON.parse(t) as Record<string, TopicHtml>).catch((e: unknown) => {
        this.log.error(`roadmap: cannot read the pages of stage '${stageId}': ${(e as Error).message}`);
        this.pagesCache.delete(stageId);
        return {};
      });
      this.pagesCache.set(stageId, pages);
    }
    return pages;
  }

  private async prefetchPages(): Promise<void> {
    for (const stage of this.loaded?.index?.roadmap.stages ?? []) await this.stagePages(stage.id);
  }

  private map: Promise<MapLayout | undefined> | undefined;

  /** The dashboard map's layout (`dist/data/map.json.br`, laid out at build time), read once; undefined when it is missing or damaged. */
  mapLayout(): Promise<MapLayout | undefined> {
    this.map ??= readBundledData(this.extensionPath, 'map.json').then((t) => {
      const m: unknown = JSON.parse(t);
      if (isMapLayout(m)) return m;
      this.log.error('roadmap: the map has an unexpected format; reinstall the extension');
      return undefined;
    }).catch((e: unknown) => {
      this.log.error(`roadmap: cannot read the map: ${(e as Error).message}`);
      this.map = undefined;
      return undefined;
    });
    return this.map;
  }

  private searchText: Promise<ReadonlyMap<string, string>> | undefined;

  /**
   * The text of every topic's explanation, for "Go to topic" (the run-time model carries no
   * markdown: the pages hold it as HTML). Read from every stage's pages, once.
   */
  explanations(): Promise<ReadonlyMap<string, string>> {
    this.searchText ??= (async () => {
      const stages = (await this.get()).index?.roadmap.stages ?? [];
      const all = await Promise.all(stages.map((s) => this.stagePages(s.id)));
      const out = new Map<string, string>();
      for (const pages of all) for (const [id, h] of Object.entries(pages)) if (typeof h?.details === 'string') out.set(id, htmlText(h.details));
      return out;
    })();
    return this.searchText;
  }

  private async load(): Promise<LoadedRoadmap> {
    const fail = (message: string): LoadedRoadmap => {
      this.log.error(`roadmap: ${message}`);
      return { compiled: undefined, index: undefined, issues: [{ file: 'dist/data/roadmap.json.br', line: 1, column: 1, severity: 'error', message }] };
    };
    let text: string;
    try {
      text = await readBundledData(this.extensionPath, 'roadmap.json');
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

/** The text of rendered HTML: tags dropped, the entities the renderers write decoded. */
export function htmlText(html: string): string {
  return html.replace(/<[^>]*>/g, ' ').replace(/&(amp|lt|gt|quot|#39|#96);/g, (_m, e: string) => ({ amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'", '#96': '`' })[e] ?? ' ');
}
