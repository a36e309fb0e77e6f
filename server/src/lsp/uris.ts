import { fileURLToPath } from 'node:url';

/** `file:` URIs to paths; other schemes (untitled buffers) have none. */
export function fsPathOf(uri: string): string | undefined {
  if (!uri.startsWith('file:')) return undefined;
  try {
    return fileURLToPath(uri);
  } catch {
    return undefined;
  }
}
