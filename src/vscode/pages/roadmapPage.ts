import vscode = require('vscode');
import { viewKey, type PageView } from '../../core/pages/navigation';
import type { HostMessage } from '../../protocol';

/**
 * One page: a webview panel, its document, and what it shows now (navigation changes it). It
 * knows whether its document is live, that is loaded and able to take a `show` message.
 */
export class RoadmapPage {
  /** The current document has loaded and reported ready, so it can take a `show` message. */
  live = false;
  /** The panel keeps its document while hidden (retainContextWhenHidden). */
  readonly retained: boolean;
  private readonly subs: vscode.Disposable[];

  constructor(readonly panel: vscode.WebviewPanel, public view: PageView, handlers: {
    readonly onMessage: (page: RoadmapPage, raw: unknown) => void;
    readonly onActive: (page: RoadmapPage) => void;
    readonly onDispose: (page: RoadmapPage) => void;
  }, iconPath: vscode.Uri) {
    this.retained = panel.options.retainContextWhenHidden === true;
    panel.iconPath = iconPath;
    this.subs = [
      panel.webview.onDidReceiveMessage((raw) => handlers.onMessage(this, raw)),
      panel.onDidChangeViewState((e) => {
        if (e.webviewPanel.active) handlers.onActive(this);
        // A retained document is kept while hidden; any other is gone until the page is shown again
        // (VS Code then reloads the last document written, and its ready message brings it up to
        // date, changes missed meanwhile included).
        if (!e.webviewPanel.visible && !this.retained) this.live = false;
      }),
    ];
    panel.onDidDispose(() => {
      handlers.onDispose(this);
      for (const s of this.subs) s.dispose();
    });
  }

  get key(): string {
    return viewKey(this.view);
  }

  /** Writes a whole new document; the page is live again once it reports ready. */
  write(title: string | undefined, html: string): void {
    this.live = false;
    if (title !== undefined) this.panel.title = title;
    this.panel.webview.html = html;
  }

  /** Sends a message to the live document; false when the webview did not take it. */
  post(message: HostMessage): Thenable<boolean> {
    return this.panel.webview.postMessage(message);
  }

  reveal(column?: vscode.ViewColumn): void {
    this.panel.reveal(column ?? this.panel.viewColumn);
  }
}
