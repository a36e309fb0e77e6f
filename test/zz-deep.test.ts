import { it } from 'vitest';
import { freshDiagnostics } from '../tools/fuzz/differential';
import { getParser } from './helpers/analyze';
it('deep', async () => {
  const parser = await getParser();
  const n = 50000;
  const cases: Record<string, string> = {
    attr: `a = x${'.b'.repeat(n)}\n`,
    plus: `b = ${'1 + '.repeat(n)}1\n`,
    strplus: `c = ${'"s" + '.repeat(n)}"s"\n`,
    sql: `d = "SELECT * FROM t WHERE x = " + ${'y + '.repeat(n)}z\n`,
    defaults: `def m(p=${'['.repeat(n)}${']'.repeat(n)}, q: ${'Union['.repeat(n)}int${']'.repeat(n)} = None):\n    return ${'('.repeat(n)}1,${')'.repeat(n)}\n`,
    dict: `def o(r=${'{1: '.repeat(n)}1${'}'.repeat(n)}) -> ${'Optional['.repeat(n)}Any${']'.repeat(n)}:\n    return ${'('.repeat(n)}"a" "b"${')'.repeat(n)}\n`,
    log: `logger.info(${'"%s" % '.repeat(n)}"x")\n`,
    targets: `${'('.repeat(n)}a,${'),'.repeat(n - 1)}) = x\nfor ${'('.repeat(n)}b${')'.repeat(n)} in y: pass\n`,
    lists: `${'['.repeat(n)}c${']'.repeat(n)} = x\n`,
    docparen: `def f():\n    ${'('.repeat(n)}"doc"${')'.repeat(n)}\n`,
    mutable: `def g(a=${'list('.repeat(n)}${')'.repeat(n)}, b: ${'Optional['.repeat(n)}int${']'.repeat(n)} = None): pass\n`,
    walrus: `z = ${'(y := '.repeat(n)}1${')'.repeat(n)}\n`,
    subscripts: `w = x${'[0]'.repeat(n)}\n`,
    calls: `v = x${'()'.repeat(n)}\n`,
    comps: `u = ${'[x for x in '.repeat(2000)}y${']'.repeat(2000)}\n`,
  };
  for (const [name, src] of Object.entries(cases)) {
    try { freshDiagnostics(parser, src); console.log(name, 'ok'); }
    catch (e) { console.log(name, 'FAILED', String((e as Error).stack).slice(0, 600)); }
  }
}, 300000);
