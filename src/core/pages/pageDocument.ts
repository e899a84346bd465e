/**
 * The frame every page document shares: the strict CSP, the inlined stylesheet and script under
 * a fresh nonce, the text size. Every piece of text is escaped here.
 */
import { escapeAttr as attr, escapeHtml as esc } from '../html';

export interface PageAssets {
  /** The webview's `cspSource`. */
  readonly cspSource: string;
  /** A fresh random nonce for this document. */
  readonly nonce: string;
  /**
   * The page's stylesheet text, inlined so first paint waits for no resource request (KaTeX's
   * font URLs already point at the webview resource URIs, see {@link inlineKatexCss}).
   */
  readonly css: string;
  /** The page's script (the webview bundle), inlined under the nonce for the same reason. */
  readonly script: string;
  /** Font size in px for body text (the `dsRoadmap.fontSize` setting). */
  readonly fontSize: number;
}


export function csp(a: PageAssets): string {
  return [
    "default-src 'none'",
    // KaTeX positions glyphs with inline style attributes; scripts stay nonce-only.
    `style-src ${a.cspSource} 'unsafe-inline'`,
    `font-src ${a.cspSource}`,
    `img-src ${a.cspSource} data:`,
    `script-src 'nonce-${a.nonce}'`,
  ].join('; ');
}


/** `<!DOCTYPE>` through `</head>`: CSP, viewport and the inlined stylesheet. */
export function documentHead(title: string, a: PageAssets): string {
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${attr(csp(a))}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<style>${a.css.replace(/</g, '\\3c ')}</style>
<title>${esc(title)}</title>
</head>`;
}


export function fontSize(a: PageAssets): number {
  return Number.isFinite(a.fontSize) ? Math.min(32, Math.max(10, Math.round(a.fontSize))) : 14;
}


/**
 * KaTeX's stylesheet with its relative font URLs made absolute, so it still finds the fonts when
 * inlined into the page. `fontBase` is the webview URI of the fonts folder.
 */
export function inlineKatexCss(css: string, fontBase: string): string {
  const base = fontBase.replace(/\/+$/, '');
  return css.replace(/url\((['"]?)fonts\//g, (_m, q: string) => `url(${q}${base}/`);
}


/** The inline `<script>`: the bundle under the nonce. `</script` cannot occur in it (see esbuild.js). */
export function inlineScript(a: PageAssets): string {
  return `<script nonce="${attr(a.nonce)}">${a.script.replace(/<(\/script|!--)/gi, '<\\$1')}</script>`;
}


/** A page shown when the topic cannot be found or the roadmap failed to load. */
export function renderMessagePage(title: string, message: string, a: PageAssets): string {
  return `${documentHead(title, a)}
<body class="message-page" style="--ds-font-size: ${fontSize(a)}px"><main><h1>${esc(title)}</h1><p>${esc(message)}</p></main></body></html>`;
}

/** A whole document for a view whose content is already rendered (the review, the overview, a stage): `data-view` (and `data-id`) tell the page script what it shows. */
export function renderPlainPage(view: string, title: string, content: string, a: PageAssets, id?: string): string {
  return `${documentHead(title, a)}
<body class="${attr(view)}-page" style="--ds-font-size: ${fontSize(a)}px" data-view="${attr(view)}"${id !== undefined ? ` data-id="${attr(id)}"` : ''}>
<div id="page">${content}</div>
${inlineScript(a)}
</body>
</html>`;
}
