// `twilio-credentials`: the detection engine over a tree of files, for CI and pre-commit.
// Exit status 0 = clean, 1 = a secret was found, 2 = bad usage or, with --strict, a skip.
//
// Commands are entries of `COMMANDS` (parsing in args.ts). Where a scan's files come from is a
// `ScanSource` (source.ts): the working tree by default, others selected by their options
// through `SCAN_SOURCES`.

import * as fs from 'fs';
import * as path from 'path';
import * as readline from 'readline';
import { version as packageVersion } from '../../package.json';
import { scanBytes } from '../core/detection';
import { CommandSpec, CommandTable, PROGRAM, ScanArgs, parseCommandLine, scanCommandSpec } from './args';
import { formatBaseline, writeBaselineFile } from './baseline';
import { Judged, ScannedFinding, judge, judgeEnvFiles } from './judge';
import { escapeForTerminal, inertWriter, sortReported, sortSkipped } from './output';
import { BaselineWrite, baselineWriteLine, exitCode, renderReport } from './report';
import type { ReadOptions } from './scanFiles';
import { FileToScan, isScanWorker, scanBatchesParallel } from './parallel';
import { ScanContext, ScanSink, ScanSource, ScanSourcePlugin, SkippedEntry } from './source';
import { LoadedState, Suppressions, loadSuppressions } from './suppressions';
import { SummaryInput, appendSummary, formatSummary } from './summary';
import { GIT_SCAN_SOURCES, ScanSourceError, installHookCommand } from './sources';
import { globExcluder, walkRoots } from './walk';
import { CommittedReason, committedEnvFileMessage, committedEnvFiles } from './envFilePolicy';

/** Inlined at build time by esbuild (only this field of package.json ends up in the bundle). */
export const VERSION: string = packageVersion;

export interface Io {
  stdout(text: string): void;
  stderr(text: string): void;
  cwd: string;
  /** Asks the user a yes/no question (a terminal); absent when nobody can answer. */
  confirm?(question: string): Promise<boolean>;
}

/** The CLI reads findings as the engine gives them and judges suppressions itself (judge.ts). */
const NO_FINGERPRINTS: ReadonlySet<string> = new Set();

/** The default source: the files under the paths given, read from disk (walk.ts, scanFiles.ts). */
export const workingTreeSource: ScanSource = {
  async run(ctx: ScanContext, sink: ScanSink): Promise<void> {
    const roots = ctx.args.paths.map((p) => path.resolve(ctx.cwd, p));
    // The walk reports what it skips (links out of the root, FIFOs, unreadable folders…) as it
    // goes and hands on the files to read: `absolutePath` is opened, `displayPath` is shown.
    function* files(): Generator<FileToScan> {
      for (const entry of walkRoots(roots, { cwd: ctx.cwd, includeNodeModules: ctx.args.includeNodeModules, isExcluded: ctx.isExcluded })) {
        if (entry.type === 'skipped') sink.skipped({ path: entry.displayPath, reason: entry.reason, detail: entry.detail });
        else yield entry;
      }
    }
    const opts: ReadOptions = { maxFileSize: ctx.args.maxFileSize, ignoreFingerprints: NO_FINGERPRINTS };
    // Every core (worker threads) for large scans; results come back in walk order, in batches.
    for await (const batch of scanBatchesParallel(files(), opts)) {
      for (const result of batch) {
        if (result.skipped) sink.skipped({ path: result.displayPath, reason: result.skipped, detail: result.detail });
        else sink.file(result.displayPath, result.findings);
      }
    }
  },
};

/**
 * Sources selected by an option of `scan` (`--staged`, `--git`): add an entry here and its
 * options appear in `scan --help` and are parsed. See source.ts for the interface.
 */
export const SCAN_SOURCES: ScanSourcePlugin[] = [...GIT_SCAN_SOURCES];

// ---------------------------------------------------------------------------------------------
// `scan`, as stages: plan (what the arguments ask) → load suppressions → scan context → scan →
// judge → report → exit code. Each stage is a function of its inputs; runScan only wires them.

/** What the arguments ask for, checked. */
export interface ScanPlan {
  args: ScanArgs;
  cwd: string;
  source: ScanSource;
  /** Folders whose ignore files count: the current directory and each folder scanned. */
  ignoreDirs: string[];
}

/** Stage 1: the source of files and the folders whose ignore files count, or a usage error. */
export function planScan(args: ScanArgs, cwd: string, sources: readonly ScanSourcePlugin[]): ScanPlan | { usage: string } {
  const selected = sources.map((s) => s.select(args)).filter((s): s is ScanSource => s !== undefined);
  if (selected.length > 1) return { usage: 'choose one source of files (the options for the index and for history exclude each other)' };
  const source = selected[0] ?? workingTreeSource;
  const roots = args.paths.map((p) => path.resolve(cwd, p));
  if (source === workingTreeSource) {
    for (const [i, root] of roots.entries()) {
      if (!fs.existsSync(root) && !isLink(root)) return { usage: `no such file or folder: ${escapeForTerminal(args.paths[i])}` };
    }
  }
  return { args, cwd, source, ignoreDirs: [cwd, ...roots.filter((r) => isDirectory(r))] };
}

/** Stage 3: what a source needs to scan, given the suppressions that hold (their globs leave files out). */
export function scanContext(plan: ScanPlan, active: LoadedState): ScanContext {
  const { args, cwd } = plan;
  return {
    cwd,
    args,
    isExcluded: globExcluder(cwd, args.excludes, active.globsByDir),
    scanBytes: (bytes, displayPath) => scanBytes(bytes, displayPath, { maxFileSize: args.maxFileSize, keepSuppressed: true }),
  };
}

/** What a scan found, before judging. */
export interface Collected {
  scanned: number;
  found: ScannedFinding[];
  skipped: SkippedEntry[];
}

/** Stage 4: runs the source; a source that cannot run (not a repository, git missing, bad range) gives its message. */
export async function collect(source: ScanSource, ctx: ScanContext): Promise<Collected | { failed: string }> {
  const out: Collected = { scanned: 0, found: [], skipped: [] };
  try {
    await source.run(ctx, {
      file(rel, findings, origin) {
        out.scanned++;
        for (const finding of findings) out.found.push({ path: rel, finding, origin });
      },
      skipped: (entry) => void out.skipped.push(entry),
    });
  } catch (error) {
    if (!(error instanceof ScanSourceError)) throw error;
    return { failed: error.message };
  }
  sortSkipped(out.skipped);
  return out;
}

/**
 * Stage 5b: env files whose secrets fail because git commits them. Asked of each file's own
 * repository for the working tree; the index and history hold only what is committed.
 */
async function committedEnvFileReasons(plan: ScanPlan, judged: Judged): Promise<Map<string, CommittedReason>> {
  const paths = [...judged.envFileSecrets.keys()];
  if (plan.source !== workingTreeSource) return new Map(paths.map((rel) => [rel, 'tracked' as const]));
  const byFile = await committedEnvFiles(paths.map((rel) => path.resolve(plan.cwd, rel)));
  const out = new Map<string, CommittedReason>();
  for (const rel of paths) {
    const reason = byFile.get(path.resolve(plan.cwd, rel));
    if (reason) out.set(rel, reason);
  }
  return out;
}

function writeBaseline(plan: ScanPlan, judged: Judged): BaselineWrite | undefined {
  const label = plan.args.writeBaseline;
  if (label === undefined) return undefined;
  try {
    writeBaselineFile(path.resolve(plan.cwd, label), formatBaseline(sortReported([...judged.forBaseline])));
    return { written: judged.forBaseline.length, label };
  } catch (error) {
    return { error: (error as NodeJS.ErrnoException).code ?? (error as Error).message, label };
  }
}

/** Stage 2: the range (if the source has one) and the suppressions that hold; a usage or source failure. */
async function loadStage(plan: ScanPlan, io: Io): Promise<Suppressions | { usage: string } | { failed: string }> {
  try {
    const range = await plan.source.range?.(plan.cwd);
    const loaded = await loadSuppressions({ cwd: plan.cwd, ignoreDirs: plan.ignoreDirs, baseline: plan.args.baseline, range, warn: (l) => io.stderr(l + '\n') });
    return 'error' in loaded ? { usage: loaded.error } : loaded;
  } catch (error) {
    if (!(error instanceof ScanSourceError)) throw error;
    return { failed: error.message };
  }
}

/** Stage 5: the judgement, with the env files git commits, and the lines that say so. */
async function judgeStage(plan: ScanPlan, collected: Collected, loaded: Suppressions): Promise<{ judged: Judged; envFileLines: string[] }> {
  const first = judge({ found: collected.found, active: loaded.active, tip: loaded.range?.tip });
  const committed = await committedEnvFileReasons(plan, first);
  const envFileLines = [...committed].map(([rel, reason]) => `${PROGRAM}: ${committedEnvFileMessage(rel, reason, first.envFileSecrets.get(rel) ?? 0)}`);
  return { judged: judgeEnvFiles(first, new Set(committed.keys())), envFileLines };
}

function writeSummary(plan: ScanPlan, io: Io, summary: SummaryInput): void {
  const file = plan.args.summaryFile;
  if (file === undefined) return;
  try {
    appendSummary(path.resolve(plan.cwd, file), formatSummary(summary));
  } catch (error) {
    io.stderr(`${PROGRAM}: cannot write the summary to ${escapeForTerminal(file)}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}\n`);
  }
}

export async function runScan(args: ScanArgs, io: Io, sources: readonly ScanSourcePlugin[] = SCAN_SOURCES): Promise<number> {
  const usageError = (message: string): number => {
    io.stderr(`${PROGRAM}: ${message}\n\n${scanCommandSpec(sources.flatMap((s) => s.options)).help}`);
    return 2;
  };
  const sourceError = (message: string): number => {
    io.stderr(`${PROGRAM}: ${escapeForTerminal(message)}\n`);
    return 2;
  };
  const plan = planScan(args, io.cwd, sources);
  if ('usage' in plan) return usageError(plan.usage);
  const loaded = await loadStage(plan, io);
  if ('usage' in loaded) return usageError(loaded.usage);
  if ('failed' in loaded) return sourceError(loaded.failed);
  const collected = await collect(plan.source, scanContext(plan, loaded.active));
  if ('failed' in collected) return sourceError(collected.failed);
  const { judged, envFileLines } = await judgeStage(plan, collected, loaded);

  const incomplete = args.strict && collected.skipped.length > 0;
  const range = loaded.range && { base: loaded.range.view.base, tip: loaded.range.view.tip, changes: loaded.range.changes };
  const report = renderReport({
    format: args.format, judged, skipped: collected.skipped, scanned: collected.scanned, envFileLines,
    baselineUsed: args.baseline !== undefined, incomplete, range, root: io.cwd, version: VERSION,
  });
  for (const line of report) io[line.stream](line.text + '\n');
  const baselineWrite = writeBaseline(plan, judged);
  if (baselineWrite) io.stderr(baselineWriteLine(baselineWrite) + '\n');
  const code = exitCode({ failing: judged.failing, incomplete, baselineWrite });
  writeSummary(plan, io, { judged, scanned: collected.scanned, skipped: collected.skipped.length, exitCode: code, range });
  return code;
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
  io = inertIo(io, line.kind === 'run' ? line.args : undefined);
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

/**
 * Output lines cannot start CI workflow commands (output.ts, `inertForCi`): stderr always, stdout
 * unless it carries a JSON or SARIF document (whose lines never start with `::`, and which must
 * stay byte for byte what the format says).
 */
function inertIo(io: Io, args: unknown): Io {
  const format = (args as { format?: string } | undefined)?.format;
  const document = format === 'json' || format === 'sarif';
  return { ...io, stdout: document ? io.stdout : inertWriter(io.stdout), stderr: inertWriter(io.stderr) };
}

/** A yes/no question on the terminal, when both stdin and stderr are one; otherwise no way to ask. */
function terminalConfirm(): Io['confirm'] {
  if (!process.stdin.isTTY || !process.stderr.isTTY) return undefined;
  return (question) => new Promise((resolve) => {
    const rl = readline.createInterface({ input: process.stdin, output: process.stderr });
    rl.question(question, (answer) => {
      rl.close();
      resolve(/^y(es)?$/i.test(answer.trim()));
    });
  });
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
    confirm: terminalConfirm(),
  }).then(
    (code) => { process.exitCode = code; },
    (error) => {
      process.stderr.write(`${PROGRAM}: ${(error as Error).stack ?? error}\n`);
      process.exitCode = 2;
    },
  );
}
