import * as vscode from 'vscode';
import * as path from 'path';
import type { DotenvEdit } from './edit';
import { addExampleNames, addToGitignoreFile, isSecretName, writeEnvEdits } from './envFile';
import { isTemplateFile } from './templates';
import { gitFileStatus, gitUntrack } from '../git/fileStatus';
import { envVariableNames } from '../../platform/config';
import type { Log } from '../../platform/log';

export type WriteOutcome =
  | { ok: true; uri: vscode.Uri; created: boolean }
  | { ok: false; reason: 'cancelled' | 'untrusted' | 'malformed' | 'io'; message?: string };

export interface EnvTargetOptions {
  /** A workspace-relative or absolute path; skips the picker. */
  envFile?: string;
  /** Also offer a new `.env` in this file's folder (e.g. beside the code a secret moves out of). */
  near?: vscode.Uri;
  title?: string;
  /**
   * The user already agreed to this write in a modal that said so (the calling flow asked): no
   * modal naming the file. Without it, a secret is written only after one.
   */
  agreed?: boolean;
  /** What is written, in words, for that modal ("the key "ci""). */
  subject?: string;
}

export interface WriteOptions {
  /** False: a secret is written only after a modal naming the file (see EnvTargetOptions.agreed). */
  agreed?: boolean;
  subject?: string;
}


/**
 * The one writer of `.env` files (and the `.env.example` and `.gitignore` beside them). Edits are
 * byte-preserving (src/workspace/dotenv/edit.ts); the disk side (no links, pipes or outside paths, strict
 * UTF-8, serialised re-checked atomic writes, 0600) is src/workspace/dotenv/envFile.ts; templates get names
 * only; a secret bound for a file git would commit is confirmed first. Disabled in untrusted workspaces.
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
      (u) => !isTemplateFile(u.path),
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

  /**
   * Applies edits to a `.env` file. Nothing is written when the file is malformed, not UTF-8, a
   * link, a pipe or outside the workspace. Before a secret goes into a file git tracks or would
   * commit, the user is warned and can untrack or ignore it first. A template (`.env.example`…)
   * receives names only (see src/workspace/dotenv/templates.ts).
   */
  async write(uri: vscode.Uri, edits: DotenvEdit[], opts: WriteOptions = { agreed: true }): Promise<WriteOutcome> {
    if (!vscode.workspace.isTrusted) return refuseUntrusted();
    const label = vscode.workspace.asRelativePath(uri, true);
    if (uri.scheme !== 'file') return this.fail('io', vscode.l10n.t('{0} is not a file on this computer; it was not changed.', label));
    const isSecret = secretNameTest();
    const template = isTemplateFile(uri.fsPath);
    const writesSecret = !template && edits.some((e) => 'value' in e && e.value !== '' && isSecret(e.name));
    const written = edits.flatMap((e) => ('value' in e && e.value !== '' ? [e.name] : []));
    const agreed = opts.agreed !== false;
    if (writesSecret && !(await this.confirmSecretWrite(uri, label, agreed ? undefined : { names: written, subject: opts.subject }))) return { ok: false, reason: 'cancelled' };
    const r = await writeEnvEdits(uri.fsPath, edits, { roots: workspaceRoots(), label, isSecret });
    if (!r.ok) return this.fail(r.reason === 'malformed' ? 'malformed' : 'io', r.message);
    if (r.changed) this.log.info(`Wrote ${edits.length} variable(s) to ${label}${r.created ? ' (new file, mode 0600)' : ''}${r.template ? ' (template: names only)' : ''}.`);
    if (r.tightened) {
      this.log.info(`Tightened ${label} to mode 0600.`);
      void vscode.window.showWarningMessage(vscode.l10n.t('{0} was readable by other users of this computer; as it now holds a secret, it is readable by you only (mode 0600).', label));
    }
    if (r.template && edits.some((e) => 'value' in e && e.value !== '')) {
      void vscode.window.showInformationMessage(vscode.l10n.t('{0} is a template meant to be committed: only variable names were written, without values.', label));
    }
    return { ok: true, uri, created: r.created };
  }

  /**
   * Before a secret goes into a file: when git would commit it, the warning below (which names the
   * file and what each button does); otherwise, unless the flow already asked (`ask` absent), a
   * modal that names the file and the variables. False when the user cancels.
   */
  private async confirmSecretWrite(uri: vscode.Uri, label: string, ask: { names: string[]; subject?: string } | undefined): Promise<boolean> {
    const written = ask && vscode.l10n.t('Written: {0}.', ask.names.join(', '));
    const committable = await this.confirmNotCommitted(uri, label, written);
    if (committable !== 'notCommittable') return committable;
    if (!ask) return true;
    const verb = vscode.l10n.t('Write to .env');
    const choice = await vscode.window.showWarningMessage(
      ask.subject ? vscode.l10n.t('Write {0} to {1}?', ask.subject, label) : vscode.l10n.t('Write a secret to {0}?', label),
      {
        modal: true,
        detail: vscode.l10n.t('{0} Other lines of the file are kept; a new file is readable by you only (mode 0600). Anything that can read this file can use the secret.', written!),
      },
      verb,
    );
    return choice === verb;
  }

  /**
   * Asks git (in the file's own repository) whether the file is tracked or would be committed;
   * if so, warns before a secret goes in and offers the fix: untracking (`git rm --cached`, which
   * `.gitignore` alone does not do) or an ignore entry. False when the user cancels;
   * 'notCommittable' when git would not commit it (ignored, not a repository, or git cannot tell).
   */
  async confirmNotCommitted(uri: vscode.Uri, label: string, written?: string): Promise<boolean | 'notCommittable'> {
    const status = await gitFileStatus(uri.fsPath);
    if (status.kind !== 'repo' || !status.committable) return 'notCommittable';
    const first = written ? `${written}\n\n` : '';
    const folder = path.dirname(uri.fsPath);
    const entry = '/' + path.basename(uri.fsPath);
    const anyway = vscode.l10n.t('Write Anyway');
    if (status.tracked) {
      const untrack = vscode.l10n.t('Untrack It, Then Write');
      const choice = await vscode.window.showWarningMessage(
        vscode.l10n.t('{0} is tracked by git: a secret written there would be committed.', label),
        {
          modal: true,
          detail: first + vscode.l10n.t('Adding a tracked file to .gitignore does not untrack it. "Untrack It" runs git rm --cached on it (the file stays on disk; commit that change) and adds it to .gitignore. Secrets already in its history stay there: rotate them.'),
        },
        untrack,
        anyway,
      );
      if (choice === anyway) return true;
      if (choice !== untrack) return false;
      const error = await gitUntrack(uri.fsPath);
      if (error) {
        void vscode.window.showErrorMessage(vscode.l10n.t('git rm --cached {0} failed: {1}. Nothing was written.', label, error));
        return false;
      }
      this.log.info(`Untracked ${label} (git rm --cached).`);
      if (!status.ignored) await this.ignoreQuietly(folder, entry);
      return true;
    }
    const add = vscode.l10n.t('Add to .gitignore, Then Write');
    const choice = await vscode.window.showWarningMessage(
      vscode.l10n.t('{0} is not ignored by git, so a secret written there could be committed.', label),
      { modal: true, detail: first + vscode.l10n.t('"Add to .gitignore" adds {0} to the .gitignore beside it first.', entry) },
      add,
      anyway,
    );
    if (choice === anyway) return true;
    if (choice !== add) return false;
    return this.ignoreQuietly(folder, entry);
  }

  private async ignoreQuietly(folder: string, entry: string): Promise<boolean> {
    try {
      await addToGitignoreFile(folder, entry, { roots: workspaceRoots(), label: vscode.workspace.asRelativePath(path.join(folder, '.gitignore'), true) });
      return true;
    } catch (e) {
      this.fail('io', errorText(e));
      return false;
    }
  }

  /** Adds names, empty, to the `.env.example` beside a `.env` when one exists (never values). */
  async addToExample(envUri: vscode.Uri, names: string[]): Promise<void> {
    if (!vscode.workspace.isTrusted || envUri.scheme !== 'file') return;
    const example = path.join(path.dirname(envUri.fsPath), '.env.example');
    const r = await addExampleNames(example, names, { roots: workspaceRoots(), label: vscode.workspace.asRelativePath(vscode.Uri.file(example), true) });
    if (!r.ok) this.fail(r.reason === 'malformed' ? 'malformed' : 'io', r.message);
  }

  /** Asks for a target, then writes (a secret only after a modal naming the file, unless `agreed`). */
  async pickAndWrite(edits: DotenvEdit[], opts: EnvTargetOptions = {}): Promise<WriteOutcome> {
    if (!vscode.workspace.isTrusted) return refuseUntrusted();
    let uri: vscode.Uri | undefined;
    try {
      uri = await this.pickTarget(opts);
    } catch (e) {
      return this.fail('io', (e as Error).message);
    }
    if (!uri) return { ok: false, reason: 'cancelled' };
    return this.write(uri, edits, { agreed: opts.agreed ?? false, subject: opts.subject });
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

/** The workspace folders on disk: every file this writer touches must stay inside one. */
export function workspaceRoots(): string[] {
  return (vscode.workspace.workspaceFolders ?? []).filter((f) => f.uri.scheme === 'file').map((f) => f.uri.fsPath);
}

/** Variables holding secrets: the configured secret names and conventional names (which include the defaults). */
function secretNameTest(): (name: string) => boolean {
  const v = envVariableNames();
  const names = new Set([v.apiSecret, v.authToken]);
  return (name) => names.has(name) || isSecretName(name);
}

function errorText(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
