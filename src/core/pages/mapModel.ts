/**
 * The dashboard map's layout as the build ships it (`dist/data/map.json.br`, laid out by
 * src/build/mapLayout.ts): every box, label line and edge already has its position, in SVG user
 * units at {@link MapLayout.fontSize}. Nothing lays out at run time; the page only adds status.
 */

export const MAP_LAYOUT_VERSION = 1;

/** A box with its title, split into lines that fit the box. `x`, `y` are the top-left corner. */
export interface MapBox {
  readonly id: string;
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
  readonly lines: readonly string[];
  /** Where the title's first line starts (its top-left). */
  readonly tx: number;
  readonly ty: number;
}

/** A topic's node: its box and its title's lines. */
export interface MapNode extends MapBox {
  readonly title: string;
  readonly sectionId: string;
  readonly stageId: string;
}

/** A prerequisite edge from `from` (needed first) to `to`, as a polyline ending at `to`'s box. */
export interface MapEdge {
  readonly from: string;
  readonly to: string;
  readonly points: readonly (readonly [number, number])[];
}

export interface MapLayout {
  readonly version: typeof MAP_LAYOUT_VERSION;
  /** The text size (px) labels were measured and laid out at. */
  readonly fontSize: number;
  /** Distance between the baselines of two lines of a label. */
  readonly lineHeight: number;
  /** Space inside a node before its label (room for the status mark). */
  readonly padLeft: number;
  readonly padTop: number;
  readonly width: number;
  readonly height: number;
  readonly stages: readonly MapBox[];
  readonly sections: readonly MapBox[];
  readonly nodes: readonly MapNode[];
  readonly edges: readonly MapEdge[];
}

/** Whether parsed JSON looks like a layout this version can draw. */
export function isMapLayout(v: unknown): v is MapLayout {
  const m = v as Partial<MapLayout> | null;
  return typeof m === 'object' && m !== null && m.version === MAP_LAYOUT_VERSION && Array.isArray(m.nodes) && Array.isArray(m.edges)
    && Array.isArray(m.sections) && Array.isArray(m.stages) && typeof m.width === 'number' && typeof m.height === 'number';
}
