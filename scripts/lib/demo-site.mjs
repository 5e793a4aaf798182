// The demo site: static pages in demo/ plus the analysis article rendered as a news page from its text.
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { startStaticServer } from './static-server.mjs';

const ROOT = resolve(import.meta.dirname, '../..');
export const DEMO_DIR = resolve(ROOT, 'demo');

/** Where the article's text is read from: FACTCONTEXT_ARTICLE, else the shared sources beside the clone. */
export function articlePath() {
  return process.env.FACTCONTEXT_ARTICLE ?? resolve(ROOT, '../shared/sources/belarus-ukraine-troubled-period.txt');
}

const escapeHtml = (s) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** Renders a plain-text article (first line the title, blank-line paragraphs) as a news page. */
export function renderArticlePage(text) {
  const [title = 'Untitled', ...rest] = text.replace(/\r\n/g, '\n').split('\n');
  const paragraphs = rest
    .join('\n')
    .split(/\n\s*\n/)
    .map((p) => p.trim())
    .filter(Boolean)
    .map((p) => `      <p>${escapeHtml(p)}</p>`)
    .join('\n');
  return `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <title>${escapeHtml(title.trim())} — The Demo Chronicle</title>
    <link rel="stylesheet" href="/style.css" />
  </head>
  <body>
    <header class="masthead"><a href="/">THE DEMO CHRONICLE</a></header>
    <article>
      <p class="kicker">Analysis</p>
      <h1>${escapeHtml(title.trim())}</h1>
      <p class="byline">Author unknown · 2021 (inferred from the text)</p>
${paragraphs}
    </article>
    <footer>The analysis article that factcontext's first pack is built from, shown here for the demo.</footer>
  </body>
</html>
`;
}

function articleRoute(_req, res) {
  const path = articlePath();
  if (!existsSync(path)) {
    res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' });
    res.end(`The article text was not found at ${path}. Set FACTCONTEXT_ARTICLE to its path.`);
    return;
  }
  res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
  res.end(renderArticlePage(readFileSync(path, 'utf8')));
}

/** Serves the demo site on 127.0.0.1 (port 0 = any free port). */
export function startDemoSite({ port = 0, extraMounts = {}, routes = {} } = {}) {
  return startStaticServer({
    mounts: { ...extraMounts, '': DEMO_DIR },
    routes: { '/article.html': articleRoute, ...routes },
    port,
  });
}
