/**
 * What D417 and the DOC rules need to know about a function and its docstring, computed the way
 * Ruff's pydocstyle and pydoclint do: the docstring's sections (Google, NumPy) or fields (Sphinx), and the returns, yields and
 * raised exceptions of the body (nested functions and classes excluded).
 */

import {
  functionParameters,
  hasIgnoredDecorator,
  mapCallable,
  resolveGlobal,
} from '../../docstrings/definitions';
import { type Docstring, findDocstring, statementExpression } from '../../docstrings/google';
import { type DocstringReading, readDocstring, sectionReader, writingStyle } from '../../docstrings/reading';
import type { ModuleFacts } from '../../engine/module-facts';
import type { BaseContext, UnitContext } from '../../engine/rule';
import type { Node } from '../../engine/types';
import { ignoredDecorators } from './missing';
import { docstringOptions, pydoclintOptions, pydocstyleOptions } from './options';

export interface FunctionDocstring {
  readonly fn: Node;
  readonly docstring: Docstring;
  /** Sections or fields, in the configured convention or the style guessed for this docstring. */
  readonly reading: DocstringReading;
  /** The docstring read in the style fixes write in (`writingStyle`): where new text goes. */
  readonly layout: DocstringReading;
}

/**
 * The function's docstring and sections, or undefined when Ruff would not check it: no docstring,
 * an implicitly concatenated or empty one, an `ignore-decorators` function, or a broken body.
 */
export function functionDocstring(fn: Node, ctx: BaseContext): FunctionDocstring | undefined {
  const body = fn.childForFieldName('body');
  if (!body || fn.hasError) return undefined;
  if (hasIgnoredDecorator(fn, ctx.module, ignoredDecorators(ctx))) return undefined;
  const docstring = findDocstring(body);
  if (!docstring || docstring.implicitConcatenation || docstring.body.trim() === '') return undefined;
  const names = functionParameters(fn).map((p) => p.name);
  const convention = pydocstyleOptions.read(ctx).convention;
  const sections = sectionReader(docstring.body, names);
  const reading = readDocstring(docstring.body, names, convention, sections);
  const templateStyle = docstringOptions.read(ctx).style;
  return new ReadFunctionDocstring(fn, docstring, reading, () => {
    const style = writingStyle(docstring.body, names, convention, templateStyle, sections);
    return style === reading.style ? reading : readDocstring(docstring.body, names, style, sections);
  });
}

/**
 * A `FunctionDocstring` whose `layout` is read when first asked: only a fix reads it, and most
 * docstrings have none to offer. A class, so that every one has one shape.
 */
class ReadFunctionDocstring implements FunctionDocstring {
  private written: DocstringReading | undefined;

  constructor(
    readonly fn: Node,
    readonly docstring: Docstring,
    readonly reading: DocstringReading,
    private readonly readLayout: () => DocstringReading,
  ) {}

  get layout(): DocstringReading {
    this.written ??= this.readLayout();
    return this.written;
  }
}

/** `functionDocstring`, once per function for D417 and the DOC rules. */
export function sharedFunctionDocstring(fn: Node, ctx: UnitContext): FunctionDocstring | undefined {
  return ctx.shared(fn, 'function-docstring', () => functionDocstring(fn, ctx));
}

/** The extra conditions of the pydoclint rules: one-line docstrings (when ignored) and stubs. */
export function pydoclintApplies(info: FunctionDocstring, ctx: BaseContext): boolean {
  const ignoreOneLine = pydoclintOptions.read(ctx)['ignore-one-line-docstrings'];
  if (ignoreOneLine && isOneLine(info.docstring.body)) return false;
  return !isStub(info.fn, ctx.module);
}

function isOneLine(body: string): boolean {
  return body.split(/\r\n|\r|\n/).filter((line) => line.trim() !== '').length <= 1;
}

/** Ruff's `is_stub`: the body is only `pass`, strings, `...` and `raise NotImplementedError`. */
function isStub(fn: Node, module: ModuleFacts): boolean {
  const body = fn.childForFieldName('body');
  if (!body) return false;
  return body.namedChildren.every((stmt) => {
    if (!stmt || stmt.type === 'comment' || stmt.type === 'pass_statement') return true;
    if (stmt.type === 'expression_statement') {
      const expr = statementExpression(stmt);
      return !!expr && (isPlainString(expr) || expr.type === 'ellipsis');
    }
    if (stmt.type === 'raise_statement') {
      const exc = stmt.namedChild(0);
      if (!exc || exc === stmt.childForFieldName('cause')) return false;
      const name = resolveGlobal(mapCallable(exc), module);
      return name === 'builtins.NotImplementedError' || name === 'builtins.NotImplemented';
    }
    return false;
  });
}

function isPlainString(expr: Node): boolean {
  if (expr.type === 'concatenated_string') return expr.namedChildren.every((c) => !c || isPlainString(c));
  if (expr.type !== 'string') return false;
  const prefix = /^[A-Za-z]*/.exec(expr.child(0)?.text ?? '')?.[0] ?? '';
  return !/[bBfFtT]/.test(prefix);
}
