export { normalizeWithOffsets, normalizeText, type NormalizedText } from './normalize';
export { tokenize, isWordCodePoint, type Tokens } from './tokenize';
