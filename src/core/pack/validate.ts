import * as v from 'valibot';
import { PackSchema, type Pack } from './schema';
import { validatePatterns } from './patterns';

export interface PackIssue {
  /** e.g. `narratives[3].patterns.ru[2]`; empty for the root. */
  path: string;
  message: string;
}

export type PackValidation = { ok: true; pack: Pack } | { ok: false; issues: PackIssue[] };

/** Turns valibot's structured path into `a.b[2].c` form. */
function formatPath(issue: v.BaseIssue<unknown>): string {
  let out = '';
  for (const item of issue.path ?? []) {
    const key = item.key;
    if (typeof key === 'number') out += `[${key}]`;
    else out += out ? `.${String(key)}` : String(key);
  }
  return out;
}

/**
 * valibot words a missing or unknown key of a strict object as "Invalid key: Expected … but received …";
 * pack authors understand "missing field" and "unknown field" better.
 */
function describeIssue(issue: v.BaseIssue<unknown>): string {
  if (issue.kind === 'schema' && (issue.type === 'strict_object' || issue.type === 'object')) {
    if (issue.received === 'undefined') return 'required field is missing';
    if (issue.expected === 'never') return 'unknown field (check its spelling against docs/packs.md)';
  }
  return issue.message;
}

/**
 * Validates unknown JSON as a pack, plus what the schema alone can't check: cross-references and the
 * syntax of every pattern and guard (so a pack that validates always compiles into a matcher).
 */
export function validatePack(input: unknown): PackValidation {
  const result = v.safeParse(PackSchema, input, { abortEarly: false });
  if (!result.success) {
    return {
      ok: false,
      issues: result.issues.map((issue) => ({ path: formatPath(issue), message: describeIssue(issue) })),
    };
  }
  const pack = result.output;
  const issues: PackIssue[] = [];
  const ids = new Set<string>();
  pack.narratives.forEach((narrative, i) => {
    if (ids.has(narrative.id)) issues.push({ path: `narratives[${i}].id`, message: `duplicate id "${narrative.id}"` });
    ids.add(narrative.id);
  });
  pack.narratives.forEach((narrative, i) => {
    narrative.related.forEach((rel, j) => {
      if (!ids.has(rel))
        issues.push({ path: `narratives[${i}].related[${j}]`, message: `unknown narrative id "${rel}"` });
    });
  });
  issues.push(...validatePatterns(pack));
  return issues.length ? { ok: false, issues } : { ok: true, pack };
}

export function formatPackIssues(issues: readonly PackIssue[]): string {
  return issues.map((i) => `${i.path || '(root)'}: ${i.message}`).join('\n');
}

/** Parses pack JSON text; throws an Error whose message lists every issue by path. */
export function parsePack(json: string): Pack {
  let data: unknown;
  try {
    data = JSON.parse(json);
  } catch (err) {
    throw new Error(`(root): not valid JSON: ${(err as Error).message}`);
  }
  const result = validatePack(data);
  if (!result.ok) throw new Error(formatPackIssues(result.issues));
  return result.pack;
}
