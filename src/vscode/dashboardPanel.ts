import * as vscode from 'vscode';
import { Commands, ViewIds } from '../constants';
import { renderDashboard } from '../core/dashboard';
import { renderMessagePage } from '../core/page';
import type { ProgressStore } from './progressStore';
import type { RoadmapService } from './roadmapService';
import { pageAssets, receive, webviewOptions } from './webviewAssets';
import type { Log } from './log';

/** The single progress dashboard panel; re-rendered whenever progress changes. */
export class DashboardPanel implements vscode.Disposable, vscode.WebviewPanelSerializer {
  private panel: vscode.WebviewPanel | undefined;
  private readonly disposables: vscode.Disposable[] = [];
  private readonly readyEmitter = new vscode.EventEmitter<number>();
  readonly onDidBecomeReady = this.readyEmitter.event;

  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly roadmap: RoadmapService,
    private readonly store: ProgressStore,
    private readonly log: Log,
  ) {
    this.disposables.push(store.onDidChange(() => {
      if (this.panel) void this.render(this.panel);
    }));
  }

  async show(): Promise<vscode.WebviewPanel> {
    if (this.panel) {
      this.panel.reveal();
      return this.panel;
    }
    const panel = vscode.window.createWebviewPanel(ViewIds.dashboardPanel, 'Roadmap Progress', vscode.ViewColumn.Active, webviewOptions(this.extensionUri));
    this.attach(panel);
    await this.render(panel);
    return panel;
  }

  async deserializeWebviewPanel(panel: vscode.WebviewPanel): Promise<void> {
    if (this.panel) {
      panel.dispose();
      return;
    }
    panel.webview.options = webviewOptions(this.extensionUri);
    this.attach(panel);
    await this.render(panel);
  }

  private attach(panel: vscode.WebviewPanel): void {
    this.panel = panel;
    panel.iconPath = vscode.Uri.joinPath(this.extensionUri, 'media', 'icon.svg');
    const sub = panel.webview.onDidReceiveMessage((raw) => {
      const index = this.roadmap.current?.index;
      const m = receive(raw, this.log, (id) => index?.topic(id) !== undefined);
      if (m?.type === 'ready') this.readyEmitter.fire(Date.now());
      else if (m?.type === 'openTopic') void vscode.commands.executeCommand(Commands.openTopic, m.topicId);
    });
    panel.onDidDispose(() => {
      sub.dispose();
      this.panel = undefined;
    });
  }

  private async render(panel: vscode.WebviewPanel): Promise<void> {
    const [loaded, assets] = await Promise.all([this.roadmap.get(), pageAssets(panel.webview, this.extensionUri, 'dashboard')]);
    panel.webview.html = loaded.index
      ? renderDashboard({ roadmap: loaded.index.roadmap, state: this.store.snapshot, now: new Date() }, assets)
      : renderMessagePage('Roadmap not available', loaded.issues[0]?.message ?? 'The roadmap could not be loaded.', assets);
  }

  dispose(): void {
    this.panel?.dispose();
    this.readyEmitter.dispose();
    for (const d of this.disposables) d.dispose();
  }
}
