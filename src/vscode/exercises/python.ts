import vscode = require('vscode');
import { chooseInterpreter, type Candidate, type InterpreterChoice } from '../../core/exercises/pythonEnv';
import { setting } from '../settings';

/** The part of the Python extension's API (ms-python.python `exports`) used here; all optional. */
interface PythonApi {
  readonly environments?: {
    getActiveEnvironmentPath?(r?: vscode.Uri): { path?: string } | undefined;
    resolveEnvironment?(e: { path: string } | string): Promise<{ executable?: { uri?: vscode.Uri } } | undefined>;
    readonly known?: readonly { path?: string; executable?: { uri?: vscode.Uri } }[];
  };
  readonly settings?: { getExecutionDetails?(r?: vscode.Uri): { execCommand?: string[] } };
}

/** The Python extension's API, when it is installed and activates; never throws. */
async function pythonApi(): Promise<{ present: boolean; api?: PythonApi }> {
  const ext = vscode.extensions.getExtension('ms-python.python');
  if (!ext) return { present: false };
  try {
    return { present: true, api: (ext.isActive ? ext.exports : await ext.activate()) as PythonApi };
  } catch {
    return { present: true };
  }
}

/** The Python extension's selected interpreter (resolved to its executable when it names an environment folder). */
async function activeFromExtension(api: PythonApi | undefined, resource: vscode.Uri | undefined): Promise<string | undefined> {
  try {
    const p = api?.environments?.getActiveEnvironmentPath?.(resource)?.path;
    if (p) {
      const resolved = await api?.environments?.resolveEnvironment?.(p).catch(() => undefined);
      return resolved?.executable?.uri?.fsPath ?? p;
    }
    return api?.settings?.getExecutionDetails?.(resource)?.execCommand?.[0];
  } catch {
    return undefined;
  }
}

/** The learner's Python and why: the setting, else the Python extension's interpreter, else python3 (`py -3` on Windows). */
export async function resolvePython(resource: vscode.Uri | undefined): Promise<InterpreterChoice> {
  const configured = setting('pythonPath', resource);
  if (configured.trim()) return chooseInterpreter({ setting: configured, platform: process.platform });
  const { present, api } = await pythonApi();
  return chooseInterpreter({ setting: '', extensionPath: await activeFromExtension(api, resource), extensionPresent: present, platform: process.platform });
}

/** The environments the Python extension knows of (none without it). */
export async function knownEnvironments(): Promise<Candidate[]> {
  const { api } = await pythonApi();
  try {
    return (api?.environments?.known ?? []).flatMap((e) => {
      const p = e.executable?.uri?.fsPath ?? e.path;
      return p ? [{ path: p, from: 'the Python extension' }] : [];
    });
  } catch {
    return [];
  }
}
