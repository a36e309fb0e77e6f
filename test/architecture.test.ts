// The layering invariants stated at the top of ARCHITECTURE.md, checked on every import in server/src
// (type-only imports included: a type cycle still ties the modules together for the reader).
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const SOURCE_ROOT = path.resolve(__dirname, '../server/src');

/** Every `.ts` file under server/src, as a path relative to it (`engine/analyze.ts`). */
function sourceFiles(folder = SOURCE_ROOT): string[] {
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(folder, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return entry.name.endsWith('.ts') ? [path.relative(SOURCE_ROOT, full)] : [];
  });
}

// `import … from '…'`, `export … from '…'`, `import '…'` and `import('…')`, across line breaks.
const IMPORT_PATTERN = /(?:\bfrom\s*|\bimport\s*\(?\s*)['"]([^'"]+)['"]/g;

/** The files under server/src that `file` imports, resolved and relative to server/src. */
function localImports(file: string, known: ReadonlySet<string>): string[] {
  const text = readFileSync(path.join(SOURCE_ROOT, file), 'utf8').replace(/^\s*\/\/.*$/gm, '');
  const targets: string[] = [];
  for (const match of text.matchAll(IMPORT_PATTERN)) {
    const specifier = match[1];
    if (!specifier.startsWith('.')) continue;
    const base = path.join(path.dirname(file), specifier);
    // Outside server/src (package.json) or not code (JSON data).
    if (base.startsWith('..') || specifier.endsWith('.json')) continue;
    const resolved = [`${base}.ts`, path.join(base, 'index.ts')].find((candidate) => known.has(candidate));
    if (!resolved) throw new Error(`${file}: cannot resolve import '${specifier}'`);
    targets.push(resolved);
  }
  return targets;
}

function importGraph(): Map<string, string[]> {
  const files = sourceFiles();
  const known = new Set(files);
  return new Map(files.map((file) => [file, localImports(file, known)]));
}

const layerOf = (file: string): string => file.split(path.sep)[0];

/** Import edges that go from one layer into a layer it must not know. */
function forbiddenEdges(graph: Map<string, string[]>, from: string, into: readonly string[]): string[] {
  const edges: string[] = [];
  for (const [file, targets] of graph) {
    if (layerOf(file) !== from) continue;
    for (const target of targets) if (into.includes(layerOf(target))) edges.push(`${file} → ${target}`);
  }
  return edges;
}

/** One cycle per strongly connected component with more than one file (or a self-import). */
function importCycles(graph: Map<string, string[]>): string[][] {
  const index = new Map<string, number>();
  const lowLink = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const components: string[][] = [];
  let counter = 0;
  const visit = (file: string): void => {
    index.set(file, counter);
    lowLink.set(file, counter);
    counter++;
    stack.push(file);
    onStack.add(file);
    for (const target of graph.get(file) ?? []) {
      if (!index.has(target)) {
        visit(target);
        lowLink.set(file, Math.min(lowLink.get(file) ?? 0, lowLink.get(target) ?? 0));
      } else if (onStack.has(target)) {
        lowLink.set(file, Math.min(lowLink.get(file) ?? 0, index.get(target) ?? 0));
      }
    }
    if (lowLink.get(file) !== index.get(file)) return;
    const component: string[] = [];
    let member: string | undefined;
    do {
      member = stack.pop();
      if (member === undefined) break;
      onStack.delete(member);
      component.push(member);
    } while (member !== file);
    if (component.length > 1 || (graph.get(file) ?? []).includes(file)) components.push(component.sort());
  };
  for (const file of graph.keys()) if (!index.has(file)) visit(file);
  return components;
}

describe('architecture invariants', () => {
  const graph = importGraph();

  it('reads the imports of every source file', () => {
    expect(graph.size).toBeGreaterThan(100);
    expect(graph.get(path.join('lsp', 'main.ts'))?.length).toBeGreaterThan(0);
  });

  it('keeps the engine free of rules, protocol, CLI and project', () => {
    expect(forbiddenEdges(graph, 'engine', ['rules', 'lsp', 'cli', 'project'])).toEqual([]);
  });

  it('keeps the notebook model pure: text and positions, no rules, protocol, CLI or project', () => {
    expect(forbiddenEdges(graph, 'notebook', ['rules', 'lsp', 'cli', 'project'])).toEqual([]);
  });

  it('keeps the rules free of protocol and CLI', () => {
    expect(forbiddenEdges(graph, 'rules', ['lsp', 'cli'])).toEqual([]);
  });

  it('has no import cycles, type-only imports included', () => {
    expect(importCycles(graph)).toEqual([]);
  });

  it('finds a cycle and an upward import when there is one', () => {
    const planted = new Map([
      ['engine/a.ts', ['rules/b.ts']],
      ['rules/b.ts', ['engine/a.ts']],
    ]);
    expect(importCycles(planted)).toEqual([['engine/a.ts', 'rules/b.ts']]);
    expect(forbiddenEdges(planted, 'engine', ['rules'])).toEqual(['engine/a.ts → rules/b.ts']);
  });
});
