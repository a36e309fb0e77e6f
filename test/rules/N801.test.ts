import { describe, expect, it } from 'vitest';
import { flagged } from '../helpers/analyze';

describe('N801 invalid-class-name', () => {
  it('flags lowercase and snake_case class names with the name range', async () => {
    const source = ['class inference_engine:', '    pass', '', 'class _private_thing: pass', ''].join('\n');
    expect(await flagged(source, 'N801')).toEqual(['N801 0:6-0:22', 'N801 3:6-3:20']);
  });

  it('accepts CapWords, private CapWords and nested classes', async () => {
    const source = ['class InferenceEngine:', '    class _Inner: pass', 'class _Private: pass', ''].join(
      '\n',
    );
    expect(await flagged(source, 'N801')).toEqual([]);
  });

  it('flags a trailing underscore and bare underscores, as Ruff does', async () => {
    const source = ['class Foo_: pass', 'class __: pass', 'class Foo_Bar: pass', ''].join('\n');
    expect(await flagged(source, 'N801')).toEqual(['N801 0:6-0:10', 'N801 1:6-1:8', 'N801 2:6-2:13']);
  });

  it('reads Unicode case: uppercase accented letters pass, lowercase ones do not', async () => {
    const source = [
      'class École: pass',
      'class école: pass',
      'class ǅungla: pass',
      'class ªbc: pass',
      '',
    ].join('\n');
    // Names are judged in NFKC form, as Python and Ruff read them: `ǅ` is `Dž`, `ª` is `a`.
    expect(await flagged(source, 'N801')).toEqual(['N801 1:6-1:11', 'N801 3:6-3:9']);
  });

  it('skips ignore-names and extend-ignore-names globs', async () => {
    const source = ['class my_fixture: pass', 'class other_thing: pass', ''].join('\n');
    const options = { 'pep8-naming': { 'ignore-names': ['my_*'], 'extend-ignore-names': ['other_t?ing'] } };
    expect(await flagged(source, 'N801', { options })).toEqual([]);
    expect(
      await flagged(source, 'N801', { options: { 'pep8-naming': { 'ignore-names': ['my_*'] } } }),
    ).toEqual(['N801 1:6-1:17']);
  });

  it('honours noqa', async () => {
    expect(await flagged('class bad: pass  # noqa: N801\n', 'N801')).toEqual([]);
    expect(await flagged('class bad: pass  # noqa: E501\n', 'N801')).toEqual(['N801 0:6-0:9']);
  });

  it('checks valid code next to syntax errors but nothing inside ERROR nodes', async () => {
    const source = ['class bad_one: pass', 'def broken(:', '    class worse: pass', ''].join('\n');
    const result = await flagged(source, 'N801');
    expect(result).toContain('N801 0:6-0:13');
  });
});
