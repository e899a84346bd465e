// The build's compressed data files: brotli output reused by the text's hash (a warm production build).
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as zlib from 'node:zlib';
import { pruneDataCache, writeData } from '../../src/build/dataFiles';

describe('build: compressed data files and their cache', () => {
  let dir: string;
  beforeEach(() => { dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ds-roadmap-data-')); });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('writes what decompresses to the text, and reuses the cached compression for the same text only', () => {
    const dist = path.join(dir, 'dist');
    const cache = path.join(dir, 'cache');
    const text = JSON.stringify({ pages: Array.from({ length: 200 }, (_, i) => `page ${i}`) });
    writeData(dist, 'pages.json', text, true, cache);
    const out = path.join(dist, 'data', 'pages.json.br');
    assert.equal(zlib.brotliDecompressSync(fs.readFileSync(out)).toString(), text);
    const [entry] = fs.readdirSync(cache);
    assert.ok(entry.endsWith('.br'));
    // The cached file is what a second build copies (so a marked copy shows through) ...
    fs.writeFileSync(path.join(cache, entry), 'cached bytes');
    writeData(dist, 'pages.json', text, true, cache);
    assert.equal(fs.readFileSync(out, 'utf8'), 'cached bytes');
    // ... and another text, or another quality, compresses afresh.
    writeData(dist, 'pages.json', `${text} `, true, cache);
    assert.equal(zlib.brotliDecompressSync(fs.readFileSync(out)).toString(), `${text} `);
    writeData(dist, 'pages.json', text, false, cache);
    assert.equal(zlib.brotliDecompressSync(fs.readFileSync(out)).toString(), text);
    assert.equal(fs.readdirSync(cache).length, 3);
    pruneDataCache(cache, 1);
    assert.equal(fs.readdirSync(cache).length, 1);
  });
});
