/**
 * Where and whether `--fix` writes a fixed file: through symlinks only to targets inside the paths
 * named on the command line (resolved), atomically, and only over the bytes that were read.
 */
import { realpathSync } from 'node:fs';
import path from 'node:path';
import { errorMessage } from '../project/validate';
import { type FileSystem, replaceFile } from './atomic-write';

export type WriteResult =
  | { kind: 'written' }
  /** Not written on purpose (a symlink out of the checked paths); a warning. */
  | { kind: 'skipped'; reason: string }
  /** Not written although it should have been (changed meanwhile, a failed write); an error. */
  | { kind: 'failed'; reason: string };

/**
 * Writes `content` over `file` (resolving symlinks), which held `original` when it was read.
 * `writableRoots` are the real paths named on the command line; without them, only the file itself.
 */
export function writeFixedFile(
  file: string,
  original: Uint8Array,
  content: Uint8Array,
  writableRoots?: readonly string[],
  fs?: FileSystem,
): WriteResult {
  let target: string;
  try {
    target = realpathSync(file);
  } catch (error) {
    return { kind: 'failed', reason: `fixes not written (${errorMessage(error)})` };
  }
  if (writableRoots && !writableRoots.some((root) => isInside(target, root))) {
    return {
      kind: 'skipped',
      reason: `fixes not written: a symlink to ${target}, outside the checked paths`,
    };
  }
  const outcome = replaceFile(target, original, content, fs);
  switch (outcome.kind) {
    case 'replaced':
      return { kind: 'written' };
    case 'changed':
      return {
        kind: 'failed',
        reason:
          'changed on disk since it was read (saved by another program?); left as it is, fixes not written',
      };
    case 'failed':
      return { kind: 'failed', reason: `fixes not written (${outcome.message}); the file is unchanged` };
  }
}

/** The real paths of the paths named on the command line (those that exist). */
export function realRoots(paths: readonly string[]): string[] {
  const roots: string[] = [];
  for (const given of paths) {
    try {
      roots.push(realpathSync(path.resolve(given)));
    } catch {
      // A missing path is reported by the walk.
    }
  }
  return roots;
}

function isInside(file: string, root: string): boolean {
  if (file === root) return true;
  return file.startsWith(root.endsWith(path.sep) ? root : root + path.sep);
}
