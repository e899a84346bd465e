import { nextActiveAfterClose, type PageView } from '../../core/pages/navigation';
import type { RoadmapPage } from './roadmapPage';

/**
 * The open pages by what they show (viewKey), the one that was active last (it shows the next topic
 * when pages are reused), and those that missed a change while hidden.
 */
export class PageRegistry {
  private readonly byKey = new Map<string, RoadmapPage>();
  private readonly stale = new Set<RoadmapPage>();
  lastActive: RoadmapPage | undefined;

  get(key: string): RoadmapPage | undefined {
    return this.byKey.get(key);
  }

  has(key: string): boolean {
    return this.byKey.has(key);
  }

  /** A copy: pointing a page at another view re-keys it. */
  all(): RoadmapPage[] {
    return [...this.byKey.values()];
  }

  add(page: RoadmapPage): void {
    this.byKey.set(page.key, page);
    if (page.panel.active || !this.lastActive) this.lastActive = page;
  }

  /** A closed page; the next topic goes to another open page, if there is one. */
  remove(page: RoadmapPage): void {
    if (this.byKey.get(page.key) === page) this.byKey.delete(page.key);
    this.lastActive = nextActiveAfterClose(this.lastActive, page, this.all());
    this.stale.delete(page);
  }

  /** The page now shows `view` (and is up to date with it). */
  point(page: RoadmapPage, view: PageView): void {
    if (this.byKey.get(page.key) === page) this.byKey.delete(page.key);
    page.view = view;
    this.byKey.set(page.key, page);
    this.stale.delete(page);
  }

  markStale(page: RoadmapPage): void {
    this.stale.add(page);
  }

  /** Whether the page missed a change (it is not stale after this). */
  takeStale(page: RoadmapPage): boolean {
    return this.stale.delete(page);
  }

  clear(): RoadmapPage[] {
    const pages = this.all();
    this.byKey.clear();
    this.stale.clear();
    return pages;
  }
}
