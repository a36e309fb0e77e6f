import { describe, expect, it } from 'vitest';
import { check, flagged, formatRange } from '../helpers/analyze';
import { fixedBoth } from '../helpers/typing-fixes';

describe('UP045 non-pep604-annotation-optional', () => {
  it('flags Optional under any import name, in annotations and elsewhere on 3.10+', async () => {
    const source = [
      'from typing import Optional',
      'import typing as t',
      'def f(a: Optional[int], b: t.Optional[str] = None) -> "Optional[int]": ...',
      'X = Optional[int]',
      '',
    ].join('\n');
    expect(await flagged(source, 'UP045')).toEqual([
      'UP045 2:9-2:22',
      'UP045 2:27-2:42',
      'UP045 2:55-2:68',
      'UP045 3:4-3:17',
    ]);
  });

  it('gates on the target version and __future__ annotations', async () => {
    const source = 'from typing import Optional\ndef f(a: Optional[int]) -> None: ...\nX = Optional[int]\n';
    expect(await flagged(source, 'UP045', { targetVersion: 'py39' })).toEqual([]);
    const future = `from __future__ import annotations\n${source}`;
    expect(await flagged(future, 'UP045', { targetVersion: 'py39' })).toEqual(['UP045 2:9-2:22']);
  });

  it('leaves quoted members where Python evaluates the annotation, and unrelated Optionals', async () => {
    const source = [
      'from typing import Optional',
      'def f(a: Optional["Foo"]) -> None:',
      '    b: Optional["Foo"] = None',
      'class Optional2: pass',
      'def g(a: Optional2) -> None: ...',
      '',
    ].join('\n');
    expect(await flagged(source, 'UP045')).toEqual(['UP045 2:7-2:22']);
    expect(await flagged('def f(a: Optional[int]) -> None: ...\n', 'UP045')).toEqual([]);
  });

  it('rewrites to X | None and drops the import it leaves unused', async () => {
    const source = 'from typing import List, Optional\n\ndef f(a: Optional[List[int]]) -> None: ...\n';
    const result = await fixedBoth(source, 'UP045');
    expect(result.plain).toBe('from typing import List\n\ndef f(a: List[int] | None) -> None: ...\n');
    expect(result.safe).toBe(true);
    const only = 'from typing import Optional\n\ndef f(a: Optional[int]) -> None: ...\n';
    expect((await fixedBoth(only, 'UP045')).plain).toBe('def f(a: int | None) -> None: ...\n');
  });

  it('keeps the import while other uses remain, and collapses nested Optionals', async () => {
    const source =
      'from typing import Optional\n\ndef f(a: Optional[Optional[int]], b: Optional[int | None]) -> None: ...\n';
    expect((await fixedBoth(source, 'UP045', 0)).plain).toBe(
      'from typing import Optional\n\ndef f(a: int | None, b: Optional[int | None]) -> None: ...\n',
    );
    expect((await fixedBoth(source, 'UP045', 2)).plain).toBe(
      'from typing import Optional\n\ndef f(a: Optional[Optional[int]], b: int | None) -> None: ...\n',
    );
  });

  it('is unsafe below 3.10 and has no fix outside annotations', async () => {
    const future =
      'from __future__ import annotations\nfrom typing import Optional\ndef f(a: Optional[int]) -> None: ...\n';
    expect((await fixedBoth(future, 'UP045', 0, { targetVersion: 'py38' })).safe).toBe(false);
    const runtime = 'from typing import Optional\nX = Optional[int]\n';
    expect((await check(runtime, ['UP045']))[0].fix).toBeNull();
  });

  it('reads strings that are types: cast, TypeAlias values, NamedTuple/TypedDict fields, nested strings', async () => {
    const source = [
      'from typing import Optional, List, cast, TypeAlias, NamedTuple, TypedDict',
      'x = cast("Optional[str]", None)',
      'Y: TypeAlias = "Optional[str]"',
      'P = NamedTuple("P", [("port", "Optional[int]")])',
      'T = TypedDict("T", {"a": "Optional[int]"})',
      'def d(x: "List[\'Optional[str]\']"): ...',
      'z = f("Optional[str]")',
      '',
    ].join('\n');
    expect(await flagged(source, 'UP045')).toEqual([
      'UP045 1:10-1:23',
      'UP045 2:16-2:29',
      'UP045 3:31-3:44',
      'UP045 4:26-4:39',
      'UP045 5:16-5:29',
    ]);
    expect((await fixedBoth(source, 'UP045', 0)).plain).toContain('x = cast("str | None", None)');
    expect((await fixedBoth(source, 'UP045', 4)).plain).toContain('def d(x: "List[\'str | None\']"): ...');
  });

  it('fixes TypeAlias values under any import name and functional NamedTuple/TypedDict fields', async () => {
    const source = [
      'from typing import Optional, NamedTuple, TypedDict',
      'from typing import TypeAlias as _TypeAlias',
      'import typing_extensions',
      'X: _TypeAlias = Optional[int]',
      'X2: typing_extensions.TypeAlias = Optional[int]',
      'P = NamedTuple("P", [("port", Optional[int])])',
      'T = TypedDict("T", {"a": Optional[int]})',
      'V = Optional[int]',
      '',
    ].join('\n');
    const diagnostics = await check(source, ['UP045']);
    expect(diagnostics.map((d) => `${d.range.start.line}:${d.fix ? 'fix' : 'none'}`)).toEqual([
      '3:fix',
      '4:fix',
      '5:fix',
      '6:fix',
      '7:none',
    ]);
    expect((await fixedBoth(source, 'UP045', 2)).plain).toContain(
      'P = NamedTuple("P", [("port", int | None)])',
    );
  });

  it('maps raw, triple-quoted and multi-line strings; skips concatenated and escaped ones, as Ruff', async () => {
    const source = [
      'from typing import Optional',
      'def a(x: r"Optional[str]"): ...',
      'def b(x: """',
      '  Optional[int]',
      '"""): ...',
      'def c(x: "Opt" "ional[str]"): ...',
      'def e(x: "Optional[\\x69nt]"): ...',
      'def g(x: b"Optional[str]", y: f"Optional[str]"): ...',
      '',
    ].join('\n');
    const diagnostics = await check(source, ['UP045']);
    expect(diagnostics.map((d) => `UP045 ${formatRange(d.range)} ${d.fix ? 'fix' : 'none'}`)).toEqual([
      'UP045 1:11-1:24 fix',
      'UP045 3:2-3:15 fix',
    ]);
  });
});
