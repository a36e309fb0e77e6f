import { describe, expect, it } from 'vitest';
import { check, flagged } from '../helpers/analyze';
import { fixed } from '../helpers/apply-fix';

const fn = (doc: string[]) =>
  ['def resize(image, width):', ...doc.map((l) => (l === '' ? '' : `    ${l}`)), '    return image', ''].join(
    '\n',
  );

describe('PCV301 google-section-layout', () => {
  it('accepts Google-style docstrings, unknown headers and text after a colon', async () => {
    const source = fn([
      '"""Resizes an image.',
      '',
      'Keeps the aspect ratio. Modes:',
      '- fit: scale down.',
      '',
      'Note: see also `crop`.',
      '',
      'Args:',
      '    image: The image.',
      '    width: The width.',
      '',
      'Returns:',
      '    The resized image.',
      '',
      'Raises:',
      '    ValueError: If width is negative.',
      '',
      'Example:',
      '    >>> resize(img, 10)',
      '    Returns',
      '"""',
    ]);
    expect(await flagged(source, 'PCV301')).toEqual([]);
    expect(await flagged('class A:\n    """One line."""\n', 'PCV301')).toEqual([]);
  });

  it('flags non-Google names on the header name, with a rename fix', async () => {
    const source = fn([
      '"""Resizes.',
      '',
      'Parameters:',
      '    image: The image.',
      '',
      'Return:',
      '    Image.',
      '"""',
    ]);
    expect(await flagged(source, 'PCV301')).toEqual(['PCV301 3:4-3:14', 'PCV301 6:4-6:10']);
    const messages = (await check(source, ['PCV301'])).map((d) => d.message);
    expect(messages).toEqual([
      'Use the Google section name `Args:` instead of `Parameters:`',
      'Use the Google section name `Returns:` instead of `Return:`',
    ]);
    expect(await fixed(source, 'PCV301')).toContain('    Args:\n        image: The image.');
  });

  it('flags NumPy underlines, missing colons and unindented content', async () => {
    const numpy = fn(['"""Resizes.', '', 'Parameters', '----------', 'image : Image', '"""']);
    expect(await flagged(numpy, 'PCV301')).toEqual(['PCV301 3:4-3:14']);
    const colon = fn(['"""Resizes.', '', 'Args', '    image: The image.', '"""']);
    expect(await flagged(colon, 'PCV301')).toEqual(['PCV301 3:4-3:8']);
    expect(await fixed(colon, 'PCV301')).toContain('    Args:\n');
    const flat = fn(['"""Resizes.', '', 'Returns:', 'The image.', '"""']);
    expect((await check(flat, ['PCV301'])).map((d) => d.message)).toEqual([
      'Indent the content of `Returns:` below the header',
    ]);
  });

  it('flags a summary not followed by a blank line, on the summary', async () => {
    const source = fn(['"""Resizes an image', 'keeping the ratio.', '"""']);
    expect(await flagged(source, 'PCV301')).toEqual(['PCV301 1:7-1:23']);
  });
});
