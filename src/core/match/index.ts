export type { Match, Matcher } from './types';
export { createMatcher, matcherFromCompiled, type MatcherOptions } from './matcher';
export { compilePattern, patternError, PatternError, type Element, type Sequence } from './pattern';
