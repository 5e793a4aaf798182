import type { Language, Pack } from '../pack/schema';
import type { Match, Matcher } from './types';

// A deliberately small first matcher: each pattern becomes a case-insensitive regular expression
// where `stem*` matches any word starting with the stem. Replaced by the compiled engine.
const LETTER = '\\p{L}\\p{M}\\p{N}';

function patternToRegExp(pattern: string): RegExp {
  const parts = pattern
    .trim()
    .split(/\s+/)
    .map((token) => {
      const stem = token.endsWith('*');
      const word = (stem ? token.slice(0, -1) : token).replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      return stem ? `${word}[${LETTER}]*` : word;
    });
  return new RegExp(`(?<![${LETTER}])${parts.join('\\s+')}(?![${LETTER}])`, 'giu');
}

export function createMatcher(pack: Pack): Matcher {
  const compiled: { re: RegExp; narrativeId: string; lang: Language; pattern: string }[] = [];
  for (const narrative of pack.narratives) {
    for (const [lang, patterns] of Object.entries(narrative.patterns) as [Language, string[]][]) {
      for (const pattern of patterns ?? []) {
        compiled.push({ re: patternToRegExp(pattern), narrativeId: narrative.id, lang, pattern });
      }
    }
  }
  return {
    scan(blocks) {
      const out: Match[] = [];
      blocks.forEach((text, block) => {
        const found: Match[] = [];
        for (const c of compiled) {
          c.re.lastIndex = 0;
          for (const m of text.matchAll(c.re)) {
            const start = m.index;
            found.push({
              block,
              start,
              end: start + m[0].length,
              text: m[0],
              narrativeIds: [c.narrativeId],
              lang: c.lang,
              pattern: c.pattern,
            });
          }
        }
        found.sort((a, b) => a.start - b.start || b.end - a.end);
        let lastEnd = -1;
        for (const m of found) {
          if (m.start >= lastEnd) {
            out.push(m);
            lastEnd = m.end;
          }
        }
      });
      return out;
    },
  };
}
