/**
 * The server's project index (project/project-index.ts): built in the background after
 * `initialized`, with `window/workDoneProgress`, from the workspace folders' Python files (the
 * CLI's walk, `project/walk.ts`, through `workspacePythonFiles`); summaries cached between sessions
 * (project/index-cache.ts). Open documents are summarised from their current text when a rename
 * asks (`refreshOpenDocuments`); closed files follow `didChangeWatchedFiles`.
 */
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import type { Connection } from 'vscode-languageserver';
import type { Parser } from 'web-tree-sitter';
import { version } from '../../../package.json';
import { ConfigCache } from '../project/config';
import { IndexCache } from '../project/index-cache';
import { sourceRoots } from '../project/module-resolution';
import { contentHash, ProjectIndex, summarizeText } from '../project/project-index';
import { cacheDirectory } from '../project/results-cache';
import { collectFiles } from '../project/walk';
import type { DocumentStore, OpenDocument } from './documents';
import type { ServerLog } from './log';
import { fsPathOf } from './uris';

/** How long the build runs before it yields to requests. */
const SLICE_MS = 15;

/** The Python files of the workspace folders, as the CLI's walk finds them (exclude, .gitignore). */
export function workspacePythonFiles(folders: readonly string[], configs: ConfigCache): string[] {
  return collectFiles(folders, configs).files;
}

export interface IndexFigures {
  files: number;
  parsed: number;
  fromCache: number;
  ms: number;
}

export class ProjectIndexService {
  readonly index = new ProjectIndex();
  private building: Promise<IndexFigures> | undefined;
  private folders: string[] = [];
  /** The version of each open document the index last summarised. */
  private readonly summarised = new Map<string, number>();
  private generation = 0;

  constructor(
    private readonly connection: Connection,
    private readonly parser: Parser,
    private readonly documents: DocumentStore,
    private readonly log: ServerLog,
  ) {}

  /** Whether the workspace has folders to index at all. */
  get hasFolders(): boolean {
    return this.folders.length > 0;
  }

  /** Whether the first build has finished. */
  ready = false;

  /** Starts a build deferred by `start` at once (a rename waits for the index). */
  private startNow: (() => void) | undefined;

  /**
   * (Re)builds the index of these folders (`file:` URIs or paths) in the background, once `after`
   * settles (the server's first diagnostics need the CPU more) or a rename asks, whichever is first.
   */
  start(folderUris: readonly string[], after: Promise<void> = Promise.resolve()): Promise<IndexFigures> {
    this.folders = folderUris
      .map((uri) => fsPathOf(uri) ?? uri)
      .filter((folder) => folder.startsWith('/') || /^[A-Za-z]:/.test(folder));
    const generation = ++this.generation;
    this.ready = false;
    const asked = new Promise<void>((resolve) => {
      this.startNow = resolve;
    });
    this.building = Promise.race([after, asked]).then(() => this.build(generation));
    return this.building;
  }

  /** Resolves once the index is built (at once when it is), starting a deferred build now. */
  async whenReady(): Promise<void> {
    this.startNow?.();
    await this.building;
  }

  private async build(generation: number): Promise<IndexFigures> {
    const started = performance.now();
    const configs = new ConfigCache({ fallbackRoots: this.folders });
    const roots = this.folders.flatMap((folder) => {
      const project = configs.projectFor(folder);
      return sourceRoots(project.root, project.settings.src);
    });
    this.index.setRoots([...roots, ...this.folders]);
    const files = workspacePythonFiles(this.folders, configs);
    const progress = await this.connection.window.createWorkDoneProgress();
    progress.begin('pyconv: indexing the project', 0, `${files.length} files`);
    const caches = new Map(
      this.folders.map((folder) => {
        const project = configs.projectFor(folder);
        const configured = project.settings['cache-dir'];
        const directory = cacheDirectory(project.root, {
          configured: configured && `${project.root}/${configured}`,
        });
        return [folder, IndexCache.open(directory, project.root, version)] as const;
      }),
    );
    let parsed = 0;
    let fromCache = 0;
    let sliceStart = performance.now();
    for (const [done, file] of files.entries()) {
      if (generation !== this.generation) break;
      if (performance.now() - sliceStart > SLICE_MS) {
        progress.report(Math.round((done / files.length) * 100), `${done}/${files.length} files`);
        await new Promise((resolve) => setImmediate(resolve));
        sliceStart = performance.now();
      }
      if (this.documentAt(file)) continue; // summarised from its text when asked
      const text = readText(file);
      if (text === undefined) continue;
      const hash = contentHash(text);
      const cache = caches.get(this.folders.find((folder) => file.startsWith(folder)) ?? '');
      let summary = cache?.get(hash);
      if (summary) fromCache++;
      else {
        summary = summarizeText(this.parser, text);
        cache?.set(hash, summary);
        parsed++;
      }
      this.index.set(file, hash, summary);
    }
    for (const cache of caches.values()) {
      const problem = cache.save();
      if (problem) this.log.warn(problem);
    }
    progress.done();
    const figures = { files: files.length, parsed, fromCache, ms: Math.round(performance.now() - started) };
    if (generation === this.generation) {
      this.ready = true;
      this.log.info(
        `project index: ${figures.files} files (${figures.parsed} parsed, ${figures.fromCache} from the cache) in ${figures.ms} ms`,
      );
    }
    return figures;
  }

  /** Summarises the open documents changed since they were last summarised. */
  refreshOpenDocuments(): void {
    this.refreshOpenDocumentsBut(undefined);
  }

  /**
   * `refreshOpenDocuments` for every open document but `uri`: what other modules import from a file
   * depends on its own text only through a static `__all__` (for `*` imports), taken as of its last
   * summary, so the file is not parsed again on each keystroke (a code action is asked after each).
   */
  refreshOpenDocumentsBut(uri: string | undefined): void {
    for (const document of this.documents.all()) {
      const file = fsPathOf(document.uri);
      if (!file || document.uri === uri || this.summarised.get(document.uri) === document.text.version)
        continue;
      const text = document.text.getText();
      const hash = contentHash(text);
      if (this.index.get(file)?.hash !== hash) this.index.set(file, hash, summarizeText(this.parser, text));
      this.summarised.set(document.uri, document.text.version);
    }
  }

  /** A document was closed: the file on disk is what counts again. */
  closed(uri: string): void {
    this.summarised.delete(uri);
    this.fileChanged(uri);
  }

  /** `didChangeWatchedFiles` for a Python file: read again, or dropped when deleted. */
  fileChanged(uri: string, deleted?: 'deleted'): void {
    const file = fsPathOf(uri);
    if (!file || !/\.pyi?$/.test(file) || this.documents.get(uri)) return;
    const text = deleted ? undefined : readText(file);
    if (text === undefined) {
      this.index.remove(file);
      return;
    }
    const hash = contentHash(text);
    if (this.index.get(file)?.hash !== hash) this.index.set(file, hash, summarizeText(this.parser, text));
  }

  /** The current text of a file: the open document's (with its URI and version), else the file's on disk. */
  textOf(file: string): { text: string; uri: string; version?: number } | undefined {
    const document = this.documentAt(file);
    if (document) return { text: document.text.getText(), uri: document.uri, version: document.text.version };
    const text = readText(file);
    return text === undefined ? undefined : { text, uri: pathToFileURL(file).href };
  }

  /** The open document of a file, whatever the spelling of its URI. */
  private documentAt(file: string): OpenDocument | undefined {
    return this.documents.all().find((document) => fsPathOf(document.uri) === file);
  }
}

function readText(file: string): string | undefined {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
}
