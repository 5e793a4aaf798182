// A tiny static file server bound to 127.0.0.1, for the demo site and the e2e fixtures.
import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, resolve, sep } from 'node:path';

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.txt': 'text/plain; charset=utf-8',
};

/**
 * Serves each of `mounts` ({ '/prefix': '/abs/dir' }) on 127.0.0.1. Paths never escape their directory.
 * `routes` maps exact paths to (req, res) handlers for generated pages.
 */
export async function startStaticServer({ mounts, routes = {}, port = 0 }) {
  const roots = Object.entries(mounts)
    .map(([prefix, dir]) => [prefix.replace(/\/$/, ''), resolve(dir)])
    .sort((a, b) => b[0].length - a[0].length);
  const server = createServer(async (req, res) => {
    try {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      const route = routes[url.pathname];
      if (route) return await route(req, res, url);
      for (const [prefix, dir] of roots) {
        if (url.pathname !== prefix && !url.pathname.startsWith(prefix + '/') && prefix !== '') continue;
        let rel = decodeURIComponent(url.pathname.slice(prefix.length)) || '/';
        if (rel.endsWith('/')) rel += 'index.html';
        const file = normalize(join(dir, rel));
        if (file !== dir && !file.startsWith(dir + sep)) break;
        const info = await stat(file).catch(() => null);
        if (!info?.isFile()) continue;
        res.writeHead(200, {
          'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
          'cache-control': 'no-store',
        });
        res.end(await readFile(file));
        return;
      }
      res.writeHead(404, { 'content-type': 'text/plain' });
      res.end('not found');
    } catch (err) {
      res.writeHead(500, { 'content-type': 'text/plain' });
      res.end(String(err));
    }
  });
  await new Promise((ok) => server.listen(port, '127.0.0.1', ok));
  const address = server.address();
  const origin = `http://127.0.0.1:${address.port}`;
  return { origin, server, close: () => new Promise((ok) => server.close(() => ok())) };
}
