import { describe, expect, it } from 'vitest';
import { check, flagged } from '../helpers/analyze';
import { fixedBoth } from '../helpers/typing-fixes';

describe('UP035 deprecated-import', () => {
  it('flags moved members and PEP 585 aliases on the statement', async () => {
    const source = 'from typing import Callable, List, Optional\n';
    const diagnostics = await check(source, ['UP035']);
    expect(diagnostics.map((d) => d.message)).toEqual([
      'Import from `collections.abc` instead: `Callable`',
      '`typing.List` is deprecated, use `list` instead',
    ]);
    expect(await flagged(source, 'UP035')).toEqual(['UP035 0:0-0:43', 'UP035 0:0-0:43']);
  });

  it('leaves typing.ByteString where it is (deprecated in collections.abc too), as Ruff', async () => {
    expect(await flagged('from typing import ByteString\n', 'UP035')).toEqual([]);
    const source = 'from typing import ByteString, Sequence\n';
    const diagnostics = await check(source, ['UP035']);
    expect(diagnostics.map((d) => d.message)).toEqual(['Import from `collections.abc` instead: `Sequence`']);
    expect((await fixedBoth(source, 'UP035')).plain).toBe(
      'from typing import ByteString\nfrom collections.abc import Sequence\n',
    );
    expect(await flagged('from collections import ByteString\n', 'UP035')).toEqual(['UP035 0:0-0:34']);
  });

  it('depends on the target version', async () => {
    expect(await flagged('from typing import Callable\n', 'UP035', { targetVersion: 'py39' })).toEqual([]);
    expect(
      await flagged('from typing_extensions import Self\n', 'UP035', { targetVersion: 'py310' }),
    ).toEqual([]);
    expect(
      await flagged('from typing_extensions import Self\n', 'UP035', { targetVersion: 'py311' }),
    ).toEqual(['UP035 0:0-0:34']);
    expect(await flagged('from .typing import Callable\nfrom typing import *\n', 'UP035')).toEqual([]);
  });

  it('rewrites the import, splitting it when some names stay', async () => {
    expect((await fixedBoth('from typing import Iterator, Callable\n', 'UP035')).plain).toBe(
      'from collections.abc import Iterator, Callable\n',
    );
    const mixed = 'if True:\n    from typing import Iterator, Optional\n';
    expect((await fixedBoth(mixed, 'UP035')).plain).toBe(
      'if True:\n    from typing import Optional\n    from collections.abc import Iterator\n',
    );
  });
});
