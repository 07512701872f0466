// REST API 2010-04-01 on api.twilio.com: Accounts, Balance and Keys (paths end in .json).
import { authorize, canSee } from './auth';
import { pageQuery, parsePaging, takePage } from './paging';
import { accountJson, createKey, keyJson, touch, visibleAccount, visibleKey } from './resources';
import { Ctx, Reply, Route } from './router';
import { errors } from './twilioErrors';
import * as validate from './validate';

const SEG = '([^/]+)';
const ACCOUNTS = '/2010-04-01/Accounts';

/** The v2010 list envelope; its URIs are relative, as in Twilio's examples. */
function listEnvelope<T extends { seq: number; sid: string }>(
  ctx: Ctx,
  listPath: string,
  key: string,
  items: T[],
  seqOf: (sid: string) => number | undefined,
  toJson: (item: T) => unknown,
  filters: [string, string][] = [],
): Reply {
  const req = parsePaging(ctx.query, seqOf);
  const page = takePage(items, req);
  const uri = (p: number, token?: string) => listPath + pageQuery(filters, page.pageSize, p, token);
  return {
    status: 200,
    body: {
      [key]: page.items.map(toJson),
      end: page.items.length ? page.start + page.items.length - 1 : page.start,
      first_page_uri: uri(0),
      next_page_uri: page.nextToken ? uri(page.page + 1, page.nextToken) : null,
      page: page.page,
      page_size: page.pageSize,
      previous_page_uri: page.previousToken ? uri(Math.max(0, page.page - 1), page.previousToken) : null,
      start: page.start,
      uri: uri(page.page, req.token ? `${req.token.dir}${req.token.sid}` : undefined),
    },
  };
}

export const v2010Routes: Route[] = [
  {
    method: 'GET',
    pattern: /^\/2010-04-01\/Accounts\.json$/,
    handle(ctx) {
      authorize(ctx.principal, 'accountsRead');
      const name = ctx.query.get('FriendlyName');
      const status = ctx.query.get('Status');
      if (status !== null && !['active', 'suspended', 'closed'].includes(status)) {
        throw errors.invalidParameter('Status must be active, suspended or closed');
      }
      const visible = [...ctx.state.accounts.values()].filter(
        (a) => canSee(ctx.principal, a, ctx.product) && (name === null || a.friendlyName === name) && (status === null || a.status === status),
      );
      const filters: [string, string][] = [];
      if (name !== null) filters.push(['FriendlyName', name]);
      if (status !== null) filters.push(['Status', status]);
      return listEnvelope(ctx, `${ACCOUNTS}.json`, 'accounts', visible, (sid) => ctx.state.seqIn('accounts', sid), accountJson, filters);
    },
  },
  {
    method: 'GET',
    pattern: new RegExp(`^${ACCOUNTS}/${SEG}\\.json$`),
    handle(ctx) {
      authorize(ctx.principal, 'accountsRead');
      return { status: 200, body: accountJson(visibleAccount(ctx, ctx.params[0])) };
    },
  },
  {
    method: 'GET',
    pattern: new RegExp(`^${ACCOUNTS}/${SEG}/Balance\\.json$`),
    handle(ctx) {
      authorize(ctx.principal, 'balanceRead');
      const account = visibleAccount(ctx, ctx.params[0]);
      return { status: 200, body: { account_sid: account.sid, balance: '0.00', currency: 'USD' } };
    },
  },
  {
    method: 'GET',
    pattern: new RegExp(`^${ACCOUNTS}/${SEG}/Keys\\.json$`),
    handle(ctx) {
      authorize(ctx.principal, 'keysRead');
      const account = visibleAccount(ctx, ctx.params[0]);
      return listEnvelope(
        ctx,
        `${ACCOUNTS}/${account.sid}/Keys.json`,
        'keys',
        ctx.state.keysOf(account.sid),
        (sid) => ctx.state.seqIn(account.sid, sid),
        keyJson,
      );
    },
  },
  {
    method: 'POST',
    pattern: new RegExp(`^${ACCOUNTS}/${SEG}/Keys\\.json$`),
    handle(ctx) {
      authorize(ctx.principal, 'keysCreate');
      const account = visibleAccount(ctx, ctx.params[0]);
      // Some live accounts are refused here with valid credentials (IAM v1 still works for them).
      if (ctx.state.v2010KeyCreationDenied) throw errors.policyEvaluationFailed();
      // v2010 creates Standard keys only; restricted keys need IAM v1.
      const key = createKey(ctx.state, account, validate.friendlyName(ctx.form), 'standard');
      return { status: 201, body: { ...keyJson(key), secret: key.secret } };
    },
  },
  {
    method: 'GET',
    pattern: new RegExp(`^${ACCOUNTS}/${SEG}/Keys/${SEG}\\.json$`),
    handle(ctx) {
      authorize(ctx.principal, 'keysRead');
      const account = visibleAccount(ctx, ctx.params[0]);
      return { status: 200, body: keyJson(visibleKey(ctx, ctx.params[1], account.sid)) };
    },
  },
  {
    method: 'POST',
    pattern: new RegExp(`^${ACCOUNTS}/${SEG}/Keys/${SEG}\\.json$`),
    handle(ctx) {
      authorize(ctx.principal, 'keysUpdate');
      const account = visibleAccount(ctx, ctx.params[0]);
      const key = visibleKey(ctx, ctx.params[1], account.sid);
      const name = validate.friendlyName(ctx.form);
      if (name !== undefined) {
        key.friendlyName = name;
        touch(key);
      }
      return { status: 200, body: keyJson(key) };
    },
  },
  {
    method: 'DELETE',
    pattern: new RegExp(`^${ACCOUNTS}/${SEG}/Keys/${SEG}\\.json$`),
    handle(ctx) {
      authorize(ctx.principal, 'keysDelete');
      const account = visibleAccount(ctx, ctx.params[0]);
      ctx.state.deleteKey(visibleKey(ctx, ctx.params[1], account.sid).sid);
      return { status: 204 };
    },
  },
];
