// The README's Architecture tree names every folder of src/, and names none that is not there.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';

const ROOT = path.resolve(__dirname, '..', '..', '..');

function srcTree(): string {
  const readme = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');
  const at = readme.indexOf('## Architecture');
  assert.ok(at >= 0, 'the README has an Architecture section');
  const block = /```\n([\s\S]*?)```/.exec(readme.slice(at))?.[1] ?? '';
  const lines = block.split('\n');
  const end = lines.findIndex((l) => /^\S/.test(l) && !l.startsWith('src/'));
  return lines.slice(0, end < 0 ? undefined : end).join('\n');
}

function dirs(dir: string, depth: number): string[] {
  if (depth === 0) return [];
  return fs.readdirSync(path.join(ROOT, dir), { withFileTypes: true }).filter((e) => e.isDirectory())
    .flatMap((e) => [`${dir}/${e.name}`, ...dirs(`${dir}/${e.name}`, depth - 1)]);
}

describe('the README\'s architecture tree', () => {
  it('names every folder of src/ (two levels) and every file at its top', () => {
    const tree = srcTree();
    for (const d of dirs('src', 2)) assert.match(tree, new RegExp(`(^|[\\s,])${path.basename(d)}/`, 'm'), `${d} is in the tree`);
    for (const f of fs.readdirSync(path.join(ROOT, 'src')).filter((f) => f.endsWith('.ts'))) assert.ok(tree.includes(f), `src/${f} is in the tree`);
  });

  it('names no folder that src/ does not have', () => {
    const all = new Set(dirs('src', 3).map((d) => path.basename(d)));
    const named = [...srcTree().matchAll(/(?:^|[\s,])([a-z]+)\/(?=[\s,]|$)/gm)].map((m) => m[1]).filter((n) => n !== 'src');
    assert.ok(named.length >= 15, `the tree names folders (${named.length})`);
    assert.deepEqual(named.filter((n) => !all.has(n)), []);
  });
});
