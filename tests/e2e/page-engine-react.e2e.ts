// A React 19 page that hydrates server-rendered markup: the extension must not cause hydration errors
// or change the page's text. The app is rendered with react-dom/server and its client bundled with
// esbuild into a temporary folder during setup.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { build } from 'esbuild';
import { CHROMIUM_QUIET_FLAGS, findChromium } from '../../scripts/lib/browser.mjs';
import {
  REPO_DIR,
  captureProblems,
  launchWithExtension,
  packExamples,
  squash,
  startEngineServer,
  waitForHighlights,
  waitForScansToSettle,
  type CapturedProblems,
  type LoadedExtension,
} from './harness';

// The app takes React as an argument so the same module runs on the server (Node) and in the bundle.
const APP_SOURCE = `
export function makeApp(React) {
  const h = React.createElement;
  function Words({ text }) {
    // Every word in its own inline element, like rich article markup.
    return text.split(' ').flatMap((w, i) => [i ? ' ' : null, h(i % 2 ? 'em' : 'a', { key: i, href: i % 2 ? undefined : '#w' + i }, w)]);
  }
  function Story({ text, index }) {
    const [open, setOpen] = React.useState(false);
    return h('article', { className: 'story' },
      h('h2', null, 'Story ', index + 1),
      h('p', null, h(Words, { text })),
      h('button', { type: 'button', onClick: () => setOpen(!open), id: 'toggle-' + index }, open ? 'Less' : 'More'),
      open ? h('p', { className: 'more' }, 'More text appears after a click.') : null);
  }
  function App({ examples }) {
    const [count, setCount] = React.useState(0);
    React.useEffect(() => { window.__hydrated = true; }, []);
    return h('main', null,
      h('h1', null, 'React news'),
      examples.map((text, i) => h(Story, { key: i, text, index: i })),
      h('button', { id: 'count', type: 'button', onClick: () => setCount((c) => c + 1) }, 'Clicked ', count, ' times'));
  }
  // The whole document rendered and hydrated by React (as frameworks do), scripts included.
  function Doc({ examples }) {
    return h('html', { lang: 'en' },
      h('head', null, h('meta', { charSet: 'utf-8' }), h('title', null, 'React news')),
      h('body', null,
        h('div', { id: 'root' }, h(App, { examples })),
        h('script', { dangerouslySetInnerHTML: { __html: 'window.__EXAMPLES = ' + JSON.stringify(examples).replace(/</g, '\\u003c') } }),
        h('script', { src: '/react/client-doc.js' })));
  }
  return { App, Doc };
}
`;

const CLIENT_DOC_SOURCE = `
import * as React from 'react';
import { hydrateRoot } from 'react-dom/client';
import { makeApp } from './app.mjs';
const { Doc } = makeApp(React);
hydrateRoot(document, React.createElement(Doc, { examples: window.__EXAMPLES }), {
  onRecoverableError(error) { console.error('recoverable hydration error:', String(error)); },
});
`;

const CLIENT_SOURCE = `
import * as React from 'react';
import { hydrateRoot } from 'react-dom/client';
import { makeApp } from './app.mjs';
const { App } = makeApp(React);
hydrateRoot(document.getElementById('root'), React.createElement(App, { examples: window.__EXAMPLES }), {
  onRecoverableError(error) { console.error('recoverable hydration error:', String(error)); },
});
`;

const hydrationProblem = (m: { text: string }) => /hydrat|did not match|mismatch|recoverable/i.test(m.text);
const realProblems = (p: CapturedProblems) => p.console.filter((m) => !m.text.startsWith('Failed to load resource'));

describe('page engine on a React page that hydrates server-rendered markup', () => {
  let dir: string;
  let ext: LoadedExtension;
  let bare: Browser;
  let server: Awaited<ReturnType<typeof startEngineServer>>;
  const examples = packExamples('en')
    .examples.slice(0, 6)
    .map((e) => e.text);

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'factcontext-react-'));
    writeFileSync(join(dir, 'app.mjs'), APP_SOURCE);
    writeFileSync(join(dir, 'client.mjs'), CLIENT_SOURCE);
    writeFileSync(join(dir, 'client-doc.mjs'), CLIENT_DOC_SOURCE);
    for (const name of ['client', 'client-doc']) {
      await build({
        entryPoints: [join(dir, `${name}.mjs`)],
        bundle: true,
        format: 'iife',
        outfile: join(dir, `${name}.js`),
        nodePaths: [resolve(REPO_DIR, 'node_modules')],
        // Development React reports every hydration mismatch on the console.
        define: { 'process.env.NODE_ENV': '"development"' },
        logLevel: 'silent',
      });
    }
    // react has no type declarations here: import it untyped.
    type ReactLike = { createElement: (type: unknown, props: unknown) => unknown };
    const React = (await import('react' as string)) as ReactLike;
    const { renderToString } = (await import('react-dom/server' as string)) as {
      renderToString: (el: unknown) => string;
    };
    const { makeApp } = (await import(pathToFileURL(join(dir, 'app.mjs')).href)) as {
      makeApp: (r: ReactLike) => { App: unknown; Doc: unknown };
    };
    const { App, Doc } = makeApp(React);
    const markup = renderToString(React.createElement(App, { examples }));
    const docHtml = `<!doctype html>${renderToString(React.createElement(Doc, { examples }))}`;
    const clientDoc = readFileSync(join(dir, 'client-doc.js'), 'utf8');
    const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>React news</title></head><body><div id="root">${markup}</div><script>window.__EXAMPLES = ${JSON.stringify(examples).replace(/</g, '\\u003c')};</script><script src="/react/client.js"></script></body></html>`;
    const client = readFileSync(join(dir, 'client.js'), 'utf8');
    server = await startEngineServer({
      '/react/index.html': (_req, res) => {
        res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
        res.end(html);
      },
      // The same page whose server markup differs from what the client renders.
      '/react/mismatch.html': (_req, res) => {
        res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
        res.end(html.replace('<h1>React news</h1>', '<h1>Other news</h1>'));
      },
      '/react/document.html': (_req, res) => {
        res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
        res.end(docHtml);
      },
      '/react/client-doc.js': (_req, res) => {
        res.writeHead(200, { 'content-type': 'text/javascript; charset=utf-8' });
        res.end(clientDoc);
      },
      '/react/client.js': (_req, res) => {
        res.writeHead(200, { 'content-type': 'text/javascript; charset=utf-8' });
        res.end(client);
      },
    });
    ext = await launchWithExtension();
    bare = await puppeteer.launch({
      executablePath: findChromium(),
      headless: true,
      args: [...CHROMIUM_QUIET_FLAGS, '--window-size=1280,900'],
      defaultViewport: { width: 1280, height: 900 },
    });
  });
  afterAll(async () => {
    await ext?.close();
    await bare?.close();
    await server?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  async function load(page: Page, path = '/react/index.html') {
    const problems = captureProblems(page);
    await page.goto(`${server.origin}${path}`);
    await page.waitForFunction(() => (window as unknown as { __hydrated?: boolean }).__hydrated === true);
    return problems;
  }

  it('hydrates without errors or warnings, with the same text as without the extension, and stays interactive', async () => {
    const withExt = await ext.browser.newPage();
    const problems = await load(withExt);
    const ranges = await waitForHighlights(withExt, (r) =>
      r.some((h) => examples.some((e) => squash(e).toLowerCase().includes(squash(h.text).toLowerCase()))),
    );
    expect(ranges.length).toBeGreaterThan(0);
    await waitForScansToSettle(withExt);

    const plain = await bare.newPage();
    const plainProblems = await load(plain);
    const text = (p: Page) =>
      p.evaluate(() => ({ root: document.getElementById('root')!.textContent, body: document.body.textContent }));
    const [a, b] = [await text(withExt), await text(plain)];
    expect(a.root).toBe(b.root);
    expect(a.body).toBe(b.body);
    expect(a.root!.length).toBeGreaterThan(200);

    // React still owns the DOM: clicks re-render, and the new text gets scanned like any other.
    await withExt.click('#count');
    await withExt.click('#count');
    expect(await withExt.$eval('#count', (el) => el.textContent)).toBe('Clicked 2 times');
    await withExt.click('#toggle-0');
    expect(await withExt.$eval('.more', (el) => el.textContent)).toContain('More text');

    expect(problems.errors).toEqual([]);
    expect(problems.console.filter(hydrationProblem)).toEqual([]);
    expect(realProblems(problems)).toEqual([]);
    // The page itself is clean without the extension too (so the check above can mean something).
    expect(plainProblems.console.filter(hydrationProblem)).toEqual([]);
  });

  it('does not disturb an app that hydrates the whole document', async () => {
    const withExt = await ext.browser.newPage();
    const problems = await load(withExt, '/react/document.html');
    await waitForHighlights(withExt, (r) =>
      r.some((h) => examples.some((e) => squash(e).toLowerCase().includes(squash(h.text).toLowerCase()))),
    );
    await waitForScansToSettle(withExt);
    const plain = await bare.newPage();
    await load(plain, '/react/document.html');
    const text = (p: Page) => p.evaluate(() => document.getElementById('root')!.textContent);
    expect(await text(withExt)).toBe(await text(plain));
    await withExt.click('#count');
    expect(await withExt.$eval('#count', (el) => el.textContent)).toBe('Clicked 1 times');
    expect(problems.errors).toEqual([]);
    expect(problems.console.filter(hydrationProblem)).toEqual([]);
    expect(realProblems(problems)).toEqual([]);
  });

  it('would notice a hydration mismatch (the check is live)', async () => {
    // Server markup that differs from the client's render must produce the problem we assert is absent above.
    const page = await bare.newPage();
    const problems = captureProblems(page);
    await page.goto(`${server.origin}/react/mismatch.html`);
    await page.waitForFunction(() => (window as unknown as { __hydrated?: boolean }).__hydrated === true);
    await new Promise((r) => setTimeout(r, 200));
    expect(problems.console.filter(hydrationProblem).length + problems.errors.length).toBeGreaterThan(0);
  });
});
