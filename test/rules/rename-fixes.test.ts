import { describe, expect, it } from 'vitest';
import { fixedText, resolvedDiagnostics } from '../helpers/rename';

const lines = (...l: string[]) => `${l.join('\n')}\n`;

describe('rename fixes of the naming rules', () => {
  it('N802 renames a function and its calls, not a same-named local elsewhere', async () => {
    const source = lines(
      'def processSessions(s):',
      '    return s',
      '',
      'def other():',
      '    return processSessions(1)',
      '',
      'class K:',
      '    def processSessions(self):',
      '        return 2',
    );
    expect(await fixedText(source, ['N802'])).toBe(
      lines(
        'def process_sessions(s):',
        '    return s',
        '',
        'def other():',
        '    return process_sessions(1)',
        '',
        'class K:',
        '    def process_sessions(self):',
        '        return 2',
      ),
    );
  });
});
