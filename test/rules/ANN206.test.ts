import { describe, expect, it } from 'vitest';
import { flagged } from '../helpers/analyze';
import { fixedBoth } from '../helpers/typing-fixes';

describe('ANN206 missing-return-type-class-method', () => {
  const source =
    'class Config:\n    @classmethod\n    def default(cls):\n        return None\n    @classmethod\n    def ok(cls) -> None: pass\n';

  it('flags class methods without a return annotation', async () => {
    expect(await flagged(source, 'ANN206')).toEqual(['ANN206 2:8-2:15']);
  });

  it('fixes with -> None', async () => {
    expect((await fixedBoth(source, 'ANN206')).plain).toContain('def default(cls) -> None:');
  });

  it('gives abstract stubs a placeholder where Ruff gives no fix', async () => {
    const abstract =
      'import abc\nclass A:\n    @classmethod\n    @abc.abstractmethod\n    def make(cls): ...\n';
    // biome-ignore lint/suspicious/noTemplateCurlyInString: an expected LSP snippet tab stop
    expect((await fixedBoth(abstract, 'ANN206')).snippet).toContain('def make(cls) -> ${1:Any}: ...');
  });
});
