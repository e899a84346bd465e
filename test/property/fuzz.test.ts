import * as assert from 'node:assert/strict';
import { loadRoadmap } from '../../src/build/roadmapLoader';
import { files, INDEX, STAGE_A, STAGE_B } from '../unit/fixtures';

/** Small deterministic PRNG (mulberry32) so a failing case can be replayed from its seed. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const TOKENS = ['&a ', '*a', '- ', ': ', '{', '}', '[', ']', '"', "'", '|', '>', '#', '\t', '\n', '  ', '---', '...', '!!binary ',
  '? ', '%YAML 1.2\n', '\u0000', '\uFFFD', 'null', '~', 'true', '1e309', '-.inf', 'id: alpha', 'prerequisites: [alpha, beta, gamma]',
  '<<: *a', '!!python/object:os.system', '\u202E', 'é', '😀'];

function mutate(text: string, r: () => number): string {
  let s = text;
  const n = 1 + Math.floor(r() * 4);
  for (let k = 0; k < n; k++) {
    const pos = Math.floor(r() * (s.length + 1));
    switch (Math.floor(r() * 7)) {
      case 0: s = s.slice(0, pos) + TOKENS[Math.floor(r() * TOKENS.length)] + s.slice(pos); break;
      case 1: s = s.slice(0, pos) + s.slice(pos + Math.floor(r() * 40)); break;
      case 2: s = s.slice(0, pos) + String.fromCharCode(Math.floor(r() * 0x3000)) + s.slice(pos + 1); break;
      case 3: { const lines = s.split('\n'); const i = Math.floor(r() * lines.length); lines.splice(i, 0, lines[Math.floor(r() * lines.length)]); s = lines.join('\n'); break; }
      case 4: { const lines = s.split('\n'); const i = Math.floor(r() * lines.length); lines[i] = ' '.repeat(Math.floor(r() * 12)) + lines[i].trimStart(); s = lines.join('\n'); break; }
      case 5: s = s.slice(0, pos) + s.slice(pos).replace(/\d+/, String(Math.floor(r() * 1e6) - 5e5)); break;
      default: s = s.slice(pos) + s.slice(0, pos); break;
    }
  }
  return s;
}

describe('loader fuzz', () => {
  it('never throws and never hangs on 10,000 mutated inputs', function () {
    this.timeout(600_000);
    const r = rng(20261126);
    const bases: [string, string][] = [['roadmap.yaml', INDEX], ['stages/00-a.yaml', STAGE_A], ['stages/01-b.yaml', STAGE_B]];
    let slowest = 0;
    let withErrors = 0;
    for (let i = 0; i < 10_000; i++) {
      const [name, base] = bases[i % bases.length];
      const text = mutate(base, r);
      const t0 = process.hrtime.bigint();
      let result;
      try {
        result = loadRoadmap(files({ [name]: text }));
      } catch (e) {
        assert.fail(`case ${i} threw: ${(e as Error).message}\n${text}`);
      }
      const ms = Number(process.hrtime.bigint() - t0) / 1e6;
      slowest = Math.max(slowest, ms);
      assert.ok(ms < 1000, `case ${i} took ${ms.toFixed(0)} ms`);
      assert.ok(Array.isArray(result.issues));
      for (const issue of result.issues) {
        assert.ok(issue.line >= 1 && issue.column >= 1, `case ${i}: bad position ${JSON.stringify(issue)}`);
        assert.ok(issue.message.length > 0);
      }
      if (result.issues.some((x) => x.severity === 'error')) withErrors++;
    }
    // The mutations must actually break things often, or this test proves little.
    assert.ok(withErrors > 3000, `only ${withErrors} inputs produced errors`);
    console.log(`      fuzz: 10000 inputs, ${withErrors} with errors, slowest ${slowest.toFixed(1)} ms`);
  });
});

// Moved whole from the unit layer (test/unit/loader.test.ts): a 10 MB file and a 100,000-deep nesting take seconds.
describe('loader: hostile files', () => {
  it('handles empty, binary, huge and deeply nested files without throwing', () => {
    const cases: Record<string, string> = {
      empty: '',
      binary: '\u0000\u0001\u0002PNG\u0000',
      huge: 'x: ' + 'a'.repeat(10 * 1024 * 1024),
      deep: '['.repeat(100_000) + ']'.repeat(100_000),
      scalar: '42',
    };
    for (const [name, text] of Object.entries(cases)) {
      const t0 = Date.now();
      const r = loadRoadmap(files({ 'stages/01-b.yaml': text }));
      assert.ok(Date.now() - t0 < 5000, `${name} took too long`);
      assert.ok(r.issues.some((i) => i.file === 'stages/01-b.yaml' && i.severity === 'error'), `${name}: ${JSON.stringify(r.issues).slice(0, 200)}`);
      assert.ok(r.roadmap, `${name}: the valid stage is kept`);
    }
    assert.match(loadRoadmap(files({ 'stages/01-b.yaml': 'x: ' + 'a'.repeat(10 * 1024 * 1024) })).issues[0].message, /too large/);
  });

});
