/** A block of extracted text and where it starts in the file's extracted text. */
export interface Block {
  text: string;
  offset: number;
}

/**
 * Splits plain text into paragraphs on blank lines. Blocks are exact slices of the input, so offsets
 * of matches are offsets into the file's text as read (UTF-16 code units).
 */
export function textToBlocks(text: string): Block[] {
  const blocks: Block[] = [];
  const separator = /\r?\n[ \t]*\r?\n\s*/g;
  let from = 0;
  for (const m of text.matchAll(separator)) {
    if (m.index > from) blocks.push({ text: text.slice(from, m.index), offset: from });
    from = m.index + m[0].length;
  }
  if (from < text.length) blocks.push({ text: text.slice(from), offset: from });
  return blocks.filter((b) => b.text.trim() !== '');
}
