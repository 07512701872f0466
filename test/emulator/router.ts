// The shape shared by the resource modules: a route matches method + path and returns a reply.
import type { Principal, Product } from './auth';
import type { EmulatorState } from './state';

export interface Ctx {
  method: string;
  path: string;
  /** Which Twilio API (the host's first label): decides, among others, whether a parent reaches its subaccounts. */
  product: Product;
  query: URLSearchParams;
  form: URLSearchParams;
  params: string[];
  state: EmulatorState;
  principal: Principal;
  /** Origin for absolute URLs (IAM `meta.*_url`): the host the client called. */
  publicOrigin: string;
}

export interface Reply {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

export interface Route {
  method: 'GET' | 'POST' | 'DELETE';
  pattern: RegExp;
  handle(ctx: Ctx): Reply;
}

export function findRoute(routes: Route[], method: string, path: string): { route?: Route; params: string[]; pathKnown: boolean } {
  let pathKnown = false;
  for (const route of routes) {
    const m = route.pattern.exec(path);
    if (!m) continue;
    pathKnown = true;
    if (route.method === method) return { route, params: m.slice(1), pathKnown };
  }
  return { params: [], pathKnown };
}
