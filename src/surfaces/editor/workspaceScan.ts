import * as vscode from 'vscode';
import { exceedsMaxFileSize, failsCheck, isEnvFileSecret, matchesAnyGlob, scanBytes } from '../../core/detection';
import type { IgnoreFiles } from './ignoreRules';
import type { LiveSecrets } from './liveSecrets';
import type { FindingDiagnostics } from './diagnostics';
import { detectionSettings } from '../../platform/config';
import { committedReason, gitFileStatus } from '../../workspace/git/fileStatus';
import { escalateCommittedEnvFindings } from '../../workspace/dotenv/committed';
import { functionsProjectOf, noteFunctionsProject } from '../../workspace/dotenv/functionsProject';
import { workspaceRoots } from '../../workspace/dotenv/envWriter';

const DEFAULT_EXCLUDE = '**/{node_modules,.git,dist,out,build,.venv,venv,__pycache__,vendor}/**';

export interface WorkspaceScanSummary {
  files: number;
  scanned: number;
  secrets: number;
  skipped: number;
  cancelled: boolean;
}

/**
 * `twilioCredentials.scanWorkspace`: every workspace file, with a cancellable progress bar,
 * results in Problems. Binary and oversized files are skipped; open documents keep their live scan.
 */
export async function scanWorkspace(ignore: IgnoreFiles, live: LiveSecrets, diagnostics: FindingDiagnostics): Promise<WorkspaceScanSummary> {
  const settings = detectionSettings();
  const summary: WorkspaceScanSummary = { files: 0, scanned: 0, secrets: 0, skipped: 0, cancelled: false };
  await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Scanning the workspace for hardcoded Twilio credentials'), cancellable: true },
    async (progress, token) => {
      const uris = await vscode.workspace.findFiles('**/*', DEFAULT_EXCLUDE, undefined, token);
      summary.files = uris.length;
      const open = new Set(vscode.workspace.textDocuments.map((d) => d.uri.toString()));
      let done = 0;
      for (const uri of uris) {
        if (token.isCancellationRequested) {
          summary.cancelled = true;
          break;
        }
        done++;
        if (done % 50 === 0) progress.report({ message: `${done}/${uris.length}`, increment: (50 / uris.length) * 100 });
        const rel = vscode.workspace.asRelativePath(uri, false);
        if (open.has(uri.toString()) || matchesAnyGlob(rel, settings.exclude) || ignore.pathIgnored(uri)) continue;
        let bytes: Uint8Array;
        try {
          const stat = await vscode.workspace.fs.stat(uri);
          // Regular files only: a FIFO would block the read (and the extension host's I/O pool),
          // a device would never end, a link may point outside the workspace.
          if (stat.type !== vscode.FileType.File || exceedsMaxFileSize(stat.size, settings.maxFileSize)) {
            summary.skipped++;
            continue;
          }
          bytes = await vscode.workspace.fs.readFile(uri);
        } catch {
          summary.skipped++;
          continue;
        }
        // The CLI's rules: too large, binary or UTF-16 is skipped; nothing credential-shaped, not decoded.
        const findings = scanBytes(bytes, rel, {
          maxFileSize: settings.maxFileSize,
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
        const reason = vscode.workspace.isTrusted && uri.scheme === 'file' && findings.some(isEnvFileSecret) ? committedReason(await gitFileStatus(uri.fsPath)) : undefined;
        const project = uri.scheme === 'file' && findings.some(isEnvFileSecret) ? await functionsProjectOf(uri.fsPath, workspaceRoots()) : undefined;
        const judged = noteFunctionsProject(escalateCommittedEnvFindings(findings, reason), project);
        summary.secrets += judged.filter((f) => failsCheck(f, !!reason)).length;
        diagnostics.setForFile(uri, judged);
      }
    },
  );
  return summary;
}
