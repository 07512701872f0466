// A plain git pre-commit hook for teams that do not use the pre-commit framework. Written where
// git looks for hooks (`git rev-parse --git-path hooks`, which honours `core.hooksPath` and linked
// work trees). An existing hook that is not ours is never overwritten: we refuse with a message,
// or, when asked, keep it under another name and run it first (chaining). Installing twice
// changes nothing.

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
}

export type InstallHookResult =
  | { status: 'installed' | 'updated' | 'unchanged' | 'chained'; hookPath: string; chainedPath?: string }
  | { status: 'exists'; hookPath: string }
  | { status: 'not-a-repository' };

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

/** Where git runs hooks from for the repository containing `cwd`. */
export async function hooksDir(cwd: string): Promise<string | undefined> {
  const top = await gitTopLevel(cwd);
  if (!top) return undefined;
  const dir = (await gitText(['rev-parse', '--git-path', 'hooks'], { cwd: top })).trim();
  return path.resolve(top, dir);
}

export async function installHook(opts: InstallHookOptions): Promise<InstallHookResult> {
  const dir = await hooksDir(opts.cwd);
  if (!dir) return { status: 'not-a-repository' };
  const hookPath = path.join(dir, 'pre-commit');
  let existing: string | undefined;
  try {
    const st = fs.lstatSync(hookPath);
    // A symbolic link or anything but a regular file is someone else's arrangement: never write through it.
    existing = st.isFile() ? fs.readFileSync(hookPath, 'utf8') : '\0';
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
  }
  const chainedName = 'pre-commit' + CHAINED_SUFFIX;
  const chainedPath = path.join(dir, chainedName);
  if (existing !== undefined && !existing.includes(HOOK_MARKER)) {
    if (!opts.chain) return { status: 'exists', hookPath };
    if (fs.existsSync(chainedPath)) return { status: 'exists', hookPath }; // never overwrite a kept hook either
    fs.renameSync(hookPath, chainedPath);
    writeHook(hookPath, hookScript(opts, chainedName));
    return { status: 'chained', hookPath, chainedPath };
  }
  // Ours (or none): keep chaining to a hook kept by an earlier install.
  const script = hookScript(opts, fs.existsSync(chainedPath) ? chainedName : undefined);
  if (existing === script) return { status: 'unchanged', hookPath };
  writeHook(hookPath, script);
  return { status: existing === undefined ? 'installed' : 'updated', hookPath };
}

function writeHook(hookPath: string, script: string): void {
  fs.mkdirSync(path.dirname(hookPath), { recursive: true });
  // Written beside and renamed over: a half-written hook never runs.
  const tmp = `${hookPath}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, script, { mode: 0o755 });
  fs.chmodSync(tmp, 0o755);
  fs.renameSync(tmp, hookPath);
}
