import * as vscode from 'vscode';
import { failsCheck, isEnvFileSecret, scanBytes } from '../../core/detection';
import type { IgnoreFiles } from './ignoreRules';
import type { LiveSecrets } from './liveSecrets';
import type { FindingDiagnostics } from './diagnostics';
import { detectionSettings } from '../../platform/config';
import { committedReason, gitFileStatus } from '../../workspace/git/fileStatus';
import { escalateCommittedEnvFindings } from '../../workspace/dotenv/committed';
import { workspaceFiles } from '../../workspace/files/editorWorkspace';
import { functionsProjectOf, noteFunctionsProject } from '../../workspace/dotenv/functionsProject';

export interface WorkspaceScanSummary {
  files: number;
  scanned: number;
  secrets: number;
  skipped: number;
  cancelled: boolean;
  /** The workspace has more files than one scan looks at (FILE_LIMITS.maxFiles): the rest were not scanned. */
  truncated: boolean;
}

/**
 * `twilioCredentials.scanWorkspace`: the workspace's files as the gate to workspace files gives
 * them (no links, pipes or devices, within the size limit, not ignored or excluded), with a
 * cancellable progress bar, results in Problems. Binary and UTF-16 files are skipped; open
 * documents keep their live scan.
 */
export async function scanWorkspace(ignore: IgnoreFiles, live: LiveSecrets, diagnostics: FindingDiagnostics): Promise<WorkspaceScanSummary> {
  const summary: WorkspaceScanSummary = { files: 0, scanned: 0, secrets: 0, skipped: 0, cancelled: false, truncated: false };
  await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Scanning the workspace for hardcoded Twilio credentials'), cancellable: true },
    async (progress, token) => {
      const open = new Set(vscode.workspace.textDocuments.filter((d) => d.uri.scheme === 'file').map((d) => d.uri.fsPath));
      const { total, truncated, files } = await workspaceFiles().sourceFilesToScan({ skip: (file) => open.has(file), cancel: token });
      summary.files = total;
      summary.truncated = truncated;
      const limits = new Map<string, number>(); // detection.maxFileSize, per workspace folder
      const maxFileSizeOf = (root: string) => {
        let n = limits.get(root);
        if (n === undefined) limits.set(root, (n = detectionSettings(vscode.Uri.file(root)).maxFileSize));
        return n;
      };
      let done = 0;
      for await (const item of files) {
        done++;
        if (done % 50 === 0) progress.report({ message: `${done}/${total}`, increment: (50 / total) * 100 });
        if (item.bytes === undefined) {
          summary.skipped++;
          continue;
        }
        const uri = vscode.Uri.file(item.path);
        // The CLI's rules: too large, binary or UTF-16 is skipped; nothing credential-shaped, not decoded.
        const findings = scanBytes(item.bytes, item.rel, {
          maxFileSize: maxFileSizeOf(item.root),
          dropByteOrderMark: true,
          // Read only for bytes that get scanned: asking LiveSecrets may start a reload.
          get knownSecretFingerprints() {
            return live.fingerprints();
          },
          get ignoreFingerprints() {
            return ignore.fingerprintsFor(uri);
          },
        });
        if (typeof findings === 'string') {
          summary.skipped++;
          continue;
        }
        summary.scanned++;
        // An env file's secrets are leaks when git tracks or would commit the file (trusted workspaces only: git is not run in Restricted Mode).
        const reason = vscode.workspace.isTrusted && findings.some(isEnvFileSecret) ? committedReason(await gitFileStatus(item.path)) : undefined;
        // A Functions project's .env is uploaded by `twilio serverless:deploy`: its findings say so.
        const project = findings.some(isEnvFileSecret) ? await functionsProjectOf(item.path, [item.root]) : undefined;
        const judged = noteFunctionsProject(escalateCommittedEnvFindings(findings, reason), project);
        summary.secrets += judged.filter((f) => failsCheck(f, !!reason)).length;
        diagnostics.setForFile(uri, judged);
      }
      summary.cancelled = token.isCancellationRequested;
    },
  );
  if (summary.truncated && !summary.cancelled) {
    void vscode.window.showWarningMessage(vscode.l10n.t('The workspace has more files than one scan looks at: the first {0} were scanned, the rest were not.', summary.files));
  }
  return summary;
}
