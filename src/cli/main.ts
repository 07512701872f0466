// `twilio-credentials scan`: the detection engine over a tree of files, for CI and pre-commit.
// Exit status 0 = clean, 1 = a secret was found, 2 = bad usage (see USAGE).

import * as fs from 'fs';
import * as path from 'path';
import { IGNORE_FILE_NAME, parseIgnoreFile } from '../detection';
import { USAGE, parseArgs, ScanArgs } from './args';
import { ReportedFinding, formatHuman, formatJson, sortReported, toReported } from './output';
import { isScanWorker, scanFilesParallel } from './parallel';
import { globExcluder, relativePosix, walk } from './walk';

export interface Io {
  stdout(text: string): void;
  stderr(text: string): void;
  cwd: string;
}

/** Ignore files of the current directory and of each scanned folder. */
function loadIgnoreFiles(dirs: readonly string[], io: Io): { fingerprints: Set<string>; globsByDir: Map<string, string[]> } {
  const fingerprints = new Set<string>();
  const globsByDir = new Map<string, string[]>();
  for (const dir of new Set(dirs)) {
    let text: string;
    try {
      text = fs.readFileSync(path.join(dir, IGNORE_FILE_NAME), 'utf8');
    } catch {
      continue;
    }
    const rules = parseIgnoreFile(text);
    rules.fingerprints.forEach((f) => fingerprints.add(f));
    if (rules.pathGlobs.length > 0) globsByDir.set(dir, rules.pathGlobs);
    for (const bad of rules.invalidLines) io.stderr(`${relativePosix(io.cwd, path.join(dir, IGNORE_FILE_NAME))}:${bad.line}: not a fingerprint or a glob: ${bad.text}\n`);
  }
  return { fingerprints, globsByDir };
}

export async function runScan(args: ScanArgs, io: Io): Promise<number> {
  const roots = args.paths.map((p) => path.resolve(io.cwd, p));
  for (const [i, root] of roots.entries()) {
    if (!fs.existsSync(root)) {
      io.stderr(`twilio-credentials: no such file or folder: ${args.paths[i]}\n\n${USAGE}`);
      return 2;
    }
  }
  const ignoreDirs = [io.cwd, ...roots.filter((r) => fs.statSync(r).isDirectory())];
  const ignore = loadIgnoreFiles(ignoreDirs, io);
  const isExcluded = globExcluder(io.cwd, args.excludes, ignore.globsByDir);

  function* allFiles(): Generator<{ absolutePath: string; displayPath: string }> {
    const seen = new Set<string>();
    for (const root of roots) {
      for (const file of walk(root, { includeNodeModules: args.includeNodeModules, isExcluded })) {
        if (seen.has(file)) continue; // overlapping arguments (`scan . src`)
        seen.add(file);
        yield { absolutePath: file, displayPath: relativePosix(io.cwd, file) };
      }
    }
  }

  const reported: ReportedFinding[] = [];
  let failing = 0;
  let scanned = 0;
  const filesWithSecrets = new Set<string>();
  // Every core (worker threads) for large scans; results come back in walk order.
  for await (const result of scanFilesParallel(allFiles(), { maxFileSize: args.maxFileSize, ignoreFingerprints: ignore.fingerprints })) {
    const rel = result.displayPath;
    if (result.skipped === 'unreadable') {
      io.stderr(`twilio-credentials: cannot read ${rel}: ${result.detail ?? 'error'}\n`);
      continue;
    }
    if (result.skipped) continue;
    scanned++;
    for (const f of result.findings) {
      reported.push(toReported(rel, f));
      // .env files are where secrets belong; SIDs are identifiers. Neither fails the scan.
      if (f.isSecret && f.fileRole !== 'env-file') {
        failing++;
        filesWithSecrets.add(rel);
      }
    }
  }

  sortReported(reported);
  if (args.json) io.stdout(formatJson(reported) + '\n');
  else {
    for (const r of reported) io.stdout(formatHuman(r) + '\n');
    io.stderr(`twilio-credentials: ${failing} hardcoded secret${failing === 1 ? '' : 's'} in ${filesWithSecrets.size} file${filesWithSecrets.size === 1 ? '' : 's'} (${scanned} files scanned)\n`);
  }
  return failing > 0 ? 1 : 0;
}

export async function run(argv: readonly string[], io: Io): Promise<number> {
  const parsed = parseArgs(argv);
  if (parsed.command === 'help') {
    io.stdout(USAGE);
    return 0;
  }
  if (parsed.command === 'error') {
    io.stderr(`twilio-credentials: ${parsed.message}\n\n${USAGE}`);
    return 2;
  }
  return runScan(parsed, io);
}

// A scan worker thread runs this same bundle (see parallel.ts): it must not run the command line.
if (require.main === module && !isScanWorker()) {
  // `twilio-credentials scan | head`: a closed pipe is not an error; the exit status still
  // tells whether a secret was found.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') throw error;
  });
  // Writes go through process.stdout, and the exit code is set rather than process.exit() called,
  // so piped output is flushed before the process ends.
  run(process.argv.slice(2), {
    stdout: (t) => process.stdout.write(t),
    stderr: (t) => process.stderr.write(t),
    cwd: process.cwd(),
  }).then(
    (code) => { process.exitCode = code; },
    (error) => {
      process.stderr.write(`twilio-credentials: ${(error as Error).stack ?? error}\n`);
      process.exitCode = 2;
    },
  );
}
