// `twilio-credentials scan`: the detection engine over a tree of files, for CI and pre-commit.
// Exit status 0 = clean, 1 = a secret was found, 2 = bad usage (see USAGE).

import * as fs from 'fs';
import * as path from 'path';
import { IGNORE_FILE_NAME, parseIgnoreFile } from '../detection';
import { USAGE, parseArgs, ScanArgs } from './args';
import { ReportedFinding, formatHuman, formatJson, sortReported, toReported } from './output';
import { FileScanner } from './scanFiles';
import { globExcluder, relativePosix, walk } from './walk';
import { committedEnvFileMessage, committedEnvFiles } from './envFilePolicy';
import { decodeOrRefuse, readGuardedSync, SafeFsError } from '../util/safeFs';

const MAX_IGNORE_FILE_BYTES = 1024 * 1024;

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
      // Guarded: a link (to /dev/zero, say), FIFO, device or huge file is refused, not read.
      const file = path.join(dir, IGNORE_FILE_NAME);
      const label = relativePosix(io.cwd, file);
      const read = readGuardedSync(file, { roots: [dir], label, maxBytes: MAX_IGNORE_FILE_BYTES });
      if (!read.exists) continue;
      text = decodeOrRefuse(read.bytes, file, { roots: [dir], label });
    } catch (error) {
      if (!(error instanceof SafeFsError)) throw error;
      io.stderr(`twilio-credentials: ${error.message}\n`);
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

  function* allFiles(): Generator<string> {
    const seen = new Set<string>();
    for (const root of roots) {
      for (const file of walk(root, { includeNodeModules: args.includeNodeModules, isExcluded })) {
        if (seen.has(file)) continue; // overlapping arguments (`scan . src`)
        seen.add(file);
        yield file;
      }
    }
  }

  const reported: ReportedFinding[] = [];
  let failing = 0;
  const filesWithSecrets = new Set<string>();
  const envFileSecrets = new Map<string, { rel: string; count: number }>();
  const scanner = new FileScanner({ maxFileSize: args.maxFileSize, ignoreFingerprints: ignore.fingerprints });
  for (const file of allFiles()) {
    const rel = relativePosix(io.cwd, file);
    let findings;
    try {
      findings = scanner.scan(file, rel);
    } catch (error) {
      io.stderr(`twilio-credentials: cannot read ${rel}: ${(error as Error).message}\n`);
      continue;
    }
    if (!findings || findings.length === 0) continue;
    for (const f of findings) {
      reported.push(toReported(rel, f));
      // SIDs are identifiers: they never fail the scan. Env files are where secrets belong,
      // unless git commits them (judged below).
      if (f.isSecret && f.fileRole !== 'env-file') {
        failing++;
        filesWithSecrets.add(rel);
      } else if (f.isSecret) {
        const e = envFileSecrets.get(file) ?? { rel, count: 0 };
        e.count++;
        envFileSecrets.set(file, e);
      }
    }
  }
  for (const [file, reason] of await committedEnvFiles(envFileSecrets.keys())) {
    const { rel, count } = envFileSecrets.get(file)!;
    failing += count;
    filesWithSecrets.add(rel);
    io.stderr(`twilio-credentials: ${committedEnvFileMessage(rel, reason, count)}\n`);
  }
  const scanned = scanner.scanned;

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

if (require.main === module) {
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
