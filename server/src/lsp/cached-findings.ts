import path from 'node:path';
import { cacheRootForFolder, openProjectCache } from '../cli/cache';
import type { Diagnostic as EngineDiagnostic } from '../engine/types';
import { ConfigCache } from '../project/config';
import type { ClientSettings } from './client-settings';
import type { DocumentConfig } from './project-configs';
import { fsPathOf } from './uris';

/**
 * The findings of a document just opened as the findings cache holds them (`.pyconv_cache/`,
 * written by the CLI and the workspace diagnostics: project/results-cache.ts), or undefined.
 *
 * Only an exact match counts: the entry of the file's path was made by this build, for the
 * document's effective configuration (editor settings included: the same `EngineConfig`
 * fingerprint the workspace diagnostics key it by) and from the very text in the editor (SHA-256
 * of its UTF-8 bytes; the file on disk is not read). The cache validates what it reads; a foreign,
 * corrupt or unreadable cache is no answer, never an error. Fixes are dropped: code actions take
 * the server's own analysis of the version (a cached fix may have been resolved against another
 * tree), and published diagnostics carry none anyway.
 */
export function cachedFindings(
  uri: string,
  text: string,
  config: DocumentConfig,
  settings: ClientSettings,
  folderUris: readonly string[],
): EngineDiagnostic[] | undefined {
  const file = fsPathOf(uri);
  // Notebooks are answered by their cells' analysis; a cached notebook finding is placed by cell.
  if (!file || !/\.pyi?$/i.test(file)) return undefined;
  const folder = innermostFolder(file, folderUris);
  if (!folder) return undefined;
  try {
    // As the workspace diagnostics find the cache of a folder (its `cache-dir` key, PYCONV_CACHE_DIR).
    const configs = new ConfigCache({
      overrides: settings.overrides,
      preference: settings.configurationPreference,
      fallbackRoots: [folder],
    });
    const cache = openProjectCache(cacheRootForFolder(folder, configs), configs);
    const { config: engineConfig, file: info } = config.fileConfig;
    return cache
      .findingsOfText(file, engineConfig, info, text)
      ?.map(({ code, message, range, severity }) => ({ code, message, range, severity, fix: null }));
  } catch {
    return undefined;
  }
}

function innermostFolder(file: string, folderUris: readonly string[]): string | undefined {
  let found: string | undefined;
  for (const uri of folderUris) {
    const root = fsPathOf(uri);
    if (!root) continue;
    const inside = file.startsWith(root.endsWith(path.sep) ? root : root + path.sep);
    if (inside && (!found || root.length > found.length)) found = root;
  }
  return found;
}
