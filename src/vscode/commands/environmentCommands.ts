import vscode = require('vscode');
import { Commands } from '../../constants';
import { interpreterLabel } from '../../core/exercises/pythonEnv';
import type { EnvironmentModel } from '../../core/pages/environmentPage';
import type { EnvironmentAction } from '../../protocol';
import type { EnvironmentService } from '../exercises/environment';
import { kernelHelp, pickInterpreter, useInterpreter } from '../exercises/interpreterPick';
import { resolvePython } from '../exercises/python';
import { createVenv } from '../exercises/venvSetup';
import { ENVIRONMENT_VIEW } from '../../core/pages/navigation';
import type { PageManager } from '../pages/pageManager';
import type { EnvironmentSource } from '../pages/pageContent';
import type { CommandTable } from './commandKit';

/**
 * What the environment page's buttons do: the work is here, in the host; the outcome becomes the
 * page's notice (and, for a failure, a message with the log one click away).
 */
export function environmentSource(env: EnvironmentService): EnvironmentSource {
  const tell = (o: { ok: boolean; message: string; python?: string } | undefined) => {
    if (!o) return;
    env.notice = { text: o.message, ok: o.ok };
    if (!o.ok) {
      void vscode.window.showErrorMessage(`Data Science Roadmap: ${o.message}`, 'Show Log').then((a) => { if (a) env.channel.show(true); });
    } else {
      void vscode.window.showInformationMessage(`Data Science Roadmap: ${o.message}`, 'Use It in Notebooks...').then((a) => a ? kernelHelp(o.python ?? current) : undefined);
    }
  };
  let current = '';
  const untrusted = { ok: false, message: 'This workspace is not trusted, so nothing was run or changed. Trust the workspace to set up Python.' };
  const acts: Record<EnvironmentAction, () => Promise<void>> = {
    refresh: async () => { env.notice = undefined; },
    pickInterpreter: async () => tell(vscode.workspace.isTrusted ? await pickInterpreter(env) : untrusted),
    useVenv: async () => {
      const venv = await env.workspaceVenv();
      tell(!vscode.workspace.isTrusted ? untrusted : venv ? await useInterpreter(env, venv) : { ok: false, message: 'The workspace has no .venv any more; nothing was changed.' });
    },
    createVenv: async () => tell(await createVenv(env)),
    kernelHelp: async () => kernelHelp(interpreterLabel(await resolvePython(env.folder()?.uri))),
    manageTrust: async () => { await vscode.commands.executeCommand('workbench.trust.manage'); },
    openFolder: async () => { await vscode.commands.executeCommand('workbench.action.files.openFolder'); },
    showLog: async () => env.channel.show(true),
  };
  return {
    model: async (): Promise<EnvironmentModel> => {
      const m = await env.model();
      current = m.probe && !('error' in m.probe) ? m.probe.executable : interpreterLabel(m.interpreter);
      return m;
    },
    act: async (action) => {
      try {
        await acts[action]();
      } catch (e) {
        env.log.error(`Set Up Python (${action}): ${(e as Error).stack ?? e}`);
        tell({ ok: false, message: `${action} failed: ${(e as Error).message}` });
      }
    },
  };
}

/** Roadmap: Set Up Python... opens the environment page in the one page. */
export function environmentCommands(d: { readonly pages: PageManager }): CommandTable {
  return {
    [Commands.setUpPython]: { name: 'Set Up Python', run: () => d.pages.openView(ENVIRONMENT_VIEW) },
  };
}
