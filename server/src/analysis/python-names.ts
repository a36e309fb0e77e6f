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
