/**
 * Random Google-ish and NumPy-ish docstrings (sections, entries, signatures, raises, yields) checked
 * by pyconv and by Ruff (WASM, preview) for D417 and the DOC rules, in one convention (`google`,
 * `numpy`, or `auto`: none, guessed per docstring); prints the first mismatches and a count. A
 * script, not a test:
 *
 *   npm run build && node dist/tools/fuzz-docstrings.js [SEED] [CASES] [CONVENTION]
 */
import { createRequire } from 'node:module';
import { analyze } from '../server/src/engine/analyze';
import { makeEngineConfig } from '../server/src/engine/config';
import { createPythonParser } from '../server/src/parser/python';
import { allRules } from '../server/src/rules/registry';
import { toolArgs, wholeNumber } from './shared/args';
import { seededRandom } from './shared/random';

const require = createRequire(__filename);
// biome-ignore lint/suspicious/noExplicitAny: ruff-wasm ships no types for its diagnostics
const { Workspace, PositionEncoding } = require('@astral-sh/ruff-wasm-nodejs') as any;
// Positionals SEED, CASES and CONVENTION, as in the usage line above.
const [seedArg, casesArg, conventionArg = 'google'] = toolArgs({}).positionals;
if (!['google', 'numpy', 'auto'].includes(conventionArg)) {
  console.error(`convention must be google, numpy or auto (got ${conventionArg})`);
  process.exit(2);
}
/** NumPy-ish entries (`name : type` then an indented description) in the NumPy and auto runs. */
const numpyish = conventionArg !== 'google';
const seed = wholeNumber('seed', seedArg, 1, 0);
const rand = seededRandom(seed);
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)];
const CODES = ['D417', 'DOC201', 'DOC402', 'DOC501', 'DOC502', 'D102', 'D103'];
const SECTIONS = [
  'Args',
  'args',
  'Arguments',
  'Keyword Args',
  'Other Args',
  'Returns',
  'Return',
  'returns',
  'Yields',
  'Raises',
  'raises',
  'Example',
  'Note',
  'Parameters',
  'Attributes',
  'See Also',
];
const PARAMS = ['a', 'b', 'value', '_private', 'args', 'kwargs', 'Args', 'returns'];
const EXC = [
  'ValueError',
  'KeyError',
  'errors.Bad',
  'Bad',
  'MyError',
  'Exception',
  'NotImplementedError',
  'os.error',
];

function genFunction(indent: string): string {
  const inClass = indent !== '';
  const params = [...new Set(Array.from({ length: Math.floor(rand() * 4) }, () => pick(PARAMS)))];
  const sig: string[] = inClass && rand() < 0.8 ? ['self'] : [];
  sig.push(...params.filter((p) => p !== 'args' && p !== 'kwargs'));
  if (params.includes('args')) sig.push('*args');
  if (params.includes('kwargs')) sig.push(rand() < 0.5 ? '**kwargs' : '**kwargs: int');
  const deco =
    inClass && !sig.includes('self')
      ? `${indent}@staticmethod\n`
      : rand() < 0.1
        ? `${indent}@property\n`
        : '';
  const ret = pick([
    '',
    ' -> int',
    ' -> None',
    ' -> Iterator[int]',
    ' -> Generator[int, None, None]',
    ' -> Iterator',
  ]);
  const lines = [
    `${deco}${indent}def ${pick(['f', 'g', 'run', '__call__', '_h'])}(${sig.join(', ')})${ret}:`,
  ];
  const b = `${indent}    `;
  const doc: string[] = [pick(['Do it.', 'Returns a thing.', 'Yields stuff.', 'Summary line', ''])];
  const nSections = Math.floor(rand() * 4);
  for (let s = 0; s < nSections; s++) {
    if (rand() < 0.8) doc.push('');
    const name = pick(SECTIONS);
    const sub = rand() < 0.1 ? '    ' : '';
    const numpyLayout = numpyish && rand() < 0.5;
    doc.push(`${sub}${name}${numpyLayout ? pick(['', '', ':']) : pick([':', ':', ':', '', ' :'])}`);
    if (rand() < (numpyLayout ? 0.8 : 0.1)) doc.push(`${sub}${'-'.repeat(name.length)}`);
    const entries = Math.floor(rand() * 3);
    for (let e = 0; e < entries; e++) {
      const entryName = /rais/i.test(name) ? pick(EXC) : pick([...PARAMS, '*args', '**kwargs', 'x']);
      if (numpyLayout) {
        doc.push(`${sub}${entryName}${pick(['', ' : int', ', x : str', ' : int, optional'])}`);
        if (rand() < 0.8) doc.push(`${sub}    ${pick(['The thing.', 'Something: with colon.'])}`);
        if (rand() < 0.1) doc.push('');
        continue;
      }
      const typ = rand() < 0.3 ? ' (int)' : '';
      const desc = pick([' The thing.', '', ' x', ' Something: with colon.']);
      doc.push(`${sub}    ${entryName}${typ}:${desc}`);
      if (rand() < 0.3) doc.push(`${sub}        continued.`);
      if (rand() < 0.1) doc.push('');
    }
  }
  const oneLine = doc.length === 1;
  if (oneLine) lines.push(`${b}"""${doc[0]}"""`);
  else {
    lines.push(`${b}"""${doc[0]}`);
    for (const l of doc.slice(1)) lines.push(l === '' ? '' : `${b}${l}`);
    lines.push(`${b}"""`);
  }
  const body = Math.floor(rand() * 4);
  for (let i = 0; i < body; i++) {
    lines.push(
      `${b}${pick(['return 1', 'return', 'return None', 'yield 1', 'yield', 'raise ValueError("x")', 'raise errors.Bad()', 'raise MyError', 'raise NotImplementedError', 'pass', '...', 'x = 1', 'raise Exception'])}`,
    );
  }
  if (rand() < 0.2)
    lines.push(
      `${b}try:`,
      `${b}    pass`,
      `${b}except (KeyError, OSError) as e:`,
      `${b}    raise${rand() < 0.5 ? ' e' : ''}`,
    );
  if (body === 0 && lines.length === 0) lines.push(`${b}pass`);
  return lines.join('\n');
}

async function main() {
  const n = wholeNumber('cases', casesArg, 500);
  const nameToCode = new Map(allRules.map((r) => [r.meta.name, r.meta.code]));
  const ws = new Workspace(
    {
      'target-version': 'py310',
      lint: {
        select: CODES,
        preview: true,
        pydocstyle: conventionArg === 'auto' ? {} : { convention: conventionArg },
      },
    },
    PositionEncoding.Utf16,
  );
  const parser = await createPythonParser();
  const config = makeEngineConfig({
    enabled: CODES,
    options: { pydocstyle: { convention: conventionArg } },
  });
  let mismatches = 0;
  const counts = new Map<string, number>();
  for (let i = 0; i < n; i++) {
    const header =
      '"""M."""\nimport errors\nfrom typing import Iterator, Generator\n\n\nclass MyError(Exception):\n    """E."""\n\n\n';
    const body = rand() < 0.5 ? genFunction('') : `class K:\n    """K."""\n\n${genFunction('    ')}`;
    const source = `${header}${body}\n`;
    const theirs = ws
      .check(source)
      .map(
        (d: {
          code: string;
          message: string;
          start_location: { row: number; column: number };
          end_location: { row: number; column: number };
        }) =>
          `${nameToCode.get(d.code) ?? d.code} ${d.start_location.row - 1}:${d.start_location.column - 1}-${d.end_location.row - 1}:${d.end_location.column - 1} ${d.message}`,
      )
      .sort();
    const tree = parser.parse(source)!;
    const ours = analyze({
      rules: allRules,
      source,
      tree,
      config,
      file: { isPackageInit: false, isPrivateModule: false, isStub: false },
    })
      .diagnostics.map(
        (d) =>
          `${d.code} ${d.range.start.line}:${d.range.start.character}-${d.range.end.line}:${d.range.end.character} ${d.message}`,
      )
      .sort();
    tree.delete();
    for (const t of theirs) counts.set(t.split(' ')[0], (counts.get(t.split(' ')[0]) ?? 0) + 1);
    if (JSON.stringify(ours) !== JSON.stringify(theirs)) {
      mismatches++;
      if (mismatches <= 3)
        console.log(
          `--- case ${i}\n${body}\nruff:   ${theirs.join('\n        ')}\npyconv: ${ours.join('\n        ')}`,
        );
    }
  }
  console.log(
    `${n} cases, ${mismatches} mismatches; ruff findings: ${[...counts].map(([c, k]) => `${c}=${k}`).join(' ')}`,
  );
}
main();
