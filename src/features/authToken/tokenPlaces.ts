import * as vscode from 'vscode';
import { fingerprint } from '../../core/detection';
import { FILE_LIMITS } from '../../core/util/fileLimits';
import type { EnvIndex, EnvFileFacts } from '../../workspace/dotenv/envIndex';
import { isTemplateFile } from '../../workspace/dotenv/templates';
import { workspaceFiles } from '../../workspace/files/editorWorkspace';
import { linesOf } from '../../workspace/files/workspaceFiles';

export interface EnvMatch {
  file: EnvFileFacts;
  /** Variables whose value has the token's fingerprint. */
  names: string[];
}

/**
 * The workspace `.env` files whose variables hold `token`, compared by fingerprint, split into those
 * that can be updated and those that must not be (unparseable files, example files).
 */
export async function envFilesHolding(envIndex: EnvIndex, token: string): Promise<{ updatable: EnvMatch[]; notUpdatable: Array<{ label: string; reason: string }> }> {
  // Every .env file afresh: a rotation must match what the files hold now.
  await envIndex.rescan();
  const print = fingerprint(token);
  const updatable: EnvMatch[] = [];
  const notUpdatable: Array<{ label: string; reason: string }> = [];
  for (const file of envIndex.all()) {
    if (file.error) {
      if (file.rawText?.includes(token)) notUpdatable.push({ label: file.label, reason: file.error });
      continue;
    }
    const names = [...new Set(file.assignments.filter((a) => a.value.length === token.length && fingerprint(a.value) === print).map((a) => a.name))];
    if (!names.length) continue;
    if (isTemplateFile(file.uri.path)) {
      notUpdatable.push({ label: file.label, reason: templateReason() });
      continue;
    }
    updatable.push({ file, names });
  }
  return { updatable, notUpdatable };
}

/**
 * Why a template (`.env.example`, `config.sample.json`, any name `isTemplateFile` knows) holding
 * the token stops a rotation: it is meant to be committed, it never receives a value, and after
 * promotion the token left in it would be dead in every copy made from it.
 */
function templateReason(): string {
  return vscode.l10n.t('an example or template file, meant to be committed: replace the token in it with a placeholder');
}

/** The `path:line` places in template files, each with why it stops a rotation before promotion. */
export function templatePlaces(places: readonly string[]): string[] {
  return places.filter((p) => isTemplateFile(p.replace(/:\d+$/, ''))).map((p) => `${p} (${templateReason()})`);
}

/**
 * Where `token` is still written outside the `.env` files rotation updates: `path:line` for each
 * place in the files the gate to workspace files gives (an open editor's text, saved or not, in
 * place of its file's), and in untitled editors; at most `limit`. The token never leaves memory.
 */
export async function hardcodedPlaces(token: string, skip: ReadonlySet<string>, limit: number = FILE_LIMITS.maxResults): Promise<string[]> {
  const multiRoot = (vscode.workspace.workspaceFolders?.length ?? 0) > 1;
  const label = (uri: vscode.Uri, line: number) => `${vscode.workspace.asRelativePath(uri, multiRoot)}:${line}`;
  const open = new Map(vscode.workspace.textDocuments.filter((d) => d.uri.scheme === 'file').map((d) => [d.uri.fsPath, d]));
  const places: string[] = [];
  for (const doc of vscode.workspace.textDocuments) {
    if (doc.uri.scheme !== 'untitled' || skip.has(doc.uri.toString())) continue;
    for (const line of linesOf(doc.getText(), token)) places.push(label(doc.uri, line));
  }
  const inFiles = await workspaceFiles().filesHoldingValue(token, {
    limit: Math.max(0, limit - places.length),
    skip: (file) => skip.has(vscode.Uri.file(file).toString()),
    inHand: (file) => open.get(file)?.getText(),
  });
  return [...places, ...inFiles.map((p) => label(vscode.Uri.file(p.path), p.line))].slice(0, limit);
}
