/**
 * Findings kept between runs (`.pyconv_cache/` at the project root), so that an unchanged file is
 * neither read by the parser nor analysed again. Neutral on purpose: the CLI uses it today and the
 * server's workspace diagnostics can share it (it knows files and the engine's types, not LSP).
 *
 * One JSON file per project root holds an entry per file, by path relative to
 * the root. An entry is used only when its *context* (cache format, pyconv version, the file's
 * effective `EngineConfig` fingerprint, its `FileInfo` and relative path) and its *content* (a
 * SHA-256 of the file's bytes) both match. Like Ruff and git, a stat check (size, mtime, inode)
 * spares reading and hashing; but a stamp is trusted only when the file's mtime was at least
 * `RACY_WINDOW_MS` older than the moment it was checked. A file saved within that window of being
 * checked (or with an mtime in the future) is read and hashed on every run until a run records a
 * settled stamp, so a same-size edit in the same mtime tick is never missed. What it cannot see: an
 * edit of the same size whose mtime was deliberately set back to the old value on the same inode.
 *
 * Everything read from the cache is untrusted: a file that does not parse, another format or
 * version, or an entry of the wrong shape is ignored (and rewritten), never an error. Writes go
 * to a temporary file that is renamed over the cache file, so concurrent runs can only lose each
 * other's new entries, never corrupt the file. Entries not seen for `MAX_UNSEEN_DAYS` are dropped.
 */
import { createHash } from 'node:crypto';
import {
  mkdirSync,
  readdirSync,
  readFileSync,
  realpathSync,
  renameSync,
  type Stats,
  statSync,
  unlinkSync,
  writeFileSync,
} from 'node:fs';
import path from 'node:path';
import type { Diagnostic, EngineConfig, FileInfo, Fix, Range, Severity } from '../engine/types';
import type { CellFinding } from '../notebook/ipynb-positions';
import { errorMessage } from './validate';

/**
 * Bump when the entry shape or what the findings mean changes: older files are then ignored. (A
 * notebook finding's ninth element came within format 1: the build identity in `version` already
 * keeps every other build's entries out, and a bump would leave the old file behind in each cache.)
 */
export const CACHE_FORMAT = 1;
export const CACHE_FOLDER_NAME = '.pyconv_cache';
/** A file modified less than this before it was checked may still change within the same mtime tick. */
export const RACY_WINDOW_MS = 2000;
const MAX_UNSEEN_DAYS = 30;
const DAY_MS = 24 * 60 * 60 * 1000;

interface Stamp {
  size: number;
  mtimeMs: number;
  ino: number;
}

interface Entry {
  context: string;
  content: string;
  stamp: Stamp;
  /** When the file was stat'ed before it was read (ms since the epoch). */
  checkedAt: number;
  /** The last day (days since the epoch) a run asked for this file. */
  seenDay: number;
  /** Stored form (see `toStoredDiagnostic`); checked when the entry is used. */
  diagnostics: unknown[];
}

/** A finding as kept: in a notebook, with its cell and its range in the file's text. */
export type CachedDiagnostic = Diagnostic & CellFinding;

interface UsableEntry {
  entry: Entry;
  diagnostics: CachedDiagnostic[];
}

interface CacheFile {
  format: number;
  version: string;
  root: string;
  entries: Record<string, Entry>;
}

/** What the caller must hand back to `store` once the file has been checked. */
export interface PendingEntry {
  readonly file: string;
  readonly relative: string;
  readonly context: string;
  readonly content: string;
  readonly stamp: Stamp;
  readonly checkedAt: number;
}

export type Lookup =
  | { kind: 'hit'; diagnostics: CachedDiagnostic[] }
  /** Check the file, then `store(pending, diagnostics)`; no pending when the file cannot even be read. */
  | { kind: 'miss'; pending?: PendingEntry };

/** Where the cache of a run lives: `--cache-dir`, else `PYCONV_CACHE_DIR`, else the `cache-dir` key, else the root's. */
export function cacheDirectory(
  root: string,
  choices: { option?: string; env?: string; configured?: string },
): string {
  const chosen = choices.option || choices.env || choices.configured;
  return chosen ? path.resolve(chosen) : path.join(root, CACHE_FOLDER_NAME);
}

export class ResultsCache {
  private readonly entries: Map<string, Entry>;
  private readonly today = Math.floor(Date.now() / DAY_MS);
  private readonly contexts = new Map<string, string>();
  private changed = false;

  private constructor(
    private readonly file: string,
    private readonly root: string,
    /** The root's real path: what the cache file is named by and records as its root. */
    private readonly realRoot: string,
    private readonly version: string,
    entries: Map<string, Entry>,
  ) {
    this.entries = entries;
  }

  /** Opens the cache of `root` in `directory`; an unreadable or foreign cache file opens empty. */
  static open(directory: string, root: string, version: string): ResultsCache {
    const absoluteRoot = path.resolve(root);
    // The CLI's working folder is a real path (process.cwd()) where the editor may name the same
    // folder through a symbolic link: both open one file. Entries stay relative to `root`.
    const realRoot = realPathOr(absoluteRoot);
    // One file per root, whatever the version: another version's file is ignored and replaced.
    const name = createHash('sha256').update(realRoot).digest('hex').slice(0, 16);
    const file = path.join(path.resolve(directory), `results-${CACHE_FORMAT}-${name}.json`);
    return new ResultsCache(file, absoluteRoot, realRoot, version, readEntries(file, realRoot, version));
  }

  /** The cached findings of `file`, or what to store once it has been checked. Never throws. */
  lookup(file: string, config: EngineConfig, info: FileInfo): Lookup {
    const relative = this.relativeOf(file);
    const context = this.contextOf(config, info, relative);
    const checkedAt = Date.now();
    let stats: Stats;
    try {
      stats = statSync(file);
    } catch {
      return { kind: 'miss' };
    }
    const stamp = stampOf(stats);
    const usable = this.usableEntry(relative, context);
    if (usable && sameStamp(usable.entry.stamp, stamp) && isSettled(usable.entry)) return this.hit(usable);
    let bytes: Buffer;
    try {
      bytes = readFileSync(file);
    } catch {
      return { kind: 'miss' };
    }
    const content = sha256(bytes);
    if (usable && usable.entry.content === content) {
      // Same bytes under a new stamp (touched, copied): record it so that the next run is fast.
      usable.entry.stamp = stamp;
      usable.entry.checkedAt = checkedAt;
      this.changed = true;
      return this.hit(usable);
    }
    return { kind: 'miss', pending: { file, relative, context, content, stamp, checkedAt } };
  }

  /**
   * For runs that record nothing (`--fix`): the cached findings of `file`, if any. The file is read
   * only to confirm an entry made in this context, never otherwise (it is read once, by its checker).
   */
  findings(file: string, config: EngineConfig, info: FileInfo): CachedDiagnostic[] | undefined {
    const relative = this.relativeOf(file);
    if (!this.usableEntry(relative, this.contextOf(config, info, relative))) return undefined;
    const lookup = this.lookup(file, config, info);
    return lookup.kind === 'hit' ? lookup.diagnostics : undefined;
  }

  /**
   * The cached findings of `file` if its entry was made in this context from exactly `text` (an
   * editor's buffer, which may differ from the file on disk): the file is neither stat'ed nor read.
   */
  findingsOfText(
    file: string,
    config: EngineConfig,
    info: FileInfo,
    text: string,
  ): CachedDiagnostic[] | undefined {
    const relative = this.relativeOf(file);
    const usable = this.usableEntry(relative, this.contextOf(config, info, relative));
    if (!usable || usable.entry.content !== sha256(Buffer.from(text, 'utf8'))) return undefined;
    return usable.diagnostics;
  }

  /** Records the findings of a file checked after `lookup`, unless it changed meanwhile. */
  store(pending: PendingEntry, diagnostics: readonly CachedDiagnostic[]): void {
    try {
      if (!sameStamp(stampOf(statSync(pending.file)), pending.stamp)) return;
    } catch {
      return;
    }
    const { context, content, stamp, checkedAt } = pending;
    const stored = diagnostics.map(toStoredDiagnostic);
    this.entries.set(pending.relative, {
      context,
      content,
      stamp,
      checkedAt,
      seenDay: this.today,
      diagnostics: stored,
    });
    this.changed = true;
  }

  /**
   * Writes the cache if anything changed (dropping entries not seen for a month), with a
   * `.gitignore` of `*` in its folder. Returns an error message instead of throwing.
   */
  save(): string | undefined {
    for (const [relative, entry] of this.entries) {
      if (entry.seenDay < this.today - MAX_UNSEEN_DAYS) {
        this.entries.delete(relative);
        this.changed = true;
      }
    }
    if (!this.changed) return undefined;
    try {
      const directory = path.dirname(this.file);
      mkdirSync(directory, { recursive: true });
      writeGitignore(directory);
      removeAbandonedTemporaries(directory);
      const data: CacheFile = {
        format: CACHE_FORMAT,
        version: this.version,
        root: this.realRoot,
        entries: Object.fromEntries(this.entries),
      };
      replaceAtomically(this.file, JSON.stringify(data));
    } catch (error) {
      return `cannot write the cache ${this.file} (${errorMessage(error)})`;
    }
    this.changed = false;
    return undefined;
  }

  /** The entry of `relative` if it was made in this context, with its findings if they are well-formed. */
  private usableEntry(relative: string, context: string): UsableEntry | undefined {
    const entry = this.entries.get(relative);
    if (!entry || entry.context !== context) return undefined;
    const diagnostics = validDiagnostics(entry.diagnostics);
    if (diagnostics) return { entry, diagnostics };
    // Not trusted: dropped now, written afresh once the file is checked.
    this.entries.delete(relative);
    this.changed = true;
    return undefined;
  }

  private hit({ entry, diagnostics }: UsableEntry): Lookup {
    if (entry.seenDay !== this.today) {
      entry.seenDay = this.today;
      this.changed = true;
    }
    return { kind: 'hit', diagnostics };
  }

  private relativeOf(file: string): string {
    return path.relative(this.root, path.resolve(file)).split(path.sep).join('/');
  }

  private contextOf(config: EngineConfig, info: FileInfo, relative: string): string {
    const fileKey = JSON.stringify([
      info.path ?? null,
      info.isPackageInit,
      info.isPrivateModule,
      info.isStub,
    ]);
    const key = `${CACHE_FORMAT}\u0000${this.version}\u0000${relative}\u0000${fileKey}\u0000${config.fingerprint}`;
    let hash = this.contexts.get(key);
    if (hash === undefined) {
      hash = sha256(Buffer.from(key, 'utf8'));
      this.contexts.set(key, hash);
    }
    return hash;
  }
}

function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

function stampOf(stats: Stats): Stamp {
  return { size: stats.size, mtimeMs: stats.mtimeMs, ino: stats.ino };
}

function sameStamp(a: Stamp, b: Stamp): boolean {
  return a.size === b.size && a.mtimeMs === b.mtimeMs && a.ino === b.ino;
}

/** The stamp proves the content only if the file was last written well before it was checked. */
function isSettled(entry: Entry): boolean {
  return entry.checkedAt - entry.stamp.mtimeMs >= RACY_WINDOW_MS;
}

/**
 * Temporary file + rename: readers see the old cache or the new one, never a part. No fsync: a cache
 * lost in a crash is only rebuilt (the CLI's `atomic-write.ts` is for users' files; this layer is below it).
 */
export function replaceAtomically(file: string, text: string): void {
  const temporary = `${file}.${process.pid}-${Math.random().toString(36).slice(2, 10)}.tmp`;
  try {
    writeFileSync(temporary, text, { flag: 'wx' });
    renameSync(temporary, file);
  } catch (error) {
    try {
      unlinkSync(temporary);
    } catch {
      // Never created, or already renamed.
    }
    throw error;
  }
}

/** Temporary files of runs killed before their rename, once they are an hour old. */
function removeAbandonedTemporaries(directory: string): void {
  const hourAgo = Date.now() - 60 * 60 * 1000;
  for (const name of readdirSync(directory)) {
    if (!name.endsWith('.tmp')) continue;
    try {
      const file = path.join(directory, name);
      if (statSync(file).mtimeMs < hourAgo) unlinkSync(file);
    } catch {
      // Removed by another run meanwhile.
    }
  }
}

export function writeGitignore(directory: string): void {
  const file = path.join(directory, '.gitignore');
  try {
    statSync(file);
  } catch {
    // Like Ruff's `.ruff_cache`: the folder ignores itself, whatever the repository's .gitignore says.
    writeFileSync(file, '# Automatically created by pyconv.\n*\n');
  }
}

function realPathOr(folder: string): string {
  try {
    return realpathSync(folder);
  } catch {
    return folder;
  }
}

/** The entries of a cache file, keeping only well-formed ones; empty when the file is missing or foreign. */
function readEntries(file: string, root: string, version: string): Map<string, Entry> {
  const entries = new Map<string, Entry>();
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return entries;
  }
  if (!isObject(data) || data.format !== CACHE_FORMAT || data.version !== version || data.root !== root)
    return entries;
  if (!isObject(data.entries)) return entries;
  for (const [relative, entry] of Object.entries(data.entries)) {
    // Diagnostics are checked when used (`hit`): most entries of a large cache are never looked up twice.
    if (isEntryShell(entry)) entries.set(relative, entry);
  }
  return entries;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isEntryShell(value: unknown): value is Entry {
  if (!isObject(value)) return false;
  const { context, content, stamp, checkedAt, seenDay, diagnostics } = value;
  return (
    typeof context === 'string' &&
    typeof content === 'string' &&
    isObject(stamp) &&
    typeof stamp.size === 'number' &&
    typeof stamp.mtimeMs === 'number' &&
    typeof stamp.ino === 'number' &&
    typeof checkedAt === 'number' &&
    typeof seenDay === 'number' &&
    Array.isArray(diagnostics)
  );
}

const SEVERITIES: readonly Severity[] = ['error', 'warning', 'information', 'hint'];

/*
 * Stored form (compact: a warm run parses every entry): a diagnostic is
 * `[code, message, severity index, start line, start character, end line, end character, fix or 0]`,
 * a fix `[title, safe 0|1, [edit's 4 positions and new text, ...], unavailable or 0, snippet 0|1|2]`
 * (snippet 2: not set). A notebook's finding has a ninth element, `[cell]` or `[cell, file range's
 * 4 positions]`.
 */
type StoredFix = [string, number, unknown[], string | 0, number];
type StoredCell = [number] | [number, number, number, number, number];
type StoredDiagnostic =
  | [string, string, number, number, number, number, number, StoredFix | 0]
  | [string, string, number, number, number, number, number, StoredFix | 0, StoredCell];

function toStoredDiagnostic(diagnostic: CachedDiagnostic): StoredDiagnostic {
  const { code, message, range, severity, fix, cell, fileRange } = diagnostic;
  const { start, end } = range;
  const stored: StoredDiagnostic = [
    code,
    message,
    SEVERITIES.indexOf(severity),
    start.line,
    start.character,
    end.line,
    end.character,
    0,
  ];
  if (fix) {
    const edits = fix.edits.flatMap((e) => [
      e.range.start.line,
      e.range.start.character,
      e.range.end.line,
      e.range.end.character,
      e.newText,
    ]);
    stored[7] = [
      fix.title,
      fix.safe ? 1 : 0,
      edits,
      fix.unavailable ?? 0,
      fix.snippet === undefined ? 2 : fix.snippet ? 1 : 0,
    ];
  }
  if (cell === undefined) return stored;
  const place: StoredCell = fileRange
    ? [cell, fileRange.start.line, fileRange.start.character, fileRange.end.line, fileRange.end.character]
    : [cell];
  return [...stored, place] as StoredDiagnostic;
}

/** The diagnostics rebuilt from untrusted stored data; undefined if any is malformed. */
function validDiagnostics(values: readonly unknown[]): CachedDiagnostic[] | undefined {
  const diagnostics: CachedDiagnostic[] = [];
  for (const value of values) {
    const diagnostic = validDiagnostic(value);
    if (!diagnostic) return undefined;
    diagnostics.push(diagnostic);
  }
  return diagnostics;
}

function validDiagnostic(value: unknown): CachedDiagnostic | undefined {
  if (!Array.isArray(value) || (value.length !== 8 && value.length !== 9)) return undefined;
  const [code, message, severityIndex] = value as unknown[];
  const range = rangeAt(value, 3);
  const severity = typeof severityIndex === 'number' ? SEVERITIES[severityIndex] : undefined;
  if (typeof code !== 'string' || typeof message !== 'string' || !range || !severity) return undefined;
  const storedFix: unknown = value[7];
  const fix = storedFix === 0 ? null : validFix(storedFix);
  if (fix === undefined) return undefined;
  const diagnostic: CachedDiagnostic = { code, message, range, severity, fix };
  if (value.length === 8) return diagnostic;
  const place = validCell(value[8]);
  return place && { ...diagnostic, ...place };
}

/** A notebook finding's `[cell]` or `[cell, file range]`. */
function validCell(value: unknown): Omit<CellFinding, 'range'> | undefined {
  if (!Array.isArray(value) || !isCount(value[0]) || value[0] < 1) return undefined;
  const cell = value[0];
  if (value.length === 1) return { cell };
  const fileRange = value.length === 5 ? rangeAt(value, 1) : undefined;
  return fileRange && { cell, fileRange };
}

function validFix(value: unknown): Fix | undefined {
  if (!Array.isArray(value) || value.length !== 5) return undefined;
  const [title, safe, flatEdits, unavailable, snippet] = value as unknown[];
  if (typeof title !== 'string' || (safe !== 0 && safe !== 1) || !Array.isArray(flatEdits)) return undefined;
  if (flatEdits.length % 5 !== 0) return undefined;
  const edits: Fix['edits'] = [];
  for (let i = 0; i < flatEdits.length; i += 5) {
    const range = rangeAt(flatEdits, i);
    const newText = flatEdits[i + 4];
    if (!range || typeof newText !== 'string') return undefined;
    edits.push({ range, newText });
  }
  const fix: Fix = { title, safe: safe === 1, edits };
  if (snippet === 0 || snippet === 1) fix.snippet = snippet === 1;
  else if (snippet !== 2) return undefined;
  if (typeof unavailable === 'string') fix.unavailable = unavailable;
  else if (unavailable !== 0) return undefined;
  return fix;
}

/** Four whole numbers from `at` on, as a range. */
function rangeAt(values: readonly unknown[], at: number): Range | undefined {
  const sl = values[at];
  const sc = values[at + 1];
  const el = values[at + 2];
  const ec = values[at + 3];
  if (!isCount(sl) || !isCount(sc) || !isCount(el) || !isCount(ec)) return undefined;
  return { start: { line: sl, character: sc }, end: { line: el, character: ec } };
}

function isCount(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0;
}
