import { describe, expect, it } from 'vitest';
import { testPack } from '../match/test-pack';
import { runPackExamples } from './examples';
import { validatePack } from './validate';

describe('validatePack: pattern syntax', () => {
  it('reports each broken pattern and guard by path', () => {
    const pack = testPack([
      { id: 'a', patterns: { en: ['fine'] } },
      {
        id: 'b',
        patterns: { en: ['ok', 'also ok'], ru: ['танк*', 'агент* фсб', '(белорусск* танк*'] },
        guards: { uk: ['ab*'] },
      },
    ]);
    const result = validatePack(pack);
    expect(result.ok).toBe(false);
    if (!result.ok)
      expect(result.issues).toEqual([
        { path: 'narratives[1].patterns.ru[2]', message: 'unbalanced "("' },
        { path: 'narratives[1].guards.uk[0]', message: expect.stringContaining('too short') },
      ]);
  });

  it('accepts a pack whose patterns all compile', () => {
    expect(validatePack(testPack([{ id: 'a', patterns: { en: ['nato …{0,3} invad* belarus'] } }])).ok).toBe(true);
  });
});

describe('runPackExamples', () => {
  const pack = testPack([
    {
      id: 'tanks',
      patterns: { en: ['belarusian tank*'] },
      guards: { en: ['think tank*'] },
      examples: { en: ['Belarusian tanks will move south.', 'Nothing to see here.'] },
      counterExamples: { en: ['Belarusian think tanks met.', 'Belarusian tanks again.'] },
    },
    {
      id: 'agents',
      patterns: { ru: ['агент* фсб'] },
      examples: { ru: ['Все генералы — агенты ФСБ.'] },
      counterExamples: { ru: ['Агентство недвижимости.'] },
    },
  ]);

  it('reports every failing example and counter-example by path', () => {
    const report = runPackExamples(pack);
    expect(report.checked).toBe(6);
    expect(report.failures.map((f) => f.path)).toEqual([
      'narratives[0].examples.en[1]',
      'narratives[0].counterExamples.en[1]',
    ]);
    expect(report.failures[1]!.message).toContain('belarusian tank*');
  });

  it('passes when examples match their narrative and counter-examples do not', () => {
    const [tanks, agents] = pack.narratives;
    const fixed = {
      ...pack,
      narratives: [
        {
          ...tanks!,
          examples: { en: ['Belarusian tanks will move south.'] },
          counterExamples: { en: ['think tanks'] },
        },
        agents!,
      ],
    };
    expect(runPackExamples(fixed)).toEqual({ checked: 4, failures: [] });
  });
});
