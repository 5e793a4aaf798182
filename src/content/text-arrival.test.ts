// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { whenDocumentHasText } from './text-arrival';

const settled = async (p: Promise<void>) => {
  let done = false;
  void p.then(() => (done = true));
  await new Promise((r) => setTimeout(r, 20));
  return done;
};

afterEach(() => {
  document.head.innerHTML = '';
  document.body.innerHTML = '';
});

describe('waiting for text in a frame', () => {
  it('does not wait when the document has text, or a custom element that may render some', () => {
    document.body.innerHTML = '<div><p>Belarusian tanks</p></div>';
    expect(whenDocumentHasText(document).waiting).toBe(false);
    document.body.innerHTML = '<x-story></x-story>';
    expect(whenDocumentHasText(document).waiting).toBe(false);
  });

  it('waits in a document with only scripts, styles, a title, images and blank space', async () => {
    document.head.innerHTML = '<title>An ad</title><style>body { margin: 0 }</style>';
    document.body.innerHTML =
      '<script>var config = { slot: "top" };</script><noscript>Enable scripts</noscript><img alt=""> \n ';
    const wait = whenDocumentHasText(document);
    expect(wait.waiting).toBe(true);
    // More of the same does not end the wait.
    const script = document.createElement('script');
    script.textContent = 'var more = "code, not text";';
    document.body.append(script, document.createElement('img'), document.createTextNode('  '));
    expect(await settled(wait.ready)).toBe(false);
    wait.stop();
  });

  it('ends the wait when text is added, typed into an empty node, or a custom element arrives', async () => {
    for (const add of [
      () => document.body.append(Object.assign(document.createElement('p'), { textContent: 'FSB agents' })),
      () => ((document.body.firstChild as Text).data = 'Minsk'),
      () => document.body.append(document.createElement('x-story')),
    ]) {
      document.body.innerHTML = '';
      document.body.append(document.createTextNode(''));
      const wait = whenDocumentHasText(document);
      expect(wait.waiting).toBe(true);
      expect(await settled(wait.ready)).toBe(false);
      add();
      expect(await settled(wait.ready)).toBe(true);
    }
  });

  it('stops waiting for good when told to', async () => {
    document.body.innerHTML = '';
    const wait = whenDocumentHasText(document);
    wait.stop();
    document.body.append(Object.assign(document.createElement('p'), { textContent: 'Belarusian tanks' }));
    expect(await settled(wait.ready)).toBe(false);
  });
});
