import { extname } from 'node:path';
import { createMatcher } from '../core/match';
import { htmlToBlocks } from './html-blocks';
import { CliError, readText, requirePack } from './io';
import { textToBlocks, type Block } from './text-blocks';

export const SCAN_HELP = `Usage: factcontext scan FILE... [--pack PACK] [--json]

Scans text files for the pack's narratives.
  .txt   blocks are paragraphs (split on blank lines); start/end are UTF-16 offsets into the file's text.
  .html  visible page text (no script/style/noscript/template), one block per block-level element;
         start/end are UTF-16 offsets into the extracted text: the blocks joined by a blank line ("\\n\\n").
  --pack PACK  pack file (default: packs/belarus-ukraine-troubled-period.json of this package)
  --json       print [{ "file", "matches": [{ "narrative", "text", "start", "end", "lang", "pattern" }] }]`;

export interface ScanMatch {
  narrative: string;
  text: string;
  start: number;
  end: number;
  lang: string;
  pattern: string;
}

/** Extracts a file's blocks by extension (.html/.htm as HTML, anything else as plain text). */
export function fileBlocks(file: string): Block[] {
  const content = readText(file);
  const ext = extname(file).toLowerCase();
  return ext === '.html' || ext === '.htm' || ext === '.xhtml' ? htmlToBlocks(content) : textToBlocks(content);
}

export function scanCommand(args: string[], defaultPack: string, out: (s: string) => void): number {
  let packFile = defaultPack;
  let json = false;
  const files: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === '--json') json = true;
    else if (a === '--pack') {
      const value = args[++i];
      if (!value) throw new CliError('--pack needs a file');
      packFile = value;
    } else if (a.startsWith('--pack=')) packFile = a.slice('--pack='.length);
    else if (a.startsWith('-')) throw new CliError(`unknown option ${a}\n\n${SCAN_HELP}`);
    else files.push(a);
  }
  if (!files.length) throw new CliError(`scan expects at least one FILE\n\n${SCAN_HELP}`);
  const matcher = createMatcher(requirePack(packFile));
  const results = files.map((file) => {
    const blocks = fileBlocks(file);
    const matches: ScanMatch[] = matcher.scan(blocks.map((b) => b.text)).map((m) => ({
      narrative: m.narrativeIds[0]!,
      text: m.text,
      start: blocks[m.block]!.offset + m.start,
      end: blocks[m.block]!.offset + m.end,
      lang: m.lang,
      pattern: m.pattern,
    }));
    return { file, matches };
  });
  if (json) out(JSON.stringify(results, null, 2));
  else {
    for (const r of results) {
      out(`${r.file}: ${r.matches.length} match${r.matches.length === 1 ? '' : 'es'}`);
      for (const m of r.matches) out(`  ${m.start}-${m.end}  ${m.narrative}  "${m.text}"  [${m.lang}: ${m.pattern}]`);
    }
  }
  return 0;
}
