import * as vscode from 'vscode';
import { readEnvFile } from './envFile';
import { workspaceFiles, workspaceRoots } from '../files/editorWorkspace';
import { Disposable } from '../../core/util/disposable';

/** What one workspace `.env*` file assigns. Values stay in memory only. */
export interface EnvFileFacts {
  uri: vscode.Uri;
  /** Workspace-relative path for display. */
  label: string;
  assignments: Array<{ name: string; value: string; line: number }>;
  /** Set when the file could not be parsed: it is then never rewritten. */
  error?: string;
  /** A malformed file's text (memory only), so a key it mentions is still noticed. */
  rawText?: string;
}

/**
 * Knows which workspace `.env*` files exist and what they assign, so the tree can say where a key
 * is referenced, delete can warn, and rotation can update them. The files are the ones the gate to
 * workspace files gives (src/workspace/files/workspaceFiles.ts: no links, pipes or devices, within
 * the size limit, not ignored or excluded). Kept fresh by a file watcher, and by EnvWriter, which
 * refreshes a file here before its write resolves.
 */
export class EnvIndex extends Disposable {
  private files = new Map<string, EnvFileFacts>();
  private ready: Promise<void> | undefined;
  private readonly changed = this.own(new vscode.EventEmitter<void>());
  readonly onDidChange = this.changed.event;

  constructor() {
    super();
    const watcher = vscode.workspace.createFileSystemWatcher('**/.env*');
    const reindex = (uri: vscode.Uri) => void this.indexFile(uri).then(() => this.changed.fire());
    this.own(
      watcher,
      watcher.onDidCreate(reindex),
      watcher.onDidChange(reindex),
      watcher.onDidDelete((uri) => {
        this.files.delete(uri.toString());
        this.changed.fire();
      }),
      vscode.workspace.onDidChangeWorkspaceFolders(() => {
        this.ready = undefined;
        void this.whenReady().then(() => this.changed.fire());
      }),
    );
  }

  /** Scans the workspace once (lazily: only when something asks). */
  whenReady(): Promise<void> {
    this.ready ??= (async () => {
      const found = await workspaceFiles().envFiles();
      this.files = new Map();
      await Promise.all(found.map((f) => this.read(vscode.Uri.file(f.path))));
    })();
    return this.ready;
  }

  /**
   * Finds and reads every `.env` file afresh: the watcher may not have seen a file written a
   * moment ago by something else, and a rotation must match what the files hold now.
   */
  async rescan(): Promise<void> {
    this.ready = undefined;
    await this.whenReady();
    this.changed.fire();
  }

  all(): EnvFileFacts[] {
    return [...this.files.values()].sort((a, b) => a.label.localeCompare(b.label));
  }

  /** Labels of files with a variable whose value is exactly `value` (a key SID, say). */
  filesReferencing(value: string): string[] {
    if (!this.ready) void this.whenReady().then(() => this.changed.fire());
    return this.referencing(value).map((r) => r.file.label);
  }

  /**
   * Files that use `value`: the names holding it, or, for a file that could not be parsed, no
   * names and the file's `error` (callers must not rewrite it, but should say it uses the value).
   */
  referencing(value: string): Array<{ file: EnvFileFacts; names: string[] }> {
    return this.all()
      .map((file) => ({ file, names: file.assignments.filter((a) => a.value === value).map((a) => a.name) }))
      .filter((r) => r.names.length > 0 || (r.file.rawText !== undefined && r.file.rawText.includes(value)));
  }

  async refresh(uri: vscode.Uri): Promise<void> {
    await this.indexFile(uri);
    this.changed.fire();
  }

  /** Indexes one file if the gate would give it, and forgets it otherwise. */
  private async indexFile(uri: vscode.Uri): Promise<void> {
    if (uri.scheme === 'file' && (await workspaceFiles().envFile(uri.fsPath))) await this.read(uri);
    else this.files.delete(uri.toString());
  }

  private async read(uri: vscode.Uri): Promise<void> {
    const label = vscode.workspace.asRelativePath(uri, (vscode.workspace.workspaceFolders?.length ?? 0) > 1);
    // Guarded: a link, pipe or device is never followed or read; the size is capped; bytes that
    // are not UTF-8 make the file "unparseable" (never rewritten), not U+FFFD.
    const read = await readEnvFile(uri.fsPath, { roots: workspaceRoots(), label });
    if (read.kind === 'missing') this.files.delete(uri.toString());
    else if (read.kind === 'error') this.files.set(uri.toString(), { uri, label, assignments: [], error: read.error, rawText: read.text });
    else this.files.set(uri.toString(), { uri, label, assignments: read.assignments });
  }
}
