import { describe, expect, it } from 'vitest';
import { check, flagged } from '../helpers/analyze';

describe('TC001 typing-only-first-party-import', () => {
  it('flags first-party and relative imports used only in annotations, at the name', async () => {
    const source = [
      'from __future__ import annotations',
      'from .models import Config',
      'from app.core import Engine',
      'def run(config: Config) -> Engine: ...',
      '',
    ].join('\n');
    const options = { isort: { 'known-first-party': ['app'] } };
    expect(await flagged(source, 'TC001', { options })).toEqual(['TC001 1:20-1:26', 'TC001 2:21-2:27']);
    const [first] = await check(source, ['TC001'], { options });
    expect(first.message).toBe('Move application import `.models.Config` into a type-checking block');
  });

  it('passes runtime uses, TYPE_CHECKING blocks and unused imports', async () => {
    const source = [
      'from __future__ import annotations',
      'from typing import TYPE_CHECKING',
      'from .models import Config, build',
      'from .unused import Nothing',
      'if TYPE_CHECKING:',
      '    from .engine import Engine',
      'def run(config: Config) -> Engine:',
      '    return build()',
      '',
    ].join('\n');
    expect(await flagged(source, 'TC001')).toEqual([]);
  });
});
