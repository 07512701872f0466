import * as vscode from 'vscode';
import { agree, orCancel } from '../../platform/commands';
import { gitModule } from './gitModule';
import { argsOf, consent, field, invalidArgument, prefill, type Args } from '../../core/util/commandArgs';

/**
 * `twilioCredentials.installGitHook`: a plain git pre-commit hook in a workspace folder's
 * repository that runs this extension's scanner (`dist/cli.js`) in `--staged` mode, falling back
 * to a `twilio-credentials` on PATH. Trusted workspaces only (the hook runs code on every
 * commit). An existing hook is never replaced: the user may chain it (kept and run first).
 * Argument: an optional `{ folder: Uri }` (tests, keybindings) instead of the folder prompt.
 */
export interface InstallGitHookArgs {
  /** The workspace folder whose repository gets the hook, instead of asking. */
  folder?: vscode.Uri;
  /** Install without the modal that says what the hook runs (this extension's own tests only). */
  confirm?: boolean;
}

export const installGitHookArgs = argsOf<InstallGitHookArgs>({
  folder: prefill((v, name) => (v instanceof vscode.Uri ? v : invalidArgument(name, vscode.l10n.t('a Uri')))),
  confirm: consent(field.boolean),
});

export async function installGitHookCommand(cliPath: string, args: Args<InstallGitHookArgs> = {}): Promise<string | undefined> {
  if (!vscode.workspace.isTrusted) {
    void vscode.window.showWarningMessage(vscode.l10n.t('Installing a git hook needs a trusted workspace: the hook runs on every commit.'));
    return undefined;
  }
  const folder = args.folder ?? (await pickFolder());
  // A program that runs on every commit: the user says so first.
  const agreed =
    args.confirm ||
    (await agree({
      message: vscode.l10n.t('Install a git pre-commit hook in the repository of {0}?', folder.fsPath),
      detail: vscode.l10n.t('Before every commit, git runs this extension\'s scanner on the staged changes and refuses the commit when they hold a hardcoded Twilio secret. An existing hook is kept: you are asked whether to run it first.'),
      verb: vscode.l10n.t('Install Hook'),
    }));
  if (!agreed) return undefined;
  let r = await gitModule().installHook({ cwd: folder.fsPath, cliPath });
  let allowExternalHooksDir = false;
  if (r.status === 'external-hooks-dir') {
    // The repository chose its hooks folder (core.hooksPath): a link or a folder elsewhere is the
    // user's to accept, never ours (and never an argument's).
    const install = vscode.l10n.t('Install There');
    const answer = await vscode.window.showWarningMessage(
      r.reason === 'link'
        ? vscode.l10n.t('The repository\'s hooks folder {0} is a symbolic link. Install the pre-commit hook where it leads?', r.hooksDir)
        : vscode.l10n.t('The repository\'s hooks folder {0} lies outside the repository (core.hooksPath). Install the pre-commit hook there?', r.hooksDir),
      { modal: true },
      install,
    );
    if (answer !== install) return r.status;
    allowExternalHooksDir = true;
    r = await gitModule().installHook({ cwd: folder.fsPath, cliPath, allowExternalHooksDir });
  }
  if (r.status === 'not-a-repository') {
    void vscode.window.showWarningMessage(vscode.l10n.t('{0} is not in a git repository.', folder.fsPath));
    return r.status;
  }
  if (r.status === 'exists') {
    const chain = vscode.l10n.t('Keep It and Run It First');
    const answer = await vscode.window.showWarningMessage(
      vscode.l10n.t('A pre-commit hook already exists ({0}). Keep it and run it before the Twilio credentials scan?', r.hookPath),
      { modal: true },
      chain,
    );
    if (answer !== chain) return r.status;
    r = await gitModule().installHook({ cwd: folder.fsPath, cliPath, chain: true, allowExternalHooksDir });
    if (r.status === 'exists') {
      void vscode.window.showWarningMessage(vscode.l10n.t('The existing hook was left unchanged: a hook kept by an earlier install is in the way.'));
      return r.status;
    }
  }
  if (r.status === 'unchanged') void vscode.window.showInformationMessage(vscode.l10n.t('The pre-commit hook is already installed.'));
  else if (r.status !== 'not-a-repository' && r.status !== 'external-hooks-dir') {
    void vscode.window.showInformationMessage(vscode.l10n.t('Pre-commit hook installed: commits with a hardcoded Twilio secret are refused.'));
  }
  return r.status;
}

async function pickFolder(): Promise<vscode.Uri> {
  const folders = vscode.workspace.workspaceFolders ?? [];
  if (folders.length === 1) return folders[0].uri;
  if (folders.length === 0) {
    void vscode.window.showWarningMessage(vscode.l10n.t('Open a folder that is in a git repository first.'));
    return orCancel<vscode.Uri>(undefined);
  }
  return orCancel(await vscode.window.showWorkspaceFolderPick({ placeHolder: vscode.l10n.t('Install the pre-commit hook in which folder\'s repository?') }))
    .uri;
}
