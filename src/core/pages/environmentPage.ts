/**
 * The environment page: the interpreter the checks use and why, every package the exercises
 * declare (importable or not, with its version), how many exercises of each stage can run now,
 * and the fixes the host offers. The page decides nothing: its buttons post an action, the host
 * does the work and sends the page again. Every piece of text is escaped here.
 */
import { escapeAttr as attr, escapeHtml as esc } from '../html';
import type { EnvironmentAction } from '../../protocol';
import { interpreterLabel, MIN_PYTHON, versionText, type InterpreterChoice, type PackageNeed, type ProbeResult, type StageReadiness } from '../exercises/pythonEnv';


export interface EnvironmentModel {
  readonly trusted: boolean;
  readonly hasFolder: boolean;
  readonly interpreter: InterpreterChoice;
  /** What the probe found, or why it could not run; undefined when nothing ran (untrusted). */
  readonly probe: ProbeResult | { readonly error: string } | undefined;
  readonly needs: readonly PackageNeed[];
  readonly stages: readonly StageReadiness[];
  /** The workspace's `.venv` interpreter when one exists and is not the one in use. */
  readonly workspaceVenv?: string;
  /** The last action's outcome, in words (shown at the top). */
  readonly notice?: { readonly text: string; readonly ok: boolean };
  readonly probeMs?: number;
}

function button(action: EnvironmentAction, label: string, secondary = false): string {
  return `<button type="button" data-action="environment" data-env="${attr(action)}"${secondary ? ' class="secondary"' : ''}>${esc(label)}</button>`;
}

/** The problems that stop checks from running, each a sentence (empty when the interpreter is usable). */
export function environmentProblems(m: EnvironmentModel): string[] {
  if (!m.trusted) return ['This workspace is not trusted, so nothing was run: not the probe, not a check, not pip. Trust the workspace to check exercises.'];
  const p = m.probe;
  if (!p) return [];
  if ('error' in p) return [`No usable Python: ${p.error}. Install Python 3 (${versionText(MIN_PYTHON)} or newer), or pick another interpreter.`];
  const problems: string[] = [];
  const [maj, min] = MIN_PYTHON;
  if (p.version[0] < maj || (p.version[0] === maj && p.version[1] < min)) problems.push(`Python ${versionText(p.version)} is older than ${maj}.${min}: the exercises need ${maj}.${min} or newer. Pick or install a newer Python.`);
  if (!p.pip) problems.push('pip is not installed for this interpreter, so packages cannot be installed into it. Create a .venv (it brings its own pip), or install pip (Debian/Ubuntu: sudo apt install python3-pip python3-venv).');
  return problems;
}

function interpreterSection(m: EnvironmentModel): string {
  const p = m.probe && !('error' in m.probe) ? m.probe : undefined;
  const rows = [
    ['Interpreter', `<code>${esc(interpreterLabel(m.interpreter))}</code>`],
    ['Chosen by', esc(m.interpreter.reason)],
    ...(p ? [
      ['Runs', `<code>${esc(p.executable)}</code>${p.venv ? ' (a virtual environment)' : ''}`],
      ['Version', `Python ${esc(versionText(p.version))}`],
      ['pip', p.pip ? esc(p.pip) : '<strong>not installed</strong>'],
    ] : []),
  ];
  const time = m.probeMs !== undefined ? `<p class="muted">Probed in ${esc(m.probeMs.toFixed(0))} ms.</p>` : '';
  return `<section class="env-interpreter"><h2>The interpreter checks use</h2><table>${rows.map(([k, v]) => `<tr><th>${esc(k)}</th><td>${v}</td></tr>`).join('')}</table>${time}</section>`;
}

function packagesSection(m: EnvironmentModel): string {
  const p = m.probe && !('error' in m.probe) ? m.probe : undefined;
  const rows = m.needs.map((n) => {
    const s = p?.packages.get(n.importName);
    const state = !p ? '<span class="muted">not probed</span>' : s?.found ? `✓ ${esc(s.version ?? 'installed')}` : '<strong>✗ missing</strong>';
    const pip = n.pipName ? `<code>${esc(n.pipName)}</code>` : '<span class="muted">part of Python</span>';
    return `<tr data-package="${attr(n.importName)}" data-found="${p ? String(s?.found === true) : 'unknown'}"><td><code>${esc(n.importName)}</code></td><td>${pip}</td><td>${state}</td><td>${n.topics.length}</td></tr>`;
  });
  return `<section class="env-packages"><h2>Packages the exercises use</h2><table><thead><tr><th>Import</th><th>pip install</th><th>Here</th><th>Exercises</th></tr></thead><tbody>${rows.join('')}</tbody></table></section>`;
}

function stagesSection(m: EnvironmentModel): string {
  const rows = m.stages.map((s) => `<tr data-stage="${attr(s.id)}" data-runnable="${s.runnable}" data-total="${s.total}"><td>${esc(String(s.number))}. ${esc(s.title)}</td><td>${s.runnable} of ${s.total}</td><td>${s.missing.length ? s.missing.map((x) => `<code>${esc(x)}</code>`).join(', ') : '<span class="muted">nothing</span>'}</td></tr>`);
  return `<section class="env-stages"><h2>Exercises that can run now</h2><table><thead><tr><th>Stage</th><th>Can run</th><th>Missing</th></tr></thead><tbody>${rows.join('')}</tbody></table></section>`;
}

function fixesSection(m: EnvironmentModel): string {
  if (!m.trusted) return `<section class="env-fixes"><div class="actions">${button('manageTrust', 'Manage Workspace Trust')}</div></section>`;
  const venv = m.hasFolder
    ? button('createVenv', 'Create .venv and Install Packages...')
    : `${button('openFolder', 'Open Folder...')}<span class="muted"> A .venv is made in the workspace folder: open one first.</span>`;
  const use = m.workspaceVenv ? button('useVenv', 'Use the Workspace .venv') : '';
  return `<section class="env-fixes"><h2>Fixes</h2><div class="actions">${button('pickInterpreter', 'Pick Another Interpreter...')}${use}${venv}</div>
<div class="actions">${button('kernelHelp', 'Use It in Notebooks...', true)}${button('showLog', 'Show Log', true)}${button('refresh', 'Probe Again', true)}</div></section>`;
}

/** The page's content (inside `#page`). */
export function renderEnvironmentContent(m: EnvironmentModel): string {
  const problems = environmentProblems(m).map((t) => `<p class="env-problem" role="alert">${esc(t)}</p>`).join('');
  const notice = m.notice ? `<p class="env-notice" data-ok="${m.notice.ok}" role="status">${esc(m.notice.text)}</p>` : '';
  return `<main class="environment" data-trusted="${m.trusted}"><h1>Python for the exercises</h1>${notice}${problems}
${interpreterSection(m)}${m.trusted ? packagesSection(m) + stagesSection(m) : ''}${fixesSection(m)}</main>`;
}
