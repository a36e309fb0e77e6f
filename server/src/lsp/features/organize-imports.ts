import { type CodeAction, CodeActionKind } from 'vscode-languageserver';
import { makeEngineConfig } from '../../engine/config';
import { type AnalyzeForFixes, fixUntilStable } from '../../engine/fix-loop';
import type { OpenDocument } from '../documents';
import type { DocumentConfig } from '../project-configs';
import { minimalEdit } from './minimal-edit';

export const ORGANIZE_IMPORTS_KIND = `${CodeActionKind.SourceOrganizeImports}.pyconv`;
export const ORGANIZE_IMPORTS_TITLE = 'pyconv: Organize imports';
/** The rule whose fix sorts an import block. */
const SORT_IMPORTS = 'I001';

/**
 * The document's configuration with I001 alone enabled: organizing imports sorts them whether or
 * not I001 is selected (as Ruff's `source.organizeImports` does), with the project's isort options.
 */
export function organizeImportsConfig(config: DocumentConfig): DocumentConfig {
  const engine = config.fileConfig.config;
  return {
    ...config,
    fileConfig: {
      ...config.fileConfig,
      config: makeEngineConfig({
        enabled: [SORT_IMPORTS],
        targetVersion: engine.targetVersion,
        options: engine.options as Record<string, Record<string, unknown>>,
      }),
    },
  };
}

/**
 * `source.organizeImports.pyconv`: the import blocks sorted (I001's fix, safe, repeated until
 * stable); undefined when they are sorted already. `analyzeText` analyses with
 * `organizeImportsConfig`.
 */
export function organizeImportsAction(
  document: OpenDocument,
  analyzeText: AnalyzeForFixes,
): CodeAction | undefined {
  const text = document.text.getText();
  const sorted = fixUntilStable(text, analyzeText, { unsafe: false }).text;
  if (sorted === text) return undefined;
  return {
    title: ORGANIZE_IMPORTS_TITLE,
    kind: ORGANIZE_IMPORTS_KIND,
    edit: { changes: { [document.uri]: [minimalEdit(document, text, sorted)] } },
  };
}
