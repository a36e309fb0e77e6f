// The workspace diagnostics' workers read configurations through `ConfigCache` with the editor's
// overrides and `configurationPreference`; open documents through the server's `ProjectConfigs`.
// Both must give the same configuration, or opening a file would change its findings.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CONFIGURATION_PREFERENCES, parseClientSettings } from '../server/src/lsp/client-settings';
import { ProjectConfigs } from '../server/src/lsp/project-configs';
import { ConfigCache } from '../server/src/project/config';

const root = mkdtempSync(path.join(tmpdir(), 'pyconv-workspace-config-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

function write(relative: string, text: string): string {
  const file = path.join(root, relative);
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, text);
  return file;
}

describe('ConfigCache with a configuration preference', () => {
  write(
    'pyproject.toml',
    '[tool.pyconv]\nselect = ["N802"]\nextend-exclude = ["generated"]\n[tool.pyconv.pep8-naming]\nignore-names = ["setUp"]\n',
  );
  const file = write('pkg/m.py', '');
  const overrides = {
    select: ['N801'],
    ignore: ['E722'],
    'pep8-naming': { 'classmethod-decorators': ['cm'] },
  };

  it.each(CONFIGURATION_PREFERENCES)('%s: the same configuration as an open document', (preference) => {
    const fromCache = new ConfigCache({ overrides, preference }).forFile(file);
    const fromServer = new ProjectConfigs().forFile(file, root, overrides, preference).fileConfig;
    expect(fromCache.config.fingerprint).toBe(fromServer.config.fingerprint);
    expect(fromCache.file).toEqual(fromServer.file);
  });

  it('excludes by the files unless editorOnly', () => {
    const generated = path.join(root, 'generated', 'x.py');
    expect(new ConfigCache({ overrides, preference: 'filesystemFirst' }).isExcluded(generated)).toBe(true);
    expect(new ConfigCache({ overrides, preference: 'editorFirst' }).isExcluded(generated)).toBe(true);
    expect(new ConfigCache({ overrides, preference: 'editorOnly' }).isExcluded(generated)).toBe(false);
  });

  it('filesystemFirst: the files select, the editor fills in', () => {
    const config = new ConfigCache({ overrides, preference: 'filesystemFirst' }).forFile(file).config;
    expect([...config.enabled]).toEqual(['N802']);
    const editorOnly = new ConfigCache({ overrides, preference: 'editorOnly' }).forFile(file).config;
    expect([...editorOnly.enabled]).toEqual(['N801']);
  });
});

describe('a file that no configuration governs', () => {
  const workspace = mkdtempSync(path.join(tmpdir(), 'pyconv-unconfigured-'));
  afterAll(() => rmSync(workspace, { recursive: true, force: true }));
  const inner = path.join(workspace, 'inner');
  const file = path.join(inner, '_private', 'tools.py');
  const outside = path.join(tmpdir(), 'pyconv-outside-folder', 'm.py');
  mkdirSync(path.dirname(file), { recursive: true });

  it('is rooted at its innermost workspace folder when open, as the workers of that folder root it', () => {
    const documents = new ProjectConfigs();
    documents.setFolders([workspace, inner]);
    const open = documents.forFile(file, workspace, {}).fileConfig.file;
    const closed = new ConfigCache({ fallbackRoots: [inner] }).forFile(file).file;
    expect(open).toEqual(closed);
    expect(open).toMatchObject({ path: '_private/tools.py', isPrivateModule: true });
  });

  it('is rooted at its own folder outside every workspace folder', () => {
    const documents = new ProjectConfigs();
    documents.setFolders([workspace]);
    expect(documents.forFile(outside, workspace, {}).fileConfig.file.path).toBe('m.py');
  });

  it('moves with the workspace folders, and the configuration key changes with them', () => {
    const documents = new ProjectConfigs();
    const before = documents.generation;
    expect(documents.forFile(file, workspace, {}).fileConfig.file.path).toBe('tools.py');
    documents.setFolders([workspace]);
    expect(documents.generation).not.toBe(before);
    expect(documents.forFile(file, workspace, {}).fileConfig.file.path).toBe('inner/_private/tools.py');
  });
});

describe('pyconv.diagnosticsScope', () => {
  it('reads openFiles (the default) and workspace; anything else keeps what was set', () => {
    expect(parseClientSettings({}).diagnosticsScope).toBe('openFiles');
    const workspace = parseClientSettings({ diagnosticsScope: 'workspace' });
    expect(workspace.diagnosticsScope).toBe('workspace');
    expect(parseClientSettings({ diagnosticsScope: 'everything' }, workspace).diagnosticsScope).toBe(
      'workspace',
    );
    expect(parseClientSettings({ diagnosticsScope: 3 }).diagnosticsScope).toBe('openFiles');
  });
});
