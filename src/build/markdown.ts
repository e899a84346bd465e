/**
 * Markdown to safe HTML for topic pages. Raw HTML is disabled (escaped), links must be https, and
 * math (`$...$`, `$$...$$`) is typeset with KaTeX here, at build time (see math.ts).
 *
 * This module pulls in markdown-it and KaTeX, so it is used at build time for the built-in roadmap
 * and is never imported by the extension at run time.
 */
import MarkdownIt from 'markdown-it';
type StateInline = MarkdownIt.StateInline;
type StateBlock = MarkdownIt.StateBlock;
import { renderMath } from './math';

function mathInline(state: StateInline, silent: boolean): boolean {
  const src = state.src;
  const start = state.pos;
  if (src.charCodeAt(start) !== 0x24 /* $ */ || src.charCodeAt(start + 1) === 0x24) return false;
  let end = start + 1;
  while (end < state.posMax) {
    const c = src.charCodeAt(end);
    if (c === 0x5c /* \ */) {
      end += 2;
      continue;
    }
    if (c === 0x24) break;
    end++;
  }
  if (end >= state.posMax || end === start + 1) return false;
  const content = src.slice(start + 1, end);
  if (/^\s|\s$/.test(content)) return false; // "$ 5 and $ 6" is money, not math
  if (!silent) {
    const token = state.push('math_inline', 'span', 0);
    token.content = content;
  }
  state.pos = end + 1;
  return true;
}

function mathBlock(state: StateBlock, startLine: number, endLine: number, silent: boolean): boolean {
  let pos = state.bMarks[startLine] + state.tShift[startLine];
  let max = state.eMarks[startLine];
  if (!state.src.startsWith('$$', pos)) return false;
  if (silent) return true;
  pos += 2;
  let firstLine = state.src.slice(pos, max);
  let lastLine = '';
  let next = startLine;
  let found = false;
  if (firstLine.trim().endsWith('$$')) {
    firstLine = firstLine.trim().slice(0, -2);
    found = true;
  }
  while (!found) {
    next++;
    if (next >= endLine) break;
    pos = state.bMarks[next] + state.tShift[next];
    max = state.eMarks[next];
    const line = state.src.slice(pos, max);
    if (line.trim().endsWith('$$')) {
      lastLine = line.trim().slice(0, -2);
      found = true;
    }
  }
  state.line = next + 1;
  const token = state.push('math_block', 'div', 0);
  token.block = true;
  const middle = next > startLine + 1 ? state.getLines(startLine + 1, next, state.tShift[startLine], true) : '';
  token.content = [firstLine, middle, lastLine].filter((s) => s.trim() !== '').join('\n');
  token.map = [startLine, state.line];
  return true;
}

let instance: MarkdownIt | undefined;

function md(): MarkdownIt {
  if (instance) return instance;
  const m = new MarkdownIt({ html: false, linkify: false, typographer: false, breaks: false });
  m.validateLink = (url: string) => /^https:\/\//i.test(url.trim());
  // Images could only point at remote URLs, which the webview CSP (img-src) blocks anyway; an
  // `<img>` from content is never wanted, so `![alt](url)` stays text plus a link.
  m.disable('image');
  m.inline.ruler.after('escape', 'math_inline', mathInline);
  m.block.ruler.after('blockquote', 'math_block', mathBlock, { alt: ['paragraph', 'reference', 'blockquote', 'list'] });
  m.renderer.rules.math_inline = (tokens, idx) => renderMath(tokens[idx].content, false);
  m.renderer.rules.math_block = (tokens, idx) => `${renderMath(tokens[idx].content, true)}\n`;
  const defaultLink = m.renderer.rules.link_open ?? ((tokens, idx, options, _env, self) => self.renderToken(tokens, idx, options));
  m.renderer.rules.link_open = (tokens, idx, options, env, self) => {
    tokens[idx].attrSet('class', 'external');
    return defaultLink(tokens, idx, options, env, self);
  };
  instance = m;
  return m;
}

/** Renders block markdown (details, intros) to safe HTML. */
export function renderMarkdown(src: string): string {
  return md().render(src);
}

/** Renders one line of markdown (a key point) without the wrapping paragraph. */
export function renderInline(src: string): string {
  return md().renderInline(src);
}
