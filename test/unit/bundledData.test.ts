import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as zlib from 'node:zlib';
import { readBundledData } from '../../src/core/roadmap/bundledData';

describe('bundled data: dist/data/*.br', () => {
  let ext: string;
  before(() => {
    ext = fs.mkdtempSync(path.join(os.tmpdir(), 'ds-data-'));
    fs.mkdirSync(path.join(ext, 'dist', 'data'), { recursive: true });
  });
  after(() => fs.rmSync(ext, { recursive: true, force: true }));

  it('reads and decompresses what the build wrote', async () => {
    const text = JSON.stringify({ version: 2, note: 'ünïcödé ✓', n: Array.from({ length: 2000 }, (_, i) => i) });
    fs.writeFileSync(path.join(ext, 'dist', 'data', 'x.json.br'), zlib.brotliCompressSync(text));
    assert.equal(await readBundledData(ext, 'x.json'), text);
  });

  it('rejects a missing or corrupt file with an error that names it', async () => {
    await assert.rejects(readBundledData(ext, 'missing.json'), /ENOENT/);
    fs.writeFileSync(path.join(ext, 'dist', 'data', 'bad.json.br'), Buffer.from('not brotli at all, just text'));
    await assert.rejects(readBundledData(ext, 'bad.json'), /bad\.json\.br/);
  });

  it('matches the shipped data: every file decompresses to the plain JSON the build also wrote', async () => {
    // `npm test` builds before this layer runs.
    const root = path.resolve(__dirname, '..', '..', '..');
    assert.equal(await readBundledData(root, 'roadmap.json'), fs.readFileSync(path.join(root, 'dist', 'roadmap.json'), 'utf8'));
    assert.equal(await readBundledData(root, 'exercises.json'), fs.readFileSync(path.join(root, 'dist', 'exercises.json'), 'utf8'));
    const roadmap = JSON.parse(fs.readFileSync(path.join(root, 'dist', 'roadmap.json'), 'utf8')).roadmap;
    for (const stage of roadmap.stages) {
      const pages = JSON.parse(await readBundledData(root, `pages-${stage.id}.json`));
      const ids = stage.sections.flatMap((s: { topics: { id: string }[] }) => s.topics.map((t) => t.id));
      assert.deepEqual(Object.keys(pages).sort(), [...ids].sort(), stage.id);
      for (const id of ids) assert.ok(pages[id].details.length > 500 && Array.isArray(pages[id].keyPoints) && Array.isArray(pages[id].formulas), id);
    }
  });
});
