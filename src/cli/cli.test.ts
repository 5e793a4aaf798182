import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { testPack } from '../core/match/test-pack';
import type { Pack } from '../core/pack/schema';

const BIN = join(import.meta.dirname, '..', '..', 'bin', 'factcontext.mjs');
const dir = mkdtempSync(join(tmpdir(), 'factcontext-cli-'));

function run(...args: string[]) {
  const r = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

function writeJson(name: string, data: unknown): string {
  const file = join(dir, name);
  writeFileSync(file, JSON.stringify(data));
  return file;
}

const good: Pack = testPack([
  {
    id: 'tanks',
    patterns: { en: ['belarusian tank*'], ru: ['белорусск* танк*'] },
    guards: { en: ['think tank*'] },
    examples: { en: ['Belarusian tanks will move south.'] },
    counterExamples: { en: ['Belarusian think tanks met.'] },
  },
  { id: 'agents', patterns: { en: ['fsb agent*'] }, examples: {}, counterExamples: {} },
]);

beforeAll(() => {
  execFileSync(process.execPath, [join(import.meta.dirname, '..', '..', 'bin', 'build-cli.mjs')]);
});

describe('factcontext CLI', () => {
  it('prints help for the tool and every command', () => {
    expect(run('--help')).toMatchObject({ code: 0, stdout: expect.stringContaining('validate PACK') });
    for (const command of ['validate', 'scan', 'coverage', 'export-claimreview'])
      expect(run(command, '--help')).toMatchObject({
        code: 0,
        stdout: expect.stringContaining(`Usage: factcontext ${command}`),
      });
    expect(run('bogus').code).toBe(1);
  });

  it('validate: exit 0 and a one-line summary for a good pack', () => {
    const r = run('validate', writeJson('good.json', good));
    expect(r.code).toBe(0);
    expect(r.stdout.trim().split('\n')).toEqual([
      expect.stringMatching(/^ok: test-pack 1\.0\.0: 2 narratives, 3 patterns/),
    ]);
  });

  it('validate: exit 1 naming the path of a field with the wrong type', () => {
    const bad = structuredClone(good) as unknown as { narratives: { keyPoints: unknown }[] };
    bad.narratives[1]!.keyPoints = 'not an array';
    const r = run('validate', writeJson('bad-type.json', bad));
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('narratives[1].keyPoints');
  });

  it('validate: exit 1 naming a broken pattern and a failing example', () => {
    const broken = structuredClone(good);
    broken.narratives[1]!.patterns.ru = ['(агент* фсб'];
    expect(run('validate', writeJson('bad-pattern.json', broken)).stderr).toContain(
      'narratives[1].patterns.ru[0]: unbalanced "("',
    );
    const failing = structuredClone(good);
    failing.narratives[0]!.counterExamples.en = ['Belarusian tanks.'];
    const r = run('validate', writeJson('bad-example.json', failing));
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('narratives[0].counterExamples.en[0]');
  });

  it('reports missing files and invalid JSON clearly', () => {
    const missing = run('validate', join(dir, 'nope.json'));
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('no such file');
    const file = join(dir, 'broken.json');
    writeFileSync(file, '{ "schemaVersion": ');
    expect(run('validate', file)).toMatchObject({ code: 1, stderr: expect.stringContaining('not valid JSON') });
    expect(run('scan', join(dir, 'nope.txt'), '--pack', writeJson('p.json', good)).code).toBe(1);
  });

  it('scan --json: matches with offsets into the extracted text', () => {
    const pack = writeJson('scan-pack.json', good);
    const txt = join(dir, 'page.txt');
    writeFileSync(txt, 'Intro.\n\nBelarusian think tanks, then Belarusian tanks.\n\nБелорусские танки.');
    const html = join(dir, 'page.html');
    writeFileSync(html, '<p>Hello</p><script>Belarusian tanks</script><div>FSB <i>agents</i> &amp; more</div>');
    const r = run('scan', txt, html, '--pack', pack, '--json');
    expect(r.code).toBe(0);
    const result = JSON.parse(r.stdout) as { file: string; matches: Record<string, unknown>[] }[];
    expect(result.map((f) => f.file)).toEqual([txt, html]);
    expect(result[0]!.matches).toEqual([
      { narrative: 'tanks', text: 'Belarusian tanks', start: 37, end: 53, lang: 'en', pattern: 'belarusian tank*' },
      { narrative: 'tanks', text: 'Белорусские танки', start: 56, end: 73, lang: 'ru', pattern: 'белорусск* танк*' },
    ]);
    expect(result[1]!.matches).toEqual([
      { narrative: 'agents', text: 'FSB agents', start: 7, end: 17, lang: 'en', pattern: 'fsb agent*' },
    ]);
  });

  it('coverage: a table and what is missing', () => {
    const r = run('coverage', writeJson('cov.json', good));
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/tanks\s+en\s+1\s+1\s+1\s+1/);
    expect(r.stdout).toContain('agents [en]: 0/3 examples, 0/2 counter-examples');
    expect(r.stdout).toContain('tanks [be]: no patterns');
  });

  it('export-claimreview: one ClaimReview per narrative, nothing invented', () => {
    const r = run('export-claimreview', writeJson('cr.json', good));
    expect(r.code).toBe(0);
    const reviews = JSON.parse(r.stdout) as Record<string, unknown>[];
    expect(reviews).toHaveLength(2);
    expect(reviews[0]).toMatchObject({
      '@context': 'https://schema.org',
      '@type': 'ClaimReview',
      claimReviewed: 'Claim of tanks',
      reviewRating: { '@type': 'Rating', alternateName: 'No evidence' },
      itemReviewed: { '@type': 'Claim' },
    });
    for (const key of ['author', 'url', 'datePublished']) expect(reviews[0]).not.toHaveProperty(key);
    const sourced = {
      ...good,
      source: { ...good.source, author: 'A. Author', url: 'https://example.org/a', date: '2021-03-01' },
    };
    const [first] = JSON.parse(run('export-claimreview', writeJson('cr2.json', sourced)).stdout) as Record<
      string,
      unknown
    >[];
    expect(first).toMatchObject({
      author: { name: 'A. Author' },
      url: 'https://example.org/a',
      datePublished: '2021-03-01',
    });
  });
});
