import * as vscode from 'vscode';
import type { Finding } from '../../core/detection';
import type { FirstCommit, FirstCommitIndex } from '../../workspace/git/firstCommit';
import type { Log } from '../../platform/log';
import { Disposable } from '../../core/util/disposable';
import { gitModule } from './gitModule';

/** How long after a document's findings change before its history is looked up. */
const LOOKUP_DELAY_MS = 400;
/** How long a hover waits for a first lookup before showing what it has. */
const HOVER_WAIT_MS = 2000;

/**
 * "Also in git history" for hardcoded secrets: the first commit that added the value to the
 * file, for the hover and the Problems entry. Runs git, so only in trusted workspaces; lazily
 * (after the diagnostics are shown, or on hover), cancellable, and cached by file and HEAD in
 * FirstCommitIndex, so typing never waits for it.
 */
export class GitHistoryNotes extends Disposable {
  private indexInstance: FirstCommitIndex | undefined;
  /** Answers already known, by document and fingerprint (null: not in history). */
  private readonly known = new Map<string, Map<string, FirstCommit | null>>();
  private readonly pending = new Map<string, { timer: NodeJS.Timeout; controller: AbortController }>();
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changed.event;
  private warned = false;

  constructor(private readonly log: Log) {
    super();
    // Released in this order: pending lookups cancelled first, then the index (and its git
    // processes), then the event. The index is created lazily, so it is reached when released.
    this.own({ dispose: () => this.cancelPending() }, { dispose: () => this.indexInstance?.dispose() }, this.changed);
  }

  /** Created (and dist/git.js loaded) on the first lookup. */
  private get index(): FirstCommitIndex {
    this.indexInstance ??= new (gitModule().FirstCommitIndex)();
    return this.indexInstance;
  }

  enabled(uri: vscode.Uri): boolean {
    return vscode.workspace.isTrusted && uri.scheme === 'file';
  }

  /** The known first commit of a finding, without waiting. */
  noteFor(uri: vscode.Uri, f: Finding): FirstCommit | undefined {
    return this.known.get(uri.toString())?.get(f.fingerprint) ?? undefined;
  }

  /** Looks the document's secrets up in the background; `onDidChange` fires when an answer changes. */
  request(uri: vscode.Uri, findings: readonly Finding[]): void {
    const key = uri.toString();
    const old = this.pending.get(key);
    if (old) {
      clearTimeout(old.timer);
      old.controller.abort();
      this.pending.delete(key);
    }
    const secrets = findings.filter((f) => f.isSecret);
    if (!this.enabled(uri) || secrets.length === 0) return;
    const controller = new AbortController();
    const timer = setTimeout(() => {
      void this.index.forFile(uri.fsPath, controller.signal).then(
        (map) => {
          if (this.pending.get(key)?.controller === controller) this.pending.delete(key);
          this.remember(uri, secrets, map);
        },
        (e) => {
          if (this.pending.get(key)?.controller === controller) this.pending.delete(key);
          this.failed(e);
        },
      );
    }, LOOKUP_DELAY_MS);
    this.pending.set(key, { timer, controller });
  }

  /** For the hover: waits (briefly, cancellably) for the answer. */
  async lookup(uri: vscode.Uri, f: Finding, token: vscode.CancellationToken): Promise<FirstCommit | undefined> {
    if (!this.enabled(uri) || !f.isSecret) return undefined;
    const controller = new AbortController();
    const sub = token.onCancellationRequested(() => controller.abort());
    const timer = setTimeout(() => controller.abort(), HOVER_WAIT_MS);
    try {
      const map = await this.index.forFile(uri.fsPath, controller.signal);
      this.remember(uri, [f], map);
      return map?.get(f.fingerprint);
    } catch (e) {
      this.failed(e);
      return undefined;
    } finally {
      clearTimeout(timer);
      sub.dispose();
    }
  }

  private remember(uri: vscode.Uri, secrets: readonly Finding[], map: Map<string, FirstCommit> | undefined): void {
    const key = uri.toString();
    let forDoc = this.known.get(key);
    if (!forDoc) this.known.set(key, (forDoc = new Map()));
    let changed = false;
    for (const f of secrets) {
      const answer = map?.get(f.fingerprint) ?? null;
      const before = forDoc.get(f.fingerprint);
      if (before === undefined ? answer !== null : before?.commit !== answer?.commit) changed = true;
      forDoc.set(f.fingerprint, answer);
    }
    if (changed) this.changed.fire(uri);
  }

  private failed(e: unknown): void {
    if ((e as Error)?.name === 'AbortError') return;
    if (!this.warned) {
      this.warned = true;
      this.log.warn(`Git history lookup unavailable: ${(e as Error)?.message ?? e}`);
    }
  }

  forget(uri: vscode.Uri): void {
    this.known.delete(uri.toString());
  }

  private cancelPending(): void {
    for (const p of this.pending.values()) {
      clearTimeout(p.timer);
      p.controller.abort();
    }
    this.pending.clear();
  }
}

/** One sentence for the hover and the Problems entry. */
export function historySentence(fc: FirstCommit): string {
  return vscode.l10n.t('First committed in {0} on {1}: moving it does not un-leak it, rotate it.', fc.commit.slice(0, 7), fc.date.slice(0, 10));
}
