import { patternError } from '../match/pattern';
import type { Pack } from './schema';
import type { PackIssue } from './validate';

const FIELDS = ['patterns', 'guards'] as const;

/** Checks every pattern and guard against the pattern language; one issue per broken pattern. */
export function validatePatterns(pack: Pack): PackIssue[] {
  const issues: PackIssue[] = [];
  pack.narratives.forEach((narrative, i) => {
    for (const field of FIELDS) {
      for (const [lang, patterns] of Object.entries(narrative[field] ?? {})) {
        (patterns ?? []).forEach((pattern, j) => {
          const message = patternError(pattern);
          if (message) issues.push({ path: `narratives[${i}].${field}.${lang}[${j}]`, message });
        });
      }
    }
  });
  return issues;
}
