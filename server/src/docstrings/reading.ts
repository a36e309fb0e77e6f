/**
 * One reading of a docstring whatever its style: Google or NumPy sections, or Sphinx fields, chosen
 * by the configured convention (`[tool.pyconv.pydocstyle] convention`) or, when it is `auto`, guessed
 * per docstring the way Ruff does without a convention (NumPy `Parameters` → NumPy; Google `Args` →
 * Google; else whichever style finds more sections). Sphinx fields are read only under
 * `convention = "sphinx"` (pyconv's own, Ruff has none): guessing them under `auto` would part from
 * Ruff, which reads a Sphinx docstring as one with no sections (no D417, DOC201 when it returns).
 * D417 and the DOC rules ask this reading what is documented; "Update docstring" edits through it.
 */
import {
  ARGS_SECTIONS,
  documentedArgs,
  type Entry,
  parseSections,
  raisesEntries,
  type Section,
} from './google';
import { numpyDocumentedParams, numpyRaisesEntries } from './numpy';
import { hasSphinxFields, type SphinxField, sphinxFields } from './sphinx';
import type { DocstringStyle } from './template';

export type Convention = 'auto' | 'google' | 'numpy' | 'sphinx' | 'pep257';

export const CONVENTIONS: readonly Convention[] = ['auto', 'google', 'numpy', 'sphinx', 'pep257'];

export interface DocstringReading {
  style: DocstringStyle;
  /** The convention it was read under (`auto` and `pep257` guess the style). */
  convention: Convention;
  /** Google or NumPy sections; empty for Sphinx. */
  sections: Section[];
  /** Sphinx fields; empty for the other styles. */
  fields: SphinxField[];
}

const NUMPY_PARAMETERS = new Set(['Parameters', 'Other Params', 'Other Parameters']);

/** The sections of one docstring in a style (Google or NumPy). */
export type SectionsOf = (style: 'google' | 'numpy') => Section[];

/**
 * `parseSections` of one docstring, each style parsed once: a reading and the writing style of the
 * same docstring (see `functionDocstring`) parse it up to five times otherwise.
 */
export function sectionReader(body: string, parameterNames: readonly string[]): SectionsOf {
  const parsed = new Map<string, Section[]>();
  return (style) => {
    let sections = parsed.get(style);
    if (!sections) {
      sections = parseSections(body, parameterNames, style);
      parsed.set(style, sections);
    }
    return sections;
  };
}

export function readDocstring(
  body: string,
  parameterNames: readonly string[],
  convention: Convention,
  sectionsOf: SectionsOf = sectionReader(body, parameterNames),
): DocstringReading {
  const read = (style: DocstringStyle): DocstringReading => ({
    style,
    convention,
    sections: style === 'sphinx' ? [] : sectionsOf(style),
    fields: style === 'sphinx' ? sphinxFields(body) : [],
  });
  if (convention === 'google' || convention === 'numpy' || convention === 'sphinx') return read(convention);
  const numpy = sectionsOf('numpy');
  const result = (style: DocstringStyle, sections: Section[]): DocstringReading => ({
    style,
    convention,
    sections,
    fields: [],
  });
  if (numpy.some((s) => NUMPY_PARAMETERS.has(s.kind))) return result('numpy', numpy);
  const google = sectionsOf('google');
  if (google.some((s) => ARGS_SECTIONS.has(s.kind))) return result('google', google);
  return google.length > numpy.length ? result('google', google) : result('numpy', numpy);
}

/**
 * The parameter names documented, one set per place D417 checks (Google: all `Args:`-like sections
 * together; NumPy: each `Parameters` section, as Ruff; Sphinx: the `:param:` fields). Empty when
 * the docstring has no such place: D417 does not check it.
 */
export function documentedParameterSets(reading: DocstringReading): Set<string>[] {
  switch (reading.style) {
    case 'google': {
      const sections = reading.sections.filter((s) => ARGS_SECTIONS.has(s.kind));
      if (sections.length === 0) return [];
      const names = new Set<string>();
      for (const section of sections) for (const name of documentedArgs(section)) names.add(name);
      return [names];
    }
    case 'numpy':
      return reading.sections.filter((s) => s.kind === 'Parameters').map(numpyDocumentedParams);
    case 'sphinx': {
      const params = reading.fields.filter((f) => f.kind === 'param' && f.name);
      return params.length === 0 ? [] : [new Set(params.map((f) => f.name as string))];
    }
  }
}

/** A `Returns` section (not `Return`, as Ruff) or a `:returns:` field. */
export function documentsReturns(reading: DocstringReading): boolean {
  if (reading.style === 'sphinx') return reading.fields.some((f) => f.kind === 'returns');
  return reading.sections.some((s) => s.kind === 'Returns');
}

/** A `Yields` section or a `:yields:` field. */
export function documentsYields(reading: DocstringReading): boolean {
  if (reading.style === 'sphinx') return reading.fields.some((f) => f.kind === 'yields');
  return reading.sections.some((s) => s.kind === 'Yields');
}

/** The last `Raises` section (Ruff reads the last one). */
export function raisesSection(reading: DocstringReading): Section | undefined {
  return [...reading.sections].reverse().find((s) => s.kind === 'Raises');
}

/**
 * The exceptions the docstring lists, or undefined when it has no `Raises` section (no `:raises:`
 * field). Entries are read as pydoclint does: in the convention's style, and without one Google
 * first, NumPy when Google finds none.
 */
export function documentedRaises(reading: DocstringReading): Entry[] | undefined {
  if (reading.style === 'sphinx') {
    const fields = reading.fields.filter((f) => f.kind === 'raises');
    if (fields.length === 0) return undefined;
    return fields
      .filter((f) => f.name !== undefined)
      .flatMap((f) => splitExceptionNames(f))
      .map((e) => e);
  }
  const section = raisesSection(reading);
  if (!section) return undefined;
  if (reading.convention === 'google') return raisesEntries(section);
  if (reading.convention === 'numpy') return numpyRaisesEntries(section);
  const google = raisesEntries(section);
  return google.length > 0 ? google : numpyRaisesEntries(section);
}

/** `:raises ValueError, KeyError:` lists two exceptions. */
function splitExceptionNames(field: SphinxField): Entry[] {
  const text = field.name as string;
  const start = field.nameStart as number;
  const entries: Entry[] = [];
  const pattern = /[^\s,]+/g;
  for (let match = pattern.exec(text); match; match = pattern.exec(text)) {
    entries.push({
      name: match[0],
      nameStart: start + match.index,
      nameEnd: start + match.index + match[0].length,
    });
  }
  return entries;
}

/** Google convention only (as Ruff): a docstring starting with `Returns`/`Yields` documents it. */
export function startsWithWord(reading: DocstringReading, body: string, words: readonly string[]): boolean {
  return reading.convention === 'google' && words.includes(body.split(' ')[0]);
}

/** The style a docstring is written in: NumPy underlined headers, Sphinx `:param:` fields, else Google. */
export function detectStyle(body: string): DocstringStyle {
  const lines = body.split(/\r\n|\r|\n/).map((l) => l.trim());
  if (lines.some((l, i) => i > 0 && /^-{3,}$/.test(l) && /^[A-Z][A-Za-z ]+$/.test(lines[i - 1])))
    return 'numpy';
  if (lines.some((l) => /^:(param|type|returns?|rtype|raises?|yields?|ytype)\b/.test(l))) return 'sphinx';
  return 'google';
}

/**
 * The style new text goes into a docstring in (fixes, "Update docstring"): the configured
 * convention; else the docstring's own look (underlines, fields, else Google), which Ruff's guess
 * (a tie reads NumPy) is not meant for; a docstring with neither sections nor fields takes the
 * template style.
 */
export function writingStyle(
  body: string,
  parameterNames: readonly string[],
  convention: Convention,
  templateStyle: DocstringStyle | undefined,
  sectionsOf: SectionsOf = sectionReader(body, parameterNames),
): DocstringStyle {
  if (convention === 'google' || convention === 'numpy' || convention === 'sphinx') return convention;
  const plain =
    sectionsOf('google').length === 0 && sectionsOf('numpy').length === 0 && !hasSphinxFields(body);
  return plain ? (templateStyle ?? 'google') : detectStyle(body);
}
