/**
 * A secret in an env file is where it belongs only while git keeps the file out of commits. In a
 * git repository, an env file that is tracked, or not ignored, and holds a secret is a leak: the
 * scan fails on it. Asked per file of the file's own repository (src/workspace/git/fileStatus.ts), so nested
 * repositories and submodules answer for their files. Outside a repository, or when git cannot
 * tell, the file is not judged (the scan reports the findings without failing on them).
 *
 * A separate step over findings, so it composes with however the CLI collects and prints them.
 */
import * as path from 'path';
import { committedReason, gitFileStatus, GitOptions } from '../workspace/git/fileStatus';
import { functionsProjectOf } from '../workspace/dotenv/functionsProject';

import type { CommittedReason } from '../workspace/dotenv/committed';

export type { CommittedReason };

/** For each env file given (absolute paths), why git would commit it; files git keeps out are absent. */
export async function committedEnvFiles(files: Iterable<string>, opts: GitOptions = {}): Promise<Map<string, CommittedReason>> {
  const out = new Map<string, CommittedReason>();
  for (const file of new Set(files)) {
    const reason = committedReason(await gitFileStatus(file, opts));
    if (reason) out.set(file, reason);
  }
  return out;
}

/**
 * Of the env files given (absolute paths), those in a Twilio Functions project: `twilio
 * serverless:deploy` uploads their values to Twilio, so a committed one leaks what runs there.
 */
export async function functionsProjectEnvFiles(files: Iterable<string>, root: string): Promise<Set<string>> {
  const out = new Set<string>();
  for (const file of new Set(files)) if (await functionsProjectOf(file, [path.resolve(root)])) out.add(file);
  return out;
}

/** The stderr line explaining why a file's secrets fail the scan. */
export function committedEnvFileMessage(path: string, reason: CommittedReason, secrets: number, functionsProject = false): string {
  // A file name cannot forge an output line: control characters are shown escaped.
  // eslint-disable-next-line no-control-regex
  const rel = path.replace(/[\u0000-\u001f\u007f-\u009f]/g, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`);
  const line =
    reason === 'tracked'
      ? `${rel}: ${secrets} secret${secrets === 1 ? '' : 's'} in an env file tracked by git (committed; .gitignore does not untrack it: git rm --cached, then rotate)`
      : `${rel}: ${secrets} secret${secrets === 1 ? '' : 's'} in an env file not ignored by git (it would be committed: add it to .gitignore)`;
  return functionsProject ? `${line}; it is a Twilio Functions project's .env, which twilio serverless:deploy uploads as the service's environment variables: rotate them there too` : line;
}
