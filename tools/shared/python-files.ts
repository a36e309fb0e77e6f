import { readdirSync } from 'node:fs';
import path from 'node:path';

/** Every `.py` file below `root`, sorted; hidden folders, `node_modules` and `__pycache__` skipped. */
export function pythonFiles(root: string): string[] {
  const files: string[] = [];
  const pending = [root];
  while (pending.length > 0) {
    const dir = pending.pop()!;
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (entry.name.startsWith('.') || entry.name === 'node_modules' || entry.name === '__pycache__')
        continue;
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) pending.push(full);
      else if (entry.isFile() && entry.name.endsWith('.py')) files.push(full);
    }
  }
  return files.sort();
}
