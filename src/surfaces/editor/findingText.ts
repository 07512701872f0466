import * as vscode from 'vscode';
import type { Finding } from '../../core/detection';
import { Command } from '../../core/util/commandIds';
import { HARDCODED_CREDENTIALS_URL } from '../../core/util/links';

export const DOCS_URL = HARDCODED_CREDENTIALS_URL;

/** The kind of credential, in the user's language (literal calls, so the l10n export finds them). */
export function findingLabel(f: Finding): string {
  switch (f.kind) {
    case 'twilio-auth-token':
      return vscode.l10n.t('Twilio Auth Token');
    case 'twilio-api-key-secret':
      return vscode.l10n.t('Twilio API key secret');
    case 'twilio-account-sid':
      return vscode.l10n.t('Twilio Account SID');
    case 'twilio-api-key-sid':
      return vscode.l10n.t('Twilio API key SID');
    case 'fcm-server-key':
      return vscode.l10n.t('FCM legacy server key');
    case 'aws-secret-access-key':
      return vscode.l10n.t('AWS secret access key');
  }
}

export function toRange(f: Finding): vscode.Range {
  return new vscode.Range(f.range.startLine, f.range.startCharacter, f.range.endLine, f.range.endCharacter);
}

/**
 * Which findings become Problems entries: secrets only (SIDs are public context). A secret in a
 * `.env` file is one too, at information severity (warning once git commits the file): the
 * engine's severity says how urgent, this says whether to show it at all.
 */
export function isWarnable(f: Finding): boolean {
  return f.isSecret;
}

/** The markdown shown on hover: what it is, why it matters, what to do. Never the value. */
export function riskExplanation(f: Finding): vscode.MarkdownString {
  const md = new vscode.MarkdownString(undefined, true);
  md.isTrusted = { enabledCommands: [Command.moveToEnv, Command.ignoreFinding] };
  const label = findingLabel(f);
  if (f.fileRole === 'env-file') {
    if (f.severity === 'warning' || f.severity === 'error') {
      // Escalated: git tracks or would commit this file (src/workspace/dotenv/committed.ts); the message says why.
      md.appendMarkdown(`$(warning) **${label}** ${f.redacted}\n\n`);
      md.appendText(f.message);
      return md;
    }
    md.appendMarkdown(`$(info) **${label}** ${f.redacted}\n\n`);
    md.appendMarkdown(vscode.l10n.t('A `.env` file is where a secret belongs, as long as git ignores it.'));
    return md;
  }
  md.appendMarkdown(`$(warning) **${vscode.l10n.t('Hardcoded {0}', label)}** ${f.redacted}${f.live ? ' — ' + vscode.l10n.t('**live credential** of a connected account') : ''}\n\n`);
  if (f.kind === 'twilio-auth-token') {
    md.appendMarkdown(
      vscode.l10n.t('An Auth Token gives full control of the Twilio account: sending messages and calls at your cost, reading data, managing keys. Anyone who can read this file, its git history or a build artifact can use it.'),
    );
    md.appendMarkdown('\n\n' + vscode.l10n.t('Keep it out of code: read it from the environment, and prefer an API key in production.'));
  } else if (f.kind === 'fcm-server-key') {
    md.appendMarkdown(
      vscode.l10n.t('A legacy FCM server key, what Twilio push credentials held before Google turned these keys off (June 2024): it no longer sends notifications, and anyone who reads it learns your Firebase project.'),
    );
    md.appendMarkdown(
      '\n\n' + vscode.l10n.t('Give Twilio a service-account JSON instead: in the Twilio view, a push credential flagged as broken has "Replace FCM Secret…". Then delete this key from the code and from Firebase.'),
    );
  } else if (f.kind === 'aws-secret-access-key') {
    md.appendMarkdown(
      vscode.l10n.t('An AWS secret access key, the kind Twilio keeps as an AWS credential to write recordings and media to S3. With its access key id it acts as that AWS user.'),
    );
    md.appendMarkdown('\n\n' + vscode.l10n.t('Keep it out of code: read it from the environment, and deactivate this key in AWS IAM once it is replaced.'));
  } else {
    md.appendMarkdown(
      vscode.l10n.t('An API key secret lets anyone who reads it call Twilio as this key. Keep it out of code and read it from the environment.'),
    );
  }
  md.appendMarkdown('\n\n' + vscode.l10n.t('Moving a secret that was committed does not un-leak it: rotate it.'));
  md.appendMarkdown(`\n\n[${vscode.l10n.t('Learn more')}](${DOCS_URL})`);
  return md;
}
