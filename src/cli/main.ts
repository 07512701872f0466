// `twilio-credentials`: the detection engine over a tree of files, for CI and pre-commit.
// Exit status 0 = clean, 1 = a secret was found, 2 = bad usage or, with --strict, a skip.
//
// Commands are entries of `COMMANDS` (parsing in args.ts). Where a scan's files come from is a
// `ScanSource` (source.ts): the working tree by default, others selected by their options
// through `SCAN_SOURCES`.

import * as fs from 'fs';
import * as path from 'path';
import { version as packageVersion } from '../../package.json';
import { IGNORE_FILE_NAME, failsCheck, parseIgnoreFile, scanBytes } from '../core/detection';
import { CommandSpec, CommandTable, PROGRAM, ScanArgs, parseCommandLine, scanCommandSpec } from './args';
import { Baseline, formatBaseline, readBaselineFile, writeBaselineFile } from './baseline';
import { ReportedFinding, escapeForTerminal, formatHuman, formatJson, formatSkippedHuman, sortReported, sortSkipped, toReported } from './output';
import { formatSarif, toSarif } from './sarif';
import type { ReadOptions } from './scanFiles';
import { FileToScan, isScanWorker, scanFilesParallel } from './parallel';
import { ScanContext, ScanSink, ScanSource, ScanSourcePlugin, SkippedEntry } from './source';
import { GIT_SCAN_SOURCES, ScanSourceError, installHookCommand } from './sources';
import { globExcluder, relativePosix, walk } from './walk';
import { committedEnvFileMessage, committedEnvFiles } from './envFilePolicy';
import { decodeOrRefuse, readGuardedSync, SafeFsError } from '../workspace/files/safeFs';

const MAX_IGNORE_FILE_BYTES = 1024 * 1024;

/** Inlined at build time by esbuild (only this field of package.json ends up in the bundle). */
export const VERSION: string = packageVersion;

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
    for (const bad of rules.invalidLines) {
      io.stderr(`${escapeForTerminal(relativePosix(io.cwd, path.join(dir, IGNORE_FILE_NAME)))}:${bad.line}: not a fingerprint or a glob: ${escapeForTerminal(bad.text)}\n`);
    }
  }
  return { fingerprints, globsByDir };
}

/** The default source: the files under the paths given, read from disk (walk.ts, scanFiles.ts). */
export const workingTreeSource: ScanSource = {
  async run(ctx: ScanContext, sink: ScanSink): Promise<void> {
    const roots = ctx.args.paths.map((p) => path.resolve(ctx.cwd, p));
    // The walk reports what it skips (links out of the root, FIFOs, unreadable folders…) as it
    // goes and hands on the files to read: `realPath` is opened, `displayPath` is shown.
    function* files(): Generator<FileToScan> {
      const seen = new Set<string>();
      for (const root of roots) {
        for (const entry of walk(root, { includeNodeModules: ctx.args.includeNodeModules, isExcluded: ctx.isExcluded })) {
          if (seen.has(entry.path)) continue; // overlapping arguments (`scan . src`)
          seen.add(entry.path);
          const rel = relativePosix(ctx.cwd, entry.path);
          if (entry.type === 'skipped') sink.skipped({ path: rel, reason: entry.reason, detail: entry.detail });
          else yield { absolutePath: entry.realPath, displayPath: rel };
        }
      }
    }
    const opts: ReadOptions = { maxFileSize: ctx.args.maxFileSize, ignoreFingerprints: ctx.ignoreFingerprints };
    // Every core (worker threads) for large scans; results come back in walk order.
    for await (const result of scanFilesParallel(files(), opts)) {
      if (result.skipped) sink.skipped({ path: result.displayPath, reason: result.skipped, detail: result.detail });
      else sink.file(result.displayPath, result.findings);
    }
  },
};

/**
 * Sources selected by an option of `scan` (`--staged`, `--git`): add an entry here and its
 * options appear in `scan --help` and are parsed. See source.ts for the interface.
 */
export const SCAN_SOURCES: ScanSourcePlugin[] = [...GIT_SCAN_SOURCES];

export async function runScan(args: ScanArgs, io: Io, sources: readonly ScanSourcePlugin[] = SCAN_SOURCES): Promise<number> {
  const usageError = (message: string): number => {
    io.stderr(`${PROGRAM}: ${message}\n\n${scanCommandSpec(sources.flatMap((s) => s.options)).help}`);
    return 2;
  };
  const selected = sources.map((s) => s.select(args)).filter((s): s is ScanSource => s !== undefined);
  if (selected.length > 1) return usageError('choose one source of files (the options for the index and for history exclude each other)');
  const source = selected[0] ?? workingTreeSource;

  const roots = args.paths.map((p) => path.resolve(io.cwd, p));
  if (source === workingTreeSource) {
    for (const [i, root] of roots.entries()) {
      if (!fs.existsSync(root) && !isLink(root)) return usageError(`no such file or folder: ${escapeForTerminal(args.paths[i])}`);
    }
  }
  let baseline: Baseline | undefined;
  if (args.baseline !== undefined) {
    try {
      baseline = readBaselineFile(path.resolve(io.cwd, args.baseline));
    } catch (error) {
      const e = error as NodeJS.ErrnoException;
      return usageError(`cannot use baseline ${escapeForTerminal(args.baseline)}: ${e.code ? e.code : e.message}`);
    }
  }

  const ignoreDirs = [io.cwd, ...roots.filter((r) => isDirectory(r))];
  const ignore = loadIgnoreFiles(ignoreDirs, io);
  const ctx: ScanContext = {
    cwd: io.cwd,
    args,
    ignoreFingerprints: ignore.fingerprints,
    isExcluded: globExcluder(io.cwd, args.excludes, ignore.globsByDir),
    scanBytes: (bytes, displayPath) => scanBytes(bytes, displayPath, { maxFileSize: args.maxFileSize, ignoreFingerprints: ignore.fingerprints }),
  };

  const all: ReportedFinding[] = [];
  const skipped: SkippedEntry[] = [];
  let scanned = 0;
  let failing = 0;
  let inBaseline = 0;
  const filesWithSecrets = new Set<string>();
  const reported: ReportedFinding[] = [];
  const envFileSecrets = new Map<string, { rel: string; count: number }>();
  try {
    await source.run(ctx, {
      file(rel, findings, origin) {
        scanned++;
        for (const f of findings) {
          const r = toReported(rel, f, origin);
          all.push(r);
          if (baseline?.has(r)) {
            inBaseline++;
            continue;
          }
          reported.push(r);
          // SIDs never fail the scan; a secret in an env file fails once git is found to commit
          // the file (judged below).
          if (failsCheck(f, false)) {
            failing++;
            filesWithSecrets.add(rel);
          } else if (failsCheck(f, true)) {
            const e = envFileSecrets.get(rel) ?? { rel, count: 0 };
            e.count++;
            envFileSecrets.set(rel, e);
          }
        }
      },
      skipped(entry) {
        skipped.push(entry);
      },
    });
  } catch (error) {
    // A source that cannot run (not a git repository, git missing, bad range): say so, exit 2.
    if (!(error instanceof ScanSourceError)) throw error;
    io.stderr(`${PROGRAM}: ${escapeForTerminal(error.message)}\n`);
    return 2;
  }
  // An env file's secrets fail the scan when git commits the file: asked of each file's own
  // repository for the working tree; the index and history hold only what is committed.
  const committed = source === workingTreeSource
    ? await committedEnvFiles([...envFileSecrets.keys()].map((rel) => path.resolve(io.cwd, rel)))
    : new Map([...envFileSecrets.keys()].map((rel) => [path.resolve(io.cwd, rel), 'tracked' as const]));
  for (const { rel, count } of envFileSecrets.values()) {
    const reason = committed.get(path.resolve(io.cwd, rel));
    if (!reason) continue;
    failing += count;
    filesWithSecrets.add(rel);
    if (args.format === 'human') io.stderr(`${PROGRAM}: ${committedEnvFileMessage(rel, reason, count)}\n`);
  }
  sortReported(reported);
  sortSkipped(skipped);
  const incomplete = args.strict && skipped.length > 0;

  if (args.format === 'json') io.stdout(formatJson(reported, skipped) + '\n');
  else if (args.format === 'sarif') {
    io.stdout(formatSarif(toSarif(reported, skipped, { root: io.cwd, version: VERSION, baselineUsed: baseline !== undefined, executionSuccessful: !incomplete })) + '\n');
  } else {
    for (const r of reported) io.stdout(formatHuman(r) + '\n');
  }
  const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;
  if (args.format === 'human') {
    // What was not scanned, then the summary. (json and sarif carry the skips in the document and
    // keep stderr quiet, so `--format json 2>&1` stays parseable as before.)
    for (const s of skipped) io.stderr(formatSkippedHuman(s) + '\n');
    const notes = [`${plural(scanned, 'file')} scanned`];
    if (skipped.length > 0) notes.push(`${skipped.length} skipped`);
    if (baseline) notes.push(`${inBaseline} in the baseline not shown`);
    io.stderr(`${PROGRAM}: ${plural(failing, 'hardcoded secret')} in ${plural(filesWithSecrets.size, 'file')} (${notes.join(', ')})\n`);
  }
  if (incomplete) io.stderr(`${PROGRAM}: --strict: ${plural(skipped.length, 'path')} could not be scanned\n`);

  if (args.writeBaseline !== undefined) {
    sortReported(all);
    const target = path.resolve(io.cwd, args.writeBaseline);
    try {
      writeBaselineFile(target, formatBaseline(all));
    } catch (error) {
      io.stderr(`${PROGRAM}: cannot write baseline ${escapeForTerminal(args.writeBaseline)}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}\n`);
      return 2;
    }
    io.stderr(`${PROGRAM}: wrote ${plural(all.length, 'finding')} to ${escapeForTerminal(args.writeBaseline)}\n`);
    return incomplete ? 2 : 0;
  }
  if (incomplete) return 2;
  return failing > 0 ? 1 : 0;
}

function isLink(p: string): boolean {
  try {
    return fs.lstatSync(p).isSymbolicLink();
  } catch {
    return false;
  }
}

function isDirectory(p: string): boolean {
  try {
    return fs.statSync(p).isDirectory();
  } catch {
    return false;
  }
}

/** A command of the table: its parsing spec and what runs it. */
export interface Command<T> {
  spec: CommandSpec<T>;
  run(args: T, io: Io): Promise<number>;
}

/**
 * The subcommands. Adding one is one entry here (e.g. `'install-hook': installHookCommand`);
 * parsing, `--help` and usage errors come with it.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export const COMMANDS: Record<string, Command<any>> = {
  scan: scanCommand(),
  'install-hook': installHookCommand,
};

/** `scan`, reading from the working tree or from one of `sources` when its option is given. */
export function scanCommand(sources: readonly ScanSourcePlugin[] = SCAN_SOURCES): Command<ScanArgs> {
  return {
    spec: scanCommandSpec(sources.flatMap((s) => s.options)),
    run: (args, io) => runScan(args, io, sources),
  };
}

export async function run(argv: readonly string[], io: Io, commands: Record<string, Command<unknown>> = COMMANDS): Promise<number> {
  const table: CommandTable = Object.fromEntries(Object.entries(commands).map(([name, c]) => [name, c.spec]));
  const line = parseCommandLine(argv, table);
  switch (line.kind) {
    case 'help':
      io.stdout(line.text);
      return 0;
    case 'version':
      io.stdout(`${VERSION}\n`);
      return 0;
    case 'error':
      io.stderr(`${PROGRAM}: ${escapeForTerminal(line.message)}\n\n${line.usage}`);
      return 2;
    case 'run':
      return commands[line.command].run(line.args, io);
  }
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
      process.stderr.write(`${PROGRAM}: ${(error as Error).stack ?? error}\n`);
      process.exitCode = 2;
    },
  );
}
