// Rules about findings that the editor and the CLI share: which ones fail a check, and which SID
// belongs with a secret. Pure, like the rest of the engine.
import type { Finding, FindingKind, Severity } from './scan';

/** A secret in an env file: where secrets belong, as long as git keeps the file out of commits. */
export function isEnvFileSecret(f: Finding): boolean {
  return f.isSecret && f.fileRole === 'env-file';
}

/** A secret written into code (or any file but an env file): what the CodeLens and quick fixes are for. */
export function isHardcodedSecret(f: Finding): boolean {
  return f.isSecret && f.fileRole !== 'env-file';
}

/**
 * A finding that fails a check (the CLI's exit status, the workspace scan's count): a hardcoded
 * secret, or a secret in an env file git tracks or would commit. SIDs are identifiers: never.
 */
export function failsCheck(f: Finding, envFileCommitted: boolean): boolean {
  return isHardcodedSecret(f) || (envFileCommitted && isEnvFileSecret(f));
}

/** The findings of `kind`, nearest to `to` first (by start offset): the SID that goes with a secret. */
export function nearestFirst(findings: readonly Finding[], kind: FindingKind, to: Finding): Finding[] {
  const distance = (f: Finding) => Math.abs(f.range.start - to.range.start);
  return findings.filter((f) => f.kind === kind).sort((a, b) => distance(a) - distance(b));
}

/** One step quieter: what a finding on weak evidence gets where a confident one gets `severity`. */
export function quieter(severity: Severity): Severity {
  return severity === 'error' ? 'warning' : severity === 'warning' ? 'information' : 'hint';
}

/**
 * The severity of a secret in an env file git tracks or would commit (a leak like any other file):
 * a live one stays `error`, a confident one is `warning`, one judged on weak evidence `information`.
 * The CLI's staged and history modes and the editor use this one rule.
 */
export function committedSeverity(f: Finding): Severity {
  if (f.severity === 'error') return 'error';
  return f.confidence === 'low' ? quieter('warning') : 'warning';
}

/**
 * A user's chosen severity for hardcoded secrets in source files (`twilioCredentials.detection.severity`),
 * applied to a finding: a live secret keeps `error`; one judged on weak evidence is one step quieter
 * than the choice, as it is one step quieter than the default.
 */
export function withPreferredSeverity(f: Finding, preferred: Severity): Finding {
  if (!f.isSecret || f.fileRole !== 'source' || f.live) return f;
  return { ...f, severity: f.confidence === 'low' ? quieter(preferred) : preferred };
}
