import { mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

/**
 * Where e2e screenshots go. By default a temporary folder, so a test run leaves the work tree clean;
 * with FACTCONTEXT_UPDATE_SCREENSHOTS=1 the README's screenshots in docs/screenshots are refreshed.
 */
export function screenshotDir(): string {
  const dir = process.env.FACTCONTEXT_UPDATE_SCREENSHOTS
    ? resolve(import.meta.dirname, '../../../docs/screenshots')
    : join(tmpdir(), 'factcontext-screenshots');
  mkdirSync(dir, { recursive: true });
  return dir;
}
