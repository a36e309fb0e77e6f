/**
 * "Update docstring" on a Sphinx docstring: `:param x:` (and `:type x:`) fields added and removed,
 * `:returns:`/`:rtype:`, `:yields:`/`:ytype:` and `:raises E:` fields added (or removed). Fields the
 * author wrote are kept byte-for-byte; new ones go beside the fields they follow in the usual order
 * (params, returns, yields, raises).
 */
import { fieldsOpenBody, type SphinxField, sphinxFields } from './sphinx';
import type { Item } from './template';
import {
  appendBlock,
  bare,
  insertLines,
  isArgumentName,
  missingRaises,
  removeRange,
  TODO,
  type UpdatePlan,
} from './update-plan';

export function updateSphinx(body: string, plan: UpdatePlan): string {
  let text = updateParams(body, plan);
  const fields = () => sphinxFields(text);
  if (plan.returns && !fields().some((f) => f.kind === 'returns')) {
    text = addFields(text, plan, resultLines(':returns:', ':rtype:', plan.returns), 'returns');
  } else if (plan.removeReturns) {
    text = removeFields(text, plan, (f) => f.kind === 'returns' || f.kind === 'rtype');
  }
  if (plan.yields && !fields().some((f) => f.kind === 'yields')) {
    text = addFields(text, plan, resultLines(':yields:', ':ytype:', plan.yields), 'yields');
  } else if (plan.removeYields) {
    text = removeFields(text, plan, (f) => f.kind === 'yields' || f.kind === 'ytype');
  }
  const documented = fields()
    .filter((f) => f.kind === 'raises' && f.name)
    .flatMap((f) => (f.name as string).split(/[\s,]+/));
  const missing = missingRaises(plan, documented);
  if (missing.length > 0) {
    text = addFields(
      text,
      plan,
      missing.map((name) => `:raises ${name}: ${TODO}`),
      'raises',
    );
  }
  return text;
}

function resultLines(field: string, typeField: string, item: Item): string[] {
  return [`${field} ${TODO}`, ...(item.type ? [`${typeField} ${item.type}`] : [])];
}

function paramLines(item: Item): string[] {
  const name = bare(item.name);
  const defaults = item.defaultText === undefined ? '' : ` Defaults to ${item.defaultText}.`;
  return [`:param ${name}: ${TODO}${defaults}`, ...(item.type ? [`:type ${name}: ${item.type}`] : [])];
}

/** The argument a `:param:`/`:type:` field is about, or undefined for any other field. */
function subject(field: SphinxField): string | undefined {
  if ((field.kind !== 'param' && field.kind !== 'type') || !field.name) return undefined;
  return isArgumentName(field.name) ? bare(field.name) : undefined;
}

function updateParams(body: string, plan: UpdatePlan): string {
  const wanted = plan.args.map((a) => bare(a.name));
  const stale = sphinxFields(body).filter((f) => {
    const name = subject(f);
    return !plan.keepUnknownEntries && name !== undefined && !wanted.includes(name);
  });
  let text = body;
  for (const field of [...stale].reverse()) text = removeField(text, field, plan);
  for (const [i, arg] of plan.args.entries()) {
    const fields = sphinxFields(text);
    if (fields.some((f) => f.kind === 'param' && subject(f) === bare(arg.name))) continue;
    const earlier = new Set(plan.args.slice(0, i).map((a) => bare(a.name)));
    const after = [...fields].reverse().find((f) => earlier.has(subject(f) ?? ''));
    const indent = fields[0]?.indent ?? plan.base;
    const lines = paramLines(arg).map((l) => `${indent}${l}`);
    if (after) text = insertLines(text, after.end, lines);
    else if (fields[0]) text = insertLines(text, fields[0].start, lines);
    else text = appendBlock(text, lines, plan.base);
  }
  return text;
}

/** Order of the field kinds: a new field goes before the first field of a later kind. */
const ORDER = ['param', 'type', 'returns', 'rtype', 'yields', 'ytype', 'raises'] as const;

function addFields(
  body: string,
  plan: UpdatePlan,
  lines: string[],
  kind: 'returns' | 'yields' | 'raises',
): string {
  const fields = sphinxFields(body);
  const indent = fields[0]?.indent ?? plan.base;
  const indented = lines.map((l) => `${indent}${l}`);
  const later: readonly string[] = ORDER.slice(ORDER.indexOf(kind) + 1);
  const sameKind = [...fields].reverse().find((f) => f.kind === kind);
  if (sameKind) return insertLines(body, sameKind.end, indented);
  const before = fields.find((f) => later.includes(f.kind));
  if (before) return insertLines(body, before.start, indented);
  const last = [...fields].reverse().find((f) => f.kind !== 'other') ?? fields[fields.length - 1];
  if (last) {
    const separated = fieldsOpenBody(body, fields, last.end) ? ['', ...indented] : indented;
    return insertLines(body, last.end, separated);
  }
  return appendBlock(body, indented, plan.base);
}

function removeFields(body: string, plan: UpdatePlan, matches: (field: SphinxField) => boolean): string {
  let text = body;
  for (const field of sphinxFields(body).filter(matches).reverse()) text = removeField(text, field, plan);
  return text;
}

function removeField(body: string, field: SphinxField, plan: UpdatePlan): string {
  return removeRange(body, field.start, field.end, plan.base);
}
