import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import { Settings } from '../constants';
import type { PageAssets } from '../core/page';
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

export function pageAssets(webview: vscode.Webview, extensionUri: vscode.Uri, script: 'topic' | 'dashboard'): PageAssets {
  const uri = (...p: string[]) => webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, ...p)).toString();
  return {
    cspSource: webview.cspSource,
    nonce: randomBytes(16).toString('base64'),
    styleUri: uri('media', 'webview.css'),
    katexStyleUri: uri('dist', 'webview', 'katex', 'katex.min.css'),
    scriptUri: uri('dist', 'webview', `${script}.js`),
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
