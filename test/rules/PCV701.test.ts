import { describe, expect, it } from 'vitest';
import { check, flagged } from '../helpers/analyze';

const options = {
  'pyconv-house': {
    'required-keywords': {
      'pydantic.Field': ['description'],
      'dataclasses.field': ['metadata.help'],
      'dataclasses.dataclass': ['frozen=True'],
    },
  },
};

describe('PCV701 call-missing-keyword', () => {
  it('flags calls and bare decorators missing a required keyword, at the callee', async () => {
    const source = [
      'from dataclasses import dataclass, field',
      'from pydantic import Field',
      'import dataclasses',
      'a = Field(default=1)',
      'b = field(default=1)',
      'c = field(default=1, metadata={"doc": "x"})',
      '@dataclass',
      'class Config: ...',
      '@dataclasses.dataclass(frozen=False)',
      'class Other: ...',
      '',
    ].join('\n');
    expect(await flagged(source, 'PCV701', { options })).toEqual([
      'PCV701 3:4-3:9',
      'PCV701 4:4-4:9',
      'PCV701 5:4-5:9',
      'PCV701 6:1-6:10',
      'PCV701 8:1-8:22',
    ]);
    const [first] = await check(source, ['PCV701'], { options });
    expect(first.message).toBe('`pydantic.Field` must be called with `description` (house rule)');
  });

  it('passes compliant calls, **kwargs, metadata built elsewhere, and does nothing unconfigured', async () => {
    const source = [
      'from dataclasses import dataclass, field',
      'from pydantic import Field',
      'a = Field(default=1, description="x")',
      'b = field(default=1, metadata={"help": "x"})',
      'c = field(default=1, metadata=META)',
      'd = Field(**kwargs)',
      '@dataclass(frozen=True)',
      'class Config: ...',
      '',
    ].join('\n');
    expect(await flagged(source, 'PCV701', { options })).toEqual([]);
    expect(await flagged('from pydantic import Field\na = Field()\n', 'PCV701')).toEqual([]);
  });
});
