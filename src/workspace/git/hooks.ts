// A plain git pre-commit hook for teams that do not use the pre-commit framework. Written where
// git looks for hooks (`git rev-parse --git-path hooks`, which honours `core.hooksPath` and linked
// work trees). An existing hook that is not ours is never overwritten: we refuse with a message,
// or, when asked, keep it under another name and run it first (chaining). Installing twice
// changes nothing.
//
// The hooks folder is the repository's choice (core.hooksPath), so it may be hostile: a folder
// that is a symbolic link, or that lies outside the repository (the work tree and its git
// directory), is refused unless the caller confirms it (`allowExternalHooksDir`). Nothing is
// ever written through a link: the temporary file is created exclusively under an unpredictable
// name and renamed over the hook, which replaces a link planted at the hook's name instead of
// following it.

import { randomBytes } from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import { gitText, gitTopLevel } from './run';

/** The line that marks a hook as ours; an existing hook containing it may be rewritten. */
export const HOOK_MARKER = '# twilio-credentials pre-commit hook';
export const CHAINED_SUFFIX = '.before-twilio-credentials';

export interface InstallHookOptions {
  cwd: string;
  /** Absolute path of the CLI bundle to run (tried first), e.g. the running `cli.js`. */
  cliPath?: string;
  /** The node executable for `cliPath` (default: `node` on PATH). */
  nodePath?: string;
  /** Keep an existing foreign hook and run it before ours. */
  chain?: boolean;
  /** The user confirmed a hooks folder that is a link or lies outside the repository. */
  allowExternalHooksDir?: boolean;
}

export type InstallHookResult =
  | { status: 'installed' | 'updated' | 'unchanged' | 'chained'; hookPath: string; chainedPath?: string }
  | { status: 'exists'; hookPath: string }
  /** The hooks folder is a symbolic link or outside the repository: nothing written, ask the user. */
  | { status: 'external-hooks-dir'; hooksDir: string; reason: HooksDirProblem }
  | { status: 'not-a-repository' };

export type HooksDirProblem = 'link' | 'outside';

/** Single-quoted for sh: safe for any path. */
export function shQuote(text: string): string {
  return `'${text.replace(/'/g, `'\\''`)}'`;
}

export function hookScript(opts: Pick<InstallHookOptions, 'cliPath' | 'nodePath'>, chainedName?: string): string {
  const lines = [
    '#!/bin/sh',
    HOOK_MARKER,
    '# Refuses a commit whose staged files hold a hardcoded Twilio Auth Token or API key secret.',
    '# Written by `twilio-credentials install-hook`; run it again to update. Bypass once: git commit --no-verify',
  ];
  if (chainedName) {
    lines.push(
      '# The hook that was here before runs first.',
      `"$(dirname "$0")/${chainedName}" "$@" || exit $?`,
    );
  }
  if (opts.cliPath) {
    lines.push(
      `cli=${shQuote(opts.cliPath)}`,
      opts.nodePath
        ? `if [ -f "$cli" ]; then exec ${shQuote(opts.nodePath)} "$cli" scan --staged; fi`
        : 'if [ -f "$cli" ] && command -v node >/dev/null 2>&1; then exec node "$cli" scan --staged; fi',
    );
  }
  lines.push(
    'if command -v twilio-credentials >/dev/null 2>&1; then exec twilio-credentials scan --staged; fi',
    'echo "twilio-credentials: scanner not found (install the CLI, or run twilio-credentials install-hook again); commit refused" >&2',
    'exit 1',
    '',
  );
  return lines.join('\n');
}

/** Where git runs hooks from for the repository containing `cwd`, and the repository's folders. */
export async function hooksLocation(cwd: string): Promise<{ dir: string; top: string; gitDir: string } | undefined> {
  const top = await gitTopLevel(cwd);
  if (!top) return undefined;
  // The one call that reads core.hooksPath instead of switching it off (run.ts).
  const [dir, gitDir] = (await gitText(['rev-parse', '--git-path', 'hooks', '--git-common-dir'], { cwd: top, readHooksPath: true })).split('\n');
  return { dir: path.resolve(top, dir), top, gitDir: path.resolve(top, gitDir) };
}

/** Where git runs hooks from for the repository containing `cwd`. */
export async function hooksDir(cwd: string): Promise<string | undefined> {
  return (await hooksLocation(cwd))?.dir;
}

const NOFOLLOW = fs.constants.O_NOFOLLOW ?? 0;

function lstatOrUndefined(p: string): fs.Stats | undefined {
  try {
    return fs.lstatSync(p);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw e;
  }
}

/**
 * Why the hooks folder needs the user's confirmation, or undefined when it is a real folder (or a
 * folder still to be made) inside the work tree or the git directory, reached through no link of
 * the repository's making. The folder's real path is compared, so a link anywhere on the way counts.
 */
export function hooksDirProblem(dir: string, inside: readonly string[]): HooksDirProblem | undefined {
  const st = lstatOrUndefined(dir);
  if (st?.isSymbolicLink()) return 'link';
  // The nearest folder that exists: its real path, plus the part still to be made.
  let existing = dir;
  while (!lstatOrUndefined(existing) && path.dirname(existing) !== existing) existing = path.dirname(existing);
  const real = path.join(fs.realpathSync(existing), path.relative(existing, dir));
  const within = (root: string): boolean => {
    const rel = path.relative(fs.realpathSync(root), real);
    return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
  };
  return inside.some(within) ? undefined : 'outside';
}

/** Makes the missing folders of `dir` one at a time, never through a link. */
function makeFolder(dir: string): void {
  const st = lstatOrUndefined(dir);
  if (st) {
    if (!st.isDirectory()) throw new Error(`${dir} is not a folder`);
    return;
  }
  makeFolder(path.dirname(dir));
  try {
    fs.mkdirSync(dir);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    if (!fs.lstatSync(dir).isDirectory()) throw new Error(`${dir} is not a folder`);
  }
}

/** The text of a regular file at `file`, '\0' for anything else there (a link, a FIFO, a huge file), undefined for nothing. */
function readExisting(file: string): string | undefined {
  let fd: number;
  try {
    fd = fs.openSync(file, fs.constants.O_RDONLY | NOFOLLOW | (fs.constants.O_NONBLOCK ?? 0));
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return lstatOrUndefined(file) ? '\0' : undefined; // a dangling link
    if (code === 'ELOOP' || code === 'EISDIR' || code === 'ENXIO') return '\0';
    throw e;
  }
  try {
    const st = fs.fstatSync(fd);
    // A symbolic link or anything but a regular file is someone else's arrangement: never write through it.
    if (!st.isFile() || st.size > 1024 * 1024) return '\0';
    return fs.readFileSync(fd, 'utf8');
  } finally {
    fs.closeSync(fd);
  }
}

export async function installHook(opts: InstallHookOptions): Promise<InstallHookResult> {
  const where = await hooksLocation(opts.cwd);
  if (!where) return { status: 'not-a-repository' };
  const { dir } = where;
  const problem = hooksDirProblem(dir, [where.top, where.gitDir]);
  if (problem && !opts.allowExternalHooksDir) return { status: 'external-hooks-dir', hooksDir: dir, reason: problem };
  // Confirmed by the user: the folder is wherever the links lead.
  const linkAccepted = problem !== undefined;
  if (linkAccepted) fs.mkdirSync(dir, { recursive: true });
  else makeFolder(dir);
  const hookPath = path.join(dir, 'pre-commit');
  const existing = readExisting(hookPath);
  const chainedName = 'pre-commit' + CHAINED_SUFFIX;
  const chainedPath = path.join(dir, chainedName);
  if (existing !== undefined && !existing.includes(HOOK_MARKER)) {
    if (!opts.chain) return { status: 'exists', hookPath };
    if (lstatOrUndefined(chainedPath)) return { status: 'exists', hookPath }; // never overwrite a kept hook either
    fs.renameSync(hookPath, chainedPath);
    writeHook(dir, hookPath, hookScript(opts, chainedName), linkAccepted);
    return { status: 'chained', hookPath, chainedPath };
  }
  // Ours (or none): keep chaining to a hook kept by an earlier install.
  const script = hookScript(opts, lstatOrUndefined(chainedPath) ? chainedName : undefined);
  if (existing === script) return { status: 'unchanged', hookPath };
  writeHook(dir, hookPath, script, linkAccepted);
  return { status: existing === undefined ? 'installed' : 'updated', hookPath };
}

/**
 * Written beside and renamed over, so a half-written hook never runs. The temporary name is
 * random and created exclusively (O_EXCL fails on anything already there, a link included), and
 * the rename replaces whatever is at the hook's name without following it.
 */
function writeHook(dir: string, hookPath: string, script: string, linkAccepted: boolean): void {
  if (!linkAccepted && fs.lstatSync(dir).isSymbolicLink()) throw new Error(`${dir} became a symbolic link`);
  const tmp = path.join(dir, `.pre-commit.${randomBytes(12).toString('hex')}.tmp`);
  const fd = fs.openSync(tmp, fs.constants.O_WRONLY | fs.constants.O_CREAT | fs.constants.O_EXCL | NOFOLLOW, 0o700);
  try {
    try {
      fs.writeSync(fd, script);
      fs.fchmodSync(fd, 0o755);
    } finally {
      fs.closeSync(fd);
    }
    fs.renameSync(tmp, hookPath);
  } catch (e) {
    fs.rmSync(tmp, { force: true });
    throw e;
  }
}
