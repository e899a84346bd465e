/**
 * What the extension reads at run time goes to `dist/data/<name>.br`, brotli-compressed: the
 * .vsix is about a third smaller than with zip's deflate, and Node decompresses it without a
 * dependency (core/roadmap/bundledData.ts reads it back).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as zlib from 'node:zlib';

export function writeData(dist: string, name: string, text: string, production: boolean): void {
  const params = {
    [zlib.constants.BROTLI_PARAM_QUALITY]: production ? 11 : 5,
    [zlib.constants.BROTLI_PARAM_LGWIN]: 24,
    [zlib.constants.BROTLI_PARAM_MODE]: zlib.constants.BROTLI_MODE_TEXT,
    [zlib.constants.BROTLI_PARAM_SIZE_HINT]: Buffer.byteLength(text),
  };
  fs.mkdirSync(path.join(dist, 'data'), { recursive: true });
  fs.writeFileSync(path.join(dist, 'data', `${name}.br`), zlib.brotliCompressSync(text, { params }));
}
