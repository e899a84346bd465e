// Runs in a separate code-server session with no folder open.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { Commands } from '../../src/constants';
import { ENVIRONMENT_VIEW } from '../../src/core/pages/navigation';
import { activateForTests } from './helpers';
import type { CheckOutcome } from '../../src/vscode/exercises/checkRunner';


describe('a window with no folder open', () => {
  it('has no workspace folder', () => {
    assert.equal(vscode.workspace.workspaceFolders, undefined);
  });

  it('still shows the roadmap, pages and progress', async () => {
    const a = await activateForTests();
    await vscode.commands.executeCommand(Commands.openTopic, 'pca');
    assert.deepEqual(a.pages.openTopicIds, ['pca']);
    await vscode.commands.executeCommand(Commands.markComplete, 'pca');
    assert.match(a.statusBar.text, /^\$\(mortar-board\) 1\/\d+ \(\d+%\)$/);
  });

  it('explains that scaffolding needs a folder, writes nothing and does not block', async () => {
    const t0 = Date.now();
    const out = await vscode.commands.executeCommand<string | undefined>(Commands.scaffoldNotebook, 'pca');
    assert.equal(out, undefined);
    assert.ok(Date.now() - t0 < 5000, 'the command returned without waiting for the notification');
  });

  it('asks for an exercise when none is open', async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    const outcome = await vscode.commands.executeCommand<CheckOutcome>(Commands.checkExercise);
    assert.equal(outcome.ran, false);
    assert.equal(outcome.reason, 'no exercise open');
  });

  it('Set Up Python shows the interpreter, offers to open a folder for a .venv, and creates none', async () => {
    const a = await activateForTests();
    await vscode.commands.executeCommand(Commands.setUpPython);
    const html = (await a.pages.contentOf(ENVIRONMENT_VIEW))!;
    assert.match(html, /The interpreter checks use/);
    assert.match(html, /data-env="openFolder"/);
    assert.doesNotMatch(html, /data-env="createVenv"/);
    const outcome = await a.setUpVenv({ stage: 'all', systemSitePackages: false });
    assert.equal(outcome.ok, false);
    assert.match(outcome.message, /no folder is open\. Open a folder first; nothing was changed/);
  });
});
