/** How the CLI shows file names it cannot print as they are (issue 12, item 5). */
import { describe, expect, it } from 'vitest';
import { escapeControls, textPath } from '../../server/src/cli/output';
import { escapeBadBytes } from '../../server/src/cli/walk';

describe('escapeBadBytes', () => {
  it('keeps valid UTF-8 and writes each stray byte as \\xNN', () => {
    expect(escapeBadBytes(Buffer.from('mödule.py'))).toBe('mödule.py');
    expect(escapeBadBytes(Buffer.from([0x62, 0xff, 0x2e, 0x70, 0x79]))).toBe('b\\xff.py');
    // A cut-off sequence (the first two bytes of `€`), then a valid `é`.
    expect(escapeBadBytes(Buffer.from([0xe2, 0x82, 0xc3, 0xa9]))).toBe('\\xe2\\x82é');
    expect(escapeBadBytes(Buffer.from('😀'))).toBe('😀');
  });
});

describe('escapeControls and textPath', () => {
  it('escapes what could split or forge a line, and nothing else', () => {
    expect(escapeControls('a\nb\r\tc\x1b[31m\x7f\x85')).toBe('a\\nb\\r\\tc\\x1b[31m\\x7f\\x85');
    expect(escapeControls('x\u2028y\u202ez')).toBe('x\\u{2028}y\\u{202e}z');
    expect(escapeControls('plain/ünïcode_名前.py')).toBe('plain/ünïcode_名前.py');
  });

  it('gives a relative path with escapes', () => {
    expect(textPath('/w/pkg/a\nb.py', '/w')).toBe('pkg/a\\nb.py');
  });
});
