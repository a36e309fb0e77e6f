import { type AnalysisCache, analyze } from '../../server/src/engine/analyze';
import type { Rule } from '../../server/src/engine/rule';
import type { EngineConfig, FileInfo } from '../../server/src/engine/types';
import { DocumentStore, type OpenDocument } from '../../server/src/lsp/documents';
import { WindowPublisher } from '../../server/src/lsp/window-publish';
import { getParser } from './analyze';

/**
 * A document opened in a store of its own and analysed whole, as the scheduler does on open; `whole`
 * analyses it whole again (from the cache), `window` publishes from `windows` where one applies
 * (then parses windows far apart into the tree, as after the publish's writing), `windowNotAbsorbed`
 * publishes as if the next change came before that.
 */
export async function openedWithWindows(
  text: string,
  windows: WindowPublisher,
  input: { config: EngineConfig; file: FileInfo; rules: readonly Rule[] },
) {
  const store = new DocumentStore(await getParser());
  const document = store.open('file:///w.py', 'python', 1, text);
  let cache: AnalysisCache | undefined;
  const whole = (doc: OpenDocument) => {
    const result = analyze({ source: doc.text.getText(), tree: doc.tree, ...input }, cache);
    cache = result.cache;
    windows.wholeAnalysed(doc, '', result.diagnostics, input.rules);
    return result.diagnostics;
  };
  whole(document);
  const windowNotAbsorbed = () => windows.analyze(document, '', input, cache);
  // As the scheduler does: a publish's windows far apart are parsed into the tree once it is written.
  const window = () => {
    const published = windowNotAbsorbed();
    windows.absorbPublished(document);
    return published;
  };
  return { store, document, whole, window, windowNotAbsorbed };
}

/**
 * Windows made without the last analysis's statements and diagnostics: every statement's result
 * placed again, its module facts collected from every statement (what a splicing window must equal).
 */
export class WholeAssemblyPublisher extends WindowPublisher {
  protected override startingCache(wholeCache: AnalysisCache | undefined): AnalysisCache | undefined {
    const cache = super.startingCache(wholeCache);
    return cache && { ...cache, assembly: undefined, statements: undefined };
  }
}
