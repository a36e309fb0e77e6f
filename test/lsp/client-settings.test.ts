import { describe, expect, it } from 'vitest';
import { parseClientSettings } from '../../server/src/lsp/client-settings';

describe('editor settings', () => {
  it('reads VS Code’s declared defaults (null in an option section) as unset', () => {
    expect(parseClientSettings({ docstring: { style: null } }).overrides).toEqual({});
    expect(parseClientSettings({ docstring: { style: 'numpy' } }).overrides).toEqual({
      docstring: { style: 'numpy' },
    });
  });

  it('reads run, configurationPreference and logLevel, and keeps the defaults for unknown values', () => {
    const settings = parseClientSettings({
      run: 'onSave',
      configurationPreference: 'editorOnly',
      logLevel: 'debug',
    });
    expect([settings.run, settings.configurationPreference, settings.logLevel]).toEqual([
      'onSave',
      'editorOnly',
      'debug',
    ]);
    const wrong = parseClientSettings({ run: 'sometimes', configurationPreference: 1, logLevel: 'loud' });
    expect([wrong.run, wrong.configurationPreference, wrong.logLevel]).toEqual([
      'onType',
      'editorFirst',
      'info',
    ]);
  });
});
