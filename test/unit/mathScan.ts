// What the content tests look for in rendered HTML: typeset math, its TeX source, the visible text.
import type { Roadmap, Topic } from '../../src/core/roadmap/model';

// KaTeX ships no type declarations in this repo; this is the one function the tests use.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const katex = require('katex') as {
  renderToString(tex: string, options: { throwOnError: boolean; displayMode: boolean; strict: string }): string;
};

export function allTopics(r: Roadmap): Topic[] {
  return r.stages.flatMap((s) => s.sections.flatMap((sec) => sec.topics));
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'", '#96': '`' };
function unescapeHtml(s: string): string {
  return s.replace(/&(amp|lt|gt|quot|#39|#96);/g, (_m, e: string) => ENTITIES[e]);
}

/** Typeset math (src/core/math.ts): the wrapper carries the TeX source as its label. */
const MATH = /<(span|div) class="math" data-display="(inline|block)" role="img" aria-label="([^"]*)">/g;
/** Math KaTeX rejected at build time: the escaped source, marked. */
const MATH_ERROR = /<(span|div) class="math math-error" data-display="(inline|block)">([^<]*)<\/\1>/g;

export interface MathItem { readonly where: string; readonly tex: string; readonly display: boolean; readonly failed?: boolean }

/** Every math expression in an HTML string, TeX unescaped. */
export function mathIn(html: string, where: string): MathItem[] {
  return [
    ...[...html.matchAll(MATH)].map((m) => ({ where, tex: unescapeHtml(m[3]), display: m[2] === 'block' })),
    ...[...html.matchAll(MATH_ERROR)].map((m) => ({ where, tex: unescapeHtml(m[3]), display: m[2] === 'block', failed: true })),
  ];
}

/** Visible text outside code: tags (and so the math labels) removed. */
export function visibleText(html: string): string {
  return html.replace(/<pre>[\s\S]*?<\/pre>/g, '').replace(/<code>[\s\S]*?<\/code>/g, '').replace(/<[^>]*>/g, '');
}

export function katexError(item: MathItem): string | undefined {
  if (item.failed) return `${item.where}: ${JSON.stringify(item.tex)}: KaTeX failed at build time`;
  try {
    const out = katex.renderToString(item.tex, { throwOnError: true, displayMode: item.display, strict: 'ignore' });
    return out.includes('class="katex') ? undefined : `no KaTeX output for ${JSON.stringify(item.tex)}`;
  } catch (e) {
    return `${item.where}: ${JSON.stringify(item.tex)}: ${(e as Error).message}`;
  }
}
