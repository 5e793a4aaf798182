// Installs the project's dependencies when they are missing or older than package-lock.json.
// Uses only Node built-ins: it runs before anything is installed.
import { existsSync, statSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '../..');

function needsInstall() {
  const marker = resolve(ROOT, 'node_modules/.package-lock.json');
  if (!existsSync(marker)) return true;
  const lock = resolve(ROOT, 'package-lock.json');
  return existsSync(lock) && statSync(lock).mtimeMs > statSync(marker).mtimeMs + 1000;
}

export function ensureDependencies() {
  if (!needsInstall()) return;
  const useCi = existsSync(resolve(ROOT, 'package-lock.json'));
  console.log(`factcontext: installing dependencies (npm ${useCi ? 'ci' : 'install'})…`);
  const result = spawnSync('npm', [useCi ? 'ci' : 'install', '--no-audit', '--no-fund'], {
    cwd: ROOT,
    stdio: 'inherit',
    // Never let a package download a browser of its own.
    env: { ...process.env, PUPPETEER_SKIP_DOWNLOAD: '1', PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD: '1' },
  });
  if (result.status !== 0) {
    console.error('factcontext: dependency installation failed.');
    process.exit(result.status ?? 1);
  }
}
