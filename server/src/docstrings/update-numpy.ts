/**
 * "Update docstring" on a NumPy docstring: `Parameters` entries added and removed, `Returns`,
 * `Yields` and `Raises` sections added (or removed) in NumPy's layout. Every entry the author wrote
 * is kept byte-for-byte: entries are cut from the body at their exact ranges and put back.
 */
import { parseSections, type Section, type SectionKindName } from './google';
import { numpyLayout } from './numpy';
import { documentedRaises, readDocstring } from './reading';
import type { Item } from './template';
import {
  appendBlock,
  bare,
  insertLines,
  isArgumentName,
  missingRaises,
  removeRange,
  TODO,
  type UpdatePlan,
} from './update-plan';

/** NumPy's section order (numpydoc): a new section goes before the first later one present. */
const ORDER: readonly SectionKindName[] = [
  'Parameters',
  'Attributes',
  'Returns',
  'Yields',
  'Receives',
  'Other Parameters',
  'Raises',
  'Warns',
  'Warnings',
  'See Also',
  'Notes',
  'References',
  'Examples',
];

export function updateNumpy(body: string, plan: UpdatePlan): string {
  let text = updateParameters(body, plan);
  if (plan.returns && !find(text, plan, 'Returns')) {
    text = addSection(text, plan, 'Returns', [typeLine(plan.returns), `    ${TODO}`]);
  } else if (plan.removeReturns) {
    text = removeSection(text, plan, 'Returns');
  }
  if (plan.yields && !find(text, plan, 'Yields')) {
    text = addSection(text, plan, 'Yields', [typeLine(plan.yields), `    ${TODO}`]);
  } else if (plan.removeYields) {
    text = removeSection(text, plan, 'Yields');
  }
  return updateRaises(text, plan);
}

function typeLine(item: Item): string {
  return item.type ?? 'object';
}

function find(body: string, plan: UpdatePlan, kind: SectionKindName): Section | undefined {
  return parseSections(body, plan.parameterNames, 'numpy').find((s) => s.kind === kind);
}

/** `name : type, default d` and its placeholder description, relative to the entries' indentation. */
function entryLines(item: Item): string[] {
  const type = item.type ? ` : ${item.type}` : '';
  const defaults =
    item.defaultText === undefined ? '' : `${item.type ? ', ' : ' : '}default ${item.defaultText}`;
  return [`${item.name}${type}${defaults}`, `    ${TODO}`];
}

interface Chunk {
  /** Argument names of the entry, without stars; empty for prose at the entries' indentation (kept). */
  names: string[];
  /** The names as written (`*args`). */
  written: string[];
  /** The entry's text with the blank lines after it, as written. */
  text: string;
}

function updateParameters(body: string, plan: UpdatePlan): string {
  const section = find(body, plan, 'Parameters');
  if (!section) {
    if (plan.args.length === 0) return body;
    return addSection(body, plan, 'Parameters', plan.args.flatMap(entryLines));
  }
  const layout = numpyLayout(section);
  const chunks: Chunk[] = layout.entries.map((entry, i) => {
    const end = layout.entries[i + 1]?.start ?? entry.end;
    const names = entry.names.map((n) => n.name);
    const isEntry = names.length > 0 && names.every(isArgumentName);
    return { names: isEntry ? names.map(bare) : [], written: names, text: body.slice(entry.start, end) };
  });
  const wanted = plan.args.map((a) => bare(a.name));
  const kept = chunks.filter(
    (c) => plan.keepUnknownEntries || c.names.length === 0 || c.names.some((n) => wanted.includes(n)),
  );
  const result = plan.keepUnknownEntries
    ? kept
    : kept.map((c) => withoutStaleNames(c, wanted, layout.indent));
  for (const [i, arg] of plan.args.entries()) {
    if (result.some((c) => c.names.includes(bare(arg.name)))) continue;
    const earlier = plan.args.slice(0, i).map((a) => bare(a.name));
    let at = 0;
    result.forEach((c, index) => {
      if (c.names.some((n) => earlier.includes(n))) at = index + 1;
    });
    const lines = entryLines(arg).map((l) => `${layout.indent}${l}`);
    result.splice(at, 0, { names: [bare(arg.name)], written: [arg.name], text: `${lines.join('\n')}\n` });
  }
  const unchanged = result.length === chunks.length && result.every((c, i) => c.text === chunks[i].text);
  if (unchanged) return body;
  if (result.length === 0) return removeRange(body, section.start, section.end, plan.base);
  const end = layout.entries.length > 0 ? layout.entriesEnd : layout.entriesStart;
  // The last entry may end the body without a line break (closing quotes on its line).
  const region = body.slice(layout.entriesStart, end);
  let content = result.map((c) => (c.text.endsWith('\n') ? c.text : `${c.text}\n`)).join('');
  if (region !== '' && !region.endsWith('\n')) content = content.slice(0, -1);
  return body.slice(0, layout.entriesStart) + content + body.slice(end);
}

/** `x, y : int` with `y` gone becomes `x : int`; the rest of the entry is kept as written. */
function withoutStaleNames(chunk: Chunk, wanted: readonly string[], indent: string): Chunk {
  if (chunk.names.every((n) => wanted.includes(n))) return chunk;
  const lineEnd = chunk.text.search(/[\r\n]|$/);
  const colon = chunk.text.indexOf(':');
  const headEnd = colon >= 0 && colon < lineEnd ? colon : lineEnd;
  const written = chunk.written.filter((n) => wanted.includes(bare(n)));
  const spacing = /\s*$/.exec(chunk.text.slice(0, headEnd))?.[0] ?? '';
  return {
    names: written.map(bare),
    written,
    text: `${indent}${written.join(', ')}${spacing}${chunk.text.slice(headEnd)}`,
  };
}

function updateRaises(body: string, plan: UpdatePlan): string {
  const reading = readDocstring(body, plan.parameterNames, 'numpy');
  const documented = (documentedRaises(reading) ?? []).map((e) => e.name);
  const missing = missingRaises(plan, documented);
  if (missing.length === 0) return body;
  const section = [...reading.sections].reverse().find((s) => s.kind === 'Raises');
  if (!section) {
    return addSection(
      body,
      plan,
      'Raises',
      missing.flatMap((name) => [name, `    ${TODO}`]),
    );
  }
  const layout = numpyLayout(section);
  const at = layout.entries.length > 0 ? layout.entriesEnd : layout.entriesStart;
  return insertLines(
    body,
    at,
    missing.flatMap((name) => [`${layout.indent}${name}`, `${layout.indent}    ${TODO}`]),
  );
}

function addSection(body: string, plan: UpdatePlan, kind: SectionKindName, entries: string[]): string {
  const lines = [kind, '-'.repeat(kind.length), ...entries].map((l) => `${plan.base}${l}`);
  const later = ORDER.slice(ORDER.indexOf(kind) + 1);
  const before = parseSections(body, plan.parameterNames, 'numpy').find((s) => later.includes(s.kind));
  if (before) return insertLines(body, before.start, [...lines, '']);
  return appendBlock(body, lines, plan.base);
}

function removeSection(body: string, plan: UpdatePlan, kind: SectionKindName): string {
  const section = find(body, plan, kind);
  return section ? removeRange(body, section.start, section.end, plan.base) : body;
}
