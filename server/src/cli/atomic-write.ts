/**
 * Replacing a file so that it is never seen half-written: the new content goes to a temporary file in
 * the same folder, is flushed to disk, and is renamed over the original (rename is atomic on one
 * file system). A kill at any moment leaves the original or the new content, never a mix; a failure
 * leaves the original and removes the temporary file. Just before the rename, the original is read
 * again: if it no longer holds the bytes the caller read (another program saved it meanwhile), it is
 * left alone. The file system is a parameter so that tests can make any step fail.
 */
import * as nodeFs from 'node:fs';
import path from 'node:path';
import { errorMessage } from '../project/validate';

/** The calls this module makes; `node:fs` in production, a fault-injecting wrapper in tests. */
export type FileSystem = Pick<
  typeof nodeFs,
  | 'openSync'
  | 'writeSync'
  | 'fsyncSync'
  | 'closeSync'
  | 'fchmodSync'
  | 'fchownSync'
  | 'renameSync'
  | 'unlinkSync'
  | 'readFileSync'
  | 'statSync'
  | 'accessSync'
>;

export type ReplaceOutcome =
  | { kind: 'replaced' }
  /** The file no longer holds the bytes that were read: it was left as it is. */
  | { kind: 'changed' }
  /** Something failed; the original is untouched and the temporary file removed. */
  | { kind: 'failed'; message: string };

/** Temporary files are `.NAME.pyconv-PID-RANDOM.tmp`: hidden, and never taken for Python files. */
export function temporaryNameFor(file: string): string {
  const random = Math.random().toString(36).slice(2, 10);
  return path.join(path.dirname(file), `.${path.basename(file)}.pyconv-${process.pid}-${random}.tmp`);
}

export const TEMPORARY_FILE_PATTERN = /^\..*\.pyconv-\d+-[0-9a-z]+\.tmp$/;

/**
 * Replaces `file` (a real path, not a symlink) with `content` if it still holds `expected`, keeping
 * its permission bits (and its owner where allowed).
 */
export function replaceFile(
  file: string,
  expected: Uint8Array,
  content: Uint8Array,
  fs: FileSystem = nodeFs,
): ReplaceOutcome {
  let stat: nodeFs.Stats;
  try {
    stat = fs.statSync(file);
    // Renaming over a read-only file would succeed (only the folder's permission counts): refuse.
    fs.accessSync(file, nodeFs.constants.W_OK);
  } catch (error) {
    return { kind: 'failed', message: errorMessage(error) };
  }
  const temporary = temporaryNameFor(file);
  try {
    writeDurably(temporary, content, stat, fs);
    if (!sameBytes(fs.readFileSync(file), expected)) {
      removeQuietly(temporary, fs);
      return { kind: 'changed' };
    }
    fs.renameSync(temporary, file);
  } catch (error) {
    removeQuietly(temporary, fs);
    return { kind: 'failed', message: errorMessage(error) };
  }
  syncFolder(path.dirname(file), fs);
  return { kind: 'replaced' };
}

/**
 * Writes `content` to `file`, creating it or replacing what is there (`--output-file`), so that it is
 * never seen half-written; a symlink is followed. A new file gets mode 0644 (before the umask).
 */
export function writeFileAtomically(
  file: string,
  content: Uint8Array,
  fs: FileSystem = nodeFs,
): ReplaceOutcome {
  let target = path.resolve(file);
  let like: Pick<nodeFs.Stats, 'mode' | 'uid' | 'gid'>;
  try {
    target = nodeFs.realpathSync(target);
    like = fs.statSync(target);
  } catch {
    like = { mode: 0o644 & ~currentUmask(), uid: process.getuid?.() ?? -1, gid: process.getgid?.() ?? -1 };
  }
  const temporary = temporaryNameFor(target);
  try {
    writeDurably(temporary, content, like, fs);
    fs.renameSync(temporary, target);
  } catch (error) {
    removeQuietly(temporary, fs);
    return { kind: 'failed', message: errorMessage(error) };
  }
  syncFolder(path.dirname(target), fs);
  return { kind: 'replaced' };
}

/** The process's umask, read without changing it for long (0o022 where it cannot be read). */
function currentUmask(): number {
  try {
    const mask = process.umask(0o022);
    process.umask(mask);
    return mask;
  } catch {
    return 0o022;
  }
}

/** Creates `file` (it must not exist), writes all of `content`, sets the mode, flushes and closes it. */
function writeDurably(
  file: string,
  content: Uint8Array,
  like: Pick<nodeFs.Stats, 'mode' | 'uid' | 'gid'>,
  fs: FileSystem,
): void {
  const fd = fs.openSync(file, 'wx', 0o600);
  try {
    let offset = 0;
    while (offset < content.length) offset += fs.writeSync(fd, content, offset, content.length - offset);
    try {
      fs.fchownSync(fd, like.uid, like.gid);
    } catch {
      // Only root (or the owner, for its own groups) may; the file then gets ours, as an editor's save would.
    }
    // After the owner: changing it clears the set-user-ID bit.
    fs.fchmodSync(fd, like.mode & 0o7777);
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

/** Makes the rename itself durable; some file systems cannot sync a folder, which is no error. */
function syncFolder(folder: string, fs: FileSystem): void {
  try {
    const fd = fs.openSync(folder, 'r');
    try {
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
  } catch {
    // Best effort: the content itself is already flushed.
  }
}

function removeQuietly(file: string, fs: FileSystem): void {
  try {
    fs.unlinkSync(file);
  } catch {
    // It was never created, or is already gone.
  }
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return Buffer.compare(a, b) === 0;
}

export interface Replacement {
  /** A real path (not a symlink). */
  file: string;
  /** The bytes the caller read. */
  expected: Uint8Array;
  content: Uint8Array;
}

/**
 * Replaces several files together or none of them (a rename across modules): every new content is
 * first written to a temporary file and flushed, and every original checked against the bytes
 * read; only then is each original kept as a hidden backup (a hard link) and the temporary file
 * renamed over it. If a rename fails, the files already replaced get their backups back. Any
 * failure leaves every original as it was and no temporary file behind.
 */
export function replaceFilesTogether(
  replacements: readonly Replacement[],
  fs: FileSystem = nodeFs,
): ReplaceOutcome {
  const staged: Array<{ file: string; temporary: string }> = [];
  const cleanUp = () => {
    for (const { temporary } of staged) removeQuietly(temporary, fs);
  };
  try {
    for (const { file, content } of replacements) {
      const stat = fs.statSync(file);
      fs.accessSync(file, nodeFs.constants.W_OK);
      const temporary = temporaryNameFor(file);
      staged.push({ file, temporary });
      writeDurably(temporary, content, stat, fs);
    }
    for (const { file, expected } of replacements) {
      if (!sameBytes(fs.readFileSync(file), expected)) {
        cleanUp();
        return { kind: 'changed' };
      }
    }
  } catch (error) {
    cleanUp();
    return { kind: 'failed', message: errorMessage(error) };
  }
  return swapIn(staged, fs);
}

/** Renames the staged files over the originals, restoring those already replaced when one fails. */
function swapIn(staged: ReadonlyArray<{ file: string; temporary: string }>, fs: FileSystem): ReplaceOutcome {
  const backups: Array<{ file: string; backup: string }> = [];
  const done: Array<{ file: string; backup: string }> = [];
  try {
    for (const { file } of staged) {
      const backup = temporaryNameFor(file);
      nodeFs.linkSync(file, backup);
      backups.push({ file, backup });
    }
    for (const [index, { file, temporary }] of staged.entries()) {
      fs.renameSync(temporary, file);
      done.push(backups[index]!);
    }
  } catch (error) {
    for (const { file, backup } of done) {
      try {
        fs.renameSync(backup, file);
      } catch {
        // The backup stays beside the file (`.NAME.pyconv-….tmp`) for the user to restore.
      }
    }
    for (const { temporary } of staged) removeQuietly(temporary, fs);
    for (const { backup } of backups) if (!done.some((d) => d.backup === backup)) removeQuietly(backup, fs);
    return { kind: 'failed', message: errorMessage(error) };
  }
  for (const { backup } of backups) removeQuietly(backup, fs);
  for (const folder of new Set(staged.map(({ file }) => path.dirname(file)))) syncFolder(folder, fs);
  return { kind: 'replaced' };
}
