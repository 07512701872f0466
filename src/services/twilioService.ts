import * as vscode from 'vscode';
import { affectsSettings, requestTimeoutMs } from '../platform/config';
import type * as TwilioModule from '../core/twilio/index';
import type { Log } from '../platform/log';
import { readApiOrigin } from '../core/twilio/origin';
import { loadLazyBundle } from '../platform/lazyBundle';
import { Disposable } from '../core/util/disposable';

type TwilioApi = ReturnType<typeof TwilioModule.createTwilioApi>;

/**
 * Loads the Twilio bundle (dist/twilio.js, the only code that contains the `twilio` library) on
 * first use, so activation never pays for it, and hands out the API built on it.
 */
export class TwilioService extends Disposable {
  private api: Promise<TwilioApi> | undefined;

  constructor(
    private readonly log: Log,
    private readonly version: string,
  ) {
    super();
    // A new timeout applies to the next call: rebuild the API (the library stays loaded).
    this.own(
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (affectsSettings(e, 'requestTimeoutSeconds')) this.api = undefined;
      }),
    );
  }

  /** The API, loading the library on first call. */
  get(): Promise<TwilioApi> {
    this.api ??= Promise.resolve().then(() => {
      const started = Date.now();
      const mod = loadLazyBundle<typeof TwilioModule>('twilio');
      const origin = readApiOrigin(process.env);
      if (origin.rejected) this.log.warn(origin.rejected);
      if (origin.origin) this.log.info(`Twilio API requests go to ${origin.origin} (TWILIO_CREDENTIALS_API_ORIGIN).`);
      this.log.info(`Twilio library loaded in ${Date.now() - started} ms.`);
      return mod.createTwilioApi({
        apiOrigin: origin.origin,
        userAgent: `twilio-credentials-vscode/${this.version}`,
        timeoutMs: requestTimeoutMs(),
      });
    });
    this.api.catch(() => (this.api = undefined));
    return this.api;
  }

}

export type { TwilioApi };
