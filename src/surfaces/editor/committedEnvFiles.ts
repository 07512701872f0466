import * as vscode from 'vscode';
import { gitFileStatus, committedReason } from '../../workspace/git/fileStatus';
import type { CommittedReason } from '../../workspace/dotenv/committed';
import { Disposable } from '../../core/util/disposable';
import { functionsProjectOf, type FunctionsProject } from '../../workspace/dotenv/functionsProject';
import { workspaceRoots } from '../../workspace/files/editorWorkspace';

const TTL_MS = 15_000;

/**
 * Whether git commits an env file, per file, cached for a few seconds and refreshed when a
 * `.gitignore` changes. Answers synchronously from the cache; a miss starts the lookup and fires
 * onDidChange with the file's URI once it is known. Git is never run in Restricted Mode: a hostile
 * repository's configuration is not given a chance (the findings then keep their usual severity).
 */
export class CommittedEnvFiles extends Disposable {
  private readonly cache = new Map<string, { reason: CommittedReason | undefined; at: number }>();
  private readonly pending = new Set<string>();
  /** Env files in a Twilio Functions project (functionsProject.ts): files beside them, read guarded, no git. */
  private readonly projects = new Map<string, { project: FunctionsProject | undefined; at: number }>();
  private readonly changed = this.own(new vscode.EventEmitter<vscode.Uri>());
  readonly onDidChange = this.changed.event;

  constructor() {
    super();
    const watcher = vscode.workspace.createFileSystemWatcher('**/.gitignore');
    const forget = () => this.cache.clear();
    const markers = vscode.workspace.createFileSystemWatcher('**/{.twiliodeployinfo,package.json}');
    const forgetProjects = () => this.projects.clear();
    this.own(
      watcher,
      watcher.onDidChange(forget),
      watcher.onDidCreate(forget),
      watcher.onDidDelete(forget),
      vscode.workspace.onDidSaveTextDocument((d) => this.cache.delete(d.uri.toString())),
      markers,
      markers.onDidChange(forgetProjects),
      markers.onDidCreate(forgetProjects),
      markers.onDidDelete(forgetProjects),
    );
  }

  /**
   * The Twilio Functions project an env file belongs to (cached like the git answer; a miss starts
   * the lookup and fires onDidChange once known). Reading files beside it runs nothing, so it
   * is answered in Restricted Mode too.
   */
  functionsProjectFor(uri: vscode.Uri): FunctionsProject | undefined {
    if (uri.scheme !== 'file') return undefined;
    const key = uri.toString();
    const hit = this.projects.get(key);
    if (!hit || Date.now() - hit.at > TTL_MS) void this.lookUpProject(uri);
    return hit?.project;
  }

  private async lookUpProject(uri: vscode.Uri): Promise<void> {
    const key = 'project:' + uri.toString();
    if (this.pending.has(key)) return;
    this.pending.add(key);
    try {
      const project = await functionsProjectOf(uri.fsPath, workspaceRoots());
      const before = this.projects.get(uri.toString());
      this.projects.set(uri.toString(), { project, at: Date.now() });
      if (before?.project?.folder !== project?.folder) this.changed.fire(uri);
    } finally {
      this.pending.delete(key);
    }
  }

  /** The cached reason, starting a lookup when there is none (or it is stale). */
  reasonFor(uri: vscode.Uri): CommittedReason | undefined {
    if (uri.scheme !== 'file' || !vscode.workspace.isTrusted) return undefined;
    const key = uri.toString();
    const hit = this.cache.get(key);
    if (!hit || Date.now() - hit.at > TTL_MS) void this.lookUp(uri);
    return hit?.reason;
  }

  private async lookUp(uri: vscode.Uri): Promise<void> {
    const key = uri.toString();
    if (this.pending.has(key)) return;
    this.pending.add(key);
    try {
      const reason = committedReason(await gitFileStatus(uri.fsPath));
      const before = this.cache.get(key);
      this.cache.set(key, { reason, at: Date.now() });
      if (before?.reason !== reason) this.changed.fire(uri);
    } finally {
      this.pending.delete(key);
    }
  }
}
