import type { UnitRule } from '../../engine/rule';
import { reportFunctionFindings } from './function-check';

export const anyType: UnitRule = {
  kind: 'unit',
  meta: {
    code: 'ANN401',
    name: 'any-type',
    summary: '`Any` is used sparingly.',
    seeds: ['004'],
    defaultEnabled: false,
    fix: 'none',
    doc: `## What it does
Flags annotations that are \`typing.Any\` (also bare \`Optional\`, \`Optional[Any]\`, unions with
\`Any\` and \`Annotated[Any, ...]\`, in strings too), on arguments and returns, exactly as Ruff's
ANN401. Functions decorated \`@override\` are skipped (the signature is the base class's), and
\`allow-star-arg-any = true\` allows \`*args: Any\` and \`**kwargs: Any\`.

## Why
Guide 004 says "use \`Any\` sparingly, prefer specific types". Sparingly is not never, and guide
001 writes \`*args: Any, **kwargs: Any\` and \`-> Any\` in its own examples, so the rule is off by
default; enable it (\`extend-select = ["ANN401"]\`) for code that should be strictly typed.

## Example
\`\`\`python
def parse(payload: Any) -> Any:
    ...
\`\`\`

## Use instead
\`\`\`python
def parse(payload: bytes) -> dict[str, str]:
    ...
\`\`\`

## Fix safety
No fix: only a person knows the type that \`Any\` stands for. While ANN401 is enabled, the other
ANN rules offer no fix where theirs would write an \`Any\` placeholder.`,
  },
  nodeTypes: ['function_definition'],
  visit(node, ctx) {
    reportFunctionFindings(node, ctx, 'ANN401');
  },
};
