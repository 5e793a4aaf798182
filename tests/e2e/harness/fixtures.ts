import { resolve } from 'node:path';
import { existsSync } from 'node:fs';
import { articlePath, startDemoSite } from '../../../scripts/lib/demo-site.mjs';

export const FIXTURES_DIR = resolve(import.meta.dirname, '../fixtures');

/** True when the analysis article's text is available (it lives outside the repository). */
export const hasArticle = (): boolean => existsSync(articlePath());

/** Serves the demo site at / and the e2e fixtures at /fixtures/ on 127.0.0.1. */
export function startFixtureServer(
  routes: Parameters<typeof startDemoSite>[0] extends infer O
    ? O extends { routes?: infer R }
      ? R
      : never
    : never = {},
) {
  return startDemoSite({ extraMounts: { '/fixtures': FIXTURES_DIR }, routes });
}
