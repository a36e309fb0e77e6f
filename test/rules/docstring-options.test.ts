import { describe, expect, it } from 'vitest';
import { pydoclintOptions, pydocstyleOptions } from '../../server/src/rules/docstrings/options';
import { structureOptionsSection } from '../../server/src/rules/structure/options';

describe('docstring and structure option sections', () => {
  it('validates pydocstyle with defaults and clear problems', () => {
    expect(pydocstyleOptions.validate(undefined)).toEqual({
      value: {
        convention: 'auto',
        'ignore-decorators': [],
        'property-decorators': [],
        'ignore-var-parameters': false,
      },
      problems: [],
    });
    const { value, problems } = pydocstyleOptions.validate({
      convention: 'numpydoc',
      'ignore-decorators': 'x',
      extra: 1,
    });
    expect(value['ignore-decorators']).toEqual([]);
    expect(problems).toEqual([
      '[tool.pyconv.pydocstyle] convention must be "auto", "google", "numpy", "sphinx" or "pep257" (got "numpydoc")',
      '[tool.pyconv.pydocstyle] ignore-decorators must be a list of strings (qualified names such as "typing.overload")',
      '[tool.pyconv.pydocstyle] unknown key "extra" (known: convention, ignore-decorators, property-decorators, ignore-var-parameters)',
    ]);
  });

  it('validates pydoclint and pyconv-structure', () => {
    expect(pydoclintOptions.validate({ 'ignore-one-line-docstrings': true })).toEqual({
      value: { 'ignore-one-line-docstrings': true },
      problems: [],
    });
    expect(pydoclintOptions.validate({ 'ignore-one-line-docstrings': 'yes' }).problems).toEqual([
      '[tool.pyconv.pydoclint] ignore-one-line-docstrings must be true or false',
    ]);
    const structure = structureOptionsSection.validate({
      'max-function-lines': 0,
      'max-positional-params': 3,
    });
    expect(structure.value).toEqual({ 'max-function-lines': 100, 'max-positional-params': 3 });
    expect(structure.problems).toEqual([
      '[tool.pyconv.pyconv-structure] max-function-lines must be an integer >= 1 (got 0); using 100',
    ]);
  });
});
