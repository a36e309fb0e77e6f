import { describe, expect, it } from 'vitest';
import { toCapWords, toSnakeCase, toUpperSnakeCase } from '../../server/src/rules/naming/rename-fix';
import { fixedText, resolvedDiagnostics } from '../helpers/rename';

const lines = (...l: string[]) => `${l.join('\n')}\n`;

describe('new names', () => {
  it('converts to snake_case, CapWords and UPPER_SNAKE_CASE keeping leading and trailing underscores', () => {
    expect(toSnakeCase('processSessions')).toBe('process_sessions');
    expect(toSnakeCase('getHTTPResponse2')).toBe('get_http_response2');
    expect(toSnakeCase('_fooBar')).toBe('_foo_bar');
    expect(toSnakeCase('__fooBar__')).toBe('__foo_bar__');
    expect(toSnakeCase('HTTPServer')).toBe('http_server');
    expect(toCapWords('inference_engine')).toBe('InferenceEngine');
    expect(toCapWords('_private_thing')).toBe('_PrivateThing');
    expect(toCapWords('Foo_')).toBe('Foo');
    expect(toCapWords('__')).toBeUndefined();
    expect(toUpperSnakeCase('maxLen')).toBe('MAX_LEN');
    expect(toUpperSnakeCase('_retry_limit')).toBe('_RETRY_LIMIT');
  });
});

describe('rename fixes of the naming rules', () => {
  it('N802 renames a function and its calls, not a same-named method of a class', async () => {
    const source = lines(
      'def processSessions(s):',
      '    return s',
      'def other():',
      '    return processSessions(1)',
      'class K:',
      '    def processSessions(self):',
      '        return self.processSessions()',
    );
    const diagnostics = await resolvedDiagnostics(source, ['N802']);
    expect(diagnostics[0].fix).toMatchObject({
      title: 'Rename `processSessions` to `process_sessions`',
      safe: false,
    });
    expect(diagnostics[0].fix?.edits.map((e) => e.range.start.line)).toEqual([0, 3]);
    expect(diagnostics[1].fix?.edits.map((e) => e.range.start.line)).toEqual([5, 6]);
    expect(await fixedText(source, ['N802'])).toBe(source.replaceAll('processSessions', 'process_sessions'));
  });

  it('N803 renames a parameter, its uses and keyword arguments of calls in the file', async () => {
    const source = lines('def load(modelName, *Rest):', '    return modelName, Rest', 'load(modelName=1)');
    expect(await fixedText(source, ['N803'])).toBe(
      lines('def load(model_name, *rest):', '    return model_name, rest', 'load(model_name=1)'),
    );
  });

  it('N806 renames a local variable once even when it is reported at each binding', async () => {
    const source = lines(
      'def total(items):',
      '    Total = 0',
      '    for Item in items:',
      '        Total += Item',
      '    return Total',
    );
    expect(await fixedText(source, ['N806'])).toBe(
      lines(
        'def total(items):',
        '    total = 0',
        '    for item in items:',
        '        total += item',
        '    return total',
      ),
    );
  });

  it('N815 renames a class attribute and its self./Class. uses', async () => {
    const source = lines(
      'class Config:',
      '    maxLen = 1',
      '    def f(self):',
      '        return self.maxLen',
      'Config.maxLen = 2',
    );
    expect(await fixedText(source, ['N815'])).toBe(source.replaceAll('maxLen', 'max_len'));
  });

  it('N816 renames a module global in the functions that read it', async () => {
    const source = lines('defaultTimeout = 30', 'def f():', '    return defaultTimeout');
    expect(await fixedText(source, ['N816'])).toBe(source.replaceAll('defaultTimeout', 'default_timeout'));
  });

  it('N801 and PCV103 rename to CapWords, N818 adds the Error suffix', async () => {
    const classes = lines('class inference_engine:', '    pass', 'x: inference_engine = inference_engine()');
    expect(await fixedText(classes, ['N801'])).toBe(
      classes.replaceAll('inference_engine', 'InferenceEngine'),
    );
    const alias = lines(
      'from typing import Dict',
      'session_map = Dict[str, int]',
      'def f(x: session_map): pass',
    );
    expect(await fixedText(alias, ['PCV103'])).toBe(alias.replaceAll('session_map', 'SessionMap'));
    const error = lines('class ConfigInvalid(Exception):', '    pass', 'raise ConfigInvalid()');
    expect(await fixedText(error, ['N818'])).toBe(error.replaceAll('ConfigInvalid', 'ConfigInvalidError'));
  });

  it('PCV101 renames a module constant to UPPER_SNAKE_CASE', async () => {
    const source = lines('maxRetries = 3', 'def f():', '    return maxRetries');
    expect(await fixedText(source, ['PCV101'])).toBe(source.replaceAll('maxRetries', 'MAX_RETRIES'));
  });

  it('says why a rename cannot be made and leaves such code alone', async () => {
    const source = lines('def f(items):', '    List = list(items)', '    return List');
    const [diagnostic] = await resolvedDiagnostics(source, ['N806']);
    expect(diagnostic.fix).toMatchObject({
      edits: [],
      unavailable: 'function `f` uses the builtin `list`, which the renamed name would hide',
    });
    expect(await fixedText(source, ['N806'])).toBe(source);
  });

  it('never gives two names of one scope the same new name in one run', async () => {
    const source = lines('def f():', '    fooBar = 1', '    FooBar = 2', '    return fooBar + FooBar');
    const diagnostics = await resolvedDiagnostics(source, ['N806']);
    expect(diagnostics.map((d) => d.fix?.unavailable)).toEqual([
      undefined,
      '`fooBar` is also being renamed to `foo_bar`',
    ]);
    expect(await fixedText(source, ['N806'])).toBe(
      lines('def f():', '    foo_bar = 1', '    FooBar = 2', '    return foo_bar + FooBar'),
    );
  });
});

describe('rename fixes keep docstring entries in step', () => {
  it('N803 renames the Args: entry and a Sphinx :param: of the parameter', async () => {
    const source = lines(
      'def load(modelName, other):',
      '    """Load.',
      '',
      '    Args:',
      '        modelName (str): the model; modelName is case-sensitive.',
      '        other: more.',
      '',
      '    :param modelName: again.',
      '    """',
      '    return modelName',
    );
    expect(await fixedText(source, ['N803'])).toBe(
      lines(
        'def load(model_name, other):',
        '    """Load.',
        '',
        '    Args:',
        '        model_name (str): the model; modelName is case-sensitive.',
        '        other: more.',
        '',
        '    :param model_name: again.',
        '    """',
        '    return model_name',
      ),
    );
  });

  it('N818 renames Raises: entries naming the exception class', async () => {
    const source = lines(
      'class ConfigInvalid(Exception):',
      '    pass',
      'def check():',
      '    """Check.',
      '',
      '    Raises:',
      '        ConfigInvalid: when bad.',
      '    """',
      '    raise ConfigInvalid()',
    );
    expect(await fixedText(source, ['N818'])).toBe(source.replaceAll('ConfigInvalid', 'ConfigInvalidError'));
  });
});
