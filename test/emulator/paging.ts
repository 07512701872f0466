// Twilio-style paging: PageSize (1..1000, default 50), Page (an index the client echoes), and
// PageToken: `PA` + SID of the last item of the previous page ("after") or `PB` + SID of the
// first item of the next page ("before"). Without a token, Page is an offset in pages.
import type { Ctx, Reply } from './router';
import { errors } from './twilioErrors';
import { lowerBound } from './state';

export interface PageRequest {
  pageSize: number;
  page: number;
  token?: { dir: 'PA' | 'PB'; sid: string; seq: number };
}

export interface PageResult<T> {
  items: T[];
  page: number;
  pageSize: number;
  /** Index of the first item, as Twilio reports it in `start`. */
  start: number;
  nextToken?: string;
  previousToken?: string;
}

const TOKEN = /^(PA|PB)([A-Z]{2}[0-9a-fA-F]{32})$/;

/** Reads PageSize/Page/PageToken; `seqOf` finds a token's SID in the list being paged. */
export function parsePaging(query: URLSearchParams, seqOf: (sid: string) => number | undefined): PageRequest {
  const size = query.get('PageSize');
  const page = query.get('Page');
  const token = query.get('PageToken');
  let pageSize = 50;
  if (size !== null) {
    pageSize = /^\d{1,7}$/.test(size) ? Number(size) : NaN;
    if (!(pageSize >= 1 && pageSize <= 1000)) throw errors.invalidParameter('PageSize must be an integer from 1 to 1000');
  }
  let pageIndex = 0;
  if (page !== null) {
    if (!/^\d{1,9}$/.test(page)) throw errors.invalidParameter('Page must be a non-negative integer');
    pageIndex = Number(page);
  }
  const req: PageRequest = { pageSize, page: pageIndex };
  if (token !== null) {
    const m = TOKEN.exec(token);
    const seq = m ? seqOf(m[2]) : undefined;
    if (!m || seq === undefined) throw errors.invalidPageToken();
    req.token = { dir: m[1] as 'PA' | 'PB', sid: m[2], seq };
  }
  return req;
}

/** Cuts one page out of `items` (sorted by seq). */
export function takePage<T extends { seq: number; sid: string }>(items: T[], req: PageRequest): PageResult<T> {
  let from: number;
  if (!req.token) from = Math.min(req.page * req.pageSize, items.length);
  else if (req.token.dir === 'PA') from = lowerBound(items, req.token.seq + 1);
  else from = Math.max(0, lowerBound(items, req.token.seq) - req.pageSize);
  const to = req.token?.dir === 'PB' ? lowerBound(items, req.token.seq) : Math.min(items.length, from + req.pageSize);
  const page = items.slice(from, to);
  return {
    items: page,
    page: req.page,
    pageSize: req.pageSize,
    start: req.page * req.pageSize,
    nextToken: to < items.length && page.length ? `PA${page[page.length - 1].sid}` : undefined,
    previousToken: from > 0 && page.length ? `PB${page[0].sid}` : undefined,
  };
}

/** `?PageSize=…&Page=…[&PageToken=…]`, with `extra` parameters (e.g. AccountSid) first. */
export function pageQuery(extra: [string, string][], pageSize: number, page: number, token?: string): string {
  const q = new URLSearchParams(extra);
  q.set('PageSize', String(pageSize));
  q.set('Page', String(page));
  if (token) q.set('PageToken', token);
  return `?${q.toString()}`;
}

export interface MetaList<T> {
  /** The list's path, e.g. `/v1/Keys`; page URLs are absolute on the host the client called. */
  path: string;
  /** The array's name in the body and in `meta.key`. */
  key: string;
  items: T[];
  /** Finds a page token's SID in this list (the state's `seqIn` with the list's name). */
  seqOf: (sid: string) => number | undefined;
  toJson: (item: T) => unknown;
  /** Query parameters every page URL repeats before the paging ones (e.g. AccountSid). */
  filters?: [string, string][];
}

/** The v1 list envelope (IAM, Accounts, Serverless, Conversations): items plus `meta` with absolute URLs. */
export function metaListReply<T extends { seq: number; sid: string }>(ctx: Ctx, list: MetaList<T>): Reply {
  const req = parsePaging(ctx.query, list.seqOf);
  const page = takePage(list.items, req);
  const url = (p: number, token?: string) => `${ctx.publicOrigin}${list.path}${pageQuery(list.filters ?? [], page.pageSize, p, token)}`;
  return {
    status: 200,
    body: {
      [list.key]: page.items.map(list.toJson),
      meta: {
        page: page.page,
        page_size: page.pageSize,
        first_page_url: url(0),
        previous_page_url: page.previousToken ? url(Math.max(0, page.page - 1), page.previousToken) : null,
        url: url(page.page, req.token ? `${req.token.dir}${req.token.sid}` : undefined),
        next_page_url: page.nextToken ? url(page.page + 1, page.nextToken) : null,
        key: list.key,
      },
    },
  };
}
