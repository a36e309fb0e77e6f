import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { type ParsedTemplate, parseTemplate } from '../../docstrings/mustache';

/** Where a broken template is told: the log, and the user once per distinct problem. */
export interface TemplateProblemSink {
  warn(message: string): void;
  showOnce(message: string): void;
}

/**
 * Custom docstring templates (`[tool.pyconv.docstring] template`, `pyconv.docstring.template`) read
 * from disk and parsed, kept until the file changes (by modification time and size). A missing or
 * broken file is told once, and the completion falls back to the built-in template.
 */
export class TemplateFiles {
  private readonly cache = new Map<string, { stamp: string; template?: ParsedTemplate }>();

  constructor(private readonly problems: TemplateProblemSink) {}

  /** The parsed template at `setting` (relative paths from `root`), or undefined to use the built-in one. */
  load(setting: unknown, root: string): ParsedTemplate | undefined {
    if (typeof setting !== 'string' || setting.trim() === '') return undefined;
    const file = path.resolve(root, setting);
    let stamp: string;
    try {
      const stat = statSync(file);
      stamp = `${stat.mtimeMs}:${stat.size}`;
    } catch (error) {
      if (this.cache.get(file)?.stamp === 'missing') return undefined;
      this.cache.set(file, { stamp: 'missing' });
      return this.fail(file, `cannot be read (${(error as NodeJS.ErrnoException).code ?? String(error)})`);
    }
    const cached = this.cache.get(file);
    if (cached?.stamp === stamp) return cached.template;
    try {
      const template = parseTemplate(readFileSync(file, 'utf8'));
      this.cache.set(file, { stamp, template });
      return template;
    } catch (error) {
      this.cache.set(file, { stamp });
      return this.fail(file, error instanceof Error ? error.message : String(error));
    }
  }

  private fail(file: string, problem: string): undefined {
    const message = `pyconv: docstring template ${file}: ${problem}; the built-in template is used.`;
    this.problems.warn(message);
    this.problems.showOnce(message);
    return undefined;
  }
}
