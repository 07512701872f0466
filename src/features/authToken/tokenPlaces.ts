import * as vscode from 'vscode';
import { fingerprint } from '../../core/detection';
import type { EnvIndex, EnvFileFacts } from '../../workspace/dotenv/envIndex';
import { isTemplateFile } from '../../workspace/dotenv/templates';

const EXCLUDE = '**/{node_modules,.git,dist,out,build,.venv,venv,__pycache__,vendor}/**';
const MAX_FILES = 5000;
const MAX_BYTES = 1024 * 1024;

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
  await envIndex.whenReady();
  // Read every .env file afresh: the index follows a file watcher, which may not have seen a file
  // written a moment ago, and a rotation must match what the files hold now.
  const uris = await vscode.workspace.findFiles('**/.env*', '**/{node_modules,.git}/**', 200);
  for (const uri of uris) await envIndex.refresh(uri);
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
 * occurrence in workspace files (and unsaved editors), at most `limit`. Reads bytes only; the
 * token never leaves memory.
 */
export async function hardcodedPlaces(token: string, skip: ReadonlySet<string>, limit = 50): Promise<string[]> {
  const places: string[] = [];
  const needle = Buffer.from(token, 'utf8');
  const seen = new Set<string>();
  const record = (uri: vscode.Uri, text: string) => {
    let from = 0;
    for (;;) {
      const at = text.indexOf(token, from);
      if (at < 0 || places.length >= limit) return;
      const line = text.slice(0, at).split(/\r\n|\r|\n/).length;
      places.push(`${vscode.workspace.asRelativePath(uri, (vscode.workspace.workspaceFolders?.length ?? 0) > 1)}:${line}`);
      from = at + token.length;
    }
  };
  for (const doc of vscode.workspace.textDocuments) {
    if (doc.uri.scheme !== 'file' && doc.uri.scheme !== 'untitled') continue;
    seen.add(doc.uri.toString());
    if (skip.has(doc.uri.toString())) continue;
    record(doc.uri, doc.getText());
  }
  const uris = await vscode.workspace.findFiles('**/*', EXCLUDE, MAX_FILES);
  for (const uri of uris) {
    if (places.length >= limit) break;
    if (seen.has(uri.toString()) || skip.has(uri.toString())) continue;
    try {
      const stat = await vscode.workspace.fs.stat(uri);
      if (stat.size > MAX_BYTES || stat.type !== vscode.FileType.File) continue;
      const bytes = Buffer.from(await vscode.workspace.fs.readFile(uri));
      if (bytes.indexOf(needle) < 0) continue;
      record(uri, bytes.toString('utf8'));
    } catch {
      // unreadable: nothing to report
    }
  }
  return places;
}
