export { normalizeWithOffsets, normalizeText, type NormalizedText } from './normalize';
export { tokenize, tokenizeNormalized, isWordCodePoint, type Tokens } from './tokenize';
