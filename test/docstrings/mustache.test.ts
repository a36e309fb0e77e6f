import { describe, expect, it } from 'vitest';
import { parseTemplate, renderTemplate, TemplateSyntaxError } from '../../server/src/docstrings/mustache';

const render = (text: string, data: Parameters<typeof renderTemplate>[1]) =>
  renderTemplate(parseTemplate(text), data);

describe('mustache subset', () => {
  it('renders variables, dotted names and the current item, without escaping', () => {
    expect(render('{{a}} {{b.c}} {{{d}}} {{&d}} {{missing}}!', { a: 'x<y', b: { c: 2 }, d: '"q"' })).toBe(
      'x<y 2 "q" "q" !',
    );
    expect(render('{{#xs}}[{{.}}]{{/xs}}', { xs: ['a', 'b'] })).toBe('[a][b]');
  });

  it('repeats sections over lists, shows objects and true once, inverted sections when empty', () => {
    const data = { items: [{ n: 'a' }, { n: 'b' }], flag: true, obj: { n: 'o' }, none: [], off: false };
    expect(render('{{#items}}{{n}},{{/items}}', data)).toBe('a,b,');
    expect(render('{{#flag}}yes{{/flag}}{{#off}}no{{/off}}', data)).toBe('yes');
    expect(render('{{#obj}}{{n}}{{/obj}}', data)).toBe('o');
    expect(render('{{^none}}empty{{/none}}{{^items}}x{{/items}}{{^missing}}gone{{/missing}}', data)).toBe(
      'emptygone',
    );
    // Outer names stay visible inside a section.
    expect(render('{{#items}}{{n}}{{flag}};{{/items}}', data)).toBe('atrue;btrue;');
  });

  it('drops standalone section, closing and comment lines, keeps inline ones', () => {
    const template = 'Args:\n{{#args}}\n    {{name}}: x\n{{/args}}\n{{! a comment }}\nEnd {{#f}}on{{/f}}\n';
    expect(render(template, { args: [{ name: 'a' }, { name: 'b' }], f: true })).toBe(
      'Args:\n    a: x\n    b: x\nEnd on\n',
    );
  });

  it('reports unclosed, mismatched and unsupported tags with their line', () => {
    const error = (text: string) => {
      try {
        parseTemplate(text);
      } catch (e) {
        expect(e).toBeInstanceOf(TemplateSyntaxError);
        return (e as Error).message;
      }
      return 'no error';
    };
    expect(error('a\n{{#x}}')).toBe('line 2: `{{#x}}` is never closed');
    expect(error('{{#x}}\n{{/y}}')).toBe('line 2: `{{/y}}` closes `{{#x}}` (line 1)');
    expect(error('{{/y}}')).toBe('line 1: `{{/y}}` closes nothing');
    expect(error('{{> partial}}')).toBe('line 1: partials are not supported');
    expect(error('{{name')).toBe('a `{{` is never closed by `}}`');
    expect(error('{{a b}}')).toBe('line 1: bad tag name "a b"');
  });
});
