import { describe, expect, it } from 'vitest';
import { flagged } from '../helpers/analyze';
import { fixedBoth } from '../helpers/typing-fixes';

describe('ANN205 missing-return-type-static-method', () => {
  const source =
    'class Units:\n    @staticmethod\n    def to_mb(size: int):\n        return 1.5\n    @staticmethod\n    def ok() -> int: return 1\n';

  it('flags static methods without a return annotation', async () => {
    expect(await flagged(source, 'ANN205')).toEqual(['ANN205 2:8-2:13']);
    expect(await flagged('@staticmethod\ndef f(): pass\n', 'ANN205')).toEqual([]);
  });

  it('fixes with the literal type', async () => {
    expect((await fixedBoth(source, 'ANN205')).plain).toContain('def to_mb(size: int) -> float:');
  });
});
