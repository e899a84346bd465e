import type * as vscode from 'vscode';
import type { TopicPanels } from './topicPanels';

/**
 * The progress dashboard. It is a page like the topic pages (see TopicPanels): shown in the page
 * used last when pages are reused, so opening it from a topic page swaps content instead of
 * loading a new webview, and a map node opens its topic in place.
 */
export class DashboardPanel {
  constructor(private readonly pages: TopicPanels) {}

  /** Fires when a page reports it painted the dashboard. */
  get onDidBecomeReady(): vscode.Event<number> {
    return this.pages.onDidDashboardBecomeReady;
  }

  show(): Promise<vscode.WebviewPanel> {
    return this.pages.openDashboard();
  }
}
