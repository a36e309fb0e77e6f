import { describe, expect, it } from 'vitest';
import { check, flagged } from '../helpers/analyze';

describe('PCV102 bool-predicate-name', () => {
  it('flags bool-annotated and True/False-assigned names that are not predicates', async () => {
    const source = [
      'ready: bool = False',
      'class Config:',
      '    cached: bool',
      'def run():',
      '    done = False',
      '    done = True',
      '',
    ].join('\n');
    expect(await flagged(source, 'PCV102')).toEqual(['PCV102 0:0-0:5', 'PCV102 2:4-2:10', 'PCV102 4:4-4:8']);
  });

  it('accepts predicate prefixes, constants, dunders, parameters and attributes', async () => {
    const source = [
      'is_ready: bool = False',
      '_has_cache = True',
      'can = True',
      'DEBUG = False',
      'def run(verbose: bool = False):',
      '    self.done = True',
      '    should_stop = False',
      'count: int = 0',
      '',
    ].join('\n');
    expect(await flagged(source, 'PCV102')).toEqual([]);
  });

  it('uses the configured prefix list and suggests names', async () => {
    const options = { 'pyconv-naming': { 'bool-prefixes': ['enable_'] } };
    expect(await flagged('enable_x = True\nis_y = True\n', 'PCV102', { options })).toEqual([
      'PCV102 1:0-1:4',
    ]);
    const [finding] = await check('_ready = True\n', ['PCV102']);
    expect(finding.message).toBe(
      'Boolean `_ready` should read as a predicate, e.g. `_is_ready` or `_has_ready`',
    );
  });
});
