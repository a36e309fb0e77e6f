import type { Parser } from 'web-tree-sitter';
import { analyze } from '../engine/analyze';
import type { FixPassAnalysis } from '../engine/fix-loop';
import { resolveFixes } from '../engine/resolve-fixes';
import type { Tree } from '../engine/types';
import type { ParseModule } from '../parser/python';
import { allRules } from '../rules/registry';
import type { ClientSettings } from './client-settings';
import type { OpenDocument } from './documents';
import type { ClientMessages } from './messages';
import type { DocumentConfig } from './project-configs';

function isPython(document: OpenDocument): boolean {
  return document.languageId === 'python' || /\.pyi?$/i.test(document.uri);
}

/** Whether the document is checked at all: enabled, Python, not excluded, not over `max-file-size`. */
export function shouldAnalyze(
  document: OpenDocument,
  config: DocumentConfig,
  settings: ClientSettings,
  messages: ClientMessages,
): boolean {
  if (!settings.enable || !isPython(document) || config.fileConfig.excluded) return false;
  const limit = config.fileConfig.maxFileSize;
  const text = document.text.getText();
  // UTF-16 length is a lower bound of the UTF-8 size: measure exactly only near the limit.
  if (limit !== undefined && text.length * 3 > limit && Buffer.byteLength(text, 'utf8') > limit) {
    messages.showOnce(
      `pyconv: ${document.uri} is larger than max-file-size (${limit} bytes); it is not checked.`,
    );
    return false;
  }
  return true;
}

/** A throwaway analysis of another text with the document's configuration (fix-all passes, debugging). */
export function analyzeFresh(
  parser: Parser,
  text: string,
  config: DocumentConfig,
  parse: ParseModule,
): FixPassAnalysis | undefined {
  return withTree(parse(parser, text), (tree) => analyzeTree(text, tree, config));
}

/** As `analyzeFresh`, with lazy fixes (renames) given their edits while the tree exists. */
export function analyzeFreshResolvingFixes(
  parser: Parser,
  text: string,
  config: DocumentConfig,
  parse: ParseModule,
): FixPassAnalysis | undefined {
  return withTree(parse(parser, text), (tree) => {
    const analysed = analyzeTree(text, tree, config);
    return { ...analysed, diagnostics: resolveFixes(analysed.diagnostics, tree.rootNode) };
  });
}

function analyzeTree(text: string, tree: Tree, config: DocumentConfig): FixPassAnalysis {
  const { fileConfig } = config;
  const { diagnostics } = analyze({
    rules: allRules,
    source: text,
    tree,
    config: fileConfig.config,
    file: fileConfig.file,
  });
  return { diagnostics, hasSyntaxError: tree.rootNode.hasError };
}

function withTree(tree: Tree | null, use: (tree: Tree) => FixPassAnalysis): FixPassAnalysis | undefined {
  if (!tree) return undefined;
  try {
    return use(tree);
  } finally {
    tree.delete();
  }
}
