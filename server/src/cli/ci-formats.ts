/**
 * Output formats for CI systems: GitHub workflow commands, GitLab Code Quality JSON, JUnit XML and
 * JSON Lines. Each takes the run's reports and returns the whole text to print.
 */
import { createHash } from 'node:crypto';
import type { Severity } from '../engine/types';
import type { FileReport, ReportedDiagnostic } from './check-file';
import { cellPrefix, displayPath, toJson } from './output';

/** One JSON object a line (the `json` format's objects), nothing else. */
export function formatJsonLines(reports: readonly FileReport[], cwd?: string): string {
  return toJson(reports, cwd)
    .map((entry) => `${JSON.stringify(entry)}\n`)
    .join('');
}

const GITHUB_COMMANDS: Readonly<Record<Severity, 'error' | 'warning' | 'notice'>> = {
  error: 'error',
  warning: 'warning',
  information: 'notice',
  hint: 'notice',
};

/** A workflow command's message: `%`, CR and LF are percent-encoded (GitHub's escapeData). */
export function escapeGithubData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** A workflow command's property value: the data escapes plus `:` and `,` (GitHub's escapeProperty). */
export function escapeGithubProperty(text: string): string {
  return escapeGithubData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

/**
 * `::warning file=a.py,line=1,col=7,endLine=1,endColumn=15,title=pyconv (N801)::N801 message`, one
 * a finding: GitHub Actions shows them as annotations on the pull request. Lines and columns are 1-based.
 */
export function formatGithub(reports: readonly FileReport[], cwd?: string): string {
  const lines: string[] = [];
  for (const report of reports) {
    const file = displayPath(report.path, cwd);
    for (const d of report.diagnostics) {
      // A notebook finding's lines are its cell's, not the file's: annotated on the file, placed in the text.
      const place =
        d.cell === undefined
          ? [
              ['line', String(d.range.start.line + 1)],
              ['col', String(d.range.start.character + 1)],
              ['endLine', String(d.range.end.line + 1)],
              ['endColumn', String(d.range.end.character + 1)],
            ]
          : [];
      const properties = [['file', file], ...place, ['title', `pyconv (${d.code})`]]
        .map(([name, value]) => `${name}=${escapeGithubProperty(value)}`)
        .join(',');
      const where =
        d.cell === undefined
          ? ''
          : `${cellPrefix(d)}${d.range.start.line + 1}:${d.range.start.character + 1}: `;
      lines.push(
        `::${GITHUB_COMMANDS[d.severity]} ${properties}::${escapeGithubData(`${where}${d.code} ${d.message}`)}\n`,
      );
    }
    if (report.error) {
      lines.push(`::error file=${escapeGithubProperty(file)}::${escapeGithubData(report.error)}\n`);
    }
  }
  return lines.join('');
}

/** GitLab's Code Quality severities (info, minor, major, critical, blocker). */
const GITLAB_SEVERITIES: Readonly<Record<Severity, 'info' | 'minor' | 'major'>> = {
  error: 'major',
  warning: 'minor',
  information: 'info',
  hint: 'info',
};

interface CodeQualityIssue {
  description: string;
  check_name: string;
  fingerprint: string;
  severity: 'info' | 'minor' | 'major' | 'critical' | 'blocker';
  location: { path: string; lines: { begin: number; end: number } };
}

/**
 * A GitLab Code Quality report (a JSON array). Paths are relative to `$CI_PROJECT_DIR` when set
 * (the repository), else to the working folder. The fingerprint hashes the path, code, message and
 * the finding's rank among identical ones, not its line: it survives edits above it, so GitLab
 * matches findings between a branch and its target; the rank keeps it unique.
 */
export function formatGitlab(reports: readonly FileReport[], cwd?: string): string {
  const base = cwd ?? process.env.CI_PROJECT_DIR ?? undefined;
  const issues: CodeQualityIssue[] = [];
  for (const report of reports) {
    const file = displayPath(report.path, base);
    const seen = new Map<string, number>();
    for (const d of report.diagnostics) {
      const identity = JSON.stringify([file, d.code, d.message]);
      const rank = seen.get(identity) ?? 0;
      seen.set(identity, rank + 1);
      issues.push({
        description: `${cellPrefix(d) ? `${cellPrefix(d)} ` : ''}${d.code} ${d.message}`,
        check_name: d.code,
        fingerprint: createHash('sha256').update(`${identity}#${rank}`).digest('hex'),
        severity: GITLAB_SEVERITIES[d.severity],
        location: { path: file, lines: { begin: d.range.start.line + 1, end: d.range.end.line + 1 } },
      });
    }
  }
  return `${JSON.stringify(issues, null, 2)}\n`;
}

/**
 * Characters XML 1.0 cannot hold at all, even as references (controls but tab and line ends, lone
 * surrogates, U+FFFE/U+FFFF), and C1 controls: shown as `\u{NN}` text instead.
 */
const NOT_XML = /(?![\t\n\r])[\p{Cc}\p{Cs}\ufffe\uffff]/gu;

const XML_ENTITIES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&apos;',
};

/** Text for an XML attribute or element; tabs and line breaks in attributes as references. */
export function escapeXml(text: string): string {
  return text
    .replace(NOT_XML, (char) => `\\u{${char.codePointAt(0)?.toString(16)}}`)
    .replace(/[&<>"']/g, (char) => XML_ENTITIES[char])
    .replace(/[\t\n\r]/g, (char) => `&#${char.charCodeAt(0)};`);
}

/**
 * A JUnit XML report: one test suite per file with findings, one failing test case per finding,
 * an `<error>` for a file that could not be checked, and one passing case when nothing was found
 * (CI tools treat an empty report as a failed step).
 */
export function formatJunit(reports: readonly FileReport[], cwd?: string): string {
  const suites: string[] = [];
  let failures = 0;
  let errors = 0;
  for (const report of reports) {
    if (report.diagnostics.length === 0 && !report.error) continue;
    const file = displayPath(report.path, cwd);
    const cases = report.diagnostics.map((d) => junitCase(file, d));
    if (report.error) {
      cases.push(
        `    <testcase name="${escapeXml(file)}" classname="${escapeXml(file)}">\n` +
          `      <error message="${escapeXml(report.error)}"/>\n    </testcase>`,
      );
    }
    failures += report.diagnostics.length;
    errors += report.error ? 1 : 0;
    const counts = `tests="${cases.length}" failures="${report.diagnostics.length}" errors="${report.error ? 1 : 0}"`;
    suites.push(`  <testsuite name="${escapeXml(file)}" ${counts}>\n${cases.join('\n')}\n  </testsuite>`);
  }
  if (suites.length === 0) {
    suites.push(
      '  <testsuite name="pyconv" tests="1" failures="0" errors="0">\n' +
        '    <testcase name="No findings" classname="pyconv"/>\n  </testsuite>',
    );
  }
  const tests = Math.max(1, failures + errors);
  return (
    '<?xml version="1.0" encoding="UTF-8"?>\n' +
    `<testsuites name="pyconv" tests="${tests}" failures="${failures}" errors="${errors}">\n` +
    `${suites.join('\n')}\n</testsuites>\n`
  );
}

function junitCase(file: string, d: ReportedDiagnostic): string {
  const line = d.range.start.line + 1;
  const column = `${d.range.start.character + 1}`;
  const cell = cellPrefix(d);
  return (
    `    <testcase name="${escapeXml(`${d.code} ${file}:${cell}${line}:${column}`)}" classname="${escapeXml(file)}" file="${escapeXml(file)}" line="${line}">\n` +
    `      <failure message="${escapeXml(d.message)}" type="${escapeXml(d.code)}">` +
    `${escapeXml(`${file}:${cell}${line}:${column}: ${d.code} ${d.message}`)}</failure>\n    </testcase>`
  );
}
