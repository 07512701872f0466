// "Credential Report": every credential the connected accounts hold, in Markdown and CSV, opened in
// the editor (untitled documents) or saved where the user chooses. Written only through the
// guarded writer, into the workspace only when it is trusted, and never into a file git would
// commit without asking. The report holds no secret value (see collectReport.ts).
import * as path from 'path';
import * as vscode from 'vscode';
import type { Services } from '../../services/services';
import type { CredentialLists } from '../../services/credentialLists';
import { pickAccount } from '../accounts/pickAccount';
import { Cancelled, orCancel } from '../../platform/commands';
import { rotationHintDays } from '../../platform/config';
import { readGuarded, writeGuarded } from '../../workspace/files/safeFs';
import { workspaceRoots } from '../../workspace/files/editorWorkspace';
import { committedReason, gitFileStatus } from '../../workspace/git/fileStatus';
import { collectReport, type ReportSources } from './collectReport';
import { formatCsv, formatMarkdown } from './reportFormat';
import { rankRotation } from './rotationRanking';

export interface ReportOutcome {
  /** The Markdown report's URI (an untitled document or the saved file). */
  markdown: string;
  csv: string;
}

const DEFAULT_NAME = 'twilio-credentials-report.md';

function insideWorkspace(file: string): boolean {
  return workspaceRoots().some((root) => {
    const rel = path.relative(root, file);
    return rel !== '' && !rel.startsWith('..') && !path.isAbsolute(rel);
  });
}

/** The two files to write, after the save dialog; refuses the workspace in Restricted Mode and asks before a file git would commit. */
async function chooseFiles(): Promise<{ md: string; csv: string }> {
  const root = vscode.workspace.workspaceFolders?.[0]?.uri;
  const uri = orCancel(
    await vscode.window.showSaveDialog({
      title: vscode.l10n.t('Save the credential report'),
      defaultUri: root ? vscode.Uri.joinPath(root, DEFAULT_NAME) : undefined,
      filters: { [vscode.l10n.t('Markdown')]: ['md'] },
      saveLabel: vscode.l10n.t('Save Report'),
    }),
  );
  if (uri.scheme !== 'file') throw new Error(vscode.l10n.t('Save the report to a file on this computer.'));
  const md = /\.md$/i.test(uri.fsPath) ? uri.fsPath : `${uri.fsPath}.md`;
  const csv = md.replace(/\.md$/i, '.csv');
  const inWorkspace = [md, csv].filter(insideWorkspace);
  if (inWorkspace.length && !vscode.workspace.isTrusted) {
    throw new Error(vscode.l10n.t('This workspace is in Restricted Mode, so nothing is written into it. Open the report in the editor, or save it outside the workspace.'));
  }
  const committed: string[] = [];
  for (const file of inWorkspace) {
    const reason = committedReason(await gitFileStatus(file));
    if (reason) committed.push(reason === 'tracked' ? vscode.l10n.t('{0} (tracked)', vscode.workspace.asRelativePath(file)) : vscode.workspace.asRelativePath(file));
  }
  if (committed.length) {
    const write = vscode.l10n.t('Write Anyway');
    const choice = await vscode.window.showWarningMessage(
      vscode.l10n.t('{0}: not ignored by git: the report would be committed.', committed.join(', ')),
      {
        modal: true,
        detail: vscode.l10n.t('The report holds no secret, but it maps every credential of your accounts and where each is used. Save it outside the repository, or add it to .gitignore first.'),
      },
      write,
    );
    if (choice !== write) throw new Cancelled();
  }
  return { md, csv };
}

/** Makes the report; returns where it went (URIs), or undefined when the user cancelled. */
export async function credentialReport(s: Services, lists: CredentialLists, sources: ReportSources): Promise<ReportOutcome | undefined> {
  // With no account, the accounts feature offers to connect one (and the report ends there).
  if (!s.accounts.list().length) await pickAccount(s.accounts, undefined, vscode.l10n.t('Credential Report'));
  const open = { label: vscode.l10n.t('$(preview) Open in the editor'), detail: vscode.l10n.t('Untitled Markdown and CSV documents; nothing is written to disk') };
  const save = { label: vscode.l10n.t('$(save) Save as files…'), detail: vscode.l10n.t('A Markdown file and a CSV file beside it, where you choose') };
  const where = orCancel(await vscode.window.showQuickPick([open, save], { title: vscode.l10n.t('Credential Report'), placeHolder: vscode.l10n.t('Where should the report go?'), ignoreFocusOut: true }));
  const files = where === save ? await chooseFiles() : undefined;

  const data = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Making the credential report…'), cancellable: true },
    (_p, token) => {
      const ctl = new AbortController();
      token.onCancellationRequested(() => ctl.abort());
      return collectReport(s, lists, sources, { rotationHintDays: rotationHintDays(), signal: ctl.signal });
    },
  );
  const advice = rankRotation(data.credentials, { now: data.generatedAt, rotationHintDays: data.rotationHintDays });
  const markdown = formatMarkdown(data, advice);
  const csv = formatCsv(data, advice);
  s.log.info(`Credential report: ${data.credentials.length} credentials of ${data.accounts.length} account(s), ${advice.length} to act on${files ? `, saved to ${files.md}` : ''}.`);

  if (!files) {
    const csvDoc = await vscode.workspace.openTextDocument({ language: 'csv', content: csv }).then(undefined, () => vscode.workspace.openTextDocument({ content: csv }));
    const mdDoc = await vscode.workspace.openTextDocument({ language: 'markdown', content: markdown });
    await vscode.window.showTextDocument(csvDoc, { preview: false });
    await vscode.window.showTextDocument(mdDoc, { preview: false });
    return { markdown: mdDoc.uri.toString(), csv: csvDoc.uri.toString() };
  }
  // Through the guarded writer: never through a link or into a pipe at either name, readable by its
  // owner only, replacing exactly what is there now (the save dialog asked before replacing it).
  // Both names are checked before either file is written.
  const targets = [];
  for (const [file, text] of [
    [files.md, markdown],
    [files.csv, csv],
  ] as const) {
    const opts = { roots: insideWorkspace(file) ? workspaceRoots() : [path.dirname(file)], label: path.basename(file) };
    const now = await readGuarded(file, opts);
    targets.push({ file, text, opts, expected: now.exists ? now.bytes : undefined });
  }
  for (const { file, text, opts, expected } of targets) await writeGuarded(file, text, { ...opts, mode: 0o600, expected });
  const doc = await vscode.workspace.openTextDocument(vscode.Uri.file(files.md));
  await vscode.window.showTextDocument(doc, { preview: false });
  void vscode.window.showInformationMessage(vscode.l10n.t('Saved the credential report to {0} and {1}.', path.basename(files.md), path.basename(files.csv)));
  return { markdown: vscode.Uri.file(files.md).toString(), csv: vscode.Uri.file(files.csv).toString() };
}
