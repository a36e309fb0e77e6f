import { describe, expect, it } from 'vitest';
import { check, flagged } from '../helpers/analyze';

const at = (path: string) => ({ file: { path } });
const TESTS = ['def test_defaults():', '    assert True', ''].join('\n');

describe('PCV105 test-naming', () => {
  it('flags a module with tests under a test folder that is not named test_*.py', async () => {
    expect(await flagged(TESTS, 'PCV105', at('tests/inference_checks.py'))).toEqual(['PCV105 0:0-0:0']);
    const [finding] = await check(TESTS, ['PCV105'], at('tests/unit/metrics_test.py'));
    expect(finding.message).toBe('Test module `metrics_test.py` should be named `test_metrics.py`');
  });

  it('accepts test_*.py, conftest, helpers without tests, and modules outside test folders', async () => {
    expect(await flagged(TESTS, 'PCV105', at('tests/test_metrics.py'))).toEqual([]);
    expect(await flagged(TESTS, 'PCV105', at('tests/conftest.py'))).toEqual([]);
    expect(await flagged('def make_config(): pass\n', 'PCV105', at('tests/helpers.py'))).toEqual([]);
    expect(await flagged(TESTS, 'PCV105', at('src/checks.py'))).toEqual([]);
    expect(await flagged(TESTS, 'PCV105', {})).toEqual([]);
  });

  it('flags classes with test methods that do not start with Test, in test modules only', async () => {
    const source = [
      'class MetricsSuite:',
      '    def test_defaults(self): pass',
      'class TestEngine:',
      '    def test_run(self): pass',
      'class Helper:',
      '    def build(self): pass',
      '',
    ].join('\n');
    expect(await flagged(source, 'PCV105', at('tests/test_metrics.py'))).toEqual(['PCV105 0:6-0:18']);
    expect(await flagged(source, 'PCV105', at('src/metrics.py'))).toEqual([]);
  });
});
