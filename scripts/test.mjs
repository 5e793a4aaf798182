#!/usr/bin/env node
// `npm test`: everything, from a fresh clone. Installs dependencies if missing, then type-check, lint,
// unit tests, production build, and end-to-end tests of the built extension in real headless Chromium.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { ensureDependencies } from './lib/ensure-deps.mjs';

const ROOT = resolve(import.meta.dirname, '..');
process.chdir(ROOT);
ensureDependencies();

const { findChromium } = await import('./lib/browser.mjs');
const reportDir = mkdtempSync(join(tmpdir(), 'factcontext-test-'));
const totals = { passed: 0, failed: 0, skipped: 0 };

/** Runs a step; on failure prints the totals so far and exits, after `beforeExit` (e.g. counting). */
function run(label, command, args, beforeExit = () => {}) {
  console.log(`\n▶ ${label}: ${command} ${args.join(' ')}`);
  const started = Date.now();
  const result = spawnSync(command, args, { stdio: 'inherit', env: process.env });
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  beforeExit();
  if (result.status !== 0) {
    console.error(`✖ ${label} failed after ${seconds} s`);
    printTotals();
    process.exit(result.status ?? 1);
  }
  console.log(`✔ ${label} (${seconds} s)`);
}

/** Runs vitest and adds its counts to the totals (read from its JSON report). */
function runVitest(label, extraArgs) {
  const out = join(reportDir, `${label.replace(/\W+/g, '-')}.json`);
  // Counted before a failing run exits, so that the totals include its failures.
  const count = () => {
    try {
      const report = JSON.parse(readFileSync(out, 'utf8'));
      totals.passed += report.numPassedTests ?? 0;
      totals.failed += report.numFailedTests ?? 0;
      totals.skipped += (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0);
    } catch {
      /* no report: the run failed before writing one */
    }
  };
  run(
    label,
    'npx',
    ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${out}`, ...extraArgs],
    count,
  );
}

function printTotals() {
  console.log(`\ntests: ${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
}

// Find (or on Debian as root, install) the browser first, so a missing one fails fast with one line.
try {
  process.env.CHROME_PATH = findChromium();
} catch (err) {
  console.error(`factcontext: ${err.message}`);
  process.exit(1);
}

run('type-check', 'npx', ['tsc', '--noEmit']);
run('lint', 'npx', ['eslint', '.']);
run('format', 'npx', ['prettier', '--check', '.', '--log-level', 'warn']);
runVitest('unit tests', []);
run('build (chrome-mv3)', 'npx', ['wxt', 'build']);
run('build (firefox-mv2)', 'npx', ['wxt', 'build', '-b', 'firefox']);
runVitest('e2e tests', ['--config', 'vitest.e2e.config.ts']);
printTotals();
rmSync(reportDir, { recursive: true, force: true });
