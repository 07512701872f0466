import * as vscode from 'vscode';
import { decodeOrRefuse, updateGuarded } from '../../workspace/files/safeFs';
import { readIgnoreFile } from '../../workspace/files/workspaceFiles';
import { IgnoreRules, IGNORE_FILE_NAME, IGNORE_FILE_HEADER, matchesAnyGlob, addIgnoreEntry } from '../../core/detection';
import { Disposable } from '../../core/util/disposable';
import { FILE_LIMITS } from '../../core/util/fileLimits';

/**
 * The `.twilio-credentials-ignore` file of each workspace folder (the same file the CLI reads),
 * kept fresh by a watcher.
 */
export class IgnoreFiles extends Disposable {
  private readonly rules = new Map<string, IgnoreRules>();
  private readonly changed = this.own(new vscode.EventEmitter<void>());
  readonly onDidChange = this.changed.event;

  /** Why a folder's ignore file was not read (a link, a pipe, too large, not UTF-8…), by folder. */
  readonly refused = new Map<string, string>();

  constructor(private readonly onRefused: (message: string) => void = () => undefined) {
    super();
    const watcher = vscode.workspace.createFileSystemWatcher(`**/${IGNORE_FILE_NAME}`);
    const reload = () => void this.loadAll().then(() => this.changed.fire());
    this.own(watcher, watcher.onDidChange(reload), watcher.onDidCreate(reload), watcher.onDidDelete(reload));
  }

  async loadAll(): Promise<void> {
    this.rules.clear();
    this.refused.clear();
    for (const folder of vscode.workspace.workspaceFolders ?? []) {
      if (folder.uri.scheme !== 'file') continue;
      // Guarded, as the gate to workspace files reads it: a link (to /dev/zero, say), pipe or huge file is refused, not read.
      const r = await readIgnoreFile(folder.uri.fsPath, vscode.workspace.asRelativePath(vscode.Uri.joinPath(folder.uri, IGNORE_FILE_NAME), true));
      if (r.rules) this.rules.set(folder.uri.toString(), r.rules);
      if (r.refused !== undefined) {
        this.refused.set(folder.uri.toString(), r.refused);
        this.onRefused(r.refused);
      }
    }
  }

  fingerprintsFor(uri: vscode.Uri): Set<string> {
    const folder = vscode.workspace.getWorkspaceFolder(uri);
    return (folder && this.rules.get(folder.uri.toString())?.fingerprints) || new Set();
  }

  /** True when a path glob in the folder's ignore file covers the document. */
  pathIgnored(uri: vscode.Uri): boolean {
    const folder = vscode.workspace.getWorkspaceFolder(uri);
    const rules = folder && this.rules.get(folder.uri.toString());
    if (!folder || !rules?.pathGlobs.length) return false;
    return matchesAnyGlob(vscode.workspace.asRelativePath(uri, false), rules.pathGlobs);
  }

  /**
   * Adds a fingerprint to the folder's ignore file (creating it only when it does not exist),
   * preserving what is there. Refused in Restricted Mode, and when the file is a link, a pipe, not
   * UTF-8 or unreadable (then it throws and nothing changes).
   */
  async addFingerprint(uri: vscode.Uri, fingerprint: string, note: string): Promise<vscode.Uri | undefined> {
    if (!vscode.workspace.isTrusted) {
      void vscode.window.showWarningMessage(vscode.l10n.t('Writing {0} is disabled in Restricted Mode. Trust this workspace to allow it.', IGNORE_FILE_NAME));
      return undefined;
    }
    const folder = vscode.workspace.getWorkspaceFolder(uri) ?? vscode.workspace.workspaceFolders?.[0];
    if (!folder || folder.uri.scheme !== 'file') return undefined;
    const file = vscode.Uri.joinPath(folder.uri, IGNORE_FILE_NAME);
    const opts = { roots: [folder.uri.fsPath], label: vscode.workspace.asRelativePath(file, true), maxBytes: FILE_LIMITS.maxIgnoreFileBytes };
    await updateGuarded(
      file.fsPath,
      (current) => {
        const next = addIgnoreEntry(current.exists ? decodeOrRefuse(current.bytes, file.fsPath, opts) : IGNORE_FILE_HEADER, fingerprint, note);
        return next.changed ? { data: next.text, mode: current.exists ? current.mode : 0o644, value: undefined } : { value: undefined };
      },
      opts,
    );
    await this.loadAll();
    this.changed.fire();
    return file;
  }
}
