/**
 * The Python the checks use, free of `vscode`: which interpreter is chosen and why, the one-process
 * probe of the packages the exercises declare (its script and the parsing of its output), how
 * many exercises of each stage can run with what is installed, and the requirements.txt that
 * makes the set-up reproducible without the extension.
 */
import { PACKAGES, type Exercise } from './exerciseModel';

/** An interpreter to start: a command and the arguments before the script's (`py -3` on Windows). */
export interface Interpreter {
  readonly command: string;
  readonly args: readonly string[];
}

/** Where the interpreter came from. */
export type InterpreterSource = 'setting' | 'python-extension' | 'default';

export interface InterpreterChoice extends Interpreter {
  readonly source: InterpreterSource;
  /** Why this one, in words for the learner. */
  readonly reason: string;
}

/** The oldest Python the exercises support. */
export const MIN_PYTHON: readonly [number, number] = [3, 9];

/** Import names that are part of Python itself: never pip-installed (a Python without them needs rebuilding). */
export const STDLIB: ReadonlySet<string> = new Set(['sqlite3']);

/** The interpreter as one line, for messages: `py -3`, `/usr/bin/python3`. */
export function interpreterLabel(i: Interpreter): string {
  return [i.command, ...i.args].map((p) => (/\s/.test(p) ? `"${p}"` : p)).join(' ');
}

/**
 * The interpreter the checks use: the `dsRoadmap.pythonPath` setting, else the Python
 * extension's active interpreter, else `python3` (`py -3` on Windows).
 */
export function chooseInterpreter(o: { readonly setting: string; readonly extensionPath?: string; readonly extensionPresent?: boolean; readonly platform: string }): InterpreterChoice {
  const configured = o.setting.trim();
  if (configured) return { command: configured, args: [], source: 'setting', reason: 'the dsRoadmap.pythonPath setting' };
  const fromExtension = o.extensionPath?.trim();
  if (fromExtension) return { command: fromExtension, args: [], source: 'python-extension', reason: "the Python extension's selected interpreter" };
  const why = o.extensionPresent
    ? 'the default: dsRoadmap.pythonPath is empty and the Python extension has no interpreter selected'
    : 'the default: dsRoadmap.pythonPath is empty and the Python extension is not installed';
  return o.platform === 'win32'
    ? { command: 'py', args: ['-3'], source: 'default', reason: `${why} (the Python launcher)` }
    : { command: 'python3', args: [], source: 'default', reason: why };
}

/** Where a candidate interpreter was found (for the quick pick). */
export interface Candidate {
  readonly path: string;
  readonly from: string;
}

/**
 * The interpreters to offer, first found first, each once (by path; case-insensitive on Windows):
 * the Python extension's known environments, the workspace's `.venv`/`venv`, then the PATH's.
 */
export function orderCandidates(groups: readonly (readonly Candidate[])[], platform: string): Candidate[] {
  const seen = new Set<string>();
  const out: Candidate[] = [];
  for (const c of groups.flat()) {
    const key = platform === 'win32' ? c.path.toLowerCase() : c.path;
    if (!c.path.trim() || seen.has(key)) continue;
    seen.add(key);
    out.push(c);
  }
  return out;
}

/** The interpreter inside a virtual environment folder. */
export function venvPython(venvDir: string, platform: string): string {
  return platform === 'win32' ? `${venvDir}\\Scripts\\python.exe` : `${venvDir}/bin/python`;
}

/** A package the exercises declare. */
export interface PackageNeed {
  readonly importName: string;
  /** What `pip install` takes; undefined for the standard library. */
  readonly pipName: string | undefined;
  /** Topics whose exercise needs it. */
  readonly topics: readonly string[];
}

/** Every package the exercises declare, sorted by import name. */
export function packageNeeds(exercises: Iterable<Exercise>): PackageNeed[] {
  const by = new Map<string, string[]>();
  for (const e of exercises) {
    for (const p of e.packages) {
      const list = by.get(p) ?? [];
      if (!list.includes(e.topic)) list.push(e.topic);
      by.set(p, list);
    }
  }
  return [...by.keys()].sort().map((p) => ({ importName: p, pipName: STDLIB.has(p) ? undefined : PACKAGES[p] ?? p, topics: by.get(p)! }));
}

/** The script of the probe: run with `-c`, the pairs `import=pip` as its arguments. */
export const PROBE_SCRIPT = [
  'import sys, json, importlib.util',
  'try:',
  '    import importlib.metadata as md',
  'except Exception:',
  '    md = None',
  'def ver(n):',
  '    try:',
  '        return md.version(n) if md else None',
  '    except Exception:',
  '        return None',
  'pk = {}',
  'for a in sys.argv[1:]:',
  '    imp, _, pip = a.partition("=")',
  '    try:',
  '        found = importlib.util.find_spec(imp) is not None',
  '    except Exception:',
  '        found = False',
  '    pk[imp] = {"found": found, "version": (ver(pip) if pip else None) if found else None}',
  'pipv = ver("pip") if importlib.util.find_spec("pip") is not None else None',
  'print("DSROADMAP-PROBE " + json.dumps({"executable": sys.executable, "version": list(sys.version_info[:3]), "prefix": sys.prefix,',
  '    "venv": sys.prefix != getattr(sys, "base_prefix", sys.prefix), "pip": pipv, "packages": pk}))',
].join('\n');

/** The probe's arguments after `-c <script>`: one `import=pip` per package (pip empty for the standard library). */
export function probeArgs(needs: readonly PackageNeed[]): string[] {
  return needs.map((n) => `${n.importName}=${n.pipName ?? ''}`);
}

export interface PackageState {
  readonly found: boolean;
  readonly version: string | undefined;
}

/** What the probe found. */
export interface ProbeResult {
  readonly executable: string;
  readonly version: readonly [number, number, number];
  readonly prefix: string;
  readonly venv: boolean;
  /** pip's version, undefined when pip is not installed. */
  readonly pip: string | undefined;
  readonly packages: ReadonlyMap<string, PackageState>;
}

const str = (v: unknown, max = 4096): string | undefined => (typeof v === 'string' && v.length <= max ? v : undefined);

/** Reads the probe's output (the line after the marker; anything else a sitecustomize prints is ignored). */
export function parseProbeOutput(stdout: string): ProbeResult | { readonly error: string } {
  const line = stdout.split(/\r?\n/).reverse().find((l) => l.startsWith('DSROADMAP-PROBE '));
  if (!line) return { error: 'the interpreter did not answer the probe (is it a Python 3?)' };
  let raw: unknown;
  try {
    raw = JSON.parse(line.slice('DSROADMAP-PROBE '.length));
  } catch {
    return { error: 'the probe answered something that is not JSON' };
  }
  const r = (typeof raw === 'object' && raw !== null ? raw : {}) as Record<string, unknown>;
  const v = r.version;
  if (!Array.isArray(v) || v.length !== 3 || !v.every((n) => Number.isInteger(n) && n >= 0)) return { error: 'the probe gave no Python version' };
  const packages = new Map<string, PackageState>();
  const pk = typeof r.packages === 'object' && r.packages !== null ? r.packages as Record<string, unknown> : {};
  for (const [name, s] of Object.entries(pk)) {
    if (typeof s !== 'object' || s === null) continue;
    const st = s as Record<string, unknown>;
    packages.set(name, { found: st.found === true, version: st.found === true ? str(st.version, 100) : undefined });
  }
  return {
    executable: str(r.executable) ?? '', version: [v[0], v[1], v[2]] as [number, number, number], prefix: str(r.prefix) ?? '',
    venv: r.venv === true, pip: str(r.pip, 100), packages,
  };
}

export function versionText(v: readonly number[]): string {
  return v.join('.');
}

/** Whether a Python version is recent enough for the exercises. */
export function versionSupported(v: readonly number[]): boolean {
  return v[0] > MIN_PYTHON[0] || (v[0] === MIN_PYTHON[0] && v[1] >= MIN_PYTHON[1]);
}

/** A stage's exercises, for the counts. */
export interface StageExercises {
  readonly id: string;
  readonly number: number;
  readonly title: string;
  readonly exercises: readonly Exercise[];
}

export interface StageReadiness {
  readonly id: string;
  readonly number: number;
  readonly title: string;
  readonly total: number;
  /** Exercises whose packages are all importable (0 when the Python cannot run them). */
  readonly runnable: number;
  /** Import names missing for the others, sorted. */
  readonly missing: readonly string[];
}

/** Per stage: how many exercises can run now, and what the others lack. */
export function stageReadiness(stages: readonly StageExercises[], available: (importName: string) => boolean, pythonUsable: boolean): StageReadiness[] {
  return stages.map((s) => {
    const missing = new Set<string>();
    let runnable = 0;
    for (const e of s.exercises) {
      const lacks = e.packages.filter((p) => !available(p));
      for (const p of lacks) missing.add(p);
      if (pythonUsable && lacks.length === 0) runnable++;
    }
    return { id: s.id, number: s.number, title: s.title, total: s.exercises.length, runnable, missing: [...missing].sort() };
  });
}

/** The pip names one stage's exercises (or every stage's) need, sorted, the standard library left out. */
export function requirementsFor(stages: readonly StageExercises[], stageId: string | 'all'): string[] {
  const chosen = stageId === 'all' ? stages : stages.filter((s) => s.id === stageId);
  const names = new Set<string>();
  for (const n of packageNeeds(chosen.flatMap((s) => s.exercises))) if (n.pipName) names.add(n.pipName);
  return [...names].sort();
}

/** The requirements.txt written into the exercises folder: what a `pip install -r` needs, with how to use it. */
export function requirementsText(pipNames: readonly string[], scope: string): string {
  return [
    `# Python packages for the Data Science Roadmap exercises (${scope}).`,
    '# Written by Roadmap: Set Up Python...; the same set-up without the extension:',
    '#   python3 -m venv .venv',
    '#   .venv/bin/python -m pip install -r requirements.txt      (Windows: .venv\\Scripts\\python -m pip ...)',
    ...pipNames,
    '',
  ].join('\n');
}
