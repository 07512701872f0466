/**
 * A secret in an env file is where it belongs only while git keeps the file out of commits. When
 * the file is tracked, or not ignored, in a git repository, its secret findings are leaks: shown at
 * warning severity, with the reason. Pure (the git question is src/workspace/git/fileStatus.ts).
 */
import * as l10n from '@vscode/l10n';
import { type Finding, committedSeverity, isEnvFileSecret } from '../../core/detection';

export type CommittedReason = 'tracked' | 'not-ignored';

/** The reason, as a sentence to append to a finding's message. */
export function committedReasonText(reason: CommittedReason): string {
  return reason === 'tracked'
    ? l10n.t('This file is tracked by git, so the secret is committed: .gitignore does not untrack it; run git rm --cached on it and rotate the secret.')
    : l10n.t('This file is not ignored by git, so the secret would be committed: add it to .gitignore.');
}

/** Secret findings of a committed env file become warnings (information on weak evidence) that say why; everything else is unchanged. */
export function escalateCommittedEnvFindings(findings: readonly Finding[], reason: CommittedReason | undefined): Finding[] {
  if (!reason) return [...findings];
  return findings.map((f) =>
    isEnvFileSecret(f) ? { ...f, severity: committedSeverity(f), message: `${f.message}. ${committedReasonText(reason)}` } : f,
  );
}
