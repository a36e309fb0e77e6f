import type { Node } from '../../../engine/types';
import type { CommentInfo } from './comments';
import type { SourceText } from './text';

export interface Alias {
  name: string;
  asname?: string;
}

export interface AnnotatedAlias extends Alias {
  atop: string[];
  inline: string[];
  trailing: string[];
}

export type AnnotatedImport =
  | { kind: 'import'; names: Alias[]; atop: string[]; inline: string[] }
  | {
      kind: 'from';
      module?: string;
      level: number;
      names: AnnotatedAlias[];
      atop: string[];
      inline: string[];
      trailing: string[];
      trailingComma: boolean;
    };

/** A cursor over the block's comments, consumed in order as each import claims its own. */
class CommentCursor {
  private index = 0;
  constructor(private readonly comments: readonly CommentInfo[]) {}

  takeWhile(test: (c: CommentInfo) => boolean): string[] {
    const taken: string[] = [];
    while (this.index < this.comments.length && test(this.comments[this.index])) {
      taken.push(this.comments[this.index].text);
      this.index++;
    }
    return taken;
  }
}

/**
 * Attaches the block's comments to its imports as Ruff does: comments above a statement, on its
 * first line, above or beside each member of a parenthesised `from` import, and after it.
 */
export function annotateImports(
  imports: readonly Node[],
  comments: readonly CommentInfo[],
  text: SourceText,
  splitOnTrailingComma: boolean,
): AnnotatedImport[] {
  const cursor = new CommentCursor(comments);
  return imports.map((node) =>
    node.type === 'import_statement'
      ? annotateImport(node, cursor, text)
      : annotateFrom(node, cursor, text, splitOnTrailingComma),
  );
}

function annotateImport(node: Node, cursor: CommentCursor, text: SourceText): AnnotatedImport {
  const atop = cursor.takeWhile((c) => c.start < node.startIndex);
  const lineEnd = text.lineEnd(node.endIndex);
  const inline = cursor.takeWhile((c) => c.end <= lineEnd);
  const names = node.childrenForFieldName('name').flatMap((n) => (n ? [aliasOf(n)] : []));
  return { kind: 'import', names, atop, inline };
}

function annotateFrom(
  node: Node,
  cursor: CommentCursor,
  text: SourceText,
  splitOnTrailingComma: boolean,
): AnnotatedImport {
  const { module, level } = fromModule(node);
  const aliasNodes = memberNodes(node);
  const atop = cursor.takeWhile((c) => c.start < node.startIndex);
  let inline: string[] = [];
  const first = aliasNodes[0];
  if (aliasNodes.length > 1 || (first && /[\r\n]/.test(text.text.slice(node.startIndex, first.startIndex)))) {
    const firstLineEnd = text.lineEnd(node.startIndex);
    inline = cursor.takeWhile((c) => c.end <= firstLineEnd);
  }
  const names: AnnotatedAlias[] = aliasNodes.map((aliasNode) => {
    const aliasAtop = cursor.takeWhile((c) => c.start < aliasNode.startIndex);
    const aliasLineEnd = text.lineEnd(aliasNode.endIndex);
    const aliasInline = cursor.takeWhile((c) => c.end <= aliasLineEnd);
    const alias = aliasNode.type === 'wildcard_import' ? { name: '*' } : aliasOf(aliasNode);
    return { ...alias, atop: aliasAtop, inline: aliasInline, trailing: [] };
  });
  const last = names[names.length - 1];
  if (last) last.trailing.push(...cursor.takeWhile((c) => c.start < node.endIndex));
  const lineEnd = text.lineEnd(node.endIndex);
  const trailing = cursor.takeWhile((c) => c.start < lineEnd);
  const trailingComma = splitOnTrailingComma && hasMagicTrailingComma(node);
  return { kind: 'from', module, level, names, atop, inline, trailing, trailingComma };
}

export function aliasOf(node: Node): Alias {
  if (node.type === 'aliased_import') {
    return {
      name: node.childForFieldName('name')?.text ?? '',
      asname: node.childForFieldName('alias')?.text,
    };
  }
  return { name: node.text };
}

/** The imported members: `name` fields, or the `*` of a star import. */
export function memberNodes(node: Node): Node[] {
  const names = node.childrenForFieldName('name').filter((n): n is Node => n !== null);
  if (names.length > 0) return names;
  const star = node.namedChildren.find((c) => c?.type === 'wildcard_import');
  return star ? [star] : [];
}

/** `from ..pkg import x` -> module `pkg`, level 2; `from __future__ import x` -> `__future__`. */
export function fromModule(node: Node): { module?: string; level: number } {
  if (node.type === 'future_import_statement') return { module: '__future__', level: 0 };
  const moduleNode = node.childForFieldName('module_name');
  if (!moduleNode) return { level: 0 };
  if (moduleNode.type !== 'relative_import') return { module: moduleNode.text, level: 0 };
  const prefix = moduleNode.namedChildren.find((c) => c?.type === 'import_prefix');
  const dotted = moduleNode.namedChildren.find((c) => c?.type === 'dotted_name');
  return { module: dotted?.text, level: prefix ? prefix.text.replace(/[^.]/g, '').length : 0 };
}

/** A parenthesised member list whose last element is followed by a comma. */
function hasMagicTrailingComma(node: Node): boolean {
  const children = node.children.filter((c): c is Node => c !== null && c.type !== 'comment');
  const close = children.findIndex((c) => c.type === ')');
  return close > 0 && children[close - 1].type === ',';
}
