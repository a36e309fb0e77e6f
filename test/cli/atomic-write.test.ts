/**
 * The atomic replacement under faults injected through its file-system parameter: a full disk, a
 * folder that cannot be written, a failed flush or rename, a kill between any two calls, and a file
 * saved by someone else in between. The original must survive every one of them.
 */
import * as fs from 'node:fs';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  type FileSystem,
  replaceFile,
  replaceFilesTogether,
  TEMPORARY_FILE_PATTERN,
} from '../../server/src/cli/atomic-write';

const dir = mkdtempSync(path.join(tmpdir(), 'pyconv-atomic-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const ORIGINAL = Buffer.from(`${'def f():\n    pass\n'.repeat(40)}`);
const FIXED = Buffer.from(`${'def f() -> None:\n    pass\n'.repeat(40)}`);

let counter = 0;
/** A fresh folder with `m.py` holding ORIGINAL. */
function original(mode = 0o644): string {
  const folder = path.join(dir, `case${counter++}`);
  fs.mkdirSync(folder);
  const file = path.join(folder, 'm.py');
  writeFileSync(file, ORIGINAL);
  fs.chmodSync(file, mode);
  return file;
}

/** What is in the folder besides the file itself (leftover temporary files). */
function others(file: string): string[] {
  return readdirSync(path.dirname(file)).filter((name) => name !== path.basename(file));
}

const realFs: FileSystem = {
  openSync: fs.openSync,
  writeSync: fs.writeSync,
  fsyncSync: fs.fsyncSync,
  closeSync: fs.closeSync,
  fchmodSync: fs.fchmodSync,
  fchownSync: fs.fchownSync,
  renameSync: fs.renameSync,
  unlinkSync: fs.unlinkSync,
  readFileSync: fs.readFileSync,
  statSync: fs.statSync,
  accessSync: fs.accessSync,
};

function errnoError(code: string, call: string): NodeJS.ErrnoException {
  return Object.assign(new Error(`${code}: simulated failure, ${call}`), { code });
}

/** `realFs` where one call fails with `code`. */
function failing(call: keyof FileSystem, code: string): FileSystem {
  return {
    ...realFs,
    [call]: () => {
      throw errnoError(code, call);
    },
  };
}

/** A disk with room for `room` more bytes: writes beyond it fail with ENOSPC. */
function fullDisk(room: number): FileSystem {
  let left = room;
  return {
    ...realFs,
    writeSync: ((fd: number, buffer: Uint8Array, offset: number, length: number) => {
      if (left === 0) throw errnoError('ENOSPC', 'write');
      const written = fs.writeSync(fd, buffer, offset, Math.min(length, left));
      left -= written;
      return written;
    }) as FileSystem['writeSync'],
  };
}

describe('replaceFile', () => {
  it('replaces the content, keeps the mode, and leaves no temporary file', () => {
    for (const mode of [0o640, 0o755, 0o600]) {
      const file = original(mode);
      expect(replaceFile(file, ORIGINAL, FIXED)).toEqual({ kind: 'replaced' });
      expect(readFileSync(file)).toEqual(FIXED);
      expect(statSync(file).mode & 0o7777).toBe(mode);
      expect(others(file)).toEqual([]);
    }
  });

  it('disk full: the original stays, the temporary file is removed, the error is given', () => {
    for (const room of [0, 100, FIXED.length - 1]) {
      const file = original();
      const outcome = replaceFile(file, ORIGINAL, FIXED, fullDisk(room));
      expect(outcome).toMatchObject({ kind: 'failed', message: expect.stringContaining('ENOSPC') });
      expect(readFileSync(file)).toEqual(ORIGINAL);
      expect(others(file)).toEqual([]);
    }
  });

  it('a folder that cannot be written, a failed flush, close or rename: the original stays', () => {
    const faults: Array<[keyof FileSystem, string]> = [
      ['openSync', 'EACCES'],
      ['fsyncSync', 'EIO'],
      ['closeSync', 'EIO'],
      ['fchmodSync', 'EPERM'],
      ['renameSync', 'EXDEV'],
      ['readFileSync', 'EIO'],
    ];
    for (const [call, code] of faults) {
      const file = original();
      const outcome = replaceFile(file, ORIGINAL, FIXED, failing(call, code));
      expect(outcome, call).toMatchObject({ kind: 'failed', message: expect.stringContaining(code) });
      expect(readFileSync(file), call).toEqual(ORIGINAL);
      expect(others(file), call).toEqual([]);
    }
  });

  it('refuses to replace a read-only file (a rename would succeed where a write would not)', () => {
    const file = original(0o444);
    const outcome = replaceFile(file, ORIGINAL, FIXED, failing('accessSync', 'EACCES'));
    expect(outcome).toMatchObject({ kind: 'failed', message: expect.stringContaining('EACCES') });
    expect(readFileSync(file)).toEqual(ORIGINAL);
  });

  it('leaves a file that no longer holds the bytes that were read', () => {
    const file = original();
    const theirs = Buffer.concat([ORIGINAL, Buffer.from('# saved by another program\n')]);
    writeFileSync(file, theirs);
    expect(replaceFile(file, ORIGINAL, FIXED)).toEqual({ kind: 'changed' });
    expect(readFileSync(file)).toEqual(theirs);
    expect(others(file)).toEqual([]);
  });
});

/**
 * A process killed before its `step`-th file-system call: that call and every later one (cleanup
 * included) never happen. Writes go out 64 bytes at a time, so a kill can land inside one.
 */
class Killed extends Error {}
function killedAt(step: number): FileSystem {
  let calls = 0;
  const guard =
    <A extends unknown[], R>(call: (...args: A) => R) =>
    (...args: A): R => {
      if (calls++ >= step) throw new Killed();
      return call(...args);
    };
  const chunkedWrite = (fd: number, buffer: Uint8Array, offset: number, length: number) =>
    fs.writeSync(fd, buffer, offset, Math.min(length, 64));
  return {
    openSync: guard(fs.openSync),
    writeSync: guard(chunkedWrite) as FileSystem['writeSync'],
    fsyncSync: guard(fs.fsyncSync),
    closeSync: guard(fs.closeSync),
    fchmodSync: guard(fs.fchmodSync),
    fchownSync: guard(fs.fchownSync),
    renameSync: guard(fs.renameSync),
    unlinkSync: guard(fs.unlinkSync),
    readFileSync: guard(fs.readFileSync) as FileSystem['readFileSync'],
    statSync: guard(fs.statSync) as FileSystem['statSync'],
    accessSync: guard(fs.accessSync),
  };
}

/** Kills `write` before each of its calls in turn; returns the file contents seen afterwards. */
function contentsAfterEveryKill(write: (file: string, fs: FileSystem) => void): Buffer[] {
  const seen: Buffer[] = [];
  for (let step = 0; step < 1000; step++) {
    const file = original();
    let finished = true;
    try {
      write(file, killedAt(step));
    } catch (error) {
      if (!(error instanceof Killed)) throw error;
      finished = false;
    }
    seen.push(readFileSync(file));
    for (const name of others(file)) expect(name).toMatch(TEMPORARY_FILE_PATTERN);
    if (finished) return seen;
  }
  throw new Error('the write never finished');
}

describe('a kill between any two file-system calls', () => {
  it('leaves the original or the new content, never anything else', () => {
    const seen = contentsAfterEveryKill((file, faulty) => {
      // The module returns 'failed' for errors it sees; a kill is not one it may swallow.
      const outcome = replaceFile(file, ORIGINAL, FIXED, faulty);
      if (outcome.kind !== 'replaced') throw new Killed();
    });
    expect(seen.length).toBeGreaterThan(10);
    for (const content of seen) expect([ORIGINAL, FIXED]).toContainEqual(content);
    expect(seen.at(-1)).toEqual(FIXED);
  });

  it('catches a truncate-and-write, as the CLI did before', () => {
    const seen = contentsAfterEveryKill((file, faulty) => {
      const fd = faulty.openSync(file, 'w');
      let offset = 0;
      while (offset < FIXED.length) offset += faulty.writeSync(fd, FIXED, offset, FIXED.length - offset);
      faulty.closeSync(fd);
    });
    expect(seen.some((content) => !content.equals(ORIGINAL) && !content.equals(FIXED))).toBe(true);
  });
});

describe('replaceFilesTogether (a rename across files: all or none)', () => {
  /** Three files holding ORIGINAL, each in its own folder. */
  const three = () => [original(), original(), original()];
  const all = (files: string[]) => files.map((file) => ({ file, expected: ORIGINAL, content: FIXED }));

  it('replaces every file and leaves no temporary file or backup', () => {
    const files = three();
    expect(replaceFilesTogether(all(files))).toEqual({ kind: 'replaced' });
    for (const file of files) {
      expect(readFileSync(file)).toEqual(FIXED);
      expect(others(file)).toEqual([]);
    }
  });

  it('a failed write of any file, or one changed meanwhile: no file changes', () => {
    const files = three();
    expect(replaceFilesTogether(all(files), fullDisk(FIXED.length * 2 + 10))).toMatchObject({
      kind: 'failed',
    });
    writeFileSync(files[2], 'saved by someone else\n');
    expect(replaceFilesTogether(all(files))).toEqual({ kind: 'changed' });
    expect(files.slice(0, 2).map((file) => readFileSync(file))).toEqual([ORIGINAL, ORIGINAL]);
    for (const file of files) expect(others(file)).toEqual([]);
  });

  it('the third rename fails: the two files already replaced get their originals back', () => {
    const files = three();
    let renames = 0;
    const failsThird: FileSystem = {
      ...realFs,
      renameSync: ((from: fs.PathLike, to: fs.PathLike) => {
        if (++renames === 3) throw errnoError('EIO', 'rename');
        fs.renameSync(from, to);
      }) as FileSystem['renameSync'],
    };
    expect(replaceFilesTogether(all(files), failsThird)).toMatchObject({
      kind: 'failed',
      message: expect.stringContaining('EIO'),
    });
    for (const file of files) {
      expect(readFileSync(file)).toEqual(ORIGINAL);
      expect(others(file)).toEqual([]);
    }
  });
});
