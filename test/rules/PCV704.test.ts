import { describe, expect, it } from 'vitest';
import { check, flagged } from '../helpers/analyze';

const options = {
  'pyconv-house': { 'required-decorators': { 'pydantic.field_validator': ['classmethod'] } },
};

describe('PCV704 missing-companion-decorator', () => {
  it('flags a decorated function without its companion, at the name', async () => {
    const source = [
      'import pydantic',
      'from pydantic import field_validator',
      'class M:',
      '    @field_validator("x")',
      '    def check_x(cls, v): return v',
      '    @pydantic.field_validator("y", mode="after")',
      '    @staticmethod',
      '    def check_y(v): return v',
      '',
    ].join('\n');
    expect(await flagged(source, 'PCV704', { options })).toEqual(['PCV704 4:8-4:15', 'PCV704 7:8-7:15']);
    const [first] = await check(source, ['PCV704'], { options });
    expect(first.message).toBe('`@pydantic.field_validator` needs `@classmethod` too (house rule)');
  });

  it('passes functions with the companion, other decorators, and no configuration', async () => {
    const source = [
      'from pydantic import field_validator, model_validator',
      'class M:',
      '    @field_validator("x")',
      '    @classmethod',
      '    def check_x(cls, v): return v',
      '    @model_validator(mode="after")',
      '    def check(self): return self',
      '',
    ].join('\n');
    expect(await flagged(source, 'PCV704', { options })).toEqual([]);
    const bare =
      'from pydantic import field_validator\nclass M:\n    @field_validator("x")\n    def c(cls, v): ...\n';
    expect(await flagged(bare, 'PCV704')).toEqual([]);
  });
});
