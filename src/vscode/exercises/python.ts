import * as vscode from 'vscode';
import { setting } from '../settings';

/** The learner's Python: the setting, else the Python extension's interpreter, else python3. */
export async function resolvePython(resource: vscode.Uri | undefined): Promise<string> {
  const configured = setting('pythonPath', resource).trim();
  if (configured) return configured;
  const ext = vscode.extensions.getExtension('ms-python.python');
  if (ext) {
    try {
      const api = (ext.isActive ? ext.exports : await ext.activate()) as {
        environments?: { getActiveEnvironmentPath?(r?: vscode.Uri): { path?: string } };
        settings?: { getExecutionDetails?(r?: vscode.Uri): { execCommand?: string[] } };
      };
      const p = api?.environments?.getActiveEnvironmentPath?.(resource)?.path;
      if (p) return p;
      const cmd = api?.settings?.getExecutionDetails?.(resource)?.execCommand?.[0];
      if (cmd) return cmd;
    } catch {
      // fall through to the default
    }
  }
  return process.platform === 'win32' ? 'python' : 'python3';
}
