import { useVariantConfirm } from './fuzzy';
import { fuseConfirm } from './fuse-confirm';

export type { Match, Matcher } from './types';
export { createMatcher, matcherFromCompiled, type MatcherOptions } from './matcher';
export { compilePattern, patternError, PatternError, type Element, type Sequence } from './pattern';

// The core as a whole (the CLI, the extension's pages, tests) scores typo variants with fuse.js. The content
// script imports the matcher's modules directly, and gets fuse.js only where a pack needs it.
useVariantConfirm(fuseConfirm);
