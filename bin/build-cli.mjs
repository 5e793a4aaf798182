// Bundles src/cli into one ES module so the CLI starts in milliseconds instead of compiling
// TypeScript on every call. `bin/factcontext.mjs` rebuilds it whenever a source file is newer.
import { readdirSync, renameSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
export const BUNDLE = join(ROOT, 'dist', 'cli', 'factcontext.mjs');
const SOURCES = [join(ROOT, 'src', 'cli'), join(ROOT, 'src', 'core')];

function newestSourceTime(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestSourceTime(path));
    else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts'))
      newest = Math.max(newest, statSync(path).mtimeMs);
  }
  return newest;
}

/** True when the bundle is missing or older than any source it is built from. */
export function bundleIsStale() {
  let built;
  try {
    built = statSync(BUNDLE).mtimeMs;
  } catch {
    return true;
  }
  return SOURCES.some((dir) => newestSourceTime(dir) > built);
}

/** Builds to a temporary file and renames it, so concurrent first runs never import a half-written bundle. */
export async function buildCli() {
  const { build } = await import('esbuild');
  const temporary = `${BUNDLE}.${process.pid}.tmp.mjs`;
  await build({
    entryPoints: [join(ROOT, 'src', 'cli', 'main.ts')],
    outfile: temporary,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    logLevel: 'warning',
  });
  renameSync(temporary, BUNDLE);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) await buildCli();
