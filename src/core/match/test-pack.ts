import type { Narrative, Pack } from '../pack/schema';

export type NarrativeSketch = Pick<Narrative, 'id'> & Partial<Omit<Narrative, 'id'>>;

/** Builds a schema-valid pack around the fields a test cares about (tests only). */
export function testPack(narratives: NarrativeSketch[]): Pack {
  return {
    schemaVersion: 1,
    id: 'test-pack',
    title: 'Test pack',
    version: '1.0.0',
    languages: ['en', 'ru', 'uk', 'be'],
    source: { title: 'Test source', date: null, author: null, url: null },
    narratives: narratives.map((n) => ({
      title: n.id,
      claim: `Claim of ${n.id}`,
      counterAnalysis: 'Counter-analysis.',
      keyPoints: [],
      evidence: { status: 'no-evidence', note: 'None.' },
      quotes: [],
      related: [],
      patterns: {},
      examples: {},
      counterExamples: {},
      ...n,
    })),
  };
}
