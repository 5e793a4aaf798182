import { runPackExamples } from '../core/pack/examples';
import { packPatterns } from '../core/pack/patterns';
import { formatIssues, loadPack } from './io';

export const VALIDATE_HELP = `Usage: factcontext validate PACK

Checks a pack file: the schema (every error with its path, e.g. narratives[3].patterns.ru[2]), ids and
cross-references, the syntax of every pattern and guard, then runs the pack's own examples (each must
match its narrative) and counter-examples (none may match it).
Exit 0 with a one-line summary when everything passes, 1 otherwise.`;

export function validateCommand(args: string[], out: (s: string) => void, err: (s: string) => void): number {
  if (args.length !== 1) {
    err(`validate expects exactly one PACK file\n\n${VALIDATE_HELP}`);
    return 1;
  }
  const file = args[0]!;
  const loaded = loadPack(file);
  if (!loaded.ok) {
    err(`${file}: ${loaded.issues.length} problem(s)\n${formatIssues(loaded.issues)}`);
    return 1;
  }
  const { pack } = loaded;
  const report = runPackExamples(pack);
  if (report.failures.length) {
    err(`${file}: ${report.failures.length} of ${report.checked} examples failed\n${formatIssues(report.failures)}`);
    return 1;
  }
  const all = packPatterns(pack);
  const guards = all.filter((p) => p.guard).length;
  const patterns = all.length - guards;
  out(
    `ok: ${pack.id} ${pack.version}: ${pack.narratives.length} narratives, ${patterns} patterns, ${guards} guards, ` +
      `${report.checked} examples and counter-examples pass`,
  );
  return 0;
}
