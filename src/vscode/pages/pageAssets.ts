import { promises as fs } from 'node:fs';
import vscode = require('vscode');
import { inlineKatexCss, type PageAssets } from '../../core/pages/pageDocument';
import { parseWebviewMessage, type WebviewMessage } from '../../protocol';
import type { Log } from '../log';
import { setting } from '../settings';

/** Options for every webview: scripts on, resources only from media/ and the built webview folder. */
export function webviewOptions(extensionUri: vscode.Uri, retain = true): vscode.WebviewPanelOptions & vscode.WebviewOptions {
  return {
    enableScripts: true,
    enableFindWidget: true,
    // A reused page (the default) keeps its document while hidden: it costs one webview's memory
    // and buys a lot. Switching back to the tab is instant, the page keeps its scroll position,
    // and it can take a swap or a status update while hidden; a reloaded webview would have to
    // load its document again, which in a browser (code-server) means re-registering the webview
    // service worker: over a second, sometimes far more. With a tab per topic
    // (dsRoadmap.topicPage.reuse off) pages are not retained, so many tabs cost no memory.
    retainContextWhenHidden: retain,
    localResourceRoots: [vscode.Uri.joinPath(extensionUri, 'media'), vscode.Uri.joinPath(extensionUri, 'dist', 'webview')],
  };
}

/** Stylesheets and scripts, read once from the extension folder and then kept. */
const texts = new Map<string, Promise<string>>();
function text(extensionUri: vscode.Uri, ...p: string[]): Promise<string> {
  const file = vscode.Uri.joinPath(extensionUri, ...p).fsPath;
  let t = texts.get(file);
  if (!t) {
    // A broken install must not break the page: a file that cannot be read gives '' (the page
    // then shows unstyled) and is not cached, so the next page tries again.
    t = fs.readFile(file, 'utf8').catch(() => {
      texts.delete(file);
      return '';
    });
    texts.set(file, t);
  }
  return t;
}

/** What a page inlines: our stylesheet, KaTeX's and the page script. */
function pageTexts(extensionUri: vscode.Uri): Promise<[string, string, string]> {
  return Promise.all([
    text(extensionUri, 'media', 'webview.css'),
    text(extensionUri, 'dist', 'webview', 'katex', 'katex.min.css'),
    text(extensionUri, 'dist', 'webview', 'page.js'),
  ]);
}

/** Reads the stylesheets and the page script ahead of the first page (they are then kept). */
export async function warmPageAssets(extensionUri: vscode.Uri): Promise<void> {
  await Promise.all([pageTexts(extensionUri), import('node:crypto')]);
}

/** A fresh nonce per document. node:crypto is loaded on the first page, not at activation. */
async function nonce(): Promise<string> {
  const { randomBytes } = await import('node:crypto');
  return randomBytes(16).toString('base64');
}

/**
 * What a page needs besides its content. Styles and script are inlined into the document, so a
 * page paints without waiting for a single resource request; only KaTeX's fonts are fetched
 * (from the extension, through the webview's resource URIs).
 */
export async function pageAssets(webview: vscode.Webview, extensionUri: vscode.Uri): Promise<PageAssets> {
  const [base, katex, script] = await pageTexts(extensionUri);
  const fonts = webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, 'dist', 'webview', 'katex', 'fonts')).toString();
  return {
    cspSource: webview.cspSource,
    nonce: await nonce(),
    css: katex ? `${inlineKatexCss(katex, fonts)}\n${base}` : base,
    script,
    fontSize: setting('fontSize'),
  };
}

/** Validates a message from a webview; invalid ones are logged and dropped. */
export function receive(raw: unknown, log: Log, isKnownTopic: (id: string) => boolean,
  isKnownPart: (kind: 'stage' | 'section', id: string) => boolean = () => true): WebviewMessage | undefined {
  const parsed = parseWebviewMessage(raw);
  if (!parsed.ok) {
    log.warn(`webview: ignored message: ${parsed.reason}`);
    return undefined;
  }
  const m = parsed.message;
  if ('topicId' in m && m.topicId !== undefined && !isKnownTopic(m.topicId)) {
    log.warn(`webview: ignored '${m.type}' for unknown topic '${m.topicId}'`);
    return undefined;
  }
  if (m.type === 'openPage' && 'id' in m && !isKnownPart(m.view, m.id)) {
    log.warn(`webview: ignored 'openPage' for unknown ${m.view} '${m.id}'`);
    return undefined;
  }
  return m;
}
