// The build's compressed data files: brotli output reused by the text's hash (a warm production build).
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as zlib from 'node:zlib';
import { cachedText, pruneDataCache, writeData } from '../../src/build/dataFiles';

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

  it('keeps a slow text (the map layout) by its key: made once per key, made every time without a cache folder', async () => {
    const cache = path.join(dir, 'cache');
    let made = 0;
    const make = async () => `layout ${++made}`;
    assert.equal(await cachedText(cache, 'code 1 + roadmap', make), 'layout 1');
    assert.equal(await cachedText(cache, 'code 1 + roadmap', make), 'layout 1', 'the same key: reused, not laid out again');
    assert.equal(made, 1);
    assert.equal(await cachedText(cache, 'code 2 + roadmap', make), 'layout 2', 'changed code or roadmap: laid out again');
    assert.equal(await cachedText(undefined, 'code 1 + roadmap', make), 'layout 3', 'no cache folder: always made');
    assert.deepEqual(fs.readdirSync(cache).filter((f) => f.endsWith('.tmp')), [], 'no temporary file left');
    assert.equal(fs.readdirSync(cache).length, 2);
    pruneDataCache(cache, 1);
    assert.equal(fs.readdirSync(cache).length, 1, 'the cache prunes layouts too');
    // An entry that cannot be read or replaced (a folder in its place) is made anew, and the build goes on.
    const other = path.join(dir, 'other');
    assert.equal(await cachedText(other, 'k', make), 'layout 4');
    const [entry] = fs.readdirSync(other);
    fs.rmSync(path.join(other, entry));
    fs.mkdirSync(path.join(other, entry));
    fs.writeFileSync(path.join(other, entry, 'x'), '');
    assert.equal(await cachedText(other, 'k', make), 'layout 5');
    assert.equal(await cachedText(other, 'k', make), 'layout 6');
    assert.deepEqual(fs.readdirSync(other), [entry], 'no temporary file left');
  });
});
