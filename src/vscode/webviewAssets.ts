import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import * as vscode from 'vscode';
import { Settings } from '../constants';
import { inlineKatexCss, type PageAssets } from '../core/page';
import { parseWebviewMessage, type WebviewMessage } from '../protocol';
import type { Log } from './log';

/** Options for every webview: scripts on, resources only from media/ and the built webview folder. */
export function webviewOptions(extensionUri: vscode.Uri): vscode.WebviewPanelOptions & vscode.WebviewOptions {
  return {
    enableScripts: true,
    enableFindWidget: true,
    retainContextWhenHidden: false,
    localResourceRoots: [vscode.Uri.joinPath(extensionUri, 'media'), vscode.Uri.joinPath(extensionUri, 'dist', 'webview')],
  };
}

type PageKind = 'topic' | 'dashboard';

/** Stylesheets and scripts, read once from the extension folder and then kept. */
const texts = new Map<string, Promise<string>>();
function text(extensionUri: vscode.Uri, ...p: string[]): Promise<string> {
  const file = vscode.Uri.joinPath(extensionUri, ...p).fsPath;
  let t = texts.get(file);
  if (!t) {
    // A broken install must not break the page: a file that cannot be read gives '' (the page
    // then shows unstyled) and is not cached, so the next page tries again.
    t = readFile(file, 'utf8').catch(() => {
      texts.delete(file);
      return '';
    });
    texts.set(file, t);
  }
  return t;
}

/**
 * What a page needs besides its content. Styles and script are inlined into the document, so a
 * page paints without waiting for a single resource request; only KaTeX's fonts are fetched
 * (from the extension, through the webview's resource URIs).
 */
export async function pageAssets(webview: vscode.Webview, extensionUri: vscode.Uri, kind: PageKind): Promise<PageAssets> {
  const [base, katex, script] = await Promise.all([
    text(extensionUri, 'media', 'webview.css'),
    kind === 'topic' ? text(extensionUri, 'dist', 'webview', 'katex', 'katex.min.css') : Promise.resolve(''),
    text(extensionUri, 'dist', 'webview', `${kind}.js`),
  ]);
  const fonts = webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, 'dist', 'webview', 'katex', 'fonts')).toString();
  return {
    cspSource: webview.cspSource,
    nonce: randomBytes(16).toString('base64'),
    css: katex ? `${inlineKatexCss(katex, fonts)}\n${base}` : base,
    script,
    fontSize: vscode.workspace.getConfiguration(Settings.section).get<number>(Settings.fontSize, 14),
  };
}

/** Validates a message from a webview; invalid ones are logged and dropped. */
export function receive(raw: unknown, log: Log, isKnownTopic: (id: string) => boolean): WebviewMessage | undefined {
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
  return m;
}
