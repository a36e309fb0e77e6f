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

/** Source roots below `dir`: folders named dist-packages or site-packages. */
export function sourceRootsBelow(dir: string): string[] {
  const found: string[] = [];
  const pending = [dir];
  while (pending.length > 0) {
    const folder = pending.pop()!;
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
      if (!entry.isDirectory()) continue;
      const full = path.join(folder, entry.name);
      if (entry.name === 'dist-packages' || entry.name === 'site-packages') found.push(full);
      else pending.push(full);
    }
  }
  return found.sort();
}
