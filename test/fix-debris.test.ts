/**
 * Fixes leave no debris and create no new findings (issue 12, "Fixes that create new findings or
 * leave debris"): every test applies fixes the way fix-all, fix-on-save and `--fix` do (all
 * applicable fixes, re-analysed until nothing changes) with the default rule selection.
 */
import { describe, expect, it } from 'vitest';
import type { Diagnostic, PythonVersion } from '../server/src/engine/types';
import { allRuleMetas } from '../server/src/rules/registry';
import { getParser } from './helpers/analyze';
import { analyzerFor, fixAllWith } from './helpers/fix-loop';

const DEFAULT_CODES = allRuleMetas.filter((meta) => meta.defaultEnabled).map((meta) => meta.code);
const PY310: PythonVersion = [3, 10];

async function diagnosticsOf(source: string, codes: readonly string[]): Promise<Diagnostic[]> {
  return analyzerFor(await getParser(), codes, PY310)(source)?.diagnostics ?? [];
}

/** The engine's fix loop over the given rules (the default selection when none are given), on 3.10. */
function fixAll(source: string, options: { unsafe: boolean; codes?: readonly string[] }): Promise<string> {
  return fixAllWith(source, options.codes ?? DEFAULT_CODES, { unsafe: options.unsafe, targetVersion: PY310 });
}

describe('fix-all leaves no unused import', () => {
  it('removes `from typing import Optional` when one pass rewrites every use', async () => {
    const source = [
      'from typing import Optional',
      '',
      '',
      'def f(a: Optional[int], b: Optional[str]) -> Optional[bytes]:',
      '    return None',
      '',
    ].join('\n');
    expect(await fixAll(source, { unsafe: false, codes: ['UP045'] })).toBe(
      'def f(a: int | None, b: str | None) -> bytes | None:\n    return None\n',
    );
  });

  it('drops only the name from a longer import, and keeps it while a use remains', async () => {
    const source = [
      'from typing import Any, Optional',
      '',
      'X: Optional[int] = None',
      'Y: Optional[str] = None',
      'Z: "Optional"',
      '',
    ].join('\n');
    const fixed = await fixAll(source, { unsafe: false, codes: ['UP045'] });
    expect(fixed).toContain('from typing import Any, Optional\n');
    const noLeftover = source.replace('Z: "Optional"\n', '');
    expect(await fixAll(noLeftover, { unsafe: false, codes: ['UP045'] })).toBe(
      'from typing import Any\n\nX: int | None = None\nY: str | None = None\n',
    );
  });

  it('removes List and Optional together (UP006 and UP045 in one pass)', async () => {
    const source =
      'from typing import List, Optional\n\nA: Optional[List[int]] = None\nB: List[str] = []\nC: Optional[int] = None\n';
    expect(await fixAll(source, { unsafe: false, codes: ['UP006', 'UP045'] })).toBe(
      'A: list[int] | None = None\nB: list[str] = []\nC: int | None = None\n',
    );
  });
});

describe('removing an import line leaves no extra blank lines', () => {
  it('keeps the longer run of blank lines around the removed line, not their sum', async () => {
    const source =
      '"""Module."""\n\nfrom typing import Optional\n\n\ndef f(a: Optional[int]) -> None:\n    pass\n';
    expect(await fixAll(source, { unsafe: false, codes: ['UP045'] })).toBe(
      '"""Module."""\n\n\ndef f(a: int | None) -> None:\n    pass\n',
    );
  });

  it('leaves no blank lines at the top of the file, and CRLF lines whole', async () => {
    const source = 'from typing import Optional\r\n\r\n\r\nX: Optional[int] = None\r\n';
    expect(await fixAll(source, { unsafe: false, codes: ['UP045'] })).toBe('X: int | None = None\r\n');
  });
});

describe('the `Any` stub keeps the typing import sorted', () => {
  const codes = ['ANN001'];

  it('inserts `Any` before the names that sort after it', async () => {
    const source = 'from typing import Optional\n\n\ndef f(x, y: Optional[int] = None) -> None:\n    pass\n';
    const fixed = await fixAll(source, { unsafe: true, codes });
    expect(fixed).toBe(
      'from typing import Any, Optional\n\n\ndef f(x: Any, y: Optional[int] = None) -> None:\n    pass\n',
    );
    expect(await diagnosticsOf(fixed, ['ANN001', 'I001'])).toEqual([]);
  });

  it('follows order-by-type (constants first) and wrapped imports', async () => {
    const constants = 'from typing import TYPE_CHECKING, cast\n\n\ndef f(x) -> None:\n    cast(int, x)\n';
    expect(await fixAll(constants, { unsafe: true, codes })).toContain(
      'from typing import TYPE_CHECKING, Any, cast\n',
    );
    const wrapped =
      'from typing import (\n    Optional,\n    cast,\n)\n\n\ndef f(x) -> None:\n    cast(Optional[int], x)\n';
    const fixed = await fixAll(wrapped, { unsafe: true, codes });
    expect(fixed).toContain('from typing import (\n    Any,\n    Optional,\n    cast,\n)\n');
    expect(await diagnosticsOf(fixed, ['ANN001', 'I001'])).toEqual([]);
  });
});

describe('a docstring template is written from the signature it sits under', () => {
  it('waits while the same pass rewrites the signature, and fix-all converges to the new types', async () => {
    const source = [
      'from typing import Optional',
      '',
      '',
      'def ratio(part: float, whole: float) -> Optional[float]:',
      '    return part / whole if whole else None',
      '',
    ].join('\n');
    const fixed = await fixAll(source, { unsafe: true, codes: ['D103', 'UP045'] });
    expect(fixed).toContain('-> float | None:');
    expect(fixed).not.toContain('Optional');
    expect(fixed).toMatch(/Returns:\n\s+float \| None: /);
  });
});

describe('no fix trades its finding for another', () => {
  it('writes no `Any` placeholder while ANN401 is enabled, and still infers types', async () => {
    const source = 'def f(x, y=0, *args, **kwargs):\n    return x\n';
    const codes = ['ANN001', 'ANN002', 'ANN003', 'ANN201', 'ANN401'];
    const fixed = await fixAll(source, { unsafe: true, codes });
    expect(fixed).toBe('def f(x, y: int = 0, *args, **kwargs):\n    return x\n');
    expect((await diagnosticsOf(fixed, codes)).filter((d) => d.code === 'ANN401')).toEqual([]);
    const withoutAny401 = await fixAll(source, { unsafe: true, codes: codes.slice(0, 4) });
    expect(withoutAny401).toContain('def f(x: Any, y: int = 0, *args: Any, **kwargs: Any) -> Any:');
  });
});

describe('a docstring template lists no exception DOC502 would flag', () => {
  it('leaves out raises of names that cannot be resolved while DOC502 is enabled', async () => {
    const source =
      'def parse(data):\n    if not data:\n        raise TooLarge()\n    raise ValueError(data)\n';
    const codes = ['D103', 'DOC502'];
    const fixed = await fixAll(source, { unsafe: true, codes });
    expect(fixed).toContain('Raises:\n        ValueError: ');
    expect(fixed).not.toContain('TooLarge:');
    expect(await diagnosticsOf(fixed, codes)).toEqual([]);
    expect(await fixAll(source, { unsafe: true, codes: ['D103'] })).toContain('TooLarge: ');
  });
});

describe('`import typing as t` left unused by rewrites', () => {
  it('is removed once every `t.` use is rewritten, and kept while one remains', async () => {
    const source = 'import typing as t\n\nA: t.Optional[int] = None\nB: t.List[str] = []\n';
    expect(await fixAll(source, { unsafe: false, codes: ['UP006', 'UP045'] })).toBe(
      'A: int | None = None\nB: list[str] = []\n',
    );
    const kept = `${source}C = t.cast(int, A)\n`;
    expect(await fixAll(kept, { unsafe: false, codes: ['UP006', 'UP045'] })).toContain(
      'import typing as t\n',
    );
  });
});

describe('a name imported twice', () => {
  it('loses both imports when the pass rewrites every use', async () => {
    const source = [
      'from typing import Optional, Tuple',
      '',
      'try:',
      '    import fast',
      'except ImportError:',
      '    fast = None',
      '',
      'from typing import Optional',
      '',
      'A: Optional[int] = None',
      'B: Optional[Tuple[int, int]] = None',
      'C: Tuple[str] = ("x",)',
      '',
    ].join('\n');
    const fixed = await fixAll(source, { unsafe: false, codes: ['UP006', 'UP045'] });
    expect(fixed).not.toContain('Optional');
    expect(fixed).not.toContain('Tuple');
  });
});

describe('two names of one import left unused in one pass', () => {
  it('removes both, over two passes, together with import sorting', async () => {
    const source = [
      'from typing import Optional, Tuple, TYPE_CHECKING',
      '',
      'A: Optional[int] = None',
      'B: Optional[str] = None',
      'C: Tuple[int, int] = (1, 2)',
      'D: Tuple[str] = ("x",)',
      '',
      'if TYPE_CHECKING:',
      '    pass',
      '',
    ].join('\n');
    const fixed = await fixAll(source, { unsafe: false, codes: ['I001', 'UP006', 'UP045'] });
    expect(fixed).toContain('from typing import TYPE_CHECKING\n');
    expect(fixed).not.toMatch(/Optional|Tuple/);
  });
});

describe('typing imports under `if TYPE_CHECKING:`', () => {
  it('are removed when the rewrites leave them unused, with a guard left empty, never an empty block', async () => {
    const source = [
      'import typing as t',
      'from collections import deque',
      '',
      'if t.TYPE_CHECKING:',
      '    import typing_extensions as te',
      '    from os import PathLike',
      '',
      'queue: "te.Deque[PathLike]" = deque()',
      'other: "te.Deque[int]" = deque()',
      '',
    ].join('\n');
    const fixed = await fixAll(source, { unsafe: false, codes: ['UP006'] });
    expect(fixed).toContain('if t.TYPE_CHECKING:\n    from os import PathLike\n');
    expect(fixed).not.toContain('typing_extensions');
    const alone = source.replace('    from os import PathLike\n', '').replace('PathLike', 'int');
    expect(await fixAll(alone, { unsafe: false, codes: ['UP006'] })).toBe(
      'import typing as t\nfrom collections import deque\n\nqueue: "deque[int]" = deque()\nother: "deque[int]" = deque()\n',
    );
    const guarded = alone.replace(
      'if t.TYPE_CHECKING:',
      'if t.TYPE_CHECKING:  # noqa\n    pass\nelif DEBUG:',
    );
    expect(await fixAll(guarded, { unsafe: false, codes: ['UP006'] })).toContain(
      'import typing_extensions as te\n',
    );
  });
});
