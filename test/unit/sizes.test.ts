// Small parts (issue 10): no class in src over 250 lines. Functions are held to 60 lines by
// ESLint's max-lines-per-function (eslint.config.mjs). Counted with the TypeScript parser.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as ts from 'typescript';
import { ROOT } from './fixtures';

const MAX_CLASS_LINES = 250;

function sources(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    return e.isDirectory() ? sources(full) : e.name.endsWith('.ts') ? [full] : [];
  });
}

/** Every class declared in a source text, with its length in lines. */
function classes(file: string, text: string): { name: string; lines: number }[] {
  const sf = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
  const found: { name: string; lines: number }[] = [];
  const visit = (n: ts.Node): void => {
    if (ts.isClassDeclaration(n) || ts.isClassExpression(n)) {
      const lines = sf.getLineAndCharacterOfPosition(n.getEnd()).line - sf.getLineAndCharacterOfPosition(n.getStart()).line + 1;
      found.push({ name: n.name?.text ?? '(anonymous)', lines });
    }
    ts.forEachChild(n, visit);
  };
  visit(sf);
  return found;
}

describe('small parts', () => {
  it(`no class in src is over ${MAX_CLASS_LINES} lines`, () => {
    const all = sources(path.join(ROOT, 'src')).flatMap((f) => classes(f, fs.readFileSync(f, 'utf8')).map((c) => ({ ...c, file: path.relative(ROOT, f) })));
    assert.ok(all.length >= 10, `${all.length} classes found`);
    const big = all.filter((c) => c.lines > MAX_CLASS_LINES);
    assert.deepEqual(big, [], big.map((c) => `${c.file}: ${c.name} has ${c.lines} lines`).join('\n'));
    const longest = all.reduce((a, b) => (b.lines > a.lines ? b : a));
    console.log(`      ${all.length} classes; the longest, ${longest.name} (${longest.file}), has ${longest.lines} lines`);
  });

  it('the count sees a long class (the rule can fail)', () => {
    const text = `class Big {\n${Array.from({ length: 300 }, (_, i) => `  m${i}(): void {}`).join('\n')}\n}\n`;
    assert.deepEqual(classes('big.ts', text), [{ name: 'Big', lines: 302 }]);
  });
});
