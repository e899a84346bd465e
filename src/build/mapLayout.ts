/**
 * Build time only: lays the dashboard map out with ELK (elkjs, the layered algorithm): stages one
 * below the other in order, each stage and each section a box with its title (compound nodes),
 * topics as labelled nodes, every prerequisite an edge routed orthogonally. Label widths are
 * estimated from their characters at a fixed text size, generously (for a wide sans such as
 * DejaVu Sans), so a label never overflows its node. The result ships in `dist/data/map.json.br`.
 */
import ELK from 'elkjs/lib/elk.bundled.js';
import type { ElkExtendedEdge, ElkNode } from 'elkjs/lib/elk.bundled.js';
import type { Roadmap, Section, Stage } from '../core/roadmap/model';
import { MAP_LAYOUT_VERSION, type MapBox, type MapEdge, type MapLayout, type MapNode } from '../core/pages/mapModel';

/** The text size labels are measured at: the dsRoadmap.fontSize default. The page scales the SVG to its own size. */
export const MAP_FONT_SIZE = 14;
const LINE_H = Math.round(MAP_FONT_SIZE * 1.35);
/** The widest a label line may be before it wraps (px at MAP_FONT_SIZE). */
const MAX_LINE_W = 190;
const PAD_LEFT = 26;
const PAD_RIGHT = 10;
const PAD_Y = 7;
const BOX_PAD = 12;
const STAGE_PAD = 10;

// Advance widths in em, rounded up from DejaVu Sans (wider than the usual UI fonts).
const NARROW = new Set("ijl.,:;'|!`");
const SLIM = new Set('frtI()[]{}-/ ');
const WIDE = new Set('mwMW@%&—');

/** The estimated width (px) of `text` at `fontSize`: never less than the rendered width in common sans fonts. */
export function textWidth(text: string, fontSize = MAP_FONT_SIZE): number {
  let em = 0;
  for (const ch of text) {
    if (NARROW.has(ch)) em += 0.34;
    else if (SLIM.has(ch)) em += ch === ' ' ? 0.34 : 0.46;
    else if (WIDE.has(ch)) em += 1.02;
    else if (ch >= 'A' && ch <= 'Z') em += 0.76;
    else if (ch.charCodeAt(0) > 0x7f) em += 0.9;
    else em += 0.66;
  }
  return Math.ceil(em * fontSize);
}

/** Splits `text` into lines no wider than `max` (a longer single word keeps a line of its own). */
export function wrapLabel(text: string, max = MAX_LINE_W): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    const next = line ? `${line} ${word}` : word;
    if (line && textWidth(next) > max) {
      lines.push(line);
      line = word;
    } else line = next;
  }
  if (line) lines.push(line);
  return lines.length ? lines : [''];
}

const widest = (lines: readonly string[]) => Math.max(0, ...lines.map((l) => textWidth(l)));

/** The stage box's title: its number and title, then a line for the run-time count ("26 of 26 done"). */
export function stageLines(stage: Stage): string[] {
  return [...wrapLabel(`${String(stage.number).padStart(2, '0')} · ${stage.title}`, 2 * MAX_LINE_W), 'done 000 of 000'];
}

interface Labels {
  readonly nodeWidth: number;
  readonly lines: ReadonlyMap<string, readonly string[]>;
}

/** Every topic's, section's and stage's lines; one node width for all topics, so columns line up. */
function measure(roadmap: Roadmap): Labels {
  const lines = new Map<string, readonly string[]>();
  let w = 0;
  for (const stage of roadmap.stages) for (const sec of stage.sections) for (const t of sec.topics) {
    const l = wrapLabel(t.title);
    lines.set(t.id, l);
    w = Math.max(w, widest(l));
  }
  const nodeWidth = PAD_LEFT + w + PAD_RIGHT;
  for (const stage of roadmap.stages) {
    lines.set(`stage:${stage.id}`, stageLines(stage));
    for (const sec of stage.sections) lines.set(`section:${sec.id}`, wrapLabel(sec.title, nodeWidth));
  }
  return { nodeWidth, lines };
}

const titleHeight = (lines: readonly string[]) => lines.length * LINE_H + 8;

const LAYERED: Record<string, string> = {
  'elk.algorithm': 'layered',
  'elk.direction': 'DOWN',
  'elk.edgeRouting': 'ORTHOGONAL',
  'elk.spacing.nodeNode': '16',
  'elk.spacing.edgeNode': '10',
  'elk.spacing.edgeEdge': '5',
  'elk.layered.spacing.edgeNodeBetweenLayers': '8',
  'elk.layered.considerModelOrder.strategy': 'NODES_AND_EDGES',
  'elk.layered.mergeEdges': 'true',
  'elk.json.shapeCoords': 'ROOT',
  'elk.json.edgeCoords': 'ROOT',
};

type Point = readonly [number, number];
const r1 = (n: number) => Math.round(n * 10) / 10;
const pointsOf = (e: ElkExtendedEdge, dx = 0, dy = 0): Point[] => {
  const s = e.sections?.[0];
  return s ? [s.startPoint, ...(s.bendPoints ?? []), s.endPoint].map((p) => [r1(p.x + dx), r1(p.y + dy)] as const) : [];
};

interface SectionLayout {
  readonly node: ElkNode;
  readonly edges: readonly ElkExtendedEdge[];
}

/**
 * One section: its topics in a column in reading order (unseen edges keep the order), its own
 * prerequisites routed inside it, room at the top for its title.
 */
async function layoutSection(elk: InstanceType<typeof ELK>, section: Section, labels: Labels): Promise<SectionLayout> {
  const l = labels.lines.get(`section:${section.id}`)!;
  const here = new Set(section.topics.map((t) => t.id));
  const edges: ElkExtendedEdge[] = [];
  section.topics.forEach((t, j) => {
    const after = section.topics[j + 1];
    if (after) edges.push({ id: `order:${t.id}`, sources: [t.id], targets: [after.id], layoutOptions: { 'elk.layered.priority.direction': '10' } });
    for (const p of t.prerequisites) if (here.has(p)) edges.push({ id: `pre:${p}>${t.id}`, sources: [p], targets: [t.id] });
  });
  const out: ElkNode = await elk.layout({
    id: `section:${section.id}`,
    layoutOptions: {
      ...LAYERED,
      'elk.padding': `[top=${BOX_PAD + titleHeight(l)},left=${BOX_PAD + 6},bottom=${BOX_PAD},right=${BOX_PAD + 6}]`,
      'elk.layered.spacing.nodeNodeBetweenLayers': '12',
    },
    children: section.topics.map((t) => ({ id: t.id, width: labels.nodeWidth, height: labels.lines.get(t.id)!.length * LINE_H + 2 * PAD_Y })),
    edges,
  });
  const w = Math.max(out.width ?? 0, widest(l) + 2 * BOX_PAD);
  return { node: { ...out, width: w }, edges: (out.edges ?? []).filter((e) => e.id.startsWith('pre:')) };
}

/** The ELK graph of the whole map: stage titles and sections as fixed boxes, stages in order (partitions), cross-section prerequisites between ports. */
export function elkGraph(roadmap: Roadmap, sections: ReadonlyMap<string, SectionLayout>, labels: Labels): ElkNode {
  const edges: ElkExtendedEdge[] = [];
  const sectionOf = new Map(roadmap.stages.flatMap((s) => s.sections.flatMap((sec) => sec.topics.map((t) => [t.id, sec.id] as const))));
  const ports = new Map<string, { id: string; x: number; y: number; width: number; height: number; layoutOptions: Record<string, string> }[]>();
  const port = (topicId: string, side: 'EAST' | 'WEST') => {
    const sec = sections.get(sectionOf.get(topicId)!)!.node;
    const n = sec.children!.find((c) => c.id === topicId)!;
    const id = `${side === 'EAST' ? 'out' : 'in'}:${topicId}`;
    const list = ports.get(sec.id) ?? [];
    if (!list.some((p) => p.id === id)) list.push({ id, x: side === 'EAST' ? sec.width! : -1, y: (n.y ?? 0) + (n.height ?? 0) / 2 - 0.5, width: 1, height: 1, layoutOptions: { 'elk.port.side': side } });
    ports.set(sec.id, list);
    return id;
  };
  const children: ElkNode[] = [];
  for (const stage of roadmap.stages) {
    const l = labels.lines.get(`stage:${stage.id}`)!;
    const partition = { 'elk.partitioning.partition': String(stage.number) };
    children.push({ id: `stage:${stage.id}`, width: widest(l) + 8, height: l.length * LINE_H + 4, layoutOptions: partition });
    for (const sec of stage.sections) {
      edges.push({ id: `title:${sec.id}`, sources: [`stage:${stage.id}`], targets: [`section:${sec.id}`] });
      for (const t of sec.topics) for (const p of t.prerequisites) {
        if (sectionOf.has(p) && sectionOf.get(p) !== sec.id) edges.push({ id: `pre:${p}>${t.id}`, sources: [port(p, 'EAST')], targets: [port(t.id, 'WEST')] });
      }
    }
  }
  for (const stage of roadmap.stages) for (const sec of stage.sections) {
    const n = sections.get(sec.id)!.node;
    children.push({ id: n.id, width: n.width, height: n.height, ports: ports.get(n.id) ?? [], layoutOptions: { 'elk.portConstraints': 'FIXED_POS', 'elk.partitioning.partition': String(stage.number) } });
  }
  return {
    id: 'root',
    layoutOptions: { ...LAYERED, 'elk.partitioning.activate': 'true', 'elk.padding': '[top=16,left=16,bottom=16,right=16]', 'elk.layered.spacing.nodeNodeBetweenLayers': '30', 'elk.spacing.nodeNode': '24' },
    children,
    edges,
  };
}

function box(n: ElkNode, lines: readonly string[], dx = 0, dy = 0): MapBox {
  const x = r1((n.x ?? 0) + dx);
  const y = r1((n.y ?? 0) + dy);
  return { id: n.id, x, y, width: r1(n.width ?? 0), height: r1(n.height ?? 0), lines, tx: r1(x + BOX_PAD), ty: r1(y + BOX_PAD - 4) };
}

/** Lays the roadmap's map out: each section, then the sections and stages, then every edge in map coordinates. */
export async function layoutMap(roadmap: Roadmap): Promise<MapLayout> {
  const labels = measure(roadmap);
  const elk = new ELK();
  const laid = new Map<string, SectionLayout>();
  for (const stage of roadmap.stages) for (const sec of stage.sections) laid.set(sec.id, await layoutSection(elk, sec, labels));
  const out = await elk.layout(elkGraph(roadmap, laid, labels));
  const kids = new Map((out.children ?? []).map((k) => [k.id, k]));
  const topics = new Map(roadmap.stages.flatMap((s) => s.sections.flatMap((sec) => sec.topics.map((t) => [t.id, t] as const))));
  const stages: MapBox[] = [];
  const sections: MapBox[] = [];
  const nodes: MapNode[] = [];
  const edges: MapEdge[] = [];
  for (const [id, { node, edges: inner }] of laid) {
    const at = kids.get(node.id)!;
    const dx = at.x ?? 0;
    const dy = at.y ?? 0;
    sections.push({ ...box(node, labels.lines.get(node.id)!, dx, dy), id });
    for (const n of node.children ?? []) {
      const t = topics.get(n.id)!;
      nodes.push({ ...box(n, labels.lines.get(n.id)!, dx, dy), title: t.title, sectionId: t.sectionId, stageId: t.stageId });
    }
    for (const e of inner) edges.push({ from: e.sources[0], to: e.targets[0], points: pointsOf(e, dx, dy) });
  }
  const nodeById = new Map(nodes.map((n) => [n.id, n]));
  for (const e of (out.edges ?? []).filter((x) => x.id.startsWith('pre:'))) {
    const [from, to] = e.id.slice(4).split('>');
    const a = nodeById.get(from)!;
    const b = nodeById.get(to)!;
    const pts = pointsOf(e);
    // Stubs inside the sections: from the source's right edge to its port, from the port to the target's left edge.
    edges.push({ from, to, points: [[r1(a.x + a.width), pts[0][1]], ...pts, [r1(b.x), pts[pts.length - 1][1]]] });
  }
  for (const stage of roadmap.stages) {
    const title = kids.get(`stage:${stage.id}`)!;
    const parts = [box(title, []), ...stage.sections.map((sec) => sections.find((b) => b.id === sec.id)!)];
    const x0 = Math.min(...parts.map((b) => b.x)) - STAGE_PAD;
    const y0 = Math.min(...parts.map((b) => b.y)) - STAGE_PAD;
    const x1 = Math.max(...parts.map((b) => b.x + b.width)) + STAGE_PAD;
    const y1 = Math.max(...parts.map((b) => b.y + b.height)) + STAGE_PAD;
    stages.push({ id: stage.id, x: r1(x0), y: r1(y0), width: r1(x1 - x0), height: r1(y1 - y0), lines: labels.lines.get(`stage:${stage.id}`)!, tx: r1((title.x ?? 0) + 4), ty: r1(title.y ?? 0) });
  }
  return {
    version: MAP_LAYOUT_VERSION, fontSize: MAP_FONT_SIZE, lineHeight: LINE_H, padLeft: PAD_LEFT, padTop: PAD_Y,
    width: Math.ceil(out.width ?? 0), height: Math.ceil(out.height ?? 0), stages, sections, nodes, edges,
  };
}
