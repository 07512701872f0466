import * as vscode from 'vscode';
import { redactForms, secretForms } from '../core/util/redact';
import { Disposable } from '../core/util/disposable';

/**
 * The extension's one output channel. Every line passes through redaction, and the secrets the
 * extension handles are registered here (in memory only) so they are masked even if some code
 * path tried to log one.
 */
export class Log extends Disposable {
  private readonly channel = this.own(vscode.window.createOutputChannel('Twilio Credentials', { log: true }));
  /** The secrets registered, each in every form it may take in a line (URL-encoded, base64…). */
  private readonly secrets = new Set<string>();

  /** Remember a secret for masking; never persisted. */
  protect(secret: string | undefined): void {
    if (secret) for (const form of secretForms(secret)) this.secrets.add(form);
  }

  info(message: string): void {
    this.channel.info(this.clean(message));
  }

  warn(message: string): void {
    this.channel.warn(this.clean(message));
  }

  error(message: string, error?: unknown): void {
    const detail = error instanceof Error ? `: ${error.message}` : error !== undefined ? `: ${String(error)}` : '';
    this.channel.error(this.clean(message + detail));
  }

  show(): void {
    this.channel.show(true);
  }

  private clean(text: string): string {
    return redactForms(text, this.secrets);
  }

  /** The channel goes first (with everything owned), then the secrets it masked are forgotten. */
  override dispose(): void {
    super.dispose();
    this.secrets.clear();
  }
}
