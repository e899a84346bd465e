import vscode = require('vscode');

/** The part of a LogOutputChannel the extension uses. */
export type Log = Pick<vscode.LogOutputChannel, 'info' | 'warn' | 'error'>;

/** A log channel created on first use, so activation creates no output channel. */
export class LazyLog implements Log, vscode.Disposable {
  private channel: vscode.LogOutputChannel | undefined;

  private get c(): vscode.LogOutputChannel {
    this.channel ??= vscode.window.createOutputChannel('Data Science Roadmap', { log: true });
    return this.channel;
  }

  info(message: string): void {
    this.c.info(message);
  }

  warn(message: string): void {
    this.c.warn(message);
  }

  error(message: string | Error): void {
    this.c.error(message);
  }

  dispose(): void {
    this.channel?.dispose();
  }
}
