// Running git from the CLI and the editor. Pure Node (no `vscode`). Arguments never carry a
// secret: values to look for are passed on stdin or matched in our own process, so they do not
// show up in a process list.

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
}

/**
 * Flags every invocation gets: no pager, no colours, no external diff or text conversion
 * drivers (a hostile repository's config must not run programs through them), paths unquoted.
 */
const SAFE = ['-c', 'core.quotePath=false', '-c', 'color.ui=false', '--no-pager'];

export function spawnGit(args: readonly string[], opts: GitOptions): ChildProcessWithoutNullStreams {
  const child = spawn(opts.git ?? 'git', [...SAFE, ...args], {
    cwd: opts.cwd,
    signal: opts.signal,
    env: { ...process.env, GIT_TERMINAL_PROMPT: '0', GIT_OPTIONAL_LOCKS: '0', LC_ALL: 'C' },
    windowsHide: true,
  });
  if (opts.input !== undefined) child.stdin.end(opts.input);
  return child;
}

/** Runs git to completion and returns stdout as a Buffer; rejects with GitError on a non-zero exit. */
export function gitBuffer(args: readonly string[], opts: GitOptions & { okCodes?: readonly number[] }): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const child = spawnGit(args, opts);
    const out: Buffer[] = [];
    let err = '';
    child.stdout.on('data', (b: Buffer) => out.push(b));
    child.stderr.on('data', (b: Buffer) => { if (err.length < 8192) err += b.toString('utf8'); });
    child.stdin.on('error', () => { /* the child exited before reading its input */ });
    child.on('error', reject);
    child.on('close', (code) => {
      if (code === 0 || (code !== null && opts.okCodes?.includes(code))) resolve(Buffer.concat(out));
      else reject(new GitError(`git ${args[0]} failed${err ? ': ' + err.trim().split('\n')[0] : ''}`, code, err));
    });
  });
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
