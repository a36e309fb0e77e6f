import { describe, expect, it } from 'vitest';
import { flagged } from '../helpers/analyze';
import { fixedBoth } from '../helpers/typing-fixes';

describe('ANN003 missing-type-kwargs', () => {
  it('flags an unannotated **kwargs, stars included', async () => {
    expect(await flagged('def f(a: int, **options) -> None: pass\n', 'ANN003')).toEqual(['ANN003 0:14-0:23']);
  });

  it('accepts annotated **kwargs', async () => {
    expect(await flagged('def f(**options: str) -> None: pass\n', 'ANN003')).toEqual([]);
  });

  it('inserts a placeholder, reusing an imported Any', async () => {
    const source = 'from typing import Any\n\ndef f(**options) -> None: ...\n';
    expect((await fixedBoth(source, 'ANN003')).plain).toBe(
      'from typing import Any\n\ndef f(**options: Any) -> None: ...\n',
    );
  });
});
