/**
 * TeX to HTML with KaTeX, at build time. Topic pages ship typeset math, so the webview loads no
 * math library and typesets nothing: it only needs KaTeX's stylesheet and fonts.
 *
 * This module pulls in KaTeX (about 270 KB), so like the markdown renderer it is used by the build
 * (and tests) only and never imported by the extension at run time.
 */
import katex from 'katex';
import { escapeAttr, escapeHtml } from '../core/html';

const OPTIONS = { throwOnError: true, strict: 'ignore', trust: false, maxExpand: 1000, maxSize: 50, output: 'html' } as const;

/**
 * One expression, typeset. The wrapper keeps the class the page styles (`math`, plus
 * `data-display`) and gives assistive technology the TeX source as the label. An expression that
 * KaTeX rejects is shown as its escaped source, marked `math-error`, and never breaks the page.
 */
export function renderMath(tex: string, display: boolean): string {
  const tag = display ? 'div' : 'span';
  const open = `<${tag} class="math" data-display="${display ? 'block' : 'inline'}" role="img" aria-label="${escapeAttr(tex)}">`;
  try {
    return `${open}${katex.renderToString(tex, { ...OPTIONS, displayMode: display })}</${tag}>`;
  } catch {
    return `<${tag} class="math math-error" data-display="${display ? 'block' : 'inline'}">${escapeHtml(tex)}</${tag}>`;
  }
}
