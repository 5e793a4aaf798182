import { patternError } from '../match/pattern';
import type { Language, Pack } from './schema';
import type { PackIssue } from './validate';

export interface PackPattern {
  /** e.g. `narratives[3].patterns.ru[2]`. */
  path: string;
  narrativeIndex: number;
  lang: Language;
  pattern: string;
  guard: boolean;
}

/** Every pattern and guard of a pack, in pack order (narrative, then patterns before guards, then file order). */
export function packPatterns(pack: Pack): PackPattern[] {
  const out: PackPattern[] = [];
  pack.narratives.forEach((narrative, narrativeIndex) => {
    for (const field of ['patterns', 'guards'] as const) {
      for (const [lang, patterns] of Object.entries(narrative[field] ?? {}) as [Language, string[] | undefined][]) {
        (patterns ?? []).forEach((pattern, j) =>
          out.push({
            path: `narratives[${narrativeIndex}].${field}.${lang}[${j}]`,
            narrativeIndex,
            lang,
            pattern,
            guard: field === 'guards',
          }),
        );
      }
    }
  });
  return out;
}

/** Checks every pattern and guard against the pattern language; one issue per broken pattern. */
export function validatePatterns(pack: Pack): PackIssue[] {
  const issues: PackIssue[] = [];
  for (const { path, pattern } of packPatterns(pack)) {
    const message = patternError(pattern);
    if (message) issues.push({ path, message });
  }
  return issues;
}
