import * as vscode from 'vscode';
import { parseIgnoreFile, IgnoreRules, IGNORE_FILE_NAME, IGNORE_FILE_HEADER, matchesAnyGlob, addIgnoreEntry } from '../detection';

/**
 * The `.twilio-credentials-ignore` file of each workspace folder (the same file the CLI reads),
 * kept fresh by a watcher.
 */
export class IgnoreFiles implements vscode.Disposable {
  private readonly rules = new Map<string, IgnoreRules>();
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;
  private readonly disposables: vscode.Disposable[] = [this.changed];

  constructor() {
    const watcher = vscode.workspace.createFileSystemWatcher(`**/${IGNORE_FILE_NAME}`);
    const reload = () => void this.loadAll().then(() => this.changed.fire());
    this.disposables.push(watcher, watcher.onDidChange(reload), watcher.onDidCreate(reload), watcher.onDidDelete(reload));
  }

  async loadAll(): Promise<void> {
    this.rules.clear();
    for (const folder of vscode.workspace.workspaceFolders ?? []) {
      try {
        const bytes = await vscode.workspace.fs.readFile(vscode.Uri.joinPath(folder.uri, IGNORE_FILE_NAME));
        this.rules.set(folder.uri.toString(), parseIgnoreFile(new TextDecoder().decode(bytes)));
      } catch {
        // no ignore file in this folder
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

  /** Adds a fingerprint to the folder's ignore file (creating it), preserving what is there. */
  async addFingerprint(uri: vscode.Uri, fingerprint: string, note: string): Promise<vscode.Uri | undefined> {
    const folder = vscode.workspace.getWorkspaceFolder(uri) ?? vscode.workspace.workspaceFolders?.[0];
    if (!folder) return undefined;
    const file = vscode.Uri.joinPath(folder.uri, IGNORE_FILE_NAME);
    let text: string;
    try {
      // ignoreBOM: keep a BOM the file starts with, so writing it back changes only the new line
      text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(await vscode.workspace.fs.readFile(file));
    } catch {
      text = IGNORE_FILE_HEADER;
    }
    const next = addIgnoreEntry(text, fingerprint, note);
    if (!next.changed) return file;
    await vscode.workspace.fs.writeFile(file, new TextEncoder().encode(next.text));
    await this.loadAll();
    this.changed.fire();
    return file;
  }

  dispose(): void {
    for (const d of this.disposables.splice(0)) d.dispose();
  }
}
