import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import vscode = require('vscode');
import { orderCandidates, venvPython, type Candidate } from '../../core/exercises/pythonEnv';
import { EnvironmentService } from './environment';
import { knownEnvironments } from './python';

const isFile = (p: string) => fs.stat(p).then((s) => s.isFile(), () => false);

/** python3 and python on the PATH (python.exe on Windows), as found. */
async function onPath(): Promise<Candidate[]> {
  const names = process.platform === 'win32' ? ['python.exe', 'python3.exe'] : ['python3', 'python'];
  const dirs = (process.env.PATH ?? '').split(path.delimiter).filter(Boolean);
  const found: Candidate[] = [];
  for (const name of names) {
    for (const d of dirs) {
      const p = path.join(d, name);
      if (await isFile(p)) {
        found.push({ path: p, from: 'the PATH' });
        break;
      }
    }
  }
  return found;
}

/** The workspace's `.venv` and `venv` interpreters that exist. */
async function inWorkspace(): Promise<Candidate[]> {
  const folders = (vscode.workspace.workspaceFolders ?? []).filter((f) => f.uri.scheme === 'file');
  const out: Candidate[] = [];
  for (const f of folders) {
    for (const name of ['.venv', 'venv']) {
      const p = venvPython(path.join(f.uri.fsPath, name), process.platform);
      if (await isFile(p)) out.push({ path: p, from: `${name} in ${f.name}` });
    }
  }
  return out;
}

/** Every interpreter to offer, in order: the Python extension's, the workspace's, the PATH's. */
export async function candidates(): Promise<Candidate[]> {
  const [ext, ws, pathOnes] = await Promise.all([knownEnvironments(), inWorkspace(), onPath()]);
  return orderCandidates([ext, ws, pathOnes], process.platform);
}

/**
 * Makes the checks use `python` in this workspace (dsRoadmap.pythonPath), after probing it: one
 * that does not run or is older than 3.9 is refused and nothing changes. Returns the outcome in words.
 */
export async function useInterpreter(env: EnvironmentService, python: string): Promise<{ ok: boolean; message: string; python?: string }> {
  if (!vscode.workspace.isTrusted) return { ok: false, message: 'This workspace is not trusted, so the interpreter was not tried and nothing was changed.' };
  const probe = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: `Trying ${python}`, cancellable: true },
    (_p, token) => env.probe({ command: python, args: [] }, [], token));
  const bad = EnvironmentService.unusable(probe.probe);
  if (bad) return { ok: false, message: `${python} cannot run the checks: ${bad}. Nothing was changed.` };
  const folder = env.folder();
  const target = folder ? vscode.ConfigurationTarget.Workspace : vscode.ConfigurationTarget.Global;
  await vscode.workspace.getConfiguration('dsRoadmap', folder?.uri).update('pythonPath', python, target);
  env.channel.appendLine(`dsRoadmap.pythonPath = ${python} (${folder ? 'this workspace' : 'user settings: no folder is open'})`);
  return { ok: true, python, message: `The checks now use ${python}${folder ? ' in this workspace' : ' (saved in your user settings, as no folder is open)'}.` };
}

/** The quick pick of interpreters found (or a path typed or browsed to); then {@link useInterpreter}. */
export async function pickInterpreter(env: EnvironmentService): Promise<{ ok: boolean; message: string } | undefined> {
  const found = await candidates();
  const browse = { label: '$(folder-opened) Browse...', description: 'choose a Python executable', path: '' };
  const pick = await vscode.window.showQuickPick([...found.map((c) => ({ label: c.path, description: c.from, path: c.path })), browse],
    { title: 'Which Python should the checks use?', placeHolder: found.length ? 'Interpreters found' : 'No interpreter was found: browse to one' });
  if (!pick) return undefined;
  let chosen = pick.path;
  if (!chosen) {
    const uri = await vscode.window.showOpenDialog({ canSelectMany: false, title: 'Python executable', openLabel: 'Use This Python' });
    if (!uri?.[0]) return undefined;
    chosen = uri[0].fsPath;
  }
  return useInterpreter(env, chosen);
}

/** How to run the notebooks with the same Python (the kernel is the Jupyter extension's choice, not ours). */
export async function kernelHelp(python: string): Promise<void> {
  const notebook = vscode.window.activeNotebookEditor !== undefined;
  const a = await vscode.window.showInformationMessage(
    `Checks use ${python}. For notebooks to run with the same Python, open the notebook, click the kernel name at the top right (or run "Notebook: Select Notebook Kernel"), choose "Python Environments..." and pick ${python}. This needs the Python and Jupyter extensions.`,
    ...(notebook ? ['Select Notebook Kernel'] : []), 'Copy Path',
  );
  if (a === 'Select Notebook Kernel') await vscode.commands.executeCommand('notebook.selectKernel');
  else if (a === 'Copy Path') await vscode.env.clipboard.writeText(python);
}

