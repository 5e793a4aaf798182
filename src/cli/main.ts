import { join } from 'node:path';
import { claimReviewCommand, CLAIMREVIEW_HELP } from './claimreview';
import { coverageCommand, COVERAGE_HELP } from './coverage';
import { CliError } from './io';
import { scanCommand, SCAN_HELP } from './scan';
import { validateCommand, VALIDATE_HELP } from './validate';

export const MAIN_HELP = `Usage: factcontext <command> [options]

Commands:
  validate PACK                        check a pack (schema, patterns, its own examples)
  scan FILE... [--pack PACK] [--json]  find narrative phrases in .txt and .html files
  coverage [PACK]                      patterns/examples/counter-examples/guards per narrative and language
  export-claimreview PACK              schema.org ClaimReview JSON-LD, one per narrative

Run "factcontext <command> --help" for details.`;

const HELP: Record<string, string> = {
  validate: VALIDATE_HELP,
  scan: SCAN_HELP,
  coverage: COVERAGE_HELP,
  'export-claimreview': CLAIMREVIEW_HELP,
};

export interface CliIo {
  out: (s: string) => void;
  err: (s: string) => void;
  /** The package root, for the default pack. */
  root: string;
}

/** Runs one CLI invocation and returns the exit code; never calls process.exit itself. */
export function runCli(argv: string[], io: CliIo): number {
  const [command, ...args] = argv;
  const defaultPack = join(io.root, 'packs', 'belarus-ukraine-troubled-period.json');
  if (!command || command === '--help' || command === '-h' || command === 'help') {
    io.out(MAIN_HELP);
    return command ? 0 : 1;
  }
  const help = HELP[command];
  if (!help) {
    io.err(`unknown command "${command}"\n\n${MAIN_HELP}`);
    return 1;
  }
  if (args.includes('--help') || args.includes('-h')) {
    io.out(help);
    return 0;
  }
  try {
    switch (command) {
      case 'validate':
        return validateCommand(args, io.out, io.err);
      case 'scan':
        return scanCommand(args, defaultPack, io.out);
      case 'coverage':
        return coverageCommand(args, defaultPack, io.out);
      default:
        return claimReviewCommand(args, io.out);
    }
  } catch (err) {
    if (err instanceof CliError) {
      io.err(`factcontext ${command}: ${err.message}`);
      return 1;
    }
    throw err;
  }
}
