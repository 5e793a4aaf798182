import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { renderArticlePage } from '../../scripts/lib/demo-site.mjs';
import { startStaticServer } from '../../scripts/lib/static-server.mjs';

describe('renderArticlePage', () => {
  it('uses the first line as the title and blank-line separated paragraphs', () => {
    const html = renderArticlePage('My Title\n\n\nFirst para\ncontinues.\n\nSecond para.');
    expect(html).toContain('<h1>My Title</h1>');
    expect(html).toContain('<p>First para\ncontinues.</p>');
    expect(html).toContain('<p>Second para.</p>');
  });

  it('escapes markup in the article text', () => {
    const html = renderArticlePage('T <b>\n\n<img src=x onerror=alert(1)> & more');
    expect(html).not.toContain('<img');
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt; &amp; more');
    expect(html).toContain('<h1>T &lt;b&gt;</h1>');
  });
});

describe('startStaticServer', () => {
  let server: Awaited<ReturnType<typeof startStaticServer>>;
  beforeAll(async () => {
    const root = mkdtempSync(join(tmpdir(), 'fc-static-'));
    writeFileSync(join(root, 'index.html'), '<p>home</p>');
    writeFileSync(join(root, 'page.txt'), 'plain');
    server = await startStaticServer({
      mounts: { '': root },
      routes: { '/generated': (_req, res) => res.end('generated') },
    });
  });
  afterAll(() => server.close());

  it('binds to 127.0.0.1 and serves files with their content type', async () => {
    expect(server.origin).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const res = await fetch(`${server.origin}/page.txt`);
    expect(res.headers.get('content-type')).toContain('text/plain');
    expect(await res.text()).toBe('plain');
    expect(await (await fetch(`${server.origin}/`)).text()).toBe('<p>home</p>');
  });

  it('serves routes and refuses paths that escape the root', async () => {
    expect(await (await fetch(`${server.origin}/generated`)).text()).toBe('generated');
    const escaped = await fetch(`${server.origin}/..%2f..%2fetc%2fpasswd`);
    expect(escaped.status).toBe(404);
  });
});
