/**
 * Rule documentation rendered from the registry's metadata: the README's rule table and option
 * reference, `docs/rules/<CODE>.md`, and the server's hover text all come from these pure functions.
 */
import type { OptionSection } from '../engine/rule';
import type { FixAvailability, RuleMeta } from '../engine/types';

/** The five team style guides the conventions come from (see CONVENTIONS.md). */
export const SEED_NAMES: Readonly<Record<string, string>> = {
  '000': 'Machineuse code style',
  '001': 'Setu style guide',
  '002': 'Core engineering practices',
  '003': 'FamilyOS standards',
  '004': 'llenergymeasure conventions',
};

const FIX_LABELS: Readonly<Record<FixAvailability, string>> = {
  none: '—',
  safe: 'safe',
  unsafe: 'unsafe',
  sometimes: 'sometimes',
};

const FIX_SENTENCES: Readonly<Record<FixAvailability, string>> = {
  none: 'No automatic fix.',
  safe: 'Always has a safe fix.',
  unsafe:
    'Has a fix, marked unsafe: applied by `--fix --unsafe-fixes` on the command line; in editors offered as a quick fix labelled "(unsafe)", and applied by Fix all and on save with the `pyconv.unsafeFixes` setting.',
  sometimes: 'Sometimes has a fix.',
};

export const RULES_START = '<!-- rules:start -->';
export const RULES_END = '<!-- rules:end -->';
export const OPTIONS_START = '<!-- options:start -->';
export const OPTIONS_END = '<!-- options:end -->';

/** Text safe inside a markdown table cell. */
function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
}

/** The style guides by name, their number (as in the presets' folder names) after it. */
function guideList(seeds: readonly string[]): string {
  return seeds.map((seed) => (SEED_NAMES[seed] ? `${SEED_NAMES[seed]} (${seed})` : seed)).join(', ');
}

/** The README's rule table, one row a rule, in registry order; links point at docs/rules. */
export function renderRuleTable(metas: readonly RuleMeta[]): string {
  const rows = [
    '| Code | Name | Summary | Guides | Default | Fix |',
    '|---|---|---|---|---|---|',
    ...metas.map(
      (meta) =>
        `| [${meta.code}](docs/rules/${meta.code}.md) | ${cell(meta.name)} | ${cell(meta.summary)} | ` +
        `${meta.seeds.join(' ')} | ${meta.defaultEnabled ? 'on' : 'off'} | ${FIX_LABELS[meta.fix]} |`,
    ),
  ];
  if (metas.length === 0) rows.push('| | | No rules yet. | | | |');
  return rows.join('\n');
}

/** The facts above a rule's own doc: summary, the guides that ask for it, default and fix. Shared by the page and hover. */
export function renderRuleHeader(meta: RuleMeta): string {
  return [
    meta.summary,
    '',
    `- Asked for by the style guides: ${guideList(meta.seeds) || 'none'}`,
    `- Default: ${meta.defaultEnabled ? 'on' : 'off (enable it with `extend-select`)'}`,
    `- Fix: ${FIX_SENTENCES[meta.fix]}`,
    ...(meta.offInNotebooks
      ? [
          `- In Jupyter notebooks: off by default, ${meta.offInNotebooks.replace(/\.$/, '')}. Select it by its full code (\`${meta.code}\`) to check notebooks too.`,
        ]
      : []),
  ].join('\n');
}

/** `docs/rules/<CODE>.md`: title, summary, seeds, default, fix availability, then the rule's doc. */
export function renderRuleDoc(meta: RuleMeta): string {
  return `# ${meta.code}: ${meta.name}\n\n${renderRuleHeader(meta)}\n\n${meta.doc.trim()}\n`;
}

/** The configuration reference of every rule option sub-table. */
export function renderOptionsReference(sections: readonly OptionSection[]): string {
  if (sections.length === 0) return 'No rule has options yet.';
  return sections
    .map((section) => {
      const heading = `### \`[tool.pyconv.${section.name}]\``;
      // Some sections' docs open with their own heading; do not print it twice.
      const body = section.doc.trim();
      return body.startsWith(heading) ? body : `${heading}\n\n${body}`;
    })
    .join('\n\n');
}

/** Replaces what is between two marker lines; throws when the markers are missing. */
export function replaceBetweenMarkers(text: string, start: string, end: string, content: string): string {
  const from = text.indexOf(start);
  const to = text.indexOf(end, from + start.length);
  if (from < 0 || to < 0) throw new Error(`markers ${start} ... ${end} not found`);
  return `${text.slice(0, from + start.length)}\n${content}\n${text.slice(to)}`;
}

/** The README with its generated parts brought up to date. */
export function renderReadme(
  readme: string,
  metas: readonly RuleMeta[],
  sections: readonly OptionSection[],
): string {
  const withRules = replaceBetweenMarkers(readme, RULES_START, RULES_END, renderRuleTable(metas));
  return replaceBetweenMarkers(withRules, OPTIONS_START, OPTIONS_END, renderOptionsReference(sections));
}
