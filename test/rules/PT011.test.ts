import { describe, expect, it } from 'vitest';
import { pytestStyleOptions } from '../../server/src/rules/exceptions/PT011-pytest-raises-too-broad';
import { flagged } from '../helpers/analyze';

describe('PT011 pytest-raises-too-broad', () => {
  it('flags broad exceptions without a match, at the exception', async () => {
    const source = [
      'import pytest, socket',
      'from pytest import raises',
      'def test_x():',
      '    with pytest.raises(ValueError): pass',
      '    with pytest.raises(ValueError, match=""): pass',
      '    with pytest.raises(ValueError, match=None): pass',
      '    with pytest.raises(ValueError, match=f"{\'\'}" ""): pass',
      '    with pytest.raises(expected_exception=Exception): pass',
      '    with raises(OSError): pass',
      '    with pytest.raises(socket.error): pass',
      '    pytest.raises((ValueError), *args)',
      '',
    ].join('\n');
    expect(await flagged(source, 'PT011')).toEqual([
      'PT011 3:23-3:33',
      'PT011 4:23-4:33',
      'PT011 5:23-5:33',
      'PT011 6:23-6:33',
      'PT011 7:42-7:51',
      'PT011 8:16-8:23',
      'PT011 9:23-9:35',
      'PT011 10:19-10:29',
    ]);
  });

  it('accepts a match, specific exceptions, tuples, the function form and shadowed names', async () => {
    const source = [
      'import pytest, builtins',
      'def test_x(f):',
      '    with pytest.raises(ValueError, match="must be positive"): pass',
      '    with pytest.raises(ValueError, match=f"{x}"): pass',
      '    with pytest.raises(ValueError, match=b""): pass',
      '    with pytest.raises(KeyError): pass',
      '    with pytest.raises((ValueError, TypeError)): pass',
      '    with pytest.raises(builtins.ValueError): pass',
      '    with pytest.raises(ValueError()): pass',
      '    pytest.raises(ValueError, f)',
      '    pytest.raises(ValueError, func=f)',
      '    pytest.raises(ValueError, check=f)',
      'def test_y(ValueError):',
      '    with pytest.raises(ValueError): pass',
      '',
    ].join('\n');
    expect(await flagged(source, 'PT011')).toEqual([]);
  });

  it('takes its exceptions from raises-require-match-for and raises-extend-require-match-for', async () => {
    const source = [
      'import pytest, mod',
      'with pytest.raises(ValueError): pass',
      'with pytest.raises(KeyError): pass',
      'with pytest.raises(mod.MyError): pass',
      'with pytest.raises(mod.sub.Err): pass',
      '',
    ].join('\n');
    const options = {
      'flake8-pytest-style': {
        'raises-require-match-for': ['Key*'],
        'raises-extend-require-match-for': ['mod.*'],
      },
    };
    expect(await flagged(source, 'PT011', { options })).toEqual([
      'PT011 2:19-2:27',
      'PT011 3:19-3:30',
      'PT011 4:19-4:30',
    ]);
  });
});

describe('[tool.pyconv.flake8-pytest-style]', () => {
  it('reports a malformed list or glob and keeps the valid patterns', () => {
    const checked = pytestStyleOptions.validate({
      'raises-require-match-for': ['Value*', 'a[b'],
      'raises-extend-require-match-for': 'mod.*',
    });
    expect(checked.problems).toEqual([
      '[tool.pyconv.flake8-pytest-style] raises-require-match-for: invalid glob pattern "a[b"',
      '[tool.pyconv.flake8-pytest-style] raises-extend-require-match-for must be a list of strings',
    ]);
    expect(checked.value['raises-require-match-for']).toEqual(['Value*']);
  });
});
