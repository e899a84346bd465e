/**
 * Writing the learner's files safely, free of `vscode` (node's file system, behind a small port
 * so tests can make a write fail halfway):
 * - a file lands only inside its root folder, checked on real paths, so a symlinked folder
 *   cannot lead a write anywhere else;
 * - a file is written whole or not at all: to a temporary file in the same folder, then renamed
 *   (or linked, when an existing file must never be replaced); a failed write leaves nothing.
 */
import * as nodeFs from 'node:fs';
import * as path from 'node:path';

/** The file-system calls used here (node's `fs.promises` by default). */
export interface FileSystem {
  realpath(p: string): Promise<string>;
  lstat(p: string): Promise<{ isDirectory(): boolean; isSymbolicLink(): boolean }>;
  mkdir(p: string, options: { recursive: true }): Promise<unknown>;
  writeFile(p: string, data: string | Uint8Array, options?: { flag?: string; mode?: number }): Promise<void>;
  rename(from: string, to: string): Promise<void>;
  link(existing: string, newPath: string): Promise<void>;
  unlink(p: string): Promise<void>;
}

export const NODE_FS: FileSystem = nodeFs.promises as unknown as FileSystem;

/** Why a write was refused or failed, in words for the learner. */
export class FileWriteError extends Error {
  constructor(message: string, readonly code: 'outside' | 'exists' | 'not-a-folder' | 'failed') {
    super(message);
  }
}

function isInside(root: string, p: string): boolean {
  const rel = path.relative(root, p);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}

/**
 * The real location of `target` (which may not exist yet): the real path of its nearest existing
 * ancestor, plus the rest. Refuses when that is outside the real `root`.
 */
export async function realTarget(root: string, target: string, fs: FileSystem = NODE_FS): Promise<string> {
  const realRoot = await fs.realpath(root);
  if (!isInside(path.resolve(root), path.resolve(target))) throw new FileWriteError(`${target} is outside ${root}; nothing was written`, 'outside');
  let existing = path.resolve(target);
  const rest: string[] = [];
  for (;;) {
    try {
      const real = await fs.realpath(existing);
      const full = path.join(real, ...rest);
      if (!isInside(realRoot, full)) {
        throw new FileWriteError(`${target} would be written to ${full}, outside the workspace folder ${realRoot} (a symbolic link leads there); nothing was written`, 'outside');
      }
      return full;
    } catch (e) {
      if (e instanceof FileWriteError) throw e;
      const code = (e as NodeJS.ErrnoException).code;
      if (code !== 'ENOENT' && code !== 'ENOTDIR') throw e;
      const parent = path.dirname(existing);
      if (parent === existing) throw e;
      rest.unshift(path.basename(existing));
      existing = parent;
    }
  }
}

/** A name for a temporary file beside `file`: hidden, and unique to this process and moment. */
function tempName(file: string): string {
  return path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}.tmp`);
}

async function writeTemp(fs: FileSystem, file: string, data: string | Uint8Array): Promise<string> {
  const tmp = tempName(file);
  try {
    await fs.writeFile(tmp, data, { flag: 'wx' });
    return tmp;
  } catch (e) {
    await fs.unlink(tmp).catch(() => undefined);
    throw new FileWriteError(`could not write ${file}: ${(e as Error).message}${/ENOSPC/.test(String((e as NodeJS.ErrnoException).code)) ? ' (the disk is full)' : ''}; nothing was changed`, 'failed');
  }
}

export interface WriteOptions {
  /** Never replace an existing file: fail with code 'exists' instead. */
  readonly createOnly?: boolean;
  readonly fs?: FileSystem;
}

/**
 * Writes `data` to `file` whole, inside `root` (checked on real paths, before and after the
 * folders are made). Returns the real path written. Throws a {@link FileWriteError}.
 */
export async function writeFileSafely(root: string, file: string, data: string | Uint8Array, options: WriteOptions = {}): Promise<string> {
  const fs = options.fs ?? NODE_FS;
  const target = await realTarget(root, file, fs);
  await fs.mkdir(path.dirname(target), { recursive: true }).catch((e: NodeJS.ErrnoException) => {
    throw new FileWriteError(`could not make the folder of ${file}: ${e.message}${e.code === 'EEXIST' || e.code === 'ENOTDIR' ? ' (a file is in the way)' : ''}`, e.code === 'EEXIST' || e.code === 'ENOTDIR' ? 'not-a-folder' : 'failed');
  });
  // The folders may have been replaced by links meanwhile: check again where the file lands.
  const final = await realTarget(root, file, fs);
  if (final !== target) throw new FileWriteError(`${file} moved while it was being written; nothing was written`, 'outside');
  const tmp = await writeTemp(fs, final, data);
  try {
    if (options.createOnly) {
      // link() fails when the target exists, so an existing file is never replaced.
      await fs.link(tmp, final).catch(async (e: NodeJS.ErrnoException) => {
        if (e.code === 'EEXIST') throw new FileWriteError(`${file} already exists; it was not changed`, 'exists');
        if (e.code !== 'EPERM' && e.code !== 'ENOTSUP' && e.code !== 'EOPNOTSUPP') throw e;
        // A file system without hard links: the check and the rename are as close as it allows.
        if (await fs.lstat(final).then(() => true, () => false)) throw new FileWriteError(`${file} already exists; it was not changed`, 'exists');
        await fs.rename(tmp, final);
      });
    } else {
      await fs.rename(tmp, final);
    }
  } catch (e) {
    if (e instanceof FileWriteError) throw e;
    throw new FileWriteError(`could not write ${file}: ${(e as Error).message}; nothing was changed`, 'failed');
  } finally {
    await fs.unlink(tmp).catch(() => undefined);
  }
  return final;
}
