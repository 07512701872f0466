/**
 * The gate to workspace files (./workspaceFiles.ts) in the editor: the workspace folders on disk,
 * VS Code's file search (which applies `files.exclude`) as the finder of candidates, and the
 * `twilioCredentials.detection.*` settings of each folder. Every caller in the extension that finds
 * or reads workspace files asks `workspaceFiles()`.
 */
import * as vscode from 'vscode';
import { detectionSettings } from '../../platform/config';
import { WorkspaceFiles, type WorkspaceHost } from './workspaceFiles';

/** The workspace folders on disk: every file the extension reads or writes must stay inside one. */
export function workspaceRoots(): string[] {
  return (vscode.workspace.workspaceFolders ?? []).filter((f) => f.uri.scheme === 'file').map((f) => f.uri.fsPath);
}

const host: WorkspaceHost = {
  roots: workspaceRoots,
  async find(glob, exclude, max, cancel) {
    const uris = await vscode.workspace.findFiles(glob, exclude, max, cancel as vscode.CancellationToken | undefined);
    return uris.filter((u) => u.scheme === 'file').map((u) => u.fsPath);
  },
  excludeGlobs: (root) => detectionSettings(vscode.Uri.file(root)).exclude,
  maxScanBytes: (root) => detectionSettings(vscode.Uri.file(root)).maxFileSize,
};

const gate = new WorkspaceFiles(host);

/** The gate, over the open workspace. */
export function workspaceFiles(): WorkspaceFiles {
  return gate;
}

/**
 * The document at `uri`: the open one when there is one (its text may be unsaved), else the file,
 * opened only after the gate's check (a command argument or a stale finding may name a link, a
 * pipe, a device or a file outside the workspace). Throws a message naming the file when refused.
 */
export async function openWorkspaceDocument(uri: vscode.Uri): Promise<vscode.TextDocument> {
  const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
  if (open) return open;
  if (uri.scheme === 'file') gate.checkDocument(uri.fsPath, vscode.workspace.asRelativePath(uri, true));
  return vscode.workspace.openTextDocument(uri);
}
