#!/usr/bin/env node
// Entry point of the `factcontext` CLI: runs the prebuilt bundle, (re)building it first when it is
// missing or older than its sources, so a fresh clone and a just-edited tree both work.
import { pathToFileURL } from 'node:url';
import { buildCli, bundleIsStale, BUNDLE, ROOT } from './build-cli.mjs';

// `factcontext scan … | head` closes the pipe early; that is not an error worth a stack trace.
process.stdout.on('error', (err) => {
  if (err.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw err;
});

if (bundleIsStale()) await buildCli();
const { runCli } = await import(pathToFileURL(BUNDLE).href);
const code = runCli(process.argv.slice(2), {
  out: (s) => process.stdout.write(`${s}\n`),
  err: (s) => process.stderr.write(`${s}\n`),
  root: ROOT,
});
process.exitCode = code;
