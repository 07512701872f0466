/**
 * How much of a workspace is read, in one table: the extension's gate to workspace files
 * (src/workspace/files/workspaceFiles.ts), the `.env` reader and writer, the ignore-file readers and
 * the CLI (src/cli) all take their limits from here. The CLI's flags and the editor's settings may
 * override the size of a scanned file (`--max-file-size`, `twilioCredentials.detection.maxFileSize`,
 * whose default in package.json a unit test holds equal to `maxFileBytes`); nothing else changes them.
 */
export const FILE_LIMITS = {
  /** A source file larger than this is not scanned for credentials, nor searched for a value. */
  maxFileBytes: 1024 * 1024,
  /**
   * A `.env` file, a template or a `.gitignore` larger than this is neither read nor rewritten:
   * one value for the index, the writer and the picker, so every file the extension may change is
   * one whose assignments it can see.
   */
  maxEnvFileBytes: 5 * 1024 * 1024,
  /** A `.twilio-credentials-ignore` file is a few lines per accepted value; larger is refused, not read. */
  maxIgnoreFileBytes: 1024 * 1024,
  /** The CLI's baseline (`--baseline`): one line per accepted finding of a large repository. */
  maxBaselineBytes: 64 * 1024 * 1024,
  /** Files one look through the workspace considers (Scan Workspace, the places of a value); the rest is reported as not looked at. */
  maxFiles: 20_000,
  /** `.env*` files the extension knows in one workspace (the index, the picker). */
  maxEnvFiles: 200,
  /** Places listed where one value is written. */
  maxResults: 50,
} as const;
