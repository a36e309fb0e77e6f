/**
 * Writes docs/rules/<CODE>.md for every rule in the registry (removing pages of rules that no longer
 * exist) and brings the README's generated rule table and option reference up to date.
 * Usage: npm run docs   (builds first; this file runs as dist/tools/gen-docs.js)
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { renderReadme, renderRuleDoc } from '../server/src/docs/render';
import { allOptionSections, allRuleMetas } from '../server/src/rules/registry';

const root = path.resolve(__dirname, '..', '..');
const docsDir = path.join(root, 'docs', 'rules');
const readmePath = path.join(root, 'README.md');

function writeIfChanged(file: string, text: string): boolean {
  if (existsSync(file) && readFileSync(file, 'utf8') === text) return false;
  writeFileSync(file, text);
  return true;
}

function main(): void {
  mkdirSync(docsDir, { recursive: true });
  const codes = new Set(allRuleMetas.map((meta) => meta.code));
  let written = 0;
  for (const meta of allRuleMetas) {
    if (writeIfChanged(path.join(docsDir, `${meta.code}.md`), renderRuleDoc(meta))) written++;
  }
  let removed = 0;
  for (const name of readdirSync(docsDir)) {
    if (name.endsWith('.md') && !codes.has(name.slice(0, -3))) {
      unlinkSync(path.join(docsDir, name));
      removed++;
    }
  }
  const readmeChanged = writeIfChanged(
    readmePath,
    renderReadme(readFileSync(readmePath, 'utf8'), allRuleMetas, allOptionSections),
  );
  console.log(
    `gen-docs: ${allRuleMetas.length} rules, ${written} pages written, ${removed} removed, ` +
      `README ${readmeChanged ? 'updated' : 'unchanged'}`,
  );
}

main();
