import { describe, expect, it } from 'vitest';
import { check, formatRange } from '../helpers/analyze';

/** DOC201 findings (reported on the docstring, from its first line) as `L:C-L:C`. */
async function missingReturns(source: string): Promise<string[]> {
  const diagnostics = await check(source, ['DOC201']);
  return diagnostics.map((d) => formatRange(d.range));
}

/** A function with a multi-line docstring and a return, indented by `indent`, `noqa` after the docstring. */
function returning(name: string, indent: string, noqa: string): string[] {
  const self = indent ? 'self, ' : '';
  return [
    `${indent}def ${name}(${self}a):`,
    `${indent}    """Do.`,
    '',
    `${indent}    More.`,
    `${indent}    """${noqa}`,
    `${indent}    return a`,
    '',
  ];
}

describe('a noqa on the last line of a multi-line string', () => {
  it('covers the lines of the string above it, not the next string', async () => {
    const source = [...returning('f', '', '  # noqa: DOC201'), ...returning('g', '', '')].join('\n');
    expect(await missingReturns(source)).toEqual(['8:4-11:7']);
  });

  it("covers the strings of a class's methods, which are listed after the class's own strings", async () => {
    // The class is analysed member by member: its methods' strings come after the class body's.
    const source = [
      'class A:',
      ...returning('f', '    ', '  # noqa: DOC201'),
      '    y = """',
      '    text',
      '    """',
      "    z = '''",
      '    text',
      "    '''",
      "    w = '''",
      '    text',
      "    '''",
      ...returning('g', '    ', ''),
    ].join('\n');
    expect(await missingReturns(source)).toEqual(['18:8-21:11']);
  });
});
