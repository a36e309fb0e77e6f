import type { Alias, AnnotatedImport } from './annotate';
import type { IsortSettings } from './settings';

export interface FromData {
  module?: string;
  level: number;
}

export interface CommentSet {
  atop: string[];
  inline: string[];
  trailing: string[];
}

export interface StraightImport {
  alias: Alias;
  firstIndex: number;
  atop: string[];
  inline: string[];
}

export interface FromMember {
  alias: Alias;
  comments: CommentSet;
}

export interface FromImport {
  data: FromData;
  firstIndex: number;
  comments: CommentSet;
  members: Map<string, FromMember>;
  trailingComma: boolean;
}

/** Deduplicated imports of a block, keyed like Ruff's maps. */
export interface NormalizedBlock {
  straight: Map<string, StraightImport>;
  /** `from m import a, b` (and `as` forms when combined). */
  from: Map<string, FromImport>;
  /** One entry per `from m import a as b` member. */
  fromAs: Map<string, FromImport>;
  fromStar: Map<string, FromImport>;
}

export const emptyComments = (): CommentSet => ({ atop: [], inline: [], trailing: [] });

const aliasKey = (alias: Alias): string => `${alias.name}\u0000${alias.asname ?? '\u0001'}`;
const fromKey = (data: FromData): string => `${data.level}\u0000${data.module ?? '\u0001'}`;

function entry<T>(map: Map<string, T>, key: string, make: () => T): T {
  let value = map.get(key);
  if (!value) {
    value = make();
    map.set(key, value);
  }
  return value;
}

/** Merges duplicate imports and same-module `from` imports, keeping each one's comments. */
export function normalizeImports(
  imports: readonly AnnotatedImport[],
  settings: IsortSettings,
): NormalizedBlock {
  const block: NormalizedBlock = {
    straight: new Map(),
    from: new Map(),
    fromAs: new Map(),
    fromStar: new Map(),
  };
  imports.forEach((annotated, index) => {
    if (annotated.kind === 'import')
      addStraight(block, annotated.names, annotated.atop, annotated.inline, index);
    else addFrom(block, annotated, index, settings);
  });
  return block;
}

function addStraight(
  block: NormalizedBlock,
  names: Alias[],
  atop: string[],
  inline: string[],
  index: number,
): void {
  const make = (alias: Alias) => () => ({ alias, firstIndex: index, atop: [], inline: [] });
  const first = names[0];
  if (first) {
    const target = entry(block.straight, aliasKey(first), make(first));
    target.atop.push(...atop);
    target.inline.push(...inline);
  }
  for (const alias of names) entry(block.straight, aliasKey(alias), make(alias));
}

type AnnotatedFrom = Extract<AnnotatedImport, { kind: 'from' }>;

function addFrom(block: NormalizedBlock, imp: AnnotatedFrom, index: number, settings: IsortSettings): void {
  const data: FromData = { module: imp.module, level: imp.level };
  const make = () => (): FromImport => ({
    data,
    firstIndex: index,
    comments: emptyComments(),
    members: new Map(),
    trailingComma: false,
  });
  const isolate =
    settings.forceSingleLine &&
    (imp.module === undefined || !settings.singleLineExclusions.includes(imp.module)) &&
    imp.names[0]?.name !== '*';
  const target = (alias: Alias): FromImport => {
    if (alias.name === '*') return entry(block.fromStar, fromKey(data), make());
    if (!isolate && (alias.asname === undefined || settings.combineAsImports))
      return entry(block.from, fromKey(data), make());
    return entry(block.fromAs, `${fromKey(data)}\u0002${aliasKey(alias)}`, make());
  };

  if (isolate) {
    imp.names.forEach((alias, i) => {
      const statement = target(alias);
      if (i === 0) statement.comments.atop.push(...imp.atop);
      statement.comments.inline.push(...imp.inline);
      statement.comments.trailing.push(...imp.trailing);
    });
  } else if (imp.names[0]) {
    const statement = target(imp.names[0]);
    statement.comments.atop.push(...imp.atop);
    statement.comments.inline.push(...imp.inline);
    statement.comments.trailing.push(...imp.trailing);
  }

  for (const alias of imp.names) {
    const statement = target(alias);
    const plain: Alias = { name: alias.name, asname: alias.asname };
    const member = entry(statement.members, aliasKey(plain), () => ({
      alias: plain,
      comments: emptyComments(),
    }));
    member.comments.atop.push(...alias.atop);
    member.comments.inline.push(...alias.inline);
    member.comments.trailing.push(...alias.trailing);
    if (!isolate && imp.trailingComma) statement.trailingComma = true;
  }
}
