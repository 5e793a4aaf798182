#!/usr/bin/env node
// `npm start`: installs what is missing, builds the extension, serves the demo site on 127.0.0.1 and opens
// Chromium with the extension loaded. Without a display it runs headless, writes screenshots and a summary.
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { ensureDependencies } from './lib/ensure-deps.mjs';

const ROOT = resolve(import.meta.dirname, '..');
process.chdir(ROOT);
ensureDependencies();

const { findChromium, CHROMIUM_QUIET_FLAGS } = await import('./lib/browser.mjs');
const { startDemoSite } = await import('./lib/demo-site.mjs');
const { tsImport } = await import('tsx/esm/api');

const EXTENSION_DIR = resolve(ROOT, '.output/chrome-mv3');
const DEMO_PAGES = [
  '/article.html',
  '/en-border-tensions.html',
  '/ru-pogranichnye-strahi.html',
  '/uk-prykordonni-tryvohy.html',
  '/be-pamezhnyya-tryvohi.html',
];
const hasDisplay = Boolean(process.env.DISPLAY || process.env.WAYLAND_DISPLAY) && !process.env.FACTCONTEXT_HEADLESS;

console.log('factcontext: building the extension…');
const build = spawnSync('npx', ['wxt', 'build'], { stdio: ['ignore', 'ignore', 'inherit'] });
if (build.status !== 0) {
  console.error('factcontext: the build failed (run `npm run build` to see why).');
  process.exit(1);
}

let chromePath;
try {
  chromePath = findChromium();
} catch (err) {
  console.error(`factcontext: ${err.message}`);
  process.exit(1);
}

const preferredPort = Number(process.env.PORT ?? 8731);
const site = await startDemoSite({ port: preferredPort }).catch(() => startDemoSite({ port: 0 }));
console.log(`factcontext: demo site at ${site.origin}/`);

if (hasDisplay) await runWithDisplay();
else await runHeadless();

/** Opens a real Chromium window with the extension; stops the demo site when the window closes. */
async function runWithDisplay() {
  const profile = mkdtempSync(join(tmpdir(), 'factcontext-profile-'));
  const args = [
    ...CHROMIUM_QUIET_FLAGS.filter((f) => f !== '--no-sandbox' || process.getuid?.() === 0),
    `--user-data-dir=${profile}`,
    `--disable-extensions-except=${EXTENSION_DIR}`,
    `--load-extension=${EXTENSION_DIR}`,
    `${site.origin}/`,
  ];
  console.log('factcontext: opening Chromium with the extension loaded (close the window or press Ctrl+C to stop).');
  const child = spawn(chromePath, args, { stdio: 'ignore' });
  const stop = async () => {
    child.kill();
    await site.close();
    rmSync(profile, { recursive: true, force: true });
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  child.on('exit', stop);
}

/** No display: visit the demo pages headless, take screenshots, print a one-line summary, exit 0. */
async function runHeadless() {
  const {
    launchWithExtension,
    listHighlights,
    waitForHighlights,
    hoverHighlight,
    waitForPopover,
    popoverSettled,
    pageSummary,
  } = await tsImport('./lib/headless-tour.ts', import.meta.url);
  const outDir = resolve(process.env.FACTCONTEXT_SCREENSHOTS ?? join(ROOT, 'screenshots'));
  mkdirSync(outDir, { recursive: true });
  const ext = await launchWithExtension({ chromePath, extensionDir: EXTENSION_DIR });
  const narratives = new Set();
  let highlights = 0;
  const shots = [];
  try {
    for (const path of DEMO_PAGES) {
      const page = await ext.browser.newPage();
      await page.setViewport({ width: 1280, height: 900 });
      const response = await page.goto(`${site.origin}${path}`, { waitUntil: 'load' });
      if (!response?.ok()) {
        console.log(`factcontext: skipped ${path} (${response?.status()}: ${await response?.text()})`);
        await page.close();
        continue;
      }
      await waitForHighlights(page).catch(() => []);
      const ranges = await listHighlights(page);
      highlights += ranges.length;
      for (const id of await pageSummary(ext, page)) narratives.add(id);
      const name = path.replace(/^\/|\.html$/g, '');
      const file = join(outDir, `${name}-highlights.png`);
      await page.screenshot({ path: file });
      shots.push(file);
      if (ranges.length) {
        await hoverHighlight(page, ranges[0].text);
        // Wait for the popover to open and its entry animation to finish before the screenshot.
        await waitForPopover(page)
          .then(() => popoverSettled(page))
          .catch(() => null);
        const popoverFile = join(outDir, `${name}-popover.png`);
        await page.screenshot({ path: popoverFile });
        shots.push(popoverFile);
      }
      await page.close();
    }
  } finally {
    await ext.close();
    await site.close();
  }
  console.log(`factcontext: screenshots written to ${outDir} (${shots.length} PNG files)`);
  console.log(
    `factcontext: ${highlights} highlights on ${DEMO_PAGES.length} demo pages; ${narratives.size} narratives found` +
      (narratives.size ? `: ${[...narratives].sort().join(', ')}` : ''),
  );
}
