/**
 * What the extension reads at run time goes to `dist/data/<name>.br`, brotli-compressed: the
 * .vsix is about a third smaller than with zip's deflate, and Node decompresses it without a
 * dependency (core/roadmap/bundledData.ts reads it back).
 */
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as zlib from 'node:zlib';

/** The cache's file for `key`: named by the key's hash, with `ext` (pruneDataCache keeps .br and .txt). */
function cacheFile(cacheDir: string, key: string, ext: 'br' | 'txt'): string {
  return path.join(cacheDir, `${createHash('sha256').update(key).digest('hex')}.${ext}`);
}

/** A cache entry's bytes, touched so the cache keeps what builds still use; undefined when absent or unreadable. */
function readCached(file: string): Buffer | undefined {
  try {
    const data = fs.readFileSync(file);
    const now = new Date();
    fs.utimesSync(file, now, now);
    return data;
  } catch {
    return undefined;
  }
}

/** Stores a cache entry whole (temporary file, then rename); a cache that cannot be written only costs the next build its time. */
function writeCached(file: string, data: string | Buffer): void {
  const tmp = `${file}.${process.pid}.tmp`;
  try {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(tmp, data);
    fs.renameSync(tmp, file);
  } catch {
    fs.rmSync(tmp, { force: true });
  }
}

/**
 * Writes `dist/data/<name>.br`. Brotli at its best (a production build) takes seconds for the
 * pages, so with `cacheDir` a compressed text is kept there by its hash and reused while the text
 * is the same (the output is deterministic): a warm `npm start` or `npm run package` skips it.
 */
export function writeData(dist: string, name: string, text: string, production: boolean, cacheDir?: string): void {
  const quality = production ? 11 : 5;
  const params = {
    [zlib.constants.BROTLI_PARAM_QUALITY]: quality,
    [zlib.constants.BROTLI_PARAM_LGWIN]: 24,
    [zlib.constants.BROTLI_PARAM_MODE]: zlib.constants.BROTLI_MODE_TEXT,
    [zlib.constants.BROTLI_PARAM_SIZE_HINT]: Buffer.byteLength(text),
  };
  fs.mkdirSync(path.join(dist, 'data'), { recursive: true });
  const out = path.join(dist, 'data', `${name}.br`);
  const cached = cacheDir ? cacheFile(cacheDir, `q${quality}\n${text}`, 'br') : undefined;
  const hit = cached ? readCached(cached) : undefined;
  if (hit) {
    fs.writeFileSync(out, hit);
    return;
  }
  const data = zlib.brotliCompressSync(text, { params });
  fs.writeFileSync(out, data);
  if (cached) writeCached(cached, data);
}

/**
 * A text that takes long to make and depends only on `key` (the map's layout): kept in `cacheDir`
 * by the key's hash and reused; made anew when there is no cache folder, no entry, or an unreadable one.
 */
export async function cachedText(cacheDir: string | undefined, key: string, make: () => Promise<string>): Promise<string> {
  if (!cacheDir) return make();
  const file = cacheFile(cacheDir, key, 'txt');
  const hit = readCached(file);
  if (hit) return hit.toString('utf8');
  const text = await make();
  writeCached(file, text);
  return text;
}

/** Keeps the newest `keep` files of the cache. */
export function pruneDataCache(cacheDir: string, keep = 64): void {
  if (!fs.existsSync(cacheDir)) return;
  const files = fs.readdirSync(cacheDir).filter((f) => f.endsWith('.br') || f.endsWith('.txt')).map((f) => ({ f, t: fs.statSync(path.join(cacheDir, f)).mtimeMs }));
  for (const { f } of files.sort((a, b) => b.t - a.t).slice(keep)) fs.rmSync(path.join(cacheDir, f), { force: true });
}
