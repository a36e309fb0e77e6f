/** Python's reserved words and builtin names, for renames and the naming rules. */

export const PYTHON_KEYWORDS: ReadonlySet<string> = new Set([
  'False',
  'None',
  'True',
  'and',
  'as',
  'assert',
  'async',
  'await',
  'break',
  'class',
  'continue',
  'def',
  'del',
  'elif',
  'else',
  'except',
  'finally',
  'for',
  'from',
  'global',
  'if',
  'import',
  'in',
  'is',
  'lambda',
  'nonlocal',
  'not',
  'or',
  'pass',
  'raise',
  'return',
  'try',
  'while',
  'with',
  'yield',
]);

/** Python's builtin names (3.12), without the exception classes' long tail that nobody shadows by accident. */
export const PYTHON_BUILTINS: ReadonlySet<string> = new Set(
  (
    'abs aiter all anext any ascii bin bool breakpoint bytearray bytes callable chr classmethod compile ' +
    'complex copyright credits delattr dict dir divmod enumerate eval exec exit filter float format ' +
    'frozenset getattr globals hasattr hash help hex id input int isinstance issubclass iter len license ' +
    'list locals map max memoryview min next object oct open ord pow print property quit range repr ' +
    'reversed round set setattr slice sorted staticmethod str sum super tuple type vars zip __import__ ' +
    '__name__ __file__ __doc__ __package__ __spec__ __loader__ __builtins__ __debug__ Ellipsis ' +
    'NotImplemented BaseException BaseExceptionGroup Exception ExceptionGroup ArithmeticError ' +
    'AssertionError AttributeError BlockingIOError BrokenPipeError BufferError ChildProcessError ' +
    'ConnectionAbortedError ConnectionError ConnectionRefusedError ConnectionResetError EOFError ' +
    'EnvironmentError FileExistsError FileNotFoundError FloatingPointError GeneratorExit IOError ImportError ' +
    'IndentationError IndexError InterruptedError IsADirectoryError KeyError KeyboardInterrupt LookupError ' +
    'MemoryError ModuleNotFoundError NameError NotADirectoryError NotImplementedError OSError OverflowError ' +
    'PermissionError ProcessLookupError RecursionError ReferenceError RuntimeError StopAsyncIteration ' +
    'StopIteration SyntaxError SystemError SystemExit TabError TimeoutError TypeError UnboundLocalError ' +
    'UnicodeDecodeError UnicodeEncodeError UnicodeError UnicodeTranslateError ValueError ZeroDivisionError ' +
    'Warning UserWarning DeprecationWarning PendingDeprecationWarning SyntaxWarning RuntimeWarning ' +
    'FutureWarning ImportWarning UnicodeWarning BytesWarning ResourceWarning EncodingWarning'
  ).split(' '),
);

/** Ruff's default `dummy-variable-rgx`: `_`, `__`, `_unused`, but not `_x_` (a trailing underscore). */
export const DUMMY_VARIABLE = /^(_+|(_+[a-zA-Z0-9_]*[a-zA-Z0-9]+?))$/;

/** Names every Python 3 since 3.7 defines in `builtins` (and module globals Ruff treats as always there). */
const ALWAYS_BUILTINS: ReadonlySet<string> = new Set(
  (
    'ArithmeticError AssertionError AttributeError BaseException BlockingIOError BrokenPipeError BufferError ' +
    'BytesWarning ChildProcessError ConnectionAbortedError ConnectionError ConnectionRefusedError ' +
    'ConnectionResetError DeprecationWarning EOFError Ellipsis EnvironmentError Exception False ' +
    'FileExistsError FileNotFoundError FloatingPointError FutureWarning GeneratorExit IOError ImportError ' +
    'ImportWarning IndentationError IndexError InterruptedError IsADirectoryError KeyError KeyboardInterrupt ' +
    'LookupError MemoryError ModuleNotFoundError NameError None NotADirectoryError NotImplemented ' +
    'NotImplementedError OSError OverflowError PendingDeprecationWarning PermissionError ProcessLookupError ' +
    'RecursionError ReferenceError ResourceWarning RuntimeError RuntimeWarning StopAsyncIteration ' +
    'StopIteration SyntaxError SyntaxWarning SystemError SystemExit TabError TimeoutError True TypeError ' +
    'UnboundLocalError UnicodeDecodeError UnicodeEncodeError UnicodeError UnicodeTranslateError ' +
    'UnicodeWarning UserWarning ValueError Warning ZeroDivisionError __build_class__ __debug__ __doc__ ' +
    '__import__ __loader__ __name__ __package__ __spec__ abs all any ascii bin bool breakpoint bytearray ' +
    'bytes callable chr classmethod compile complex copyright credits delattr dict dir divmod enumerate ' +
    'eval exec exit filter float format frozenset getattr globals hasattr hash help hex id input int ' +
    'isinstance issubclass iter len license list locals map max memoryview min next object oct open ord ' +
    'pow print property quit range repr reversed round set setattr slice sorted staticmethod str sum super ' +
    'tuple type vars zip ' +
    // Module globals that are not attributes of `builtins`, or exist on some platforms only.
    'WindowsError __annotations__ __builtins__ __cached__ __warningregistry__ __file__'
  ).split(' '),
);

/** Builtins added after 3.9, by the minor version that added them. */
const VERSIONED_BUILTINS: ReadonlyMap<string, number> = new Map([
  ['EncodingWarning', 10],
  ['aiter', 10],
  ['anext', 10],
  ['BaseExceptionGroup', 11],
  ['ExceptionGroup', 11],
  ['PythonFinalizationError', 13],
  ['__annotate__', 14],
]);

/** A name Python defines without an import when targeting `3.<minor>`. */
export function isPythonBuiltin(name: string, minor: number): boolean {
  if (ALWAYS_BUILTINS.has(name)) return true;
  const added = VERSIONED_BUILTINS.get(name);
  return added !== undefined && minor >= added;
}

/** The minor version that added a builtin that later versions have (undefined: not a builtin). */
export function builtinAddedIn(name: string): number | undefined {
  if (name === '__annotate__') return undefined;
  return (
    VERSIONED_BUILTINS.get(name) ?? (ALWAYS_BUILTINS.has(name) && !MAGIC_GLOBALS.has(name) ? 0 : undefined)
  );
}

const MAGIC_GLOBALS = new Set([
  'WindowsError',
  '__annotations__',
  '__builtins__',
  '__cached__',
  '__warningregistry__',
  '__file__',
]);

/** The node types of Python's literal constants: numbers, `True`, `False`, `None` and `...`. */
export const LITERAL_CONSTANTS: readonly string[] = ['integer', 'float', 'true', 'false', 'none', 'ellipsis'];
