import * as path from 'path';
import * as vscode from 'vscode';
import { orCancel } from '../../platform/commands';
import { readTextGuarded, SafeFsError } from '../../workspace/files/safeFs';
import { workspaceRoots } from '../../workspace/files/editorWorkspace';

/** A file the user picks in the open dialog: the one thing an import reads. */
export async function pickFile(title: string, filters: Record<string, string[]>): Promise<vscode.Uri> {
  const picked = await vscode.window.showOpenDialog({ title, canSelectFiles: true, canSelectFolders: false, canSelectMany: false, filters, openLabel: vscode.l10n.t('Choose') });
  return orCancel(picked?.[0]);
}

/**
 * A file the user picked, read as UTF-8 text through the guarded file access: a regular file only
 * (no link, pipe or device), at most `maxBytes`. A file inside a workspace folder is checked from
 * the folder down (no link on the way); any other from its own folder. Its text stays in memory
 * with the caller, and no message repeats it.
 */
export async function readPickedFile(uri: vscode.Uri, maxBytes: number): Promise<string> {
  if (uri.scheme !== 'file') throw new Error(vscode.l10n.t('Choose a file on this computer.'));
  const file = uri.fsPath;
  const inWorkspace = workspaceRoots().filter((root) => !path.relative(root, file).startsWith('..') && !path.isAbsolute(path.relative(root, file)));
  const roots = inWorkspace.length ? inWorkspace : [path.dirname(file)];
  const label = path.basename(file);
  try {
    const read = await readTextGuarded(file, { roots, label, maxBytes });
    if (!read.exists) throw new Error(vscode.l10n.t('{0} does not exist.', label));
    return read.text;
  } catch (e) {
    // SafeFsError messages name the file, never its content.
    if (e instanceof SafeFsError) throw new Error(e.message);
    throw e;
  }
}
