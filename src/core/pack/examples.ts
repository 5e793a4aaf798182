import { createMatcher } from '../match/matcher';
import type { Language, Pack } from './schema';
import type { PackIssue } from './validate';

export interface ExampleReport {
  /** Examples and counter-examples that were run. */
  checked: number;
  failures: PackIssue[];
}

/**
 * Runs the pack's own test suite: every example must produce a match carrying its narrative (as primary
 * or secondary id), every counter-example must produce none. Expects a pack whose patterns compile.
 */
export function runPackExamples(pack: Pack): ExampleReport {
  const matcher = createMatcher(pack);
  const failures: PackIssue[] = [];
  let checked = 0;
  pack.narratives.forEach((narrative, i) => {
    for (const [field, mustMatch] of [
      ['examples', true],
      ['counterExamples', false],
    ] as const) {
      for (const [lang, sentences] of Object.entries(narrative[field]) as [Language, string[] | undefined][]) {
        (sentences ?? []).forEach((sentence, j) => {
          checked++;
          const hit = matcher.scan([sentence]).find((m) => m.narrativeIds.includes(narrative.id));
          const path = `narratives[${i}].${field}.${lang}[${j}]`;
          if (mustMatch && !hit) {
            failures.push({ path, message: `does not match narrative "${narrative.id}": "${sentence}"` });
          } else if (!mustMatch && hit) {
            failures.push({
              path,
              message: `matches narrative "${narrative.id}" on "${hit.text}" (pattern "${hit.pattern}")`,
            });
          }
        });
      }
    }
  });
  return { checked, failures };
}
