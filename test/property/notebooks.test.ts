// Every real topic's notebook and script validated by Debian's Python (nbformat, compile, run):
// moved whole from test/unit/scaffold.test.ts. Needs /usr/bin/python3 with nbformat.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { buildNotebook, buildScript } from '../../src/core/exercises/exerciseFiles';
import type { Topic } from '../../src/core/roadmap/model';
import { realTopics, ROOT } from '../unit/fixtures';

/** Debian's interpreter, which has nbformat; the bare `python3` on PATH may be another one. */
const PYTHON = '/usr/bin/python3';


/** Fails with a clear message when the Python toolchain the exercises need is not there. */
function requirePython(): void {
  assert.ok(fs.existsSync(PYTHON), `${PYTHON} is missing: install Debian's python3 (apt-get install python3 python3-nbformat); these tests are not skipped`);
  const probe = spawnSync(PYTHON, ['-c', 'import nbformat, sys; print(nbformat.__version__)'], { encoding: 'utf8' });
  assert.equal(probe.status, 0, `nbformat is not importable by ${PYTHON} (apt-get install python3-nbformat): ${probe.stderr || probe.error?.message}`);
}

interface NotebookReport {
  readonly errors: string[];
  readonly nbformat?: number;
  readonly minor?: number;
  readonly kernel?: string;
  readonly language?: string;
  readonly ids?: string[];
  readonly cellTypes?: string[];
  readonly firstCell?: string;
  readonly codeOutputs?: unknown[];
  readonly dsRoadmap?: { topic: string; stage: string };
}
interface ScriptReport {
  readonly errors: string[];
  readonly docstring?: string | null;
  readonly stdout?: string;
}
interface PythonReport {
  readonly python: string;
  readonly nbformat: string;
  readonly notebooks: Record<string, NotebookReport>;
  readonly scripts: Record<string, ScriptReport>;
}

const VALIDATOR = String.raw`
import ast, contextlib, copy, io, json, os, py_compile, runpy, sys, warnings
warnings.simplefilter('error')  # any nbformat warning (missing ids, deprecated fields, ...) is an error
import nbformat

d = sys.argv[1]
manifest = json.load(open(os.path.join(d, 'manifest.json'), encoding='utf-8'))
out = {'python': sys.version.split()[0], 'nbformat': nbformat.__version__, 'notebooks': {}, 'scripts': {}}

for name in manifest['notebooks']:
    r = {'errors': []}
    try:
        text = open(os.path.join(d, name), encoding='utf-8').read()
        nb = nbformat.reads(text, as_version=4)
        nbformat.validate(copy.deepcopy(nb))
        raw = json.loads(text)
        nbformat.validate(copy.deepcopy(raw))  # the JSON exactly as written, not as nbformat normalised it
        cells = raw['cells']
        r.update(
            nbformat=raw['nbformat'], minor=raw['nbformat_minor'],
            kernel=raw['metadata']['kernelspec']['name'], language=raw['metadata']['kernelspec']['language'],
            ids=[c.get('id') for c in cells], cellTypes=[c['cell_type'] for c in cells],
            firstCell=''.join(nb.cells[0].source), codeOutputs=[c.get('outputs') for c in cells if c['cell_type'] == 'code'],
            dsRoadmap=raw['metadata'].get('dsRoadmap'),
        )
    except Exception as e:
        r['errors'].append('%s: %s' % (type(e).__name__, str(e)[:300]))
    out['notebooks'][name] = r

for name in manifest['scripts']:
    r = {'errors': []}
    p = os.path.join(d, name)
    try:
        py_compile.compile(p, cfile=p + 'c', doraise=True)
        src = open(p, encoding='utf-8').read()
        r['docstring'] = ast.get_docstring(ast.parse(src, p), clean=False)
        buf = io.StringIO()
        with contextlib.redirect_stdout(buf):
            runpy.run_path(p, run_name='__roadmap_import__')
        r['stdout'] = buf.getvalue()
    except BaseException as e:
        r['errors'].append('%s: %s' % (type(e).__name__, str(e)[:300]))
    out['scripts'][name] = r

sys.stdout.write(json.dumps(out))
`;

/** Writes the files to a temp dir and checks them all in ONE Python process. */
function validateInPython(notebooks: Record<string, string>, scripts: Record<string, string>): PythonReport {
  requirePython();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ds-roadmap-scaffold-'));
  try {
    // As scaffolded: exercises sit in a stage folder, the checker one level up.
    fs.mkdirSync(path.join(dir, 'stage'));
    for (const [name, text] of Object.entries({ ...notebooks, ...scripts })) fs.writeFileSync(path.join(dir, 'stage', name), text, 'utf8');
    fs.writeFileSync(path.join(dir, 'manifest.json'), JSON.stringify({ notebooks: Object.keys(notebooks).map((n) => `stage/${n}`), scripts: Object.keys(scripts).map((n) => `stage/${n}`) }));
    fs.writeFileSync(path.join(dir, 'validate.py'), VALIDATOR);
    // Scripts import the checker that scaffolding writes beside the exercises.
    fs.copyFileSync(path.join(ROOT, 'media', 'python', '_roadmap_check.py'), path.join(dir, '_roadmap_check.py'));
    const r = spawnSync(PYTHON, [path.join(dir, 'validate.py'), dir], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, timeout: 120_000 });
    assert.equal(r.status, 0, `python validator failed: ${r.stderr || r.error?.message}`);
    const report = JSON.parse(r.stdout) as PythonReport;
    const unprefix = <T>(o: Record<string, T>) => Object.fromEntries(Object.entries(o).map(([k, v]) => [k.replace(/^stage\//, ''), v]));
    return { ...report, notebooks: unprefix(report.notebooks), scripts: unprefix(report.scripts) };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

describe('scaffold: exercise paths and files', () => {
  describe('notebooks and scripts for every real topic (validated by Python)', () => {
    it(`finds ${PYTHON} with nbformat (never skipped)`, () => {
      requirePython();
    });

    it('builds nbformat-4.5-valid notebooks and compilable, runnable scripts for every topic, in one Python process', function () {
      this.timeout(180_000);
      const { items } = realTopics();
      const notebooks: Record<string, string> = {};
      const scripts: Record<string, string> = {};
      for (const { topic, stage } of items) {
        notebooks[`${topic.id}.ipynb`] = buildNotebook(topic, stage);
        scripts[`${topic.id}.py`] = buildScript(topic, stage);
      }
      // Negative controls: the validator must reject these.
      const good = JSON.parse(notebooks[`${items[0].topic.id}.ipynb`]) as { cells: { id?: string }[] };
      const dupIds = structuredClone(good);
      dupIds.cells[1].id = dupIds.cells[0].id;
      const noIds = structuredClone(good);
      for (const c of noIds.cells) delete c.id;
      notebooks['zz-control-duplicate-ids.ipynb'] = JSON.stringify(dupIds);
      notebooks['zz-control-missing-ids.ipynb'] = JSON.stringify(noIds);
      scripts['zz_control_syntax.py'] = 'r"""doc"""\ndef (:\n';

      const t0 = Date.now();
      const report = validateInPython(notebooks, scripts);
      console.log(`      python ${report.python}, nbformat ${report.nbformat}: ${items.length} notebooks + ${items.length} scripts checked in one process (${Date.now() - t0} ms)`);

      assert.ok(report.notebooks['zz-control-duplicate-ids.ipynb'].errors.length > 0, 'duplicate cell ids must be rejected');
      assert.ok(report.notebooks['zz-control-missing-ids.ipynb'].errors.length > 0, 'missing cell ids must be rejected');
      assert.match(report.scripts['zz_control_syntax.py'].errors.join(), /SyntaxError|PyCompileError/);

      const problems: string[] = [];
      for (const { topic, stage } of items) {
        const nb = report.notebooks[`${topic.id}.ipynb`];
        if (!nb) { problems.push(`${topic.id}: no notebook report`); continue; }
        if (nb.errors.length) { problems.push(`${topic.id}.ipynb: ${nb.errors.join('; ')}`); continue; }
        if (nb.nbformat !== 4 || nb.minor !== 5) problems.push(`${topic.id}.ipynb: nbformat ${nb.nbformat}.${nb.minor}`);
        if (nb.kernel !== 'python3' || nb.language !== 'python') problems.push(`${topic.id}.ipynb: kernelspec ${nb.kernel}/${nb.language}`);
        const ids = nb.ids ?? [];
        if (new Set(ids).size !== ids.length || ids.some((id) => typeof id !== 'string' || !/^[a-zA-Z0-9_-]{1,64}$/.test(id))) problems.push(`${topic.id}.ipynb: bad cell ids ${JSON.stringify(ids)}`);
        const types = nb.cellTypes ?? [];
        if (types[0] !== 'markdown' || types[1] !== 'code' || types[types.length - 1] !== 'code') problems.push(`${topic.id}.ipynb: cells ${JSON.stringify(types)}`);
        if (!(nb.codeOutputs ?? []).every((o) => Array.isArray(o) && o.length === 0)) problems.push(`${topic.id}.ipynb: code outputs ${JSON.stringify(nb.codeOutputs)}`);
        if (JSON.stringify(nb.dsRoadmap) !== JSON.stringify({ topic: topic.id, stage: stage.id, kind: 'reflection', checks: ['answers', 'rubric'], version: 1 })) problems.push(`${topic.id}.ipynb: metadata ${JSON.stringify(nb.dsRoadmap)}`);
        if (!nb.firstCell?.startsWith(`# ${topic.title}\n\n*Stage ${String(stage.number).padStart(2, '0')} · ${stage.title}*`)) problems.push(`${topic.id}.ipynb: first cell does not introduce the topic`);
        for (const f of topic.formulas) if (!nb.firstCell?.includes(`$$${f.latex}$$`)) problems.push(`${topic.id}.ipynb: formula ${f.label} missing`);

        const py = report.scripts[`${topic.id}.py`];
        if (!py) { problems.push(`${topic.id}: no script report`); continue; }
        if (py.errors.length) { problems.push(`${topic.id}.py: ${py.errors.join('; ')}`); continue; }
        if (py.stdout !== '') problems.push(`${topic.id}.py printed ${JSON.stringify(py.stdout)} on import`);
        if (!py.docstring?.startsWith(`# ${topic.title}\n`)) problems.push(`${topic.id}.py: docstring does not introduce the topic`);
        // The raw docstring keeps LaTeX backslashes exactly.
        for (const f of topic.formulas) if (!py.docstring?.includes(`$$${f.latex.replace(/"{3}/g, "'''")}$$`)) problems.push(`${topic.id}.py: formula ${f.label} altered`);
      }
      assert.deepEqual(problems, []);
      assert.equal(Object.keys(report.notebooks).length, items.length + 2);
      assert.equal(Object.keys(report.scripts).length, items.length + 1);
    });

    it('keeps a notebook and script valid for a topic full of quotes, backslashes and markup', function () {
      this.timeout(60_000);
      const { items } = realTopics();
      const { stage } = items[0];
      const nasty = 'NUL\0 VT\v FF\f ESC\u001b He said """hi""" \\ and \'\'\' then \\"""; C:\\path\\ ${x} `code` </script> \u2028 é 😀 \\';
      const topic: Topic = {
        ...items[0].topic,
        id: 'nasty-topic',
        title: nasty,
        summary: `${nasty}\r\nsecond line`,
        keyPoints: [nasty, 'ends with a backslash \\', '"""', '""""', '"'],
        formulas: [{ label: nasty, latex: '\\frac{a}{b} \\quad """ \\\\', symbols: [{ symbol: '\\alpha', meaning: nasty }] }],
      };
      const report = validateInPython({ 'nasty.ipynb': buildNotebook(topic, stage) }, { 'nasty.py': buildScript(topic, stage) });
      assert.deepEqual(report.notebooks['nasty.ipynb'].errors, []);
      // NUL never reaches a generated file (Python refuses it in source; Jupyter tools choke on it).
      assert.equal(report.notebooks['nasty.ipynb'].firstCell?.split('\n')[0], `# ${nasty.replace(/\0/g, '\uFFFD')}`);
      assert.deepEqual(report.scripts['nasty.py'].errors, []);
      assert.equal(report.scripts['nasty.py'].stdout, '');
      assert.ok(report.scripts['nasty.py'].docstring?.startsWith(`# ${nasty.replace(/"{3}/g, "'''").replace(/\0/g, '\uFFFD')}\n`));
    });
  });
});
