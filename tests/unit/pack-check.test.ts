import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkPackFile } from '../../modules/pack-check';

const PACK_FILE = resolve(import.meta.dirname, '../../packs/belarus-ukraine-troubled-period.json');

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the test mutates raw JSON into invalid shapes
function writePack(mutate: (pack: any) => void): string {
  const pack = JSON.parse(readFileSync(PACK_FILE, 'utf8'));
  mutate(pack);
  const file = join(mkdtempSync(join(tmpdir(), 'fc-pack-')), 'pack.json');
  writeFileSync(file, JSON.stringify(pack));
  return file;
}

describe('the build-time pack check', () => {
  it('passes the bundled pack', () => {
    expect(checkPackFile(PACK_FILE).narratives).toHaveLength(12);
  });

  it('fails on a schema error, naming the path', () => {
    const file = writePack((p) => (p.narratives[2].evidence.status = 'maybe'));
    expect(() => checkPackFile(file)).toThrow(/narratives\[2\]\.evidence\.status/);
  });

  it('fails when an example no longer matches its narrative', () => {
    const file = writePack((p) => p.narratives[0].examples.en.push('A sentence about the weather in Lisbon.'));
    expect(() => checkPackFile(file)).toThrow(/narratives\[0\]\.examples\.en\[\d+\]: does not match/);
  });
});
