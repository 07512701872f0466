// Running git from the CLI and the editor: the one place that starts a git process. Pure Node (no
// `vscode`). Arguments never carry a secret: values to look for are passed on stdin or matched in
// our own process, so they do not show up in a process list.
//
// A repository's own configuration (.git/config, and whatever it includes) may be hostile: a
// checkout from an archive, a shared folder, a repository planted inside another. Git settings
// that name a program to run are therefore overridden on every call, here, so that no caller can
// forget one: configuration given with `-c` outranks the repository's. Settings that cannot be
// overridden that way (multi-valued ones, drivers chosen by attributes) are made unreachable
// instead: a flag switches the feature off for the subcommand (`--no-ext-diff`), or the
// transport that would run them is refused (`protocol.allow=never`). Subcommands are an allow
// list: a new one is added to `SUBCOMMANDS` with the flags it needs, after checking which
// programs it can start.

import { spawn, ChildProcessWithoutNullStreams } from 'child_process';

export class GitError extends Error {
  constructor(message: string, readonly code: number | null, readonly stderr: string) {
    super(message);
  }
}

export interface GitOptions {
  cwd: string;
  /** Kills the child when aborted; the promise then rejects with an AbortError. */
  signal?: AbortSignal;
  /** Written to the child's stdin, which is then closed. */
  input?: string | Buffer;
  /** The git executable (default `git` on PATH). */
  git?: string;
  /**
   * Keep the repository's `core.hooksPath`: only for asking git where hooks live (install-hook).
   * Every other call points it at a folder that cannot hold hooks.
   */
  readHooksPath?: boolean;
  /**
   * Drop inherited `GIT_*` variables (GIT_DIR, GIT_INDEX_FILE… set inside a hook), so that git
   * answers for the repository of `cwd`. The staged scan keeps them: in a pre-commit hook, the
   * index being committed is GIT_INDEX_FILE.
   */
  cleanEnv?: boolean;
  /** gitRun: kills the child after this long; the call then ends with code `timeout`. */
  timeoutMs?: number;
}

/** Where hooks are looked for on every call but install-hook's question: no hook can be found there. */
export const NO_HOOKS_PATH = '/dev/null';

/**
 * Configuration given to every call (`-c name=value`). Each entry says which program it keeps git
 * from running. `core.hooksPath` is added by `safetyConfig` unless the caller reads it.
 */
export const SAFE_CONFIG: readonly (readonly [string, string])[] = [
  // A program git asks for changed files whenever it reads the index (ls-files, diff --cached…).
  ['core.fsmonitor', 'false'],
  ['core.untrackedCache', 'false'],
  // `git log --show-signature` by configuration runs gpg.program / gpg.ssh.program.
  ['log.showSignature', 'false'],
  // Credential helpers and askpass programs: an empty helper resets the list.
  ['credential.helper', ''],
  ['core.askPass', ''],
  ['core.sshCommand', 'ssh'],
  // Run by fetches from a repository with alternates.
  ['core.alternateRefsCommand', ''],
  // No transport at all: a partial clone's lazy fetch of a missing blob would otherwise run
  // core.sshCommand, a git:// proxy (core.gitProxy), an ext:: command or remote.*.uploadpack.
  ['protocol.allow', 'never'],
  // Housekeeping some commands start on their own.
  ['maintenance.auto', 'false'],
  ['gc.auto', '0'],
  // Output we parse: paths unquoted, no colour.
  ['core.quotePath', 'false'],
  ['color.ui', 'false'],
];

/**
 * The subcommands we run, each with the flags that switch off the programs it could start:
 * `--no-ext-diff` (diff.external, diff.<driver>.command), `--no-textconv` (diff.<driver>.textconv),
 * `--no-show-signature` (gpg). `refuse` lists options that would turn a program back on
 * (`cat-file --filters` runs filter.<driver>.clean/smudge/process).
 */
const SUBCOMMANDS: Record<string, { flags: readonly string[]; refuse?: readonly string[]; writesIndex?: boolean }> = {
  'rev-parse': { flags: [] },
  'merge-base': { flags: [] },
  'ls-files': { flags: [] },
  'ls-tree': { flags: [] },
  'check-ignore': { flags: [] },
  // Removing from the index only: `rm --cached` compares the working file and runs clean filters.
  // Writing the index still compares "racily clean" entries with their files, through the
  // filters: those are switched off by name (see filterOverrides).
  'update-index': { flags: [], refuse: ['--add', '--refresh', '--really-refresh', '--again'], writesIndex: true },
  // Only to list filter drivers (filterOverrides); `--edit` would start an editor.
  config: { flags: [], refuse: ['--edit', '-e', '--add', '--unset', '--unset-all', '--replace-all', '--rename-section', '--remove-section'] },
  'cat-file': { flags: [], refuse: ['--filters', '--textconv', '--path'] },
  diff: { flags: ['--no-ext-diff', '--no-textconv', '--no-color'] },
  log: { flags: ['--no-ext-diff', '--no-textconv', '--no-show-signature', '--no-color'] },
  grep: { flags: ['--no-textconv', '--no-color'], refuse: ['--textconv', '-O', '--open-files-in-pager'] },
};

/**
 * The one git call that needs a transport: the GitHub Action's `git fetch` of a range's ends into
 * a shallow checkout (action/scan.sh, which keeps a copy of these settings; a unit test holds
 * the copy to this). It gets every other override, the transports a checkout uses, the standard
 * upload-pack (remote.<name>.uploadpack is multi-valued: only the command line replaces it), and
 * no submodule fetches.
 */
export const FETCH_PROTOCOLS = ['https', 'http', 'ssh', 'file'] as const;
export function fetchSafetyArgs(): string[] {
  return [...safetyConfig(), ...FETCH_PROTOCOLS.flatMap((p) => ['-c', `protocol.${p}.allow=always`])];
}
export const FETCH_FLAGS = ['--upload-pack=git-upload-pack', '--no-recurse-submodules'] as const;

/** Global options a caller may put before the subcommand. */
const GLOBAL_OPTIONS = new Set(['--literal-pathspecs']);

/** `-c` pairs for one call. */
export function safetyConfig(opts: Pick<GitOptions, 'readHooksPath'> = {}): string[] {
  const pairs = opts.readHooksPath ? SAFE_CONFIG : [...SAFE_CONFIG, ['core.hooksPath', NO_HOOKS_PATH] as const];
  return pairs.flatMap(([k, v]) => ['-c', `${k}=${v}`]);
}

/**
 * `-c` pairs emptying every filter driver the configuration names (`filter.<driver>.clean`,
 * `.smudge`, `.process`, and not `required`): a filter is chosen per file by .gitattributes, so
 * its name is only known from the configuration. Needed by subcommands that write the index.
 */
export function filterOverrides(configNames: readonly string[]): string[] {
  const drivers = new Set<string>();
  for (const name of configNames) {
    const m = /^filter\.(.+)\.(?:clean|smudge|process|required)$/i.exec(name.trim());
    if (m) drivers.add(m[1]);
  }
  return [...drivers].flatMap((d) => ['clean', 'smudge', 'process'].flatMap((k) => ['-c', `filter.${d}.${k}=`]).concat(['-c', `filter.${d}.required=false`]));
}

/**
 * The full argument list for `args` (`[global options…] subcommand …`): safety configuration,
 * `--no-pager`, then the subcommand's own safety flags right after its name. Throws for a
 * subcommand that is not in the allow list, an option that would run a program, or a subcommand
 * that writes the index without `filters` (the overrides from `filterOverrides`).
 */
export function gitArgs(args: readonly string[], opts: Pick<GitOptions, 'readHooksPath'> = {}, filters?: readonly string[]): string[] {
  const at = args.findIndex((a) => !a.startsWith('-'));
  if (at < 0) throw new Error('git: no subcommand');
  for (const g of args.slice(0, at)) if (!GLOBAL_OPTIONS.has(g)) throw new Error(`git: global option not allowed: ${g}`);
  const name = args[at];
  const sub = SUBCOMMANDS[name];
  if (!sub) throw new Error(`git: subcommand not vetted for hostile repositories: ${name}`);
  const end = args.indexOf('--', at);
  const options = args.slice(at + 1, end < 0 ? undefined : end);
  for (const r of sub.refuse ?? []) {
    const hit = (o: string): boolean => o === r || o.startsWith(r + '=') || (/^-[A-Za-z]$/.test(r) && o.startsWith(r));
    if (options.some(hit)) throw new Error(`git ${name}: option not allowed: ${r}`);
  }
  if (sub.writesIndex && filters === undefined) throw new Error(`git ${name} writes the index: run it through gitRun (filters are switched off there)`);
  return [...safetyConfig(opts), ...(filters ?? []), '--no-pager', ...args.slice(0, at), name, ...sub.flags, ...args.slice(at + 1)];
}

/** Whether `args` names a subcommand that writes the index. */
function writesIndex(args: readonly string[]): boolean {
  return SUBCOMMANDS[args.find((a) => !a.startsWith('-')) ?? '']?.writesIndex === true;
}

function childEnv(opts: Pick<GitOptions, 'cleanEnv'>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) {
    if (opts.cleanEnv && /^GIT_/.test(k)) continue;
    env[k] = v;
  }
  env.GIT_TERMINAL_PROMPT = '0';
  env.GIT_OPTIONAL_LOCKS = '0';
  // Git 2.45 and later: never fetch a missing object (older versions are held by protocol.allow).
  env.GIT_NO_LAZY_FETCH = '1';
  env.LC_ALL = 'C';
  return env;
}

export function spawnGit(args: readonly string[], opts: GitOptions, filters?: readonly string[]): ChildProcessWithoutNullStreams {
  const child = spawn(opts.git ?? 'git', gitArgs(args, opts, filters), {
    cwd: opts.cwd,
    signal: opts.signal,
    env: childEnv(opts),
    windowsHide: true,
  });
  if (opts.input !== undefined) child.stdin.end(opts.input);
  return child;
}

/** How a git call ended: its exit code, or why there is none. */
export interface GitRun {
  code: number | 'timeout' | 'missing' | 'error';
  stdout: Buffer;
  stderr: string;
}

/** Runs git to completion; never rejects for git's sake (an aborted call rejects with the AbortError). */
export async function gitRun(args: readonly string[], opts: GitOptions & { maxStdout?: number }): Promise<GitRun> {
  let filters: string[] | undefined;
  if (writesIndex(args)) {
    const names = await runOnce(['config', '--name-only', '--get-regexp', '^filter\\.'], opts);
    if (typeof names.code === 'number' && names.code > 1) return names; // 1: no filter configured
    if (typeof names.code !== 'number') return names;
    filters = filterOverrides(names.stdout.toString('utf8').split('\n'));
  }
  return runOnce(args, opts, filters);
}

function runOnce(args: readonly string[], opts: GitOptions & { maxStdout?: number }, filters?: readonly string[]): Promise<GitRun> {
  return new Promise((resolve, reject) => {
    let child: ChildProcessWithoutNullStreams;
    try {
      child = spawnGit(args, opts, filters);
    } catch (e) {
      reject(e);
      return;
    }
    const out: Buffer[] = [];
    let size = 0;
    let err = '';
    let settled = false;
    const settle = (run: GitRun): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(run);
    };
    // On time out the child is killed and its pipes closed at once: a grandchild holding them
    // (a hook's `sleep`) must not keep the caller waiting.
    const timer = opts.timeoutMs === undefined ? undefined : setTimeout(() => {
      child.kill();
      child.stdout.destroy();
      child.stderr.destroy();
      settle({ code: 'timeout', stdout: Buffer.alloc(0), stderr: err });
    }, opts.timeoutMs);
    child.stdout.on('data', (b: Buffer) => {
      size += b.length;
      if (opts.maxStdout === undefined || size <= opts.maxStdout) out.push(b);
    });
    child.stderr.on('data', (b: Buffer) => { if (err.length < 8192) err += b.toString('utf8'); });
    child.stdin.on('error', () => { /* the child exited before reading its input */ });
    child.on('error', (e: NodeJS.ErrnoException) => {
      if (e.name === 'AbortError') {
        settled = true;
        clearTimeout(timer);
        reject(e);
      } else settle({ code: e.code === 'ENOENT' ? 'missing' : 'error', stdout: Buffer.alloc(0), stderr: err });
    });
    child.on('close', (code) => {
      if (opts.signal?.aborted) return; // rejected by the 'error' event
      settle({ code: code ?? 'error', stdout: Buffer.concat(out), stderr: err });
    });
  });
}

/** Runs git to completion and returns stdout as a Buffer; rejects with GitError on a non-zero exit. */
export async function gitBuffer(args: readonly string[], opts: GitOptions & { okCodes?: readonly number[] }): Promise<Buffer> {
  const r = await gitRun(args, opts);
  if (r.code === 0 || (typeof r.code === 'number' && opts.okCodes?.includes(r.code))) return r.stdout;
  if (r.code === 'missing') throw Object.assign(new Error('git is not installed (or not on PATH)'), { code: 'ENOENT' });
  const name = args.find((a) => !a.startsWith('-')) ?? 'git';
  throw new GitError(`git ${name} failed${r.stderr ? ': ' + r.stderr.trim().split('\n')[0] : ''}`, typeof r.code === 'number' ? r.code : null, r.stderr);
}

export async function gitText(args: readonly string[], opts: GitOptions & { okCodes?: readonly number[] }): Promise<string> {
  return (await gitBuffer(args, opts)).toString('utf8');
}

/** The top-level folder of the work tree containing `cwd`, or undefined outside a repository (or without git). */
export async function gitTopLevel(cwd: string, opts: Omit<GitOptions, 'cwd'> = {}): Promise<string | undefined> {
  try {
    return (await gitText(['rev-parse', '--show-toplevel'], { ...opts, cwd })).trim() || undefined;
  } catch {
    return undefined;
  }
}

/** The commit HEAD points to, or undefined on an unborn branch. */
export async function gitHead(cwd: string, opts: Omit<GitOptions, 'cwd'> = {}): Promise<string | undefined> {
  try {
    return (await gitText(['rev-parse', '--verify', '-q', 'HEAD^{commit}'], { ...opts, cwd })).trim() || undefined;
  } catch {
    return undefined;
  }
}
