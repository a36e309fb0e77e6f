/**
 * D100-D107, D417 and the DOC rules compared with Ruff itself (ruff-wasm, Google convention,
 * preview) on snippets chosen for their edge cases: same codes at the same ranges.
 */
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { allRules } from '../server/src/rules/registry';
import { check, formatRange } from './helpers/analyze';

const require = createRequire(import.meta.url);
// biome-ignore lint/suspicious/noExplicitAny: ruff-wasm ships no types for its diagnostics
const { Workspace, PositionEncoding } = require('@astral-sh/ruff-wasm-nodejs') as any;

const CODES = [
  'D100',
  'D101',
  'D102',
  'D103',
  'D105',
  'D106',
  'D107',
  'D417',
  'DOC201',
  'DOC402',
  'DOC501',
  'DOC502',
];
const nameToCode = new Map(allRules.map((rule) => [rule.meta.name, rule.meta.code]));
/** Ruff's convention (none: guessed per docstring) and pyconv's spelling of it. */
type OracleConvention = 'google' | 'numpy' | 'auto';

function workspaceFor(convention: OracleConvention) {
  const pydocstyle = convention === 'auto' ? {} : { convention };
  return new Workspace(
    { 'target-version': 'py310', lint: { select: CODES, preview: true, pydocstyle } },
    PositionEncoding.Utf16,
  );
}
const workspaces = {
  google: workspaceFor('google'),
  numpy: workspaceFor('numpy'),
  auto: workspaceFor('auto'),
};

interface RuffDiagnostic {
  code: string;
  message: string;
  start_location: { row: number; column: number };
  end_location: { row: number; column: number };
}

function ruff(source: string, convention: OracleConvention = 'google'): string[] {
  return (workspaces[convention].check(source) as RuffDiagnostic[])
    .map((d) => {
      const code = nameToCode.get(d.code) ?? d.code;
      const range = `${d.start_location.row - 1}:${d.start_location.column - 1}-${d.end_location.row - 1}:${d.end_location.column - 1}`;
      return `${code} ${range} ${d.message}`;
    })
    .sort();
}

async function pyconv(source: string, convention: OracleConvention = 'google'): Promise<string[]> {
  const diagnostics = await check(source, CODES, { options: { pydocstyle: { convention } } });
  return diagnostics.map((d) => `${d.code} ${formatRange(d.range)} ${d.message}`).sort();
}

const SNIPPETS: Record<string, string> = {
  visibility: `"""Module."""
__all__ = ["Exported", "exported_fn"]


class Exported:
    def method(self): pass
    def _private(self): pass
    def __eq__(self, other): pass
    def __init__(self): pass
    def __call__(self): pass
    def __new__(cls): pass

    @property
    def value(self): return 1

    @value.setter
    def value(self, v): pass

    class Inner:
        def inner_method(self): pass


class NotExported:
    def method(self): pass


def exported_fn():
    def nested(): pass
    class Local:
        def m(self): pass


def other_fn(): pass
`,
  noAll: `import typing
from typing import overload, override


class _Private:
    def method(self): pass
    class Inner: pass


class Public:
    @overload
    def f(self, x: int) -> int: ...
    @typing.overload
    def f(self, x: str) -> str: ...
    def f(self, x): return x

    @override
    def g(self): pass


@overload
def top(x: int) -> int: ...
def top(x): return x
if True:
    def in_if(): pass
`,
  docstringForms: `f"""Not a docstring."""


def concatenated():
    "a" "b"


def fstring():
    f"""no"""


def bytes_doc():
    b"""no"""


def empty():
    """"""
    return 1


class WithComment:
    # comment first
    """Doc."""
`,
  args: `"""Mod."""
from typing import Unpack


def f(a, b, _c, *args, **kwargs):
    """Do.

    Args:
        a: first.
        *args: rest.
    """


def g(a, b: int = 1, *, c, **kw: Unpack[dict]):
    """Do.

    Args:
        a (int): first.
        b:
            described below.
        c: third.
    """


class K:
    def m(self, x, y):
        """Do.

        Arguments:
            x: x.

        Keyword Args:
            y: y.
        """

    @staticmethod
    def s(x, y):
        """Do.

        Args:
            x: x.
        """

    @classmethod
    def c(cls, x):
        """Do.

        Args:
            x:
        """


def sub(args, returns):
    """Do.

    Args:
        args: The args.
        returns: The value.
    """


def no_args_section(a):
    """Do a thing."""
`,
  returns: `"""Mod."""
import functools
from typing import Iterator, Generator


def a():
    """Do."""
    return 1


def b() -> int:
    """Do."""
    return None


def c():
    """Do."""
    return None


def d() -> None:
    """Do."""
    return


def e() -> Iterator[int]:
    """Do."""
    yield 1
    return


def f() -> Generator[int, None, str]:
    """Do."""
    yield 1
    return "x"


def g():
    """Returns a thing."""
    return 1


def h():
    """Do.

    Return:
        thing.
    """
    return 1


def i():
    """Do.

    Returns:
        thing.
    """
    return 1


class P:
    @property
    def p(self):
        """Do."""
        return 1

    @functools.cached_property
    def q(self):
        """Do."""
        return 1

    def __new__(cls):
        """Do."""
        return super().__new__(cls)


def outer():
    """Do."""
    def inner():
        return 1
    lam = lambda: 1


def stub() -> int:
    """Do."""
    ...


def raises_only() -> int:
    """Do."""
    raise NotImplementedError
`,
  yields: `"""Mod."""
from typing import Iterator, Generator, AsyncIterator


def a():
    """Do."""
    yield 1


def b():
    """Do."""
    yield


def c() -> Iterator[int]:
    """Do."""
    yield 1


def d() -> Iterator:
    """Do."""
    yield 1


def e() -> Generator[None, None, None]:
    """Do."""
    yield


def f():
    """Yields things."""
    yield 1


def g():
    """Do.

    Yields:
        things.
    """
    yield 1


def h():
    """Do."""
    yield from range(3)


async def i() -> AsyncIterator[int]:
    """Do."""
    yield 1


def j() -> int:
    """Do."""
    x = lambda: (yield)
    yield None
`,
  raises: `"""Mod."""
import abc
import errors
from errors import Bad as Worse


class MyError(Exception):
    """Mine."""


def a(x):
    """Do.

    Raises:
        ValueError: sometimes.
        errors.Missing: never.
    """
    if x:
        raise ValueError("x")
    if x > 1:
        raise errors.Bad("y")
    raise MyError


def b():
    """Do."""
    try:
        pass
    except (KeyError, IndexError) as e:
        raise
    except Exception:
        raise
    except OSError as err:
        raise err
    except:
        raise


def c():
    """Do."""
    raise NotImplementedError


def d():
    """Do.

    Raises:
        Worse: bad.
    """
    def inner():
        raise KeyError
    raise Worse()


def e():
    """Do.

    Raises:
        KeyError: one.
        TypeError: two.
    """


def f():
    """Do."""
    exc = ValueError()
    raise exc


def g(ValueError):
    """Do."""
    raise ValueError


def h():
    """Do."""
    raise Exception("x")


def i():
    """Do."""
    raise UnknownName()


def j():
    """Do.

    Raises:
        ValueError
    """
    raise ValueError


def k():
    """Do.

    Raises:
        ValueError: yes.
        KeyError: no.
    """
    raise ValueError


class Base(abc.ABC):
    @abc.abstractmethod
    def run(self):
        """Do.

        Raises:
            KeyError: in subclasses.
        """

    def only_raises(self):
        """Do.

        Raises:
            KeyError: in subclasses.
        """
        raise NotImplementedError
`,
  sectionEdgeCases: `"""Mod."""
import errors
from typing import Iterator


def g(Args, **kwargs: int) -> Iterator[int]:
    """

    raises:
        KeyError: x
            continued.
        NotImplementedError:

    Raises:
    """
    raise Exception
    raise errors.Bad()


def h(a, args):
    """Do.

    Args:
        a: x.
        Args:
            nested.
    Returns:
        thing.
    .. note::
        Returns:
    """
    return 1
`,
};

/** NumPy docstrings, checked with Ruff's `convention = "numpy"` and with no convention (guessed). */
const NUMPY_SNIPPETS: Record<string, string> = {
  parameters: `"""Mod."""
from typing import Unpack


def f(a, b, c, d, *args, _e=1, **kwargs):
    """Do.

    Parameters
    ----------
    a : int
        First.
    b, c : str
        Both.
    *args
        Rest.
    d
    """


def g(a, b, **kw: Unpack[dict]):
    """Do.

    Parameters
    ----------
    a : int
        First.

    Other Parameters
    ----------------
    b
        Other.
    """


class K:
    def m(self, x, y):
        """Do.

        Parameters
        ----------
        x : int
            The x.
        y : \\
            int
            The y.
        """

    @staticmethod
    def s(x, y):
        """Do.

        Parameters
        ----------
        y
            The y.

        Parameters
        ----------
        x
            The x.
        """


def no_section(a):
    """Do a thing.

    Returns
    -------
    int
        One.
    """
    return 1
`,
  returnsYields: `"""Mod."""
from typing import Iterator


def a(x):
    """Do.

    Parameters
    ----------
    x
        The x.
    """
    return x


def b(x):
    """Do.

    Parameters
    ----------
    x
        The x.

    Returns
    -------
    int
        The value.
    """
    return x


def c() -> Iterator[int]:
    """Do.

    Yields
    ------
    int
        Values.
    """
    yield 1


def d() -> Iterator[int]:
    """Returns values."""
    yield 1


def e():
    """Returns a thing."""
    return 1


def f():
    """Do.

    Returns:
        A thing.
    """
    return 1
`,
  raises: `"""Mod."""
import errors


def a(x):
    """Do.

    Parameters
    ----------
    x
        The x.

    Raises
    ------
    ValueError
        If bad.
    errors.Bad
        If worse.
    KeyError : if x
    """
    if x:
        raise ValueError(x)
    raise errors.Bad


def b(x):
    """Do.

    Raises
    ------
    TypeError
        Not raised.
    """
    raise ValueError(x)


def c(x):
    """Do.

    Raises
    ------
    ValueError
        Bad.
      IndentedError
    """
    raise OSError(x)
`,
};

/** Sphinx docstrings where Ruff (which reads no fields) and pyconv's Sphinx reading agree. */
const SPHINX_SNIPPETS: Record<string, string> = {
  fields: `"""Mod."""


def complete(a, b):
    """Do.

    :param a: The a.
    :param int b: The b.
    """


def returns_undocumented(a):
    """Do.

    :param a: The a.
    """
    return a


def raises_undocumented(a):
    """Do.

    :param a: The a.
    :type a: int
    """
    raise ValueError(a)


def yields_undocumented(a):
    """Do.

    :param a: The a.
    """
    yield a


def numpy_wins(a, b):
    """Do.

    :param a: The a.

    Parameters
    ----------
    a
        The a.
    """
`,
};

describe('docstring rules agree with ruff-wasm', () => {
  for (const [name, source] of Object.entries(SNIPPETS)) {
    it(name, async () => {
      expect(await pyconv(source)).toEqual(ruff(source));
    });
  }

  for (const [name, source] of Object.entries(NUMPY_SNIPPETS)) {
    for (const convention of ['numpy', 'auto'] as const) {
      it(`numpy: ${name} (convention ${convention})`, async () => {
        expect(await pyconv(source, convention)).toEqual(ruff(source, convention));
      });
    }
  }

  // Ruff 0.17 reads no Sphinx fields; where it and pyconv's Sphinx reading look at the same thing
  // (complete docstrings, sections mixed in, one-line docstrings) they must agree.
  for (const [name, source] of Object.entries(SPHINX_SNIPPETS)) {
    it(`sphinx: ${name} (convention auto)`, async () => {
      expect(await pyconv(source, 'auto')).toEqual(ruff(source, 'auto'));
    });
  }

  it('the NumPy snippets exercise every code', async () => {
    const seen = new Set<string>();
    for (const source of Object.values(NUMPY_SNIPPETS))
      for (const line of ruff(source, 'numpy')) seen.add(line.split(' ')[0]);
    expect([...seen].sort()).toEqual(['D101', 'D417', 'DOC201', 'DOC402', 'DOC501', 'DOC502']);
  });

  it('the snippets exercise every code', async () => {
    const seen = new Set<string>();
    for (const source of Object.values(SNIPPETS))
      for (const line of ruff(source)) seen.add(line.split(' ')[0]);
    expect([...seen].sort()).toEqual([...CODES].sort());
  });
});
