import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  OPTIONS_END,
  OPTIONS_START,
  RULES_END,
  RULES_START,
  renderReadme,
  renderRuleDoc,
  renderRuleTable,
  replaceBetweenMarkers,
} from '../server/src/docs/render';
import type { RuleMeta } from '../server/src/engine/types';
import { allOptionSections, allRuleMetas } from '../server/src/rules/registry';

const repo = path.resolve(__dirname, '..');
const stale = 'out of date: run `npm run docs`';

describe('generated documentation is up to date', () => {
  it('README rule table and option reference match the registry', () => {
    const readme = readFileSync(path.join(repo, 'README.md'), 'utf8');
    expect(readme === renderReadme(readme, allRuleMetas, allOptionSections), `README.md ${stale}`).toBe(true);
  });

  it('docs/rules has exactly one current page per rule', () => {
    const dir = path.join(repo, 'docs', 'rules');
    const pages = existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith('.md')) : [];
    expect(pages.sort(), `docs/rules ${stale}`).toEqual(allRuleMetas.map((m) => `${m.code}.md`).sort());
    for (const meta of allRuleMetas) {
      const page = readFileSync(path.join(dir, `${meta.code}.md`), 'utf8');
      expect(page === renderRuleDoc(meta), `docs/rules/${meta.code}.md ${stale}`).toBe(true);
    }
  });
});

describe('editor settings', () => {
  /** The setting names of the "Editor-only settings" table (`a`, `b.c`; `x`, `y` for a shared row). */
  function tableSettings(file: string): string[] {
    const text = readFileSync(path.join(repo, file), 'utf8');
    const table = text.slice(text.indexOf('Editor-only settings'));
    const rows = table
      .slice(0, table.indexOf('\n\n', table.indexOf('| Setting')))
      .split('\n')
      .slice(3);
    return rows.flatMap((row) => [...(row.split('|')[1] ?? '').matchAll(/`([\w.]+)`/g)].map((m) => m[1]));
  }

  it('README and docs/editors.md list every pyconv.* setting the VS Code extension contributes', () => {
    const manifest = JSON.parse(readFileSync(path.join(repo, 'package.json'), 'utf8'));
    const contributed = Object.keys(manifest.contributes.configuration.properties)
      .map((key) => key.replace(/^pyconv\./, ''))
      .filter((key) => key !== 'trace.server');
    for (const file of ['README.md', 'docs/editors.md'])
      expect(
        contributed.filter((key) => !tableSettings(file).includes(key)),
        file,
      ).toEqual([]);
  });
});

describe('renderers', () => {
  const meta: RuleMeta = {
    code: 'X100',
    name: 'example-rule',
    summary: 'Pipes | are escaped.',
    seeds: ['001', '004'],
    defaultEnabled: false,
    fix: 'unsafe',
    doc: '## What it does\nThings.\n',
  };

  it('renders a table row per rule with links, seeds, default and fix', () => {
    expect(renderRuleTable([meta])).toBe(
      [
        '| Code | Name | Summary | Guides | Default | Fix |',
        '|---|---|---|---|---|---|',
        '| [X100](docs/rules/X100.md) | example-rule | Pipes \\| are escaped. | 001 004 | off | unsafe |',
      ].join('\n'),
    );
  });

  it('renders a rule page with its facts before the doc', () => {
    expect(renderRuleDoc(meta)).toBe(
      [
        '# X100: example-rule',
        '',
        'Pipes | are escaped.',
        '',
        '- Asked for by the style guides: Setu style guide (001), llenergymeasure conventions (004)',
        '- Default: off (enable it with `extend-select`)',
        '- Fix: Has a fix, marked unsafe: applied by `--fix --unsafe-fixes` on the command line; in editors offered as a quick fix labelled "(unsafe)", and applied by Fix all and on save with the `pyconv.unsafeFixes` setting.',
        '',
        '## What it does',
        'Things.',
        '',
      ].join('\n'),
    );
  });

  it('replaces only what is between the markers, and is stable', () => {
    const readme = `intro\n${RULES_START}\nold\n${RULES_END}\nmid\n${OPTIONS_START}\n${OPTIONS_END}\nend\n`;
    const once = renderReadme(readme, [meta], []);
    expect(once).toBe(
      `intro\n${RULES_START}\n${renderRuleTable([meta])}\n${RULES_END}\nmid\n${OPTIONS_START}\nNo rule has options yet.\n${OPTIONS_END}\nend\n`,
    );
    expect(renderReadme(once, [meta], [])).toBe(once);
    expect(() => replaceBetweenMarkers('no markers', RULES_START, RULES_END, 'x')).toThrow(/not found/);
  });
});
