// The CLI's git modes, plugged into `scan` as sources of files (see src/cli/source.ts) and one
// subcommand: `scan --staged` (the index), `scan --git [range]` (history), `install-hook`.
// Output formats, baselines, skips and exit codes stay the CLI's.

import * as path from 'path';
import { Finding, committedSeverity, isEnvFileSecret, mightContainSecret } from '../core/detection';
import type { CommandSpec, ScanArgs, ScanOptionExtension } from './args';
import type { RangeView, ScanContext, ScanSink, ScanSource, ScanSourcePlugin, SkipReason } from './source';
import { escapeForTerminal } from './output';
import { scanHistory } from '../workspace/git/history';
import { installHook } from '../workspace/git/hooks';
import { GitError, gitTopLevel } from '../workspace/git/run';
import { RangeEnds, changesInRange, rangeEnds, rangeShape, readAtCommit, repoPathOf } from '../workspace/git/revisions';
import { NotARepositoryError, displayPath, readStaged } from '../workspace/git/staged';

interface Io {
  stdout(text: string): void;
  stderr(text: string): void;
  cwd: string;
  /** Asks the user a yes/no question (a terminal); absent when nobody can answer. */
  confirm?(question: string): Promise<boolean>;
}

/**
 * A `.env` file is where a secret belongs only while it stays on the machine: once staged or
 * committed it is a leak like any other file, so its secrets fail the scan (warning, not the
 * `information` an uncommitted `.env` gets; one step lower on weak evidence, as anywhere).
 */
export function asCommitted(f: Finding): Finding {
  return isEnvFileSecret(f) ? { ...f, fileRole: 'source', severity: committedSeverity(f) } : f;
}

/** Git failures become the scan's usage error path: a message, exit 2. */
async function guarded(run: () => Promise<void>): Promise<void> {
  try {
    await run();
  } catch (e) {
    if (e instanceof NotARepositoryError || e instanceof GitError) throw new ScanSourceError(e.message);
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') throw new ScanSourceError('git is not installed (or not on PATH)');
    throw e;
  }
}

/** A source that cannot run (not a repository, git missing, bad range): message and exit 2. */
export class ScanSourceError extends Error {}

/** Paths given on the command line limit the git modes too; the default `.` is the current folder. */
function readOptions(ctx: ScanContext) {
  return {
    cwd: ctx.cwd,
    paths: ctx.args.paths,
    maxFileSize: ctx.args.maxFileSize,
    includeNodeModules: ctx.args.includeNodeModules,
    isExcluded: (p: string) => ctx.isExcluded(p, false),
  };
}

export const stagedSource: ScanSource = {
  run: (ctx: ScanContext, sink: ScanSink) => guarded(() =>
    readStaged(readOptions(ctx), (rel, content) => {
      if (!content) {
        sink.skipped({ path: rel, reason: 'too-large' });
        return;
      }
      const result = ctx.scanBytes(content, rel);
      if (typeof result === 'string') sink.skipped({ path: rel, reason: result });
      else sink.file(rel, result.map(asCommitted));
    })),
};

export function historySource(range: string): ScanSource {
  const revisions = range === ALL_REFS ? [] : range.split(/\s+/).filter(Boolean);
  return {
    run: (ctx: ScanContext, sink: ScanSink) => guarded(async () => {
      const r = await scanHistory({
        ...readOptions(ctx),
        revisions,
        // The CLI's own judgement of bytes (size, UTF-16, binary), after a cheap test on the text
        // so that most patches are never copied to bytes.
        scan: (text, rel) => (mightContainSecret(text) ? ctx.scanBytes(Buffer.from(text, 'utf8'), rel) : []),
        onPatch: (rel, commit, reason) => {
          if (reason) sink.skipped({ path: rel, reason: reason as SkipReason, detail: `in commit ${commit.slice(0, 12)}` });
          else sink.file(rel, []);
        },
      });
      // One call per file, commit and presence, so each finding carries its origin.
      const groups = new Map<string, { path: string; origin: { commit: string; authorDate: string; presentAtHead: boolean }; findings: Finding[] }>();
      for (const f of r.findings) {
        const key = `${f.path}\0${f.commit}\0${f.presentAtHead}`;
        let g = groups.get(key);
        if (!g) groups.set(key, (g = { path: f.path, origin: { commit: f.commit, authorDate: f.date, presentAtHead: f.presentAtHead }, findings: [] }));
        g.findings.push(asCommitted(f.finding));
      }
      for (const g of groups.values()) sink.file(g.path, g.findings, g.origin);
    }),
    range: async (cwd: string) => {
      let view: RangeView | undefined;
      const shape = rangeShape(revisions);
      if (!('error' in shape) && shape.base === undefined) return undefined; // no base: no git call needed
      await guarded(async () => {
        const top = await gitTopLevel(cwd);
        if (!top) throw new NotARepositoryError('not inside a git repository (--git reads its history)');
        const ends = await rangeEnds(top, revisions);
        if (ends) view = rangeView(cwd, top, ends);
      });
      return view;
    },
  };
}

/** A range's base and tip, read from git's objects; paths shown relative to `cwd`. */
function rangeView(cwd: string, top: string, ends: RangeEnds): RangeView {
  return {
    base: ends.base,
    tip: ends.tip,
    readAt: (which, absolutePath, maxBytes) => guardedValue(async () => {
      const repoPath = repoPathOf(top, absolutePath);
      return repoPath === undefined ? undefined : readAtCommit(top, which === 'base' ? ends.base : ends.tip, repoPath, maxBytes);
    }),
    changes: (name, absolutePaths, maxBytes) => guardedValue(async () => {
      const specs = [`:(top,glob)**/${name}`];
      for (const p of absolutePaths) {
        const repoPath = repoPathOf(top, p);
        if (repoPath !== undefined) specs.push(`:(top,literal)${repoPath}`);
      }
      const changes = await changesInRange(top, ends, specs, maxBytes);
      return changes.map((c) => ({ ...c, path: displayPath(cwd, top, c.path) }));
    }),
  };
}

async function guardedValue<T>(run: () => Promise<T>): Promise<T> {
  let value: T | undefined;
  await guarded(async () => { value = await run(); });
  return value as T;
}

/** The value `--git` takes when given alone: every ref. */
const ALL_REFS = '--all';

export const GIT_SCAN_SOURCES: ScanSourcePlugin[] = [
  {
    options: [{
      name: 'staged',
      spec: { type: 'boolean' },
      helpLine: '  --staged                scan what is about to be committed (the index), not the files',
    } satisfies ScanOptionExtension],
    select: (args: ScanArgs) => (args.extra.staged === true ? stagedSource : undefined),
  },
  {
    options: [{
      name: 'git',
      spec: { type: 'string', bareValue: ALL_REFS },
      helpLine: '  --git [RANGE]           scan the lines commits added (all refs, or RANGE such as\n                          main..HEAD), with the commit that first added each secret',
    } satisfies ScanOptionExtension],
    select: (args: ScanArgs) => (typeof args.extra.git === 'string' ? historySource(args.extra.git) : undefined),
  },
];

export interface InstallHookArgs {
  command: 'install-hook';
  chain: boolean;
  allowExternalHooksDir: boolean;
}

export const installHookSpec: CommandSpec<InstallHookArgs> = {
  name: 'install-hook',
  summary: 'install a git pre-commit hook that runs scan --staged',
  help: `Usage: twilio-credentials install-hook [--chain] [--allow-external-hooks-dir]

Writes a git pre-commit hook (where git looks for it: core.hooksPath or .git/hooks) that runs
"twilio-credentials scan --staged" and refuses a commit with a hardcoded Twilio secret. Running
it again updates the hook. An existing hook that is not ours is left alone, unless:

Options:
  --chain                      keep the existing hook (renamed pre-commit.before-twilio-credentials)
                               and run it first
  --allow-external-hooks-dir   install even when the hooks folder (core.hooksPath) is a symbolic
                               link or lies outside the repository; without it a terminal asks,
                               anything else refuses
  -h, --help                   show this help

Exit status: 0 installed or already installed, 1 an existing hook or an external hooks folder
was left alone, 2 not in a git repository.
`,
  options: { chain: { type: 'boolean' }, 'allow-external-hooks-dir': { type: 'boolean' } },
  positionals: false,
  build: (values) => ({ command: 'install-hook', chain: values.chain === true, allowExternalHooksDir: values['allow-external-hooks-dir'] === true }),
};

/** Why a hooks folder needs the user's word, in a sentence (path escaped by the caller). */
export function hooksDirQuestion(dir: string, reason: 'link' | 'outside'): string {
  return reason === 'link'
    ? `the hooks folder ${dir} is a symbolic link (core.hooksPath or .git/hooks): the hook would be written where it leads`
    : `the hooks folder ${dir} lies outside this repository (core.hooksPath): the hook would be written there`;
}

export async function runInstallHook(args: InstallHookArgs, io: Io): Promise<number> {
  const cliPath = require.main?.filename ? path.resolve(require.main.filename) : undefined;
  const install = (allowExternalHooksDir: boolean) =>
    installHook({ cwd: io.cwd, chain: args.chain, cliPath, nodePath: process.execPath, allowExternalHooksDir });
  let r;
  try {
    r = await install(args.allowExternalHooksDir);
    if (r.status === 'external-hooks-dir') {
      const question = hooksDirQuestion(escapeForTerminal(r.hooksDir), r.reason);
      if (!io.confirm || !(await io.confirm(`twilio-credentials: ${question}. Install it there? [y/N] `))) {
        io.stderr(`twilio-credentials: ${question}; nothing written. Run install-hook --allow-external-hooks-dir to install it there anyway.\n`);
        return 1;
      }
      r = await install(true);
    }
  } catch (e) {
    io.stderr(`twilio-credentials: cannot install the hook: ${escapeForTerminal((e as Error).message)}\n`);
    return 2;
  }
  switch (r.status) {
    case 'external-hooks-dir':
      return 1; // answered above
    case 'not-a-repository':
      io.stderr('twilio-credentials: not inside a git repository\n');
      return 2;
    case 'exists':
      io.stderr(`twilio-credentials: ${escapeForTerminal(r.hookPath)} already exists and is not ours; left unchanged. Run install-hook --chain to keep it and run it before the scan.\n`);
      return 1;
    case 'chained':
      io.stdout(`installed ${escapeForTerminal(r.hookPath)}; the previous hook is kept as ${escapeForTerminal(r.chainedPath ?? '')} and runs first\n`);
      return 0;
    case 'unchanged':
      io.stdout(`${escapeForTerminal(r.hookPath)} is already installed\n`);
      return 0;
    default:
      io.stdout(`${r.status} ${escapeForTerminal(r.hookPath)}: commits with a hardcoded Twilio secret are refused\n`);
      return 0;
  }
}

export const installHookCommand = { spec: installHookSpec, run: runInstallHook };
