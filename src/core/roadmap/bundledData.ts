import { promises as fs } from 'node:fs';
import * as path from 'node:path';

/**
 * The data the build ships in `dist/data/` (the roadmap, the exercises, the topic pages), stored
 * brotli-compressed: it is mostly text and typeset math, and compressed this way the .vsix is
 * about a third smaller than with the zip's own compression. Decompression runs on libuv's
 * thread pool, so the extension host is not blocked; zlib is loaded on first use.
 */
export async function readBundledData(extensionPath: string, name: string): Promise<string> {
  const file = path.join(extensionPath, 'dist', 'data', `${name}.br`);
  const compressed = await fs.readFile(file);
  const { brotliDecompress } = await import('node:zlib');
  return new Promise((resolve, reject) => {
    brotliDecompress(compressed, (err, out) => (err ? reject(new Error(`${path.basename(file)}: ${err.message}`)) : resolve(out.toString('utf8'))));
  });
}
