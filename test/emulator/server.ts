// A local stand-in for Twilio's key APIs (REST 2010-04-01, IAM v1, Accounts v1) and the other places
// an account keeps credentials (Serverless v1 variables, Accounts v1 credentials, Conversations v1
// push credentials) on 127.0.0.1, with fault injection, a request log and an admin endpoint. Pure
// Node `http`; see README.md for the choices.
import * as http from 'http';
import type { AddressInfo } from 'net';
import { handleAdmin } from './admin';
import { accountsRoutes } from './accounts';
import { accountCredentialRoutes } from './accountCredentials';
import { authenticate, Product } from './auth';
import { Faults, FaultKind } from './faults';
import { parseTwilioHost } from './hosts';
import { refusal } from './requestGuard';
import { iamRoutes } from './iam';
import { newSid } from './ids';
import { pushCredentialRoutes } from './pushCredentials';
import { Ctx, findRoute, Reply, Route } from './router';
import { serverlessRoutes } from './serverless';
import { EmulatorState, SeedFile } from './state';
import { ApiError, errors } from './twilioErrors';
import { v2010Routes } from './v2010';

export type { FaultKind, FaultSpec, ActiveFault } from './faults';
export type { AccountRecord, KeyRecord, KeyType, SeedAccount, SeedFile, SeedKey, SeedResult } from './state';
export type * from './records';
export { EmulatorState } from './state';
export { PERMISSIONS } from './auth';
export { FLAGS } from './resources';

/** The header through which a rewriting client passes the Twilio host it meant to call. */
export const ORIGINAL_HOST_HEADER = 'x-twilio-original-host';

export interface EmulatorOptions {
  /** 0 (the default) picks a free port. */
  port?: number;
  /** Extra Standard keys added to the primary account (10,000 takes well under a second). */
  keys?: number;
  /** Accounts and keys to start with; the first account becomes the primary one. */
  seed?: SeedFile;
  /** Maximum keys per account before creates fail with 70151 (default 20,000). */
  keyLimit?: number;
  /** Called once per API request after it is answered (the CLI prints these to stderr). */
  onRequest?: (entry: RequestLogEntry) => void;
  /** The log keeps the most recent entries only (default 10,000). */
  maxLogEntries?: number;
}

export interface KeyCredentials {
  sid: string;
  secret: string;
}

export interface RequestLogEntry {
  id: number;
  method: string;
  /** Path without the query string. */
  path: string;
  /** The query string including `?`, or ''. */
  query: string;
  /** The HTTP status sent, or what happened instead of an answer. */
  status: number | 'reset' | 'hang' | 'dropped';
  /** For `dropped`: the status the applied request would have had. */
  appliedStatus?: number;
  /** The Twilio host the client meant (X-Twilio-Original-Host), else the Host header. */
  host: string;
  region?: string;
  edge?: string;
  /** Basic-auth user (an AC/SK SID, never the password). */
  user?: string;
  fault?: FaultKind;
  durationMs: number;
}

/** One answered request with its bodies, for observers such as the contract suite. */
export interface Exchange {
  entry: RequestLogEntry;
  requestBody: string;
  responseHeaders: http.OutgoingHttpHeaders;
  responseBody: string;
}

export interface Emulator {
  readonly url: string;
  readonly port: number;
  readonly accountSid: string;
  readonly authToken: string;
  readonly mainKey: KeyCredentials;
  readonly standardKey: KeyCredentials;
  readonly state: EmulatorState;
  readonly faults: Faults;
  /** Requests in arrival order (most recent `maxLogEntries`). */
  readonly requests: readonly RequestLogEntry[];
  clearRequests(): void;
  /** Calls `listener` for every API exchange; returns an unsubscribe function. */
  observe(listener: (exchange: Exchange) => void): () => void;
  /** Back to the state right after start (same credentials), no faults, empty log, hung requests dropped. */
  reset(): void;
  close(): Promise<void>;
}

const MAX_BODY = 1 << 20;

function readBody(req: http.IncomingMessage): Promise<string | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size <= MAX_BODY) chunks.push(c);
    });
    req.on('end', () => resolve(size > MAX_BODY ? undefined : Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

/** A path segment with %-escapes decoded; a malformed escape is left as it is (and then not found). */
function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

/**
 * Which Twilio API serves a path: /2010-04-01 the REST API; /v1/AuthTokens and
 * /v1/Credentials/{PublicKeys,AWS} Accounts v1; other /v1/Credentials Conversations (push
 * credentials, CR… SIDs); /v1/Services Serverless; any other /v1 IAM.
 */
export function productOf(path: string): Product | undefined {
  if (path.startsWith('/2010-04-01/')) return 'api';
  if (/^\/v1\/(AuthTokens|Credentials\/(PublicKeys|AWS))(\/|$)/.test(path)) return 'accounts';
  if (/^\/v1\/Credentials(\/|$)/.test(path)) return 'conversations';
  if (/^\/v1\/Services(\/|$)/.test(path)) return 'serverless';
  if (path.startsWith('/v1/')) return 'iam';
  return undefined;
}

const ROUTES: Record<Product, Route[]> = {
  api: v2010Routes,
  iam: iamRoutes,
  accounts: [...accountsRoutes, ...accountCredentialRoutes],
  serverless: serverlessRoutes,
  conversations: pushCredentialRoutes,
};

function basicUser(header: string | undefined): string | undefined {
  const m = /^Basic\s+([A-Za-z0-9+/=]+)/i.exec(header ?? '');
  if (!m) return undefined;
  const user = Buffer.from(m[1], 'base64').toString('utf8').split(':')[0];
  return /^(AC|SK)[0-9a-fA-F]{32}$/.test(user) ? user : undefined;
}

/** Creates the primary account with one Main and one Standard key, plus `keys` extra Standard keys. */
function populate(state: EmulatorState, opts: EmulatorOptions) {
  const primary = opts.seed ? state.seed(opts.seed)[0] : state.addAccount({ friendlyName: 'Emulated account' });
  if (!primary) throw new Error('seed: the seed file lists no account');
  const ofType = (t: 'main' | 'standard') => state.keysOf(primary.sid).find((k) => k.type === t);
  const main = ofType('main') ?? state.addKey(primary.sid, { type: 'main', friendlyName: 'Main key (emulator)' });
  const standard = ofType('standard') ?? state.addKey(primary.sid, { type: 'standard', friendlyName: 'Standard key (emulator)' });
  for (let i = 1; i <= (opts.keys ?? 0); i++) state.addKey(primary.sid, { friendlyName: `Seeded key ${i}` });
  return { primary, main, standard };
}

export async function startEmulator(opts: EmulatorOptions = {}): Promise<Emulator> {
  const state = new EmulatorState();
  if (opts.keyLimit !== undefined) state.keyLimit = opts.keyLimit;
  const { primary, main, standard } = populate(state, opts);
  const initial = state.snapshot();
  const faults = new Faults();
  const maxLog = opts.maxLogEntries ?? 10_000;
  let log: RequestLogEntry[] = [];
  let nextId = 1;
  const observers = new Set<(e: Exchange) => void>();
  const hung = new Set<http.ServerResponse>();

  function record(entry: RequestLogEntry, exchange?: Omit<Exchange, 'entry'>): void {
    log.push(entry);
    if (log.length > maxLog) log = log.slice(-maxLog);
    opts.onRequest?.(entry);
    if (exchange) for (const o of observers) o({ entry, ...exchange });
  }

  function dispatch(req: http.IncomingMessage, url: URL, form: URLSearchParams, originalHost: string | undefined): Reply {
    const path = url.pathname;
    const method = (req.method ?? 'GET').toUpperCase();
    try {
      const principal = authenticate(req.headers.authorization, state);
      const product = productOf(path);
      const routes = product ? ROUTES[product] : [];
      // Routing is by path; when the client says which Twilio host it meant, that host must
      // serve the path too, so a client sending IAM calls to api.twilio.com is caught.
      if (originalHost !== undefined && parseTwilioHost(originalHost)?.product !== product) {
        throw errors.notFound(path);
      }
      const { route, params, pathKnown } = findRoute(routes, method, path);
      if (!route) throw pathKnown ? errors.methodNotAllowed(method) : errors.notFound(path);
      const host = originalHost ?? req.headers.host ?? '127.0.0.1';
      const ctx: Ctx = {
        method,
        path,
        product: product ?? 'iam',
        query: url.searchParams,
        form,
        params: params.map(decodeSegment),
        state,
        principal,
        publicOrigin: originalHost !== undefined ? `https://${originalHost}` : `http://${host}`,
      };
      return route.handle(ctx);
    } catch (e) {
      if (e instanceof ApiError) return { status: e.status, body: e.body(), headers: e.headers };
      process.stderr.write(`emulator: internal error on ${method} ${path}: ${(e as Error).stack}\n`);
      return { status: 500, body: errors.server(500).body() };
    }
  }

  function send(res: http.ServerResponse, status: number, body: string | undefined, headers: http.OutgoingHttpHeaders) {
    const all: http.OutgoingHttpHeaders = { 'Twilio-Request-Id': newSid('RQ'), ...headers };
    if (body !== undefined) {
      all['Content-Type'] ??= 'application/json; charset=utf-8';
      all['Content-Length'] = Buffer.byteLength(body);
    }
    res.writeHead(status, all);
    res.end(body);
    return all;
  }

  async function handleApi(req: http.IncomingMessage, res: http.ServerResponse, url: URL) {
    const started = Date.now();
    const method = (req.method ?? 'GET').toUpperCase();
    const headerHost = req.headers[ORIGINAL_HOST_HEADER];
    const originalHost = typeof headerHost === 'string' && headerHost ? headerHost.toLowerCase() : undefined;
    const host = originalHost ?? req.headers.host ?? '';
    const twilioHost = parseTwilioHost(host);
    const entry: RequestLogEntry = {
      id: nextId++,
      method,
      path: url.pathname,
      query: url.search,
      status: 0,
      host,
      region: twilioHost?.region,
      edge: twilioHost?.edge,
      user: basicUser(req.headers.authorization),
      durationMs: 0,
    };
    const requestBody = await readBody(req);
    const decision = faults.take(method, url.pathname);
    if (decision.latencyMs) await new Promise((r) => setTimeout(r, decision.latencyMs));
    const finish = (status: RequestLogEntry['status'], exchange?: Omit<Exchange, 'entry'>) => {
      entry.status = status;
      entry.durationMs = Date.now() - started;
      record(entry, exchange);
    };
    const action = decision.action;
    entry.fault = action?.kind;
    if (action?.kind === 'reset') {
      req.socket.destroy();
      return finish('reset');
    }
    if (action?.kind === 'hang') {
      hung.add(res);
      res.on('close', () => hung.delete(res));
      return finish('hang');
    }
    let reply: Reply;
    if (action?.kind === 'status' && action.body !== undefined) {
      const headers = send(res, action.status!, action.body, { 'Content-Type': 'text/html; charset=utf-8' });
      return finish(action.status!, { requestBody: requestBody ?? '', responseHeaders: headers, responseBody: action.body });
    } else if (action?.kind === 'status') {
      const e = errors.forStatus(action.status!, url.pathname);
      reply = { status: e.status, body: e.body(), headers: e.headers };
    } else if (action?.kind === 'rateLimit') {
      const e = errors.tooManyRequests(action.retryAfterSeconds);
      reply = { status: 429, body: e.body(), headers: e.headers };
    } else if (requestBody === undefined) {
      reply = { status: 413, body: new ApiError(413, 20001, 'Request body too large').body() };
    } else {
      const isForm = /^application\/x-www-form-urlencoded\b/i.test(req.headers['content-type'] ?? '');
      reply = dispatch(req, url, new URLSearchParams(isForm ? requestBody : ''), originalHost);
    }
    if (action?.kind === 'commitThenDrop') {
      entry.appliedStatus = reply.status;
      req.socket.destroy();
      return finish('dropped');
    }
    if (action?.kind === 'commitThenHang') {
      entry.appliedStatus = reply.status;
      hung.add(res);
      res.on('close', () => hung.delete(res));
      return finish('hang');
    }
    const body = reply.body === undefined ? undefined : JSON.stringify(reply.body);
    const headers = send(res, reply.status, body, reply.headers ?? {});
    finish(reply.status, { requestBody: requestBody ?? '', responseHeaders: headers, responseBody: body ?? '' });
  }

  const emulator = {} as { -readonly [K in keyof Emulator]: Emulator[K] };
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const refused = refusal(req, url.pathname, (server.address() as AddressInfo).port);
    if (refused) return void send(res, refused.status, JSON.stringify(refused), { Connection: 'close' });
    const work = url.pathname.startsWith('/__emulator/') ? handleAdmin(emulator, req, res, url) : handleApi(req, res, url);
    work.catch((e: Error) => {
      process.stderr.write(`emulator: ${e.stack}\n`);
      if (!res.headersSent) send(res, 500, JSON.stringify(errors.server(500).body()), {});
    });
  });
  // Outlive the client's idle keep-alive sockets, so the server never closes one the client is reusing.
  server.keepAliveTimeout = 65_000;

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;

  const dropHung = () => {
    for (const res of hung) res.socket?.destroy();
    hung.clear();
  };

  Object.assign(emulator, {
    url: `http://127.0.0.1:${port}`,
    port,
    accountSid: primary.sid,
    authToken: primary.authToken,
    mainKey: { sid: main.sid, secret: main.secret },
    standardKey: { sid: standard.sid, secret: standard.secret },
    state,
    faults,
    clearRequests: () => {
      log = [];
    },
    observe: (listener: (e: Exchange) => void) => {
      observers.add(listener);
      return () => observers.delete(listener);
    },
    reset: () => {
      state.restore(initial);
      faults.clear();
      log = [];
      dropHung();
    },
    close: () =>
      new Promise<void>((resolve) => {
        dropHung();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  });
  Object.defineProperty(emulator, 'requests', { get: () => log, enumerable: true });
  return emulator;
}
