import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parsePack, validatePack } from './validate';

const PACK = JSON.parse(
  readFileSync(resolve(import.meta.dirname, '../../../packs/belarus-ukraine-troubled-period.json'), 'utf8'),
);
const clone = () => structuredClone(PACK);

describe('validatePack', () => {
  it('accepts the bundled pack, and its validated form is the file as written', () => {
    const result = validatePack(PACK);
    expect(result.ok).toBe(true);
    // The content script uses the bundled file without re-validating it, so validation must not transform it.
    if (result.ok) expect(result.pack).toEqual(PACK);
  });

  it('names the exact path of a wrong field type', () => {
    const pack = clone();
    pack.narratives[3].patterns.ru[2] = 42;
    const result = validatePack(pack);
    expect(result.ok).toBe(false);
    if (!result.ok)
      expect(result.issues).toContainEqual({
        path: 'narratives[3].patterns.ru[2]',
        message: expect.stringMatching(/string/i),
      });
  });

  it('says a required field is missing and an unknown field is unknown', () => {
    const pack = clone();
    delete pack.narratives[0].claim;
    pack.narratives[1].claims = 'typo';
    const result = validatePack(pack);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.issues).toContainEqual({ path: 'narratives[0].claim', message: 'required field is missing' });
    expect(result.issues).toContainEqual({
      path: 'narratives[1].claims',
      message: expect.stringMatching(/^unknown field/),
    });
  });

  it('rejects duplicate ids, unknown related ids and an evidence status outside the vocabulary', () => {
    const pack = clone();
    pack.narratives[1].id = pack.narratives[0].id;
    pack.narratives[2].related = ['no-such-narrative'];
    pack.narratives[4].evidence.status = 'probably-false';
    const result = validatePack(pack);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    const paths = result.issues.map((i) => i.path);
    expect(paths).toContain('narratives[4].evidence.status');
    // Cross-references are checked once the shape is valid.
    pack.narratives[4].evidence.status = 'disputed';
    const second = validatePack(pack);
    expect(second.ok).toBe(false);
    if (second.ok) return;
    expect(second.issues.map((i) => i.path)).toEqual(
      expect.arrayContaining(['narratives[1].id', 'narratives[2].related[0]']),
    );
  });
});

describe('parsePack', () => {
  it('throws a path-led message for JSON that does not parse', () => {
    expect(() => parsePack('{"schemaVersion": 1,')).toThrow(/^\(root\): not valid JSON/);
  });
});
