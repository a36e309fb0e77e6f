import type { Alias } from './annotate';
import { type CategorizeContext, categorize } from './categorize';
import { natordCompare } from './natord';
import type { CommentSet, FromImport, FromMember, NormalizedBlock, StraightImport } from './normalize';
import type { IsortSettings } from './settings';
import type { LineWidth } from './text';

export interface Style {
  lineEnding: string;
  /** The file's indentation unit, used for the members of wrapped `from` imports. */
  indentation: string;
  /** Width of the block's own indentation, where each line starts. */
  startWidth: LineWidth;
}

type Ordered =
  | { kind: 'import'; entry: StraightImport }
  | { kind: 'from'; entry: FromImport; members: FromMember[] };

/** The sorted, sectioned text of a block (without its trailing blank lines). */
export function formatBlock(block: NormalizedBlock, ctx: CategorizeContext, style: Style): string {
  const { settings } = ctx;
  const sections = new Map<string, { straight: StraightImport[]; from: FromImport[] }>();
  const section = (name: string) => {
    let value = sections.get(name);
    if (!value) {
      value = { straight: [], from: [] };
      sections.set(name, value);
    }
    return value;
  };
  for (const entry of block.straight.values())
    section(categorize(entry.alias.name, 0, ctx)).straight.push(entry);
  for (const map of [block.from, block.fromAs, block.fromStar]) {
    for (const entry of map.values()) {
      const name = '.'.repeat(entry.data.level) + (entry.data.module ?? '');
      section(categorize(name, entry.data.level, ctx)).from.push(entry);
    }
  }

  let output = '';
  let first = true;
  for (const name of settings.sectionOrder) {
    const imports = sections.get(name);
    if (!imports) continue;
    if (!first) output += style.lineEnding;
    first = false;
    let isFirstStatement = true;
    for (const item of orderImports(imports.straight, imports.from, name === 'future', settings)) {
      output +=
        item.kind === 'import'
          ? formatImport(item.entry, isFirstStatement, style)
          : formatFrom(item.entry, item.members, isFirstStatement, style, settings);
      isFirstStatement = false;
    }
  }
  return output;
}

function orderImports(
  straight: StraightImport[],
  from: FromImport[],
  isFuture: boolean,
  settings: IsortSettings,
): Ordered[] {
  const straightItems: Ordered[] = straight
    .slice()
    .sort((a, b) => compareStraight(a, b, settings))
    .map((entry) => ({ kind: 'import', entry }));
  const fromItems = from.map((entry) => ({
    kind: 'from' as const,
    entry,
    members: [...entry.members.values()].sort((a, b) => compareMembers(a.alias, b.alias, settings)),
  }));
  fromItems.sort((a, b) => compareFrom(a, b, settings));
  if (isFuture) return [...fromItems, ...straightItems];
  if (!settings.forceSortWithinSections) return [...straightItems, ...fromItems];
  return [...straightItems, ...fromItems].sort((a, b) => {
    const order = compareModuleKeys(moduleKeyOf(a), moduleKeyOf(b), settings);
    return order || firstIndexOf(a) - firstIndexOf(b);
  });
}

interface ModuleKey {
  name?: string;
  asname?: string;
  level: number;
  firstAlias?: Alias;
}

function moduleKeyOf(item: Ordered): ModuleKey {
  if (item.kind === 'import')
    return { name: item.entry.alias.name, asname: item.entry.alias.asname, level: 0 };
  return { name: item.entry.data.module, level: item.entry.data.level, firstAlias: item.members[0]?.alias };
}

function firstIndexOf(item: Ordered): number {
  return item.entry.firstIndex;
}

function compareStraight(a: StraightImport, b: StraightImport, settings: IsortSettings): number {
  const order = compareModuleKeys(
    { name: a.alias.name, asname: a.alias.asname, level: 0 },
    { name: b.alias.name, asname: b.alias.asname, level: 0 },
    settings,
  );
  return order || a.firstIndex - b.firstIndex;
}

function compareFrom(
  a: { entry: FromImport; members: FromMember[] },
  b: { entry: FromImport; members: FromMember[] },
  settings: IsortSettings,
): number {
  const keyA = { name: a.entry.data.module, level: a.entry.data.level, firstAlias: a.members[0]?.alias };
  const keyB = { name: b.entry.data.module, level: b.entry.data.level, firstAlias: b.members[0]?.alias };
  return compareModuleKeys(keyA, keyB, settings) || a.entry.firstIndex - b.entry.firstIndex;
}

/** `None` sorts before any value, as Rust's `Option` does. */
function compareOptional<T>(a: T | undefined, b: T | undefined, compare: (x: T, y: T) => number): number {
  if (a === undefined) return b === undefined ? 0 : -1;
  if (b === undefined) return 1;
  return compare(a, b);
}

/** Relative imports: furthest first by default (`..` before `.`); absolute ones after them. */
function distanceRank(level: number, settings: IsortSettings): [number, number] {
  if (level === 0) return [2, 0];
  return settings.relativeImportsOrder === 'closest-to-furthest' ? [0, level] : [1, -level];
}

function compareModuleKeys(a: ModuleKey, b: ModuleKey, settings: IsortSettings): number {
  const [ra, da] = distanceRank(a.level, settings);
  const [rb, db] = distanceRank(b.level, settings);
  if (ra !== rb) return ra - rb;
  if (da !== db) return da - db;
  if (!settings.caseSensitive) {
    const order = compareOptional(a.name?.toLowerCase(), b.name?.toLowerCase(), natordCompare);
    if (order) return order;
  }
  return (
    compareOptional(a.name, b.name, natordCompare) ||
    compareOptional(a.firstAlias, b.firstAlias, (x, y) => compareMembers(x, y, settings)) ||
    compareOptional(a.asname, b.asname, natordCompare)
  );
}

enum MemberType {
  Constant = 0,
  Class = 1,
  Variable = 2,
}

// Made once: a regular expression literal is a new object each time it is evaluated.
const UPPERCASE = /\p{Uppercase}/u;
const LOWERCASE = /\p{Lowercase}/u;

function isUpper(c: string): boolean {
  return UPPERCASE.test(c);
}

function isLower(c: string): boolean {
  return LOWERCASE.test(c);
}

/**
 * Whether `name` takes more than one byte in UTF-8 (the length Ruff's order-by-type compares): more than
 * one UTF-16 unit, or one unit outside ASCII (a lone surrogate too). No encoder, no buffer.
 */
function longerThanOneByte(name: string): boolean {
  return name.length > 1 || (name.length === 1 && name.charCodeAt(0) >= 0x80);
}

/** `CONSTANT`, `Class` or `variable`, by case, as isort's order-by-type does. */
function memberType(name: string): MemberType {
  let cased = false;
  let upper = true;
  for (const c of name) {
    if (isLower(c)) {
      upper = false;
      break;
    }
    if (isUpper(c)) cased = true;
  }
  if (longerThanOneByte(name) && upper && cased) return MemberType.Constant;
  const first = name[0];
  if (first !== undefined && isUpper(String.fromCodePoint(name.codePointAt(0) ?? 0))) return MemberType.Class;
  return MemberType.Variable;
}

/** The order of a `from` import's members under the isort settings. */
export function compareMembers(a: Alias, b: Alias, settings: IsortSettings): number {
  const starA = a.name === '*' ? 0 : 1;
  const starB = b.name === '*' ? 0 : 1;
  if (starA !== starB) return starA - starB;
  if (settings.orderByType) {
    const order = memberType(a.name) - memberType(b.name);
    if (order) return order;
  }
  if (!settings.caseSensitive) {
    const order = natordCompare(a.name.toLowerCase(), b.name.toLowerCase());
    if (order) return order;
  }
  return natordCompare(a.name, b.name) || compareOptional(a.asname, b.asname, natordCompare);
}

function aliasText(alias: Alias): string {
  return alias.asname === undefined ? alias.name : `${alias.name} as ${alias.asname}`;
}

function atopLines(atop: readonly string[], isFirst: boolean, style: Style): string {
  if (atop.length === 0) return '';
  return (isFirst ? '' : style.lineEnding) + atop.map((c) => c + style.lineEnding).join('');
}

function formatImport(entry: StraightImport, isFirst: boolean, style: Style): string {
  const inline = entry.inline.map((c) => `  ${c}`).join('');
  return `${atopLines(entry.atop, isFirst, style)}import ${aliasText(entry.alias)}${inline}${style.lineEnding}`;
}

function hasComments(comments: CommentSet): boolean {
  return comments.atop.length > 0 || comments.inline.length > 0 || comments.trailing.length > 0;
}

function formatFrom(
  entry: FromImport,
  members: FromMember[],
  isFirst: boolean,
  style: Style,
  settings: IsortSettings,
): string {
  const single = () => formatSingleLine(entry, members, isFirst, style);
  if (members.length === 1 && members[0].alias.name === '*' && members[0].alias.asname === undefined)
    return single().text;
  const trailingComma = settings.splitOnTrailingComma && entry.trailingComma;
  const inlinable = members.length === 1 || members.every((m) => !hasComments(m.comments));
  const wrapAllowed =
    !settings.forceWrapAliases || members.length === 1 || members.every((m) => m.alias.asname === undefined);
  if (!trailingComma && inlinable && wrapAllowed) {
    const { text, width } = single();
    if (width <= settings.lineLength || members.some((m) => m.alias.name === '*')) return text;
  }
  return formatMultiLine(entry, members, isFirst, style);
}

function moduleText(entry: FromImport): string {
  return '.'.repeat(entry.data.level) + (entry.data.module ?? '');
}

function formatSingleLine(
  entry: FromImport,
  members: FromMember[],
  isFirst: boolean,
  style: Style,
): { text: string; width: number } {
  const module = moduleText(entry);
  let text = `from ${module} import ${members.map((m) => aliasText(m.alias)).join(', ')}`;
  let width = style.startWidth.addWidth(5).addStr(module).addWidth(8);
  members.forEach((m, i) => {
    width =
      m.alias.asname === undefined
        ? width.addStr(m.alias.name)
        : width.addStr(m.alias.name).addWidth(4).addStr(m.alias.asname);
    if (i < members.length - 1) width = width.addWidth(2);
  });
  const comments = [
    ...entry.comments.inline,
    ...members.flatMap((m) => [...m.comments.atop, ...m.comments.inline, ...m.comments.trailing]),
    ...entry.comments.trailing,
  ];
  for (const comment of comments) {
    text += `  ${comment}`;
    // Ruff leaves pragma comments (`# noqa`, `# type: ignore`, ...) out of the line width.
    if (!containsPragma(comment)) width = width.addWidth(2).addStr(comment);
  }
  return {
    text: atopLines(entry.comments.atop, isFirst, style) + text + style.lineEnding,
    width: width.width,
  };
}

/** A comment that is, or ends with, a tool pragma, as Ruff recognises them. */
function containsPragma(comment: string): boolean {
  for (let i = comment.indexOf('#'); i >= 0; i = comment.indexOf('#', i + 1)) {
    if (isPragma(comment.slice(i + 1).trimStart())) return true;
  }
  return false;
}

const COLON_PRAGMAS = new Set(['isort', 'type', 'pyright', 'pyrefly', 'pylint', 'flake8', 'ruff', 'ty']);

function isPragma(content: string): boolean {
  if (/^noqa/i.test(content) || content.startsWith('nosec')) return true;
  const colon = content.indexOf(':');
  return colon >= 0 && COLON_PRAGMAS.has(content.slice(0, colon));
}

function formatMultiLine(entry: FromImport, members: FromMember[], isFirst: boolean, style: Style): string {
  const { lineEnding: nl, indentation } = style;
  let out = `${atopLines(entry.comments.atop, isFirst, style)}from ${moduleText(entry)} import (`;
  for (const comment of entry.comments.inline) out += `  ${comment}`;
  out += nl;
  for (const { alias, comments } of members) {
    for (const comment of comments.atop) out += indentation + comment + nl;
    out += `${indentation}${aliasText(alias)},`;
    for (const comment of comments.inline) out += `  ${comment}`;
    out += nl;
    for (const comment of comments.trailing) out += indentation + comment + nl;
  }
  out += ')';
  for (const comment of entry.comments.trailing) out += `  ${comment}`;
  return out + nl;
}
