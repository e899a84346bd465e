/**
 * A tiny, safe arithmetic language for the `compute` field of numeric quiz questions: the tests
 * recompute every numeric answer from the data its prompt gives. Numbers, + - * / ^ (or **),
 * parentheses, list literals `[1, 2, 3]`, the constants `pi` and `e`, and the functions below.
 * No names other than these, no property access, no code: it is parsed, never `eval`ed.
 */

type Value = number | number[];

const FUNCTIONS: Readonly<Record<string, (...args: Value[]) => Value>> = {
  sqrt: (x) => Math.sqrt(num(x)),
  exp: (x) => Math.exp(num(x)),
  ln: (x) => Math.log(num(x)),
  log: (x) => Math.log(num(x)),
  log2: (x) => Math.log2(num(x)),
  log10: (x) => Math.log10(num(x)),
  abs: (x) => Math.abs(num(x)),
  pow: (x, y) => Math.pow(num(x), num(y)),
  floor: (x) => Math.floor(num(x)),
  ceil: (x) => Math.ceil(num(x)),
  round: (x, d = 0) => Number(num(x).toFixed(num(d))),
  min: (...xs) => Math.min(...xs.flatMap(list)),
  max: (...xs) => Math.max(...xs.flatMap(list)),
  sum: (xs) => list(xs).reduce((a, b) => a + b, 0),
  mean: (xs) => mean(list(xs)),
  median: (xs) => {
    const s = [...list(xs)].sort((a, b) => a - b);
    const m = Math.floor(s.length / 2);
    return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
  },
  variance: (xs, ddof = 1) => variance(list(xs), num(ddof)),
  sd: (xs, ddof = 1) => Math.sqrt(variance(list(xs), num(ddof))),
  dot: (a, b) => {
    const x = list(a);
    const y = list(b);
    if (x.length !== y.length) throw new Error('dot: lists of different lengths');
    return x.reduce((s, v, i) => s + v * y[i], 0);
  },
  factorial: (n) => factorial(num(n)),
  choose: (n, k) => factorial(num(n)) / (factorial(num(k)) * factorial(num(n) - num(k))),
  normcdf: (z) => normcdf(num(z)),
  normpdf: (z) => Math.exp(-(num(z) ** 2) / 2) / Math.sqrt(2 * Math.PI),
  sigmoid: (z) => 1 / (1 + Math.exp(-num(z))),
};

const CONSTANTS: Readonly<Record<string, number>> = { pi: Math.PI, e: Math.E };

function num(v: Value): number {
  if (typeof v !== 'number') throw new Error('expected a number, got a list');
  return v;
}

function list(v: Value): number[] {
  return typeof v === 'number' ? [v] : v;
}

function mean(xs: number[]): number {
  if (xs.length === 0) throw new Error('mean of an empty list');
  return xs.reduce((a, b) => a + b, 0) / xs.length;
}

function variance(xs: number[], ddof: number): number {
  const m = mean(xs);
  return xs.reduce((s, x) => s + (x - m) ** 2, 0) / (xs.length - ddof);
}

function factorial(n: number): number {
  if (!Number.isInteger(n) || n < 0 || n > 170) throw new Error(`factorial of ${n}`);
  let r = 1;
  for (let i = 2; i <= n; i++) r *= i;
  return r;
}

/** Standard normal CDF (Abramowitz and Stegun 7.1.26 through erf; error < 1.5e-7). */
function normcdf(z: number): number {
  const x = Math.abs(z) / Math.SQRT2;
  const t = 1 / (1 + 0.3275911 * x);
  const y = 1 - (((((1.061405429 * t - 1.453152027) * t) + 1.421413741) * t - 0.284496736) * t + 0.254829592) * t * Math.exp(-x * x);
  return z >= 0 ? (1 + y) / 2 : (1 - y) / 2;
}

type Token = { kind: 'num'; value: number } | { kind: 'name'; value: string } | { kind: 'op'; value: string };

function tokenize(src: string): Token[] {
  const out: Token[] = [];
  const re = /\s*(?:(\d+(?:\.\d*)?(?:[eE][+-]?\d+)?|\.\d+(?:[eE][+-]?\d+)?)|([A-Za-z_][A-Za-z0-9_]*)|(\*\*|[-+*/^(),[\]]))/y;
  let i = 0;
  while (i < src.length) {
    if (/^\s*$/.test(src.slice(i))) break;
    re.lastIndex = i;
    const m = re.exec(src);
    if (!m) throw new Error(`unexpected '${src.slice(i).trim()[0]}' at ${i}`);
    if (m[1] !== undefined) out.push({ kind: 'num', value: Number(m[1]) });
    else if (m[2] !== undefined) out.push({ kind: 'name', value: m[2] });
    else out.push({ kind: 'op', value: m[3] === '**' ? '^' : m[3] });
    i = re.lastIndex;
  }
  return out;
}

/** A recursive-descent parser that evaluates as it goes; precedence: + - < * / < unary - < ^. */
class Evaluator {
  private pos = 0;

  constructor(private readonly tokens: readonly Token[]) {}

  private isOp(v: string): boolean {
    const t = this.tokens[this.pos];
    return t?.kind === 'op' && t.value === v;
  }

  private expect(v: string): void {
    if (!this.isOp(v)) throw new Error(`expected '${v}'`);
    this.pos++;
  }

  private static arith(a: Value, b: Value, op: string): number {
    const x = num(a);
    const y = num(b);
    switch (op) {
      case '+': return x + y;
      case '-': return x - y;
      case '*': return x * y;
      case '/': return x / y;
      default: return Math.pow(x, y);
    }
  }

  /** Left-associative binary operators of one precedence level. */
  private binary(ops: readonly string[], next: () => Value): Value {
    let v = next();
    while (ops.some((op) => this.isOp(op))) {
      const op = (this.tokens[this.pos++] as { value: string }).value;
      v = Evaluator.arith(v, next(), op);
    }
    return v;
  }

  expr(): Value {
    return this.binary(['+', '-'], () => this.term());
  }

  private term(): Value {
    return this.binary(['*', '/'], () => this.unary());
  }

  private unary(): Value {
    if (this.isOp('-')) {
      this.pos++;
      return -num(this.unary());
    }
    if (this.isOp('+')) {
      this.pos++;
      return this.unary();
    }
    return this.power();
  }

  private power(): Value {
    const base = this.atom();
    if (!this.isOp('^')) return base;
    this.pos++;
    return Evaluator.arith(base, this.unary(), '^'); // right-associative
  }

  private args(close: string): Value[] {
    const out: Value[] = [];
    if (this.isOp(close)) {
      this.pos++;
      return out;
    }
    for (;;) {
      out.push(this.expr());
      if (!this.isOp(',')) break;
      this.pos++;
    }
    this.expect(close);
    return out;
  }

  private atom(): Value {
    const t = this.tokens[this.pos++];
    if (!t) throw new Error('unexpected end');
    if (t.kind === 'num') return t.value;
    if (t.kind === 'op' && t.value === '(') {
      const v = this.expr();
      this.expect(')');
      return v;
    }
    if (t.kind === 'op' && t.value === '[') return this.args(']').map(num);
    if (t.kind === 'name') {
      if (Object.hasOwn(CONSTANTS, t.value)) return CONSTANTS[t.value];
      if (!Object.hasOwn(FUNCTIONS, t.value)) throw new Error(`unknown name '${t.value}'`);
      this.expect('(');
      return FUNCTIONS[t.value](...this.args(')'));
    }
    throw new Error(`unexpected '${t.value}'`);
  }

  /** Throws unless every token was used. */
  end(): void {
    if (this.pos !== this.tokens.length) throw new Error(`unexpected '${(this.tokens[this.pos] as { value: unknown }).value}'`);
  }
}

/** Evaluates an expression of the language above; throws with a short reason when it is not one. */
export function evaluate(src: string): number {
  if (src.length > 2000) throw new Error('expression too long');
  const e = new Evaluator(tokenize(src));
  const n = num(e.expr());
  e.end();
  if (!Number.isFinite(n)) throw new Error('the result is not a finite number');
  return n;
}
