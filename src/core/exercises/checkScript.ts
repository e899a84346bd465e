/**
 * Headless checking without Jupyter: a notebook's code cells become one Python program that runs
 * every cell in order, like "Run All", but keeps going after a failed check so the learner sees
 * every check's result, and exits 0 only when all checks passed.
 */

interface RawCell {
  cell_type?: unknown;
  source?: unknown;
  metadata?: { tags?: unknown };
}

function sourceOf(cell: RawCell): string {
  if (typeof cell.source === 'string') return cell.source;
  if (Array.isArray(cell.source)) return cell.source.filter((s) => typeof s === 'string').join('');
  return '';
}

/** IPython-only lines (magics, shell escapes) cannot run in plain Python. */
function plainPython(src: string): string {
  return src.split('\n').map((l) => (/^\s*[%!]/.test(l) ? `pass  # (IPython-only line skipped) ${l.trim()}` : l)).join('\n');
}

export function notebookToCheckScript(text: string): { script: string; checks: string[] } | { error: string } {
  let nb: { cells?: unknown; metadata?: { dsRoadmap?: { checks?: unknown } } };
  try {
    nb = JSON.parse(text);
  } catch (e) {
    return { error: `not valid JSON (${(e as Error).message})` };
  }
  if (!nb || !Array.isArray(nb.cells)) return { error: 'not a notebook (no cells)' };
  const checks = Array.isArray(nb.metadata?.dsRoadmap?.checks)
    ? (nb.metadata!.dsRoadmap!.checks as unknown[]).filter((c): c is string => typeof c === 'string')
    : [];
  const parts: string[] = ['import sys as _sys'];
  (nb.cells as RawCell[]).forEach((cell, i) => {
    if (cell?.cell_type !== 'code') return;
    const tags = Array.isArray(cell.metadata?.tags) ? cell.metadata!.tags as unknown[] : [];
    const src = JSON.stringify(plainPython(sourceOf(cell)));
    if (tags.includes('check')) {
      // A failed check prints its message and the run goes on to the next cell.
      parts.push(`try:\n    exec(compile(${src}, "cell ${i + 1}", "exec"), globals())\nexcept Exception as _e:\n    print(f"✗ {_e}")`);
    } else {
      parts.push(`exec(compile(${src}, "cell ${i + 1}", "exec"), globals())`);
    }
  });
  parts.push(`import _roadmap_check as _rc\n_sys.exit(0 if all(_rc._passed.get(c) for c in ${JSON.stringify(checks)}) and ${checks.length} > 0 else 1)`);
  return { script: parts.join('\n') + '\n', checks };
}

/**
 * Which topic an exercise file belongs to: notebook metadata, the script's marker comment, or its
 * file name (`<topic>.py`, `<topic>-2.ipynb`).
 */
export function topicFromExerciseFile(filePath: string, text: string, isTopic: (id: string) => boolean): string | undefined {
  if (filePath.endsWith('.ipynb')) {
    try {
      const id = JSON.parse(text)?.metadata?.dsRoadmap?.topic;
      if (typeof id === 'string' && isTopic(id)) return id;
    } catch {
      // fall back to the file name
    }
  } else {
    const m = /^# dsRoadmap-topic: ([a-z0-9-]+)\s*$/m.exec(text);
    if (m && isTopic(m[1])) return m[1];
  }
  const base = filePath.replace(/\\/g, '/').split('/').pop()!.replace(/\.(ipynb|py)$/, '');
  const candidates = [base, base.replace(/-\d+$/, ''), base.replace(/_/g, '-')];
  return candidates.find(isTopic);
}
