import { readFileSync } from 'node:fs';
import { validatePack, type PackIssue } from '../core/pack/validate';
import type { Pack } from '../core/pack/schema';

/** An error the CLI reports as one clean line (no stack) with exit code 1. */
export class CliError extends Error {
  override name = 'CliError';
}

/** Reads a file as UTF-8 text, turning a missing file into a clear message. */
export function readText(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new CliError(`no such file: ${file}`);
    if (code === 'EISDIR') throw new CliError(`is a directory, not a file: ${file}`);
    throw new CliError(`cannot read ${file}: ${(err as Error).message}`);
  }
}

export type PackLoad = { ok: true; pack: Pack } | { ok: false; issues: PackIssue[] };

/** Loads and validates a pack file; JSON syntax errors become a root issue. */
export function loadPack(file: string): PackLoad {
  const json = readText(file);
  let data: unknown;
  try {
    data = JSON.parse(json);
  } catch (err) {
    return { ok: false, issues: [{ path: '', message: `not valid JSON: ${(err as Error).message}` }] };
  }
  return validatePack(data);
}

/** Loads a pack or throws a CliError listing every issue by path. */
export function requirePack(file: string): Pack {
  const result = loadPack(file);
  if (!result.ok) throw new CliError(`${file}: invalid pack\n${formatIssues(result.issues)}`);
  return result.pack;
}

export function formatIssues(issues: readonly PackIssue[]): string {
  return issues.map((i) => `  ${i.path || '(root)'}: ${i.message}`).join('\n');
}
