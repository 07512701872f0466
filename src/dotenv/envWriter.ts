import * as vscode from 'vscode';
import * as fs from 'fs';
import * as path from 'path';
import { execFile } from 'child_process';
import { applyEdits, DotenvEdit } from './edit';
import { appendGitignoreEntry } from './gitignore';
import type { Log } from '../util/log';

export type WriteOutcome =
  | { ok: true; uri: vscode.Uri; created: boolean }
  | { ok: false; reason: 'cancelled' | 'untrusted' | 'malformed' | 'io'; message?: string };

export interface EnvTargetOptions {
  /** A workspace-relative or absolute path; skips the picker. */
  envFile?: string;
  /** Also offer a new `.env` in this file's folder (e.g. beside the code a secret moves out of). */
  near?: vscode.Uri;
  title?: string;
}

/** Names that hold documentation of variables, not values. */
const EXAMPLE_FILE = /\.(example|sample|template|dist)$/i;

/**
 * The one writer of `.env` files. Edits are byte-preserving (src/dotenv/edit.ts), writes are
 * atomic, new files are private (0600), a malformed file is never rewritten, and files that git
 * would commit get a warning with an offer to ignore them. Disabled in untrusted workspaces.
 */
export class EnvWriter {
  constructor(private readonly log: Log) {}

  /** Asks which `.env` file to write (or resolves `envFile`). Undefined when cancelled. */
  async pickTarget(opts: EnvTargetOptions = {}): Promise<vscode.Uri | undefined> {
    const folders = vscode.workspace.workspaceFolders ?? [];
    if (opts.envFile) {
      if (path.isAbsolute(opts.envFile)) return vscode.Uri.file(opts.envFile);
      if (!folders.length) throw new Error(vscode.l10n.t('Open a folder to write a .env file.'));
      return vscode.Uri.joinPath(folders[0].uri, opts.envFile);
    }
    if (!folders.length) {
      void vscode.window.showWarningMessage(vscode.l10n.t('Open a folder to write a .env file.'));
      return undefined;
    }
    const existing = (await vscode.workspace.findFiles('**/.env*', '**/{node_modules,.git}/**', 100)).filter(
      (u) => !EXAMPLE_FILE.test(u.path),
    );
    type Pick = vscode.QuickPickItem & { uri: vscode.Uri };
    const items: Pick[] = existing
      .sort((a, b) => a.path.localeCompare(b.path))
      .map((uri) => ({ label: `$(file) ${vscode.workspace.asRelativePath(uri, folders.length > 1)}`, description: vscode.l10n.t('existing file'), uri }));
    const candidates = folders.map((f) => vscode.Uri.joinPath(f.uri, '.env'));
    if (opts.near && vscode.workspace.getWorkspaceFolder(opts.near)) candidates.unshift(vscode.Uri.joinPath(opts.near, '..', '.env'));
    for (const uri of candidates) {
      if (items.some((i) => i.uri.toString() === uri.toString())) continue;
      items.push({ label: `$(new-file) ${vscode.workspace.asRelativePath(uri, folders.length > 1)}`, description: vscode.l10n.t('new file'), uri });
    }
    const pick = await vscode.window.showQuickPick(items, {
      title: opts.title ?? vscode.l10n.t('Write to which .env file?'),
      placeHolder: vscode.l10n.t('Existing variables are updated in place; everything else in the file is kept.'),
      ignoreFocusOut: true,
    });
    return pick?.uri;
  }

  /** Applies edits to a `.env` file. Nothing is written when the file is malformed. */
  async write(uri: vscode.Uri, edits: DotenvEdit[]): Promise<WriteOutcome> {
    if (!vscode.workspace.isTrusted) return refuseUntrusted();
    const label = vscode.workspace.asRelativePath(uri, true);
    let text = '';
    let created = false;
    let mode = 0o600;
    try {
      const st = await fs.promises.stat(uri.fsPath);
      if (st.size > 5 * 1024 * 1024) {
        return this.fail('io', vscode.l10n.t('{0} is larger than 5 MB; it was not changed.', label));
      }
      mode = st.mode & 0o777;
      text = await fs.promises.readFile(uri.fsPath, 'utf8');
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT') return this.fail('io', vscode.l10n.t('Could not read {0}: {1}', label, (e as Error).message));
      created = true;
    }
    const result = applyEdits(text, edits);
    if (!result.ok) {
      const reason = result.error.message.replace(/\.$/, '');
      return this.fail(
        'malformed',
        // Line 0 means the requested value itself cannot be written (no dotenv quoting holds it).
        result.error.line > 0
          ? vscode.l10n.t('{0} line {1}: {2}. The file was not changed; fix that line and try again.', label, result.error.line, reason)
          : vscode.l10n.t('{0} was not changed: {1}.', label, reason),
      );
    }
    if (!result.changed && !created) return { ok: true, uri, created };
    try {
      await atomicWrite(uri.fsPath, result.text, mode);
    } catch (e) {
      return this.fail('io', vscode.l10n.t('Could not write {0}: {1}', label, (e as Error).message));
    }
    this.log.info(`Wrote ${edits.length} variable(s) to ${label}${created ? ' (new file, mode 0600)' : ''}.`);
    void this.warnIfNotIgnored(uri);
    return { ok: true, uri, created };
  }

  /** Asks for a target, then writes. */
  async pickAndWrite(edits: DotenvEdit[], opts: EnvTargetOptions = {}): Promise<WriteOutcome> {
    if (!vscode.workspace.isTrusted) return refuseUntrusted();
    let uri: vscode.Uri | undefined;
    try {
      uri = await this.pickTarget(opts);
    } catch (e) {
      return this.fail('io', (e as Error).message);
    }
    if (!uri) return { ok: false, reason: 'cancelled' };
    return this.write(uri, edits);
  }

  /** Warns when git would commit the file and offers to add it to .gitignore. */
  async warnIfNotIgnored(uri: vscode.Uri): Promise<void> {
    const folder = vscode.workspace.getWorkspaceFolder(uri);
    if (!folder || uri.scheme !== 'file') return;
    const ignored = await gitIgnored(folder.uri.fsPath, uri.fsPath);
    if (ignored !== false) return; // ignored, or not a git repository / git unavailable
    const rel = path.relative(folder.uri.fsPath, uri.fsPath).split(path.sep).join('/');
    const add = vscode.l10n.t('Add to .gitignore');
    const choice = await vscode.window.showWarningMessage(
      vscode.l10n.t('{0} is not ignored by git, so its secrets could be committed.', rel),
      add,
    );
    if (choice === add) await addToGitignore(folder.uri.fsPath, rel);
  }

  private fail(reason: 'io' | 'malformed', message: string): WriteOutcome {
    this.log.warn(message);
    void vscode.window.showErrorMessage(message);
    return { ok: false, reason, message };
  }
}

/** Restricted Mode: a workspace we do not trust gets no file written. */
function refuseUntrusted(): WriteOutcome {
  const message = vscode.l10n.t('Writing .env files is disabled in Restricted Mode. Trust this workspace to allow it.');
  void vscode.window.showWarningMessage(message);
  return { ok: false, reason: 'untrusted', message };
}

/** Writes through a temporary file in the same folder and renames it over the target. */
export async function atomicWrite(file: string, text: string, mode: number): Promise<void> {
  const tmp = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.${Date.now()}.tmp`);
  const handle = await fs.promises.open(tmp, 'wx', mode);
  try {
    await handle.writeFile(text, 'utf8');
    await handle.sync();
  } finally {
    await handle.close();
  }
  try {
    await fs.promises.chmod(tmp, mode);
    await fs.promises.rename(tmp, file);
  } catch (e) {
    await fs.promises.rm(tmp, { force: true });
    throw e;
  }
}

/** true/false from `git check-ignore`; undefined when git cannot tell (no repo, no git). */
export function gitIgnored(cwd: string, file: string): Promise<boolean | undefined> {
  return new Promise((resolve) => {
    execFile('git', ['check-ignore', '-q', '--', file], { cwd, timeout: 5000 }, (err) => {
      if (!err) return resolve(true);
      // Exit status 1 means "not ignored"; anything else (128: not a repository, ENOENT: no git) is unknown.
      const code: unknown = (err as { code?: unknown }).code;
      resolve(code === 1 ? false : undefined);
    });
  });
}

export async function addToGitignore(folder: string, relPath: string): Promise<void> {
  const file = path.join(folder, '.gitignore');
  let text = '';
  try {
    text = await fs.promises.readFile(file, 'utf8');
  } catch {
    // a new .gitignore
  }
  const next = appendGitignoreEntry(text, '/' + relPath.replace(/^\/+/, ''));
  if (next.changed) await atomicWrite(file, next.text, 0o644);
}
