// The detection engine's public surface. Pure TypeScript: no `vscode`, no I/O, so the editor,
// the CLI and the tests all run the same code.

export { scanText } from './scan';
export type { Finding, FindingKind, Severity, ScanOptions, FixContext, TwilioCall, EnvVarName } from './scan';
export type { Confidence } from './rules';
export type { TextRange } from './positions';
export { fingerprint, isFingerprint, sha256Hex, sha256Portable } from './fingerprint';
export { mightContainSecret, findCandidates } from './candidates';
export type { Candidate, CandidateShape } from './candidates';
export { detectLanguage, fileRole, isDotenvPath, isEnvFormat, isTestPath, isLockfile, envLookup } from './languages';
export type { LanguageId, FileRole } from './languages';
export {
  IGNORE_COMMENT, IGNORE_FILE_NAME, parseIgnoreFile, addIgnoreEntry, IGNORE_FILE_HEADER, matchesAnyGlob,
  FOREIGN_SAME_LINE_MARKERS, FOREIGN_NEXT_LINE_MARKERS, IGNORE_FILE_LIMITS,
} from './ignore';
export type { IgnoreRules, InlineSuppression } from './ignore';
export { isPlaceholder } from './placeholders';
export { exceedsMaxFileSize, scanBytes, sniffEncoding } from './fileBytes';
export type { ByteScanOptions, ByteSkipReason } from './fileBytes';
export { committedSeverity, failsCheck, isEnvFileSecret, isHardcodedSecret, nearestFirst, quieter, withPreferredSeverity } from './findingRules';
