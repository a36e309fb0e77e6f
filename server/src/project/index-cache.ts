/**
 * The project index's summaries kept between sessions, beside the findings cache (`.pyconv_cache/`
 * at the project root, or `cache-dir`): one JSON file per project root, summaries keyed by the
 * SHA-256 of the file's text, so a renamed or copied file is still a hit. Read as untrusted: a
 * malformed file or entry is ignored (rebuilt), never an error; written by temporary file + rename.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { ModuleSummary } from '../analysis/module-summary';
import { replaceAtomically, writeGitignore } from './results-cache';
import { errorMessage } from './validate';

/** Bump when the summary's shape or meaning changes. */
const INDEX_CACHE_FORMAT = 1;

interface IndexCacheFile {
  format: number;
  version: string;
  summaries: Record<string, ModuleSummary>;
}

const isStringArray = (value: unknown): value is string[] =>
  Array.isArray(value) && value.every((item) => typeof item === 'string');

function isSummary(value: unknown): value is ModuleSummary {
  const summary = value as Partial<ModuleSummary> | null;
  return (
    typeof summary === 'object' &&
    summary !== null &&
    Array.isArray(summary.imports) &&
    summary.imports.every(
      (fact) => typeof fact === 'object' && fact !== null && typeof fact.module === 'string',
    ) &&
    isStringArray(summary.attributeChains) &&
    isStringArray(summary.namesAsStrings) &&
    isStringArray(summary.patchTargets)
  );
}

export class IndexCache {
  private readonly stored: Map<string, ModuleSummary>;
  private readonly used = new Map<string, ModuleSummary>();

  private constructor(
    private readonly file: string,
    private readonly version: string,
  ) {
    this.stored = readSummaries(file, version);
  }

  /** The cache of the project `root`, kept in `directory`. */
  static open(directory: string, root: string, version: string): IndexCache {
    const name = createHash('sha256').update(path.resolve(root)).digest('hex').slice(0, 16);
    return new IndexCache(
      path.join(path.resolve(directory), `index-${INDEX_CACHE_FORMAT}-${name}.json`),
      version,
    );
  }

  get(hash: string): ModuleSummary | undefined {
    const summary = this.stored.get(hash) ?? this.used.get(hash);
    if (summary) this.used.set(hash, summary);
    return summary;
  }

  set(hash: string, summary: ModuleSummary): void {
    this.used.set(hash, summary);
  }

  /** Writes the summaries used this session (the others belonged to texts no longer there); an error message or undefined. */
  save(): string | undefined {
    try {
      const directory = path.dirname(this.file);
      mkdirSync(directory, { recursive: true });
      writeGitignore(directory);
      const data: IndexCacheFile = {
        format: INDEX_CACHE_FORMAT,
        version: this.version,
        summaries: Object.fromEntries(this.used),
      };
      replaceAtomically(this.file, JSON.stringify(data));
      return undefined;
    } catch (error) {
      return `cannot write the index cache ${this.file} (${errorMessage(error)})`;
    }
  }
}

function readSummaries(file: string, version: string): Map<string, ModuleSummary> {
  const summaries = new Map<string, ModuleSummary>();
  let data: Partial<IndexCacheFile> | null;
  try {
    data = JSON.parse(readFileSync(file, 'utf8')) as Partial<IndexCacheFile> | null;
  } catch {
    return summaries;
  }
  if (data?.format !== INDEX_CACHE_FORMAT || data.version !== version || typeof data.summaries !== 'object')
    return summaries;
  for (const [hash, summary] of Object.entries(data.summaries ?? {})) {
    if (isSummary(summary)) summaries.set(hash, summary);
  }
  return summaries;
}
