// The transport handed to twilio-node as `httpClient`: its RequestClient plus
//  - rewriting https://*.twilio.com to the emulator origin (if one is configured), with the
//    original host in X-Twilio-Original-Host so the emulator can route and log region/edge;
//  - the call's AbortSignal (deadline and caller cancellation) on every attempt;
//  - retries (see retry.ts), which must live here: only here are Retry-After and the method seen.
import * as https from 'https';
import twilio from 'twilio';
import type RequestClientType from 'twilio/lib/base/RequestClient';
import type Response from 'twilio/lib/http/response';
import type { CallContext } from './call';
import { parseRetryAfter, retryAfterNetworkError, retryAfterResponse, RetrySettings } from './retry';

export const ORIGINAL_HOST_HEADER = 'X-Twilio-Original-Host';

// One keep-alive agent for all calls. It replaces the agent RequestClient builds, which reads
// HTTP_PROXY and TWILIO_CA_BUNDLE from the environment; VS Code's own proxy support patches Node's
// https module and so still applies to this agent.
const agent = new https.Agent({ keepAlive: true, maxSockets: 20 });

/** The URI to request, and the Twilio host it stands for when rewritten to the emulator. */
export function rewriteUri(uri: string, origin: string | undefined): { uri: string; originalHost?: string } {
  if (!origin) return { uri };
  const target = new URL(uri);
  if (target.protocol !== 'https:' || !/(^|\.)twilio\.com$/i.test(target.hostname)) return { uri };
  return { uri: `${origin}${target.pathname}${target.search}`, originalHost: target.host };
}

export class ApiHttpClient extends twilio.RequestClient {
  constructor(
    private readonly call: CallContext,
    private readonly origin: string | undefined,
    private readonly retry: RetrySettings,
  ) {
    // `ca` is set only so the base constructor does not read TWILIO_CA_BUNDLE; its agent is replaced.
    super({ timeout: call.timeoutMs, keepAlive: true, autoRetry: false, ca: '' });
    this.axios.defaults.httpsAgent = agent;
    this.axios.interceptors.request.use((config) => {
      config.signal = this.call.signal;
      return config;
    });
  }

  override async request<TData>(opts: RequestClientType.RequestOptions<TData>): Promise<Response<TData>> {
    const { uri, originalHost } = rewriteUri(opts.uri, this.origin);
    const method = String(opts.method);
    for (let attempt = 0; ; attempt++) {
      if (this.call.signal.aborted) throw new Error('aborted before sending');
      const headers = { ...opts.headers, ...(originalHost ? { [ORIGINAL_HOST_HEADER]: originalHost } : {}) };
      this.call.requestSent = true;
      let res: Response<TData>;
      try {
        res = await super.request({ ...opts, uri, headers });
      } catch (e) {
        if (this.call.signal.aborted) throw e;
        const decision = retryAfterNetworkError((e as { code?: string }).code, method, attempt, this.retry);
        if (!decision.retry || decision.delayMs > this.call.remainingMs()) throw e;
        this.call.retriedAfterAmbiguousFailure = true;
        await this.call.sleep(decision.delayMs);
        continue;
      }
      const retryAfter = res.statusCode === 429 ? parseRetryAfter(res.headers?.['retry-after']) : undefined;
      if (res.statusCode === 429) this.call.retryAfterSeconds = retryAfter;
      const decision = retryAfterResponse(res.statusCode, method, retryAfter, attempt, this.retry);
      // Waiting past the deadline only to time out would hide the real answer.
      if (!decision.retry || decision.delayMs > this.call.remainingMs()) return res;
      if (res.statusCode >= 500) this.call.retriedAfterAmbiguousFailure = true;
      await this.call.sleep(decision.delayMs);
    }
  }
}
