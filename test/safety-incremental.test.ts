import { describe, expect, it } from 'vitest';
import { analyze } from '../server/src/engine/analyze';
import { makeEngineConfig } from '../server/src/engine/config';
import type { FileInfo } from '../server/src/engine/types';
import { exceptionsRules } from '../server/src/rules/exceptions';
import { allRules } from '../server/src/rules/registry';
import { safetyRules } from '../server/src/rules/safety';
import { getParser } from './helpers/analyze';

const CODES = [...exceptionsRules, ...safetyRules].map((rule) => rule.meta.code);
const FILE: FileInfo = { isPackageInit: false, isPrivateModule: false, isStub: false };

const SOURCE = `import logging
import requests
import time
logger = logging.getLogger(__name__)


def fetch(url, seen=[], password="admin"):
    """Fetch."""
    for _ in range(3):
        try:
            return requests.get(url)
        except Exception:
            time.sleep(1)
    raise Exception("gave up")


async def poll(user_id):
    global _state
    _state = 1
    time.sleep(1)
    logger.info(f"polling for {user_id}")
    try:
        open("x")
    except:
        raise KeyError("k")
`;

async function run(source: string, previous?: ReturnType<typeof analyze>['cache']) {
  const tree = (await getParser()).parse(source);
  if (!tree) throw new Error('parse failed');
  try {
    const config = makeEngineConfig({ enabled: CODES });
    return analyze({ rules: allRules, source, tree, config, file: FILE }, previous);
  } finally {
    tree.delete();
  }
}

describe('exceptions and safety rules keep the incremental contract', () => {
  it('reuses unchanged statements and reports exactly what a fresh analysis reports, fixes included', async () => {
    const first = await run(SOURCE);
    expect(first.diagnostics.length).toBeGreaterThan(10);
    // Lines inserted above (module facts unchanged) shift every later statement; one body changes.
    const edited = SOURCE.replace('logger = logging', '# retry settings\n\n\nlogger = logging').replace(
      '    _state = 1',
      '    _state = 2\n    print(_state)',
    );
    const incremental = await run(edited, first.cache);
    const fresh = await run(edited);
    expect(incremental.stats.reusedUnits).toBeGreaterThan(2);
    expect(incremental.diagnostics).toEqual(fresh.diagnostics);
  });
});
