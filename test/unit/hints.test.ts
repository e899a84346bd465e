// Hints guide, they never hand over the answer. The code a task's hints show (backtick spans and
// fenced blocks), taken together, must never hold every essential statement of a function of its
// reference solution (nor all but one short line), and no single hint may hold the whole return
// expression of a function with one essential statement. The last hint may show the key line, or
// a line with a blank to fill, never the finished function.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { loadExercises, type CodeTask } from '../../src/build/exerciseLoader';
import { realRoadmap, ROOT } from './fixtures';

/**
 * Python source as logical lines: comments dropped, bracketed and backslash continuations joined,
 * `;` splits, string literals (triple-quoted ones across lines too) kept verbatim.
 */
export function logicalLines(code: string): string[] {
  const out: string[] = [];
  let cur = '';
  let depth = 0;
  const push = () => {
    if (cur.trim()) out.push(cur.trim());
    cur = '';
  };
  for (let i = 0; i < code.length; i++) {
    const c = code[i];
    if (c === '"' || c === "'") {
      const q = code.startsWith(c.repeat(3), i) ? c.repeat(3) : c;
      let j = i + q.length;
      while (j < code.length && !code.startsWith(q, j)) {
        if (code[j] === '\\') j++;
        else if (q.length === 1 && code[j] === '\n') break; // an unclosed one-line string
        j++;
      }
      const end = Math.min(code.length, code.startsWith(q, j) ? j + q.length : j);
      cur += code.slice(i, end);
      i = end - 1;
    } else if (c === '#') {
      while (i + 1 < code.length && code[i + 1] !== '\n') i++;
    } else if (c === '\\' && code[i + 1] === '\n') {
      cur += ' ';
      i++;
    } else if (c === '\n' && depth > 0) {
      cur += ' ';
      while (code[i + 1] === ' ' || code[i + 1] === '\t') i++;
    } else if (c === '\n' || (c === ';' && depth === 0)) {
      push();
    } else {
      if ('([{'.includes(c)) depth++;
      if (')]}'.includes(c)) depth = Math.max(0, depth - 1);
      cur += c;
    }
  }
  push();
  return out;
}

/** Whitespace removed and one quote style, so spacing and quoting never hide a match. */
export function norm(s: string): string {
  return s.replace(/\s+/g, '').replace(/'/g, '"');
}

const DOCSTRING = /^[rRuUbBfF]{0,2}("""[\s\S]*"""|'''[\s\S]*'''|"[^"\n]*"|'[^'\n]*')$/;
const HEADER = /^(?:async\s+)?(?:def|class)\s/;
const STRUCTURE = /^(?:import|from)\s|^(?:else|try|finally)\s*:$|^(?:pass|continue|break)$|^@/;
/** `np.asarray(x, dtype=float)`, `df.copy()`: one input converted or copied, nothing computed. */
const CONVERT = /^(?:np\.asarray|np\.asanyarray|np\.array|float|int|list|tuple|pd\.Series)\(\s*(\w+)\s*(?:,\s*dtype\s*=\s*[\w."']+\s*)?\)$|^(\w+)\.copy\(\)$/;
/** `0.0`, `[]`: a starting value, nothing computed. */
const LITERAL = /^(?:-?[\d.]+|\[\]|\{\}|\(\)|None|True|False|""|'')$/;
const WRAPPER = /^(?:float|int|bool|str|list|tuple|set|dict|np\.asarray|np\.array|np\.float64)\(/;

/** The index of the bracket that closes the one at `open`, or -1. */
function closing(s: string, open: number): number {
  let depth = 0;
  for (let i = open; i < s.length; i++) {
    if ('([{'.includes(s[i])) depth++;
    else if (')]}'.includes(s[i]) && --depth === 0) return i;
  }
  return -1;
}

/** `s` split at its top-level occurrences of `sep` (outside brackets and strings). */
function splitTop(s: string, sep: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let quote = '';
  let last = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (quote) {
      if (c === '\\') i++;
      else if (c === quote) quote = '';
    } else if (c === '"' || c === "'") quote = c;
    else if ('([{'.includes(c)) depth++;
    else if (')]}'.includes(c)) depth--;
    else if (depth === 0 && s.startsWith(sep, i)) {
      parts.push(s.slice(last, i).trim());
      last = i + sep.length;
    }
  }
  parts.push(s.slice(last).trim());
  return parts;
}

/** `float(expr)` -> `expr`, repeatedly: a result's type conversion is not part of the answer. */
function unwrap(e: string): string {
  let s = e.trim();
  for (let m = WRAPPER.exec(s); m; m = WRAPPER.exec(s)) {
    const open = m[0].length - 1;
    if (closing(s, open) !== s.length - 1) break;
    s = s.slice(open + 1, -1).trim();
  }
  return s;
}

interface Assignment {
  readonly target: string;
  readonly value: string;
  readonly augmented: boolean;
}

/** A top-level assignment (`a = e`, `a, b = e`, `a[i] += e`) as target and value, if the line is one. */
function assignment(line: string): Assignment | undefined {
  let depth = 0;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (c === '"' || c === "'") return undefined; // a string before any `=`: an expression, not an assignment
    if ('([{'.includes(c)) depth++;
    else if (')]}'.includes(c)) depth--;
    else if (c === '=' && depth === 0) {
      if (line[i + 1] === '=' || '=<>!'.includes(line[i - 1] ?? '')) {
        i++;
        continue;
      }
      const op = /(?:\*\*|\/\/|>>|<<|[-+*/%@&|^])$/.exec(line.slice(0, i));
      const target = line.slice(0, op ? i - op[0].length : i).trim();
      if (/^(?:if|elif|while|for|return|with|assert)\b|lambda\b/.test(target)) return undefined;
      return { target, value: line.slice(i + 1).trim(), augmented: !!op };
    }
  }
  return undefined;
}

/** The expression a statement computes: what follows `return`, `yield`, `if`/`elif`/`while`, or `=`. */
function expressionOf(line: string): string | undefined {
  const kw = /^(?:return|yield)\s+([\s\S]+)$/.exec(line) ?? /^(?:if|elif|while)\s+([\s\S]+):$/.exec(line);
  return kw ? kw[1] : assignment(line)?.value;
}

/** Only names, literals, attributes, indexes (no slices) and type conversions: `float(t), p`, `out`, `res[-1]`. */
function bare(e: string): boolean {
  let s = e.trim();
  for (;;) {
    const m = /\b(?:float|int|bool|str|list|tuple)\(/.exec(s);
    if (!m) break;
    const open = m.index + m[0].length - 1;
    const end = closing(s, open);
    if (end < 0) return false;
    s = `${s.slice(0, m.index)}${s.slice(open + 1, end)}${s.slice(end + 1)}`;
  }
  return /^[\w\s,.[\]"']*$/.test(s.replace(/(^|[,[(]\s*)-(?=\d)/g, '$1'));
}

/** One function (or class) of a solution: its essential statements and the names its conversions join. */
export interface Unit {
  readonly name: string;
  readonly statements: readonly string[];
  readonly aliases: readonly (readonly [string, string])[];
}

/**
 * A solution's functions (top-level `def`s and `class`es; code outside them is one more) with their
 * essential statements: all but def/class lines, docstrings, comments, blank lines, imports,
 * decorators, plain input conversions (`x = np.asarray(x, dtype=float)`, `out = df.copy()`),
 * starting values (`total = 0.0`) and a return of bare names (`return float(t), p`), unless nothing
 * else is left.
 */
export function units(solution: string): Unit[] {
  const blocks: { name: string; lines: string[] }[] = [];
  let cur: { name: string; lines: string[] } | undefined;
  let decorators: string[] = [];
  for (const raw of solution.split('\n')) {
    const top = /^(?:async\s+)?(?:def|class)\s+(\w+)/.exec(raw);
    if (/^@/.test(raw)) {
      decorators.push(raw);
      continue;
    }
    if (top) {
      blocks.push((cur = { name: top[1], lines: [...decorators] }));
      decorators = [];
    } else if (raw.trim() && /^\S/.test(raw) && !/^[)\]}]/.test(raw) && cur?.name !== '(module)') {
      blocks.push((cur = { name: '(module)', lines: [] }));
    }
    cur?.lines.push(raw);
  }
  return blocks.map(({ name, lines }) => {
    const aliases: [string, string][] = [];
    const kept = logicalLines(lines.join('\n')).filter((l) => {
      if (DOCSTRING.test(l) || HEADER.test(l) || STRUCTURE.test(l)) return false;
      const a = assignment(l);
      if (!a || a.augmented) return true;
      const targets = splitTop(a.target.replace(/^\((.*)\)$/, '$1'), ',');
      const values = splitTop(a.value, ',');
      if (targets.length === 1 && values.length === 1 && LITERAL.test(values[0])) return false;
      if (targets.length !== values.length) return true;
      const conv = values.map((v) => CONVERT.exec(v));
      if (!conv.every((c, i) => c && /^\w+$/.test(targets[i]))) return true;
      conv.forEach((c, i) => {
        const from = c![1] ?? c![2];
        if (from !== targets[i]) aliases.push([targets[i], from]);
      });
      return false;
    });
    const real = kept.filter((l) => {
      const r = /^(?:return|yield)\s+([\s\S]+)$/.exec(l);
      return !(r && bare(r[1]));
    });
    return { name, statements: real.length ? real : kept, aliases };
  }).filter((u) => u.statements.length);
}

const word = (name: string) => new RegExp(`(?<![\\w.])${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?!\\w)`, 'g');

function rename(s: string, from: string, to: string): string {
  return s.replace(word(from), () => to);
}

/** An expression that needs no parentheses where a name stood: a name, call or attribute chain. */
function atomic(e: string): boolean {
  let s = e.trim();
  for (let i = s.search(/[([{]/); i >= 0; i = s.search(/[([{]/)) {
    const j = closing(s, i);
    if (j < 0) return false;
    s = s.slice(0, i) + s.slice(j + 1);
  }
  return /^[\w.]+$/.test(s);
}

/**
 * The spellings a hint may use for a statement: itself; with a conversion's two names taken as one
 * (after `d = np.asarray(x)`, `d - d.mean()` is also `x - x.mean()`); with `np.asarray(x, dtype=float)`
 * written `x`; with earlier temporaries written out (after `mu = x.mean()`, `x - mu` is `x - x.mean()`).
 */
function spellings(statement: string, unit: Unit, index: number): string[] {
  const out = new Set([statement]);
  for (const [a, b] of unit.aliases) {
    out.add(rename(statement, a, b));
    out.add(rename(statement, b, a));
  }
  out.add(statement.replace(/np\.asarray\(\s*(\w+)\s*(?:,\s*dtype\s*=\s*[\w."']+\s*)?\)/g, '$1'));
  const head = assignment(statement);
  let paren = head ? head.value : statement;
  let plain = paren;
  const earlier = unit.statements.slice(0, index).map(assignment).filter((a): a is Assignment => !!a && !a.augmented && /^\w+$/.test(a.target));
  for (const a of earlier.reverse()) {
    if (head?.target === a.target || !word(a.target).test(paren)) continue;
    paren = rename(paren, a.target, atomic(a.value) ? a.value : `(${a.value})`);
    plain = rename(plain, a.target, a.value);
  }
  out.add(paren).add(plain);
  return [...out];
}

/** The normalized forms of an expression worth finding: with and without a `float(...)`-like wrapper, never a bare name or number. */
function expressionForms(e: string): string[] {
  return [...new Set([e, unwrap(e)].map(norm))].filter((n) => n.length >= 3 && /[^\w.]/.test(n));
}

/** `needle` occurs in `hay` with no identifier character glued to either end. */
function holds(hay: string, needle: string): boolean {
  for (let i = hay.indexOf(needle); i >= 0; i = hay.indexOf(needle, i + 1)) {
    const startOk = !/\w/.test(needle[0]) || !/\w/.test(hay[i - 1] ?? '');
    const endOk = !/\w/.test(needle[needle.length - 1]) || !/\w/.test(hay[i + needle.length] ?? '');
    if (startOk && endOk) return true;
  }
  return false;
}

/** Whether the hints' code holds a statement: the line, or what it computes, or each part of a tuple or dict it returns. */
function held(statement: string, unit: Unit, index: number, code: readonly string[]): boolean {
  const found = (f: string) => code.some((span) => holds(span, f));
  return spellings(statement, unit, index).some((s) => {
    if (found(norm(s))) return true;
    const e = expressionOf(s) ?? s;
    if (expressionForms(e).some(found)) return true;
    let inner = unwrap(e);
    if (/^[{(][\s\S]*[})]$/.test(inner) && closing(inner, 0) === inner.length - 1) inner = inner.slice(1, -1);
    const parts = splitTop(inner, ',').filter(Boolean).map((p) => splitTop(p, ':').pop()!);
    if (parts.length < 2) return false;
    const needed = parts.filter((p) => !bare(p));
    return needed.length > 0 && needed.every((p) => expressionForms(p).some(found));
  });
}

/** The code a hint shows: its fenced blocks and backtick spans, as normalized logical lines. */
export function hintCode(hint: string): string[] {
  const spans: string[] = [];
  const prose = hint.replace(/```[^\n`]*\n([\s\S]*?)```/g, (_m, body: string) => {
    spans.push(body);
    return ' ';
  });
  for (const m of prose.matchAll(/(`+)([\s\S]+?)\1/g)) spans.push(m[2]);
  return spans.map((s) => logicalLines(s).map(norm).join('\u0001'));
}

/**
 * A statement this short (without spaces), and at most a third of the function's essential code, is
 * a step anyone takes once the rest is shown (`iqr = q3 - q1`); a short key line is not (`s * (1 - s)`).
 */
export const SHORT = 16;

function minorStep(missing: string, statements: readonly string[]): boolean {
  const size = norm(missing).length;
  return size <= SHORT && 3 * size <= statements.reduce((n, s) => n + norm(s).length, 0);
}

/**
 * Why a task's hints give the finished code of one of its solution's functions away, if they do:
 * the code of all its hints together holds every essential statement of the function, or all but
 * one minor step; or one hint holds the whole return expression of a function with a single
 * essential statement.
 */
export function leak(task: Pick<CodeTask, 'solution' | 'hints'>): string | undefined {
  const codes = task.hints.map(hintCode);
  const all = codes.flat();
  for (const unit of units(task.solution)) {
    const { statements, name } = unit;
    if (statements.length === 1 && /^return\s/.test(statements[0])) {
      const i = codes.findIndex((c) => held(statements[0], unit, 0, c));
      if (i >= 0) return `hint ${i + 1} holds the whole return expression of ${name}()`;
    }
    const missing = statements.filter((s, i) => !held(s, unit, i, all));
    if (missing.length === 0) return `the hints hold ${statements.length === 1 ? 'the one essential statement' : `all ${statements.length} essential statements`} of ${name}()`;
    if (missing.length === 1 && statements.length >= 2 && minorStep(missing[0], statements)) {
      return `the hints hold all of ${name}() but the short \`${missing[0]}\``;
    }
  }
  return undefined;
}

function realTasks(): { where: string; task: CodeTask }[] {
  const { roadmap } = realRoadmap();
  const ids = roadmap!.stages.flatMap((s) => s.sections.flatMap((sec) => sec.topics.map((t) => t.id)));
  const dir = path.join(ROOT, 'roadmap', 'exercises');
  const files = fs.readdirSync(dir).filter((n) => n.endsWith('.yaml')).sort().map((n) => ({ name: `exercises/${n}`, text: fs.readFileSync(path.join(dir, n), 'utf8') }));
  const { exercises } = loadExercises(files, ids);
  return [...exercises.values()].flatMap((e) => e.tasks.map((task) => ({ where: `${e.topic}/${task.id}`, task })));
}

describe('hints never give the whole answer', () => {
  const SKEW = [
    'def skewness(x):',
    '    """Moment skewness."""',
    '    import numpy as np',
    '    d = np.asarray(x, dtype=float)  # a plain conversion',
    '',
    '    d = d - d.mean()',
    '    return float((d ** 3).mean() / (d ** 2).mean() ** 1.5)',
  ].join('\n');

  it('reads the functions of a solution and their essential statements', () => {
    assert.deepEqual(units(SKEW), [{ name: 'skewness', statements: ['d = d - d.mean()', 'return float((d ** 3).mean() / (d ** 2).mean() ** 1.5)'], aliases: [['d', 'x']] }]);
    assert.deepEqual(logicalLines('a = f(1,\n      2)  # c\nb = "#x"; c = """\nq\n"""\n'), ['a = f(1, 2)', 'b = "#x"', 'c = """\nq\n"""']);
    assert.deepEqual(hintCode('Use `np.mean`, then:\n```python\ny = a +  b  # sum\n```'), ['y=a+b', 'np.mean']);
    // Starting values, copies and a return of bare names are no answer; alone, a bare return is the solution.
    const two = 'def f(t):\n    total = 0.0\n    out = t.copy()\n    u = out * 2 + total\n    return float(u), t\n\n\n@cache\ndef g(t):\n    return t\n';
    assert.deepEqual(units(two).map((u) => [u.name, u.statements]), [['f', ['u = out * 2 + total']], ['g', ['return t']]]);
  });

  it('flags hints that hold every statement, all but a short one, or the whole return of a one-line function', () => {
    // The defect of issue 13: with the first hint, the second is the whole function.
    const bad = { solution: SKEW, hints: ['Compute the deviations `d = x - x.mean()` once and reuse them.', '`(d ** 3).mean() / (d ** 2).mean() ** 1.5`'] };
    assert.equal(leak(bad), 'the hints hold all 2 essential statements of skewness()');
    // Spacing, quotes and a fenced block change nothing.
    assert.ok(leak({ solution: SKEW, hints: ['```\nd=x-x.mean()\n```', "Then `(d**3).mean()/(d**2).mean()**1.5`."] }));
    const one = { solution: 'def f(s):\n    return s.str.lower().str.strip()\n', hints: ['Use the `.str` accessor.', "`s.str.lower().str.strip()`"] };
    assert.equal(leak(one), 'hint 2 holds the whole return expression of f()');
    // Temporaries written out, and a tuple returned part by part.
    const mle = { solution: 'def mle(x):\n    x = np.asarray(x, dtype=float)\n    mu = x.mean()\n    return float(mu), float(((x - mu) ** 2).mean())\n', hints: ['Zero derivatives.', '`x.mean()` and `((x - x.mean()) ** 2).mean()`'] };
    assert.equal(leak(mle), 'the hints hold all 2 essential statements of mle()');
    const iqr = { solution: 'def m(x):\n    q1, q3 = np.percentile(x, [25, 75])\n    iqr = q3 - q1\n    return (x < q1 - 1.5 * iqr) | (x > q3 + 1.5 * iqr)\n', hints: ['`q1, q3 = np.percentile(x, [25, 75])`', 'The mask is `(x < q1 - 1.5 * iqr) | (x > q3 + 1.5 * iqr)`.'] };
    assert.equal(leak(iqr), 'the hints hold all of m() but the short `iqr = q3 - q1`');
    // One finished function of two is a leak.
    const pair = { solution: 'def a(x):\n    return np.sort(x)[::-1]\n\n\ndef b(x):\n    y = a(x)\n    return y[0] - y[-1]\n', hints: ['Sort.', '`np.sort(x)[::-1]` sorts descending'] };
    assert.equal(leak(pair), 'hint 2 holds the whole return expression of a()');
  });

  it('passes hints that guide: the formula in words, the key line with a blank, one step of several', () => {
    const guide = { solution: SKEW, hints: ['Compute the deviations `d = x - x.mean()` once and reuse them.', 'Third central moment over the second to the power 3/2: `(d ** 3).mean() / (d ** 2).mean() ** ___`.'] };
    assert.equal(leak(guide), undefined);
    assert.equal(leak({ solution: SKEW, hints: ['Centre first: `d = x - x.mean()`.', 'Divide the mean of `d ** 3` by the mean of `d ** 2` to the power 3/2.'] }), undefined);
    // A name glued to the expression is another expression; prose is not code.
    assert.equal(leak({ solution: 'def f(a, b):\n    return a - b\n', hints: ['Subtract.', '`aa - bb` is not it'] }), undefined);
    assert.equal(leak({ solution: 'def f(a, b):\n    return a - b\n', hints: ['Subtract.', 'It is a - b.'] }), undefined);
    // Part of a returned tuple is not all of it; a long missing line is real work left.
    const mle = 'def mle(x):\n    mu = x.mean()\n    return float(mu), float(((x - mu) ** 2).mean())\n';
    assert.equal(leak({ solution: mle, hints: ['Zero derivatives.', '`x.mean()` is the first'] }), undefined);
    // The short line left out is the key line itself.
    assert.equal(leak({ solution: 'def sp(z):\n    s = sigmoid(z)\n    return s * (1 - s)\n', hints: ['Compute `s = sigmoid(z)` once.', 'Differentiate.'] }), undefined);
    const ols = 'def ols(X, y):\n    X1 = np.column_stack([np.ones(len(X)), X])\n    return np.linalg.solve(X1.T @ X1, X1.T @ y)\n';
    assert.equal(leak({ solution: ols, hints: ['Add a column of ones.', '`np.linalg.solve(X1.T @ X1, X1.T @ y)`'] }), undefined);
  });

  it('no real task gives a finished function away in its hints', () => {
    const tasks = realTasks();
    assert.ok(tasks.length >= 400, `${tasks.length} tasks`);
    const flagged: string[] = [];
    for (const { where, task } of tasks) {
      // Not vacuous: every task has essential statements, and its own solution given as a hint is flagged.
      assert.ok(units(task.solution).length > 0, `${where}: no essential statement found`);
      assert.ok(leak({ solution: task.solution, hints: [`\`\`\`python\n${task.solution}\n\`\`\``] }), `${where}: its own solution as a hint is not detected`);
      const why = leak(task);
      if (why) flagged.push(`${where}: ${why}`);
    }
    console.log(`      hints: inspected ${tasks.length} tasks (${tasks.reduce((n, t) => n + t.task.hints.length, 0)} hints), ${flagged.length} flagged`);
    assert.deepEqual(flagged, []);
  });
});
