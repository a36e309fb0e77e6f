import { decoratorNames, isPublicDefinition } from '../../docstrings/definitions';
import { declareOptions, stringListOption } from '../../engine/option-schema';
import type { UnitRule } from '../../engine/rule';
import type { Node } from '../../engine/types';
import { builtinName, mapCallable, raisedException } from '../safety/syntax';

const DEFAULT_GENERIC = ['ValueError', 'RuntimeError'];
const FILE_PROTOCOL = [
  'read',
  'read1',
  'readinto',
  'readline',
  'readlines',
  'write',
  'writelines',
  'seek',
  'tell',
  'truncate',
  'fileno',
  'recv',
  'recv_into',
  'send',
  'sendall',
  'makefile',
];
/** Dunders whose callers expect the builtin exceptions (`__setitem__`, `__index__`...); constructors are API. */
const CONSTRUCTORS = new Set(['__init__', '__new__', '__post_init__', '__call__']);
/** Test modules are not an API (`tests/`, `test_*.py`, `*_test.py`, `conftest.py`). */
const TEST_PATH = /(^|\/)(tests?\/|test_[^/]*\.py$|[^/]*_test\.py$|conftest\.py$)/;
/** Pydantic turns a `ValueError` raised in a validator into its `ValidationError`: it must be one. */
const DEFAULT_IGNORED_DECORATORS = ['field_validator', 'model_validator', 'validator', 'root_validator'];

/** `[tool.pyconv.pyconv-exceptions]`: what PCV403 calls generic, and where it is allowed. */
export const exceptionOptions = declareOptions(
  'pyconv-exceptions',
  {
    'generic-exceptions': stringListOption(DEFAULT_GENERIC, {
      typeDoc: 'list of builtin exception names',
      doc: "builtin exceptions that PCV403 does not want raised from a public function (`Exception` is TRY002's).",
    }),
    'ignore-functions': stringListOption(FILE_PROTOCOL, {
      typeDoc: 'list of function names',
      defaultDoc:
        'the file and socket protocol methods (`read`, `write`, `seek`, `recv_into`, `makefile`, ...)',
      doc: 'functions and methods of these names may raise them: they implement a protocol whose contract names the exception (a closed file raises `ValueError`).',
    }),
    'ignore-decorators': stringListOption(DEFAULT_IGNORED_DECORATORS, {
      typeDoc: 'list of decorator names',
      doc: 'functions with one of these decorators (matched on the last dotted part) may raise them: pydantic validators must raise `ValueError`.',
    }),
  },
  { intro: 'Options of PCV403 (generic exceptions raised from the public API).' },
);

export const genericExceptionInPublicApi: UnitRule = {
  kind: 'unit',
  meta: {
    code: 'PCV403',
    name: 'generic-exception-in-public-api',
    summary: "Public functions raise the project's own exceptions, not generic `ValueError`/`RuntimeError`.",
    seeds: ['004'],
    defaultEnabled: false,
    fix: 'none',
    doc: `## What it does
Flags \`raise ValueError(...)\` and \`raise RuntimeError(...)\` (the builtins of
\`[tool.pyconv.pyconv-exceptions] generic-exceptions\`) directly in the body of a public function
or method: public as Ruff's docstring rules decide it (no leading \`_\` on it, its class or its
module; listed in \`__all__\` when the module has one). Constructors (\`__init__\`, \`__new__\`,
\`__post_init__\`) and \`__call__\` count as API. Not flagged:
- private helpers (\`_validate\`), nested functions, private modules and test modules (\`tests/\`,
  \`test_*.py\`, \`*_test.py\`, \`conftest.py\`), and a bare \`raise\`;
- other dunder methods (\`__setitem__\`, \`__index__\`...) and the file and socket protocol
  methods of \`ignore-functions\` (\`read\`, \`write\`, \`recv_into\`, ...): their callers expect
  the builtin exceptions, as a closed file raises \`ValueError\`;
- functions decorated with one of \`ignore-decorators\` (by default pydantic's validators, which
  must raise \`ValueError\`).

Off by default: only guide 004 asks for it (its preset turns it on). Precision, read by hand: on
the corpus (334 files of ten popular libraries) it reports 85 raises. A sample of 34 (every third
report, before the test-module and protocol exclusions) held 28 library entry points raising a
bare \`ValueError\`/\`RuntimeError\` where the guide wants the project's own exception (flask's
\`url_for\`, requests' \`to_key_val_list\`, werkzeug's \`send_file\`...), 2 test helpers and 4
file-protocol methods (\`recv_into\`, \`makefile\`, \`write\`): those 6 are now excluded, so the
sample's precision is 100% (28 of 28), and 82% (28 of 34) before the exclusions. A second sample
of 21 (every fourth of the 85) held 20 entry points and urllib3's \`backport_makefile\`, a
stand-in for \`socket.makefile\` whose \`ValueError\` is the protocol's: estimated precision 95%
(20 of 21).

## Why
Guide 004: "Raise custom exceptions, not generic \`ValueError\`/\`RuntimeError\` in public API." A
caller can catch \`ConfigurationError\` precisely; catching \`ValueError\` also catches every
unrelated bug that happens to raise one.

## Example
\`\`\`python
def load_config(path: str) -> Config:
    if not path.endswith(".yaml"):
        raise ValueError("config must be YAML")
\`\`\`

## Use instead
\`\`\`python
class ConfigurationError(Exception):
    """The configuration is invalid."""


def load_config(path: str) -> Config:
    if not path.endswith(".yaml"):
        raise ConfigurationError("config must be YAML")
\`\`\``,
  },
  nodeTypes: ['raise_statement'],
  visit(node, ctx) {
    const exception = raisedException(node);
    if (!exception || ctx.file.isPrivateModule || TEST_PATH.test(ctx.file.path ?? '')) return;
    const name = builtinName(mapCallable(exception), ctx);
    const options = exceptionOptions.read(ctx);
    if (!name || !options['generic-exceptions'].includes(name)) return;
    const fn = ctx.scopes[ctx.scopes.length - 1];
    if (fn?.type !== 'function_definition') return;
    if (!isPublicDefinition(fn, ctx.scopes.slice(0, -1), ctx.module)) return;
    if (hasIgnoredDecorator(fn, ctx, options['ignore-decorators'])) return;
    const fnName = fn.childForFieldName('name')?.text ?? '';
    if (options['ignore-functions'].includes(fnName)) return;
    if (/^__.*__$/.test(fnName) && !CONSTRUCTORS.has(fnName)) return;
    ctx.report(
      exception,
      `Public \`${fnName}\` raises a generic \`${name}\`; raise one of the project's own exceptions`,
    );
  },
};

function hasIgnoredDecorator(
  fn: Node,
  ctx: Parameters<UnitRule['visit']>[1],
  ignored: readonly string[],
): boolean {
  return decoratorNames(fn, ctx.module).some((decorator) =>
    ignored.includes(decorator.split('.').pop() ?? ''),
  );
}
