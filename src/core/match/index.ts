export type { Match, Matcher } from './types';
export { createMatcher } from './first-matcher';
