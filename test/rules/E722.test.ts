import { describe, expect, it } from 'vitest';
import { check, flagged } from '../helpers/analyze';
import { applyFix, fixed } from '../helpers/apply-fix';

describe('E722 bare-except', () => {
  it('flags the `except` keyword of a bare handler', async () => {
    const source = [
      'try:',
      '    run()',
      'except:',
      '    pass',
      'try:',
      '    run()',
      'except ValueError:',
      '    pass',
      'except:',
      '    log()',
      '',
    ].join('\n');
    expect(await flagged(source, 'E722')).toEqual(['E722 2:0-2:6', 'E722 8:0-8:6']);
  });

  it('accepts a handler that re-raises directly in its body, and typed handlers', async () => {
    const source = [
      'try:',
      '    run()',
      'except:',
      '    cleanup()',
      '    raise',
      'try:',
      '    run()',
      'except Exception:',
      '    pass',
      '',
    ].join('\n');
    expect(await flagged(source, 'E722')).toEqual([]);
  });

  it('still flags when the bare raise is nested in an if', async () => {
    const source = ['try:', '    run()', 'except:', '    if retry:', '        raise', ''].join('\n');
    expect(await flagged(source, 'E722')).toEqual(['E722 2:0-2:6']);
  });

  it('fixes to `except Exception:`, unsafely', async () => {
    const source = 'try:\n    run()\nexcept:  # note\n    pass\n';
    const [diagnostic] = await check(source, ['E722']);
    expect(diagnostic.fix?.safe).toBe(false);
    expect(await fixed(source, 'E722')).toBe('try:\n    run()\nexcept Exception:  # note\n    pass\n');
  });

  it('offers no fix when BLE001 is enabled too and would flag `except Exception:`', async () => {
    const source = 'try:\n    run()\nexcept:\n    pass\n';
    const [diagnostic] = await check(source, ['E722'], { select: ['E722', 'BLE001'] });
    expect(diagnostic.fix).toBeNull();
  });

  it('with BLE001 enabled, still fixes a handler that re-raises or logs (BLE001 stays quiet)', async () => {
    const select = ['E722', 'BLE001'];
    const reraising = 'try:\n    run()\nexcept:\n    if retry:\n        raise\n';
    const logging = 'import logging\ntry:\n    run()\nexcept:\n    logging.exception("run failed")\n';
    for (const source of [reraising, logging]) {
      const [diagnostic] = await check(source, ['E722'], { select });
      expect(diagnostic.fix?.title).toBe('Catch `Exception` instead');
      const after = applyFix(source, diagnostic.fix!);
      expect(await check(after, ['E722', 'BLE001'], { select })).toEqual([]);
    }
  });
});
