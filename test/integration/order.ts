// The order the in-host suites run in (pure: unit-tested in plain Node). The secret-leak audit
// searches every file the session wrote, so it runs after every other suite by design: whatever
// the files are called, and whether the list came from the folder or from the command line.
import * as path from 'path';

/** The audit suite's compiled file name. */
export const AUDIT_FILE = 'audit.test.js';

export const isAudit = (file: string): boolean => path.basename(file) === AUDIT_FILE;

/** The files to run: the others in the order given, then the audit (if it is among them). */
export function runOrder(files: readonly string[]): string[] {
  return [...files.filter((f) => !isAudit(f)), ...files.filter(isAudit)];
}
