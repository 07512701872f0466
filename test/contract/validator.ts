// Checks HTTP exchanges against Twilio's OpenAPI descriptions (the trimmed copies in spec/) with
// ajv: the status must be one the operation declares, and the body must match its schema.
import Ajv, { ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import api2010 from './spec/twilio_api_v2010.keys.json';
import iam from './spec/twilio_iam_v1.keys.json';
import accounts from './spec/twilio_accounts_v1.keys.json';
import serverless from './spec/twilio_serverless_v1.keys.json';
import conversations from './spec/twilio_conversations_v1.keys.json';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

export interface Operation {
  /** e.g. `GET /v1/Keys/{Sid}`, unique across the files (operationIds repeat between them). */
  id: string;
  method: string;
  template: string;
  product: Product;
  pattern: RegExp;
  op: Json;
  schemaId: string;
}

export interface Observed {
  method: string;
  path: string;
  /** The Twilio API the client meant (the host's first label), when it said. */
  product?: Product;
  status: number;
  contentType?: string;
  body: string;
}

/** A spec file's id is its host's first label (api.twilio.com, iam.twilio.com, …). */
export type Product = 'api' | 'iam' | 'accounts' | 'serverless' | 'conversations';

const SPECS: readonly { id: Product; spec: Json }[] = [
  { id: 'api', spec: api2010 as Json },
  { id: 'iam', spec: iam as Json },
  { id: 'accounts', spec: accounts as Json },
  { id: 'serverless', spec: serverless as Json },
  { id: 'conversations', spec: conversations as Json },
];

function newAjv(): Ajv {
  const ajv = new Ajv({ allErrors: true, strict: true, strictTypes: false });
  addFormats(ajv);
  // Twilio's vendor extensions and OpenAPI's `example` carry no validation meaning.
  ajv.addKeyword('x-twilio');
  ajv.addKeyword('example');
  // RFC 2822 as Twilio writes it: `Mon, 13 Jun 2016 22:50:08 +0000`. Strict on purpose: the
  // emulator must produce exactly this, because twilio-node parses it with that pattern.
  ajv.addFormat('date-time-rfc-2822', /^(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d{2} (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4} \d{2}:\d{2}:\d{2} \+0000$/);
  // A map of names to relative URIs (Account.subresource_uris).
  ajv.addFormat('uri-map', { type: 'object', validate: () => true } as never);
  // Lenient on purpose: the `*_uri` fields are marked `format: uri`, yet Twilio's own examples and
  // the live API give paths relative to https://api.twilio.com. We follow the examples: accept an
  // absolute URI or a path starting with `/` (IAM's `*_url` fields are absolute and still pass).
  ajv.addFormat('uri', (s: string) => /^\/[^\s]*$/.test(s) || /^[a-z][a-z0-9+.-]*:\/\/[^\s]+$/i.test(s));
  // Each file's components become a schema document that `<id>#/components/schemas/…` refers into.
  ajv.addKeyword('components');
  for (const { id, spec } of SPECS) ajv.addSchema({ components: spec.components }, id);
  return ajv;
}

const ajv = newAjv();

export const OPERATIONS: Operation[] = SPECS.flatMap(({ id: product, spec }) =>
  Object.entries(spec.paths as Json).flatMap(([template, item]) =>
    ['get', 'post', 'delete']
      .filter((m) => (item as Json)[m])
      .map((m) => ({
        id: `${m.toUpperCase()} ${template}`,
        method: m.toUpperCase(),
        template,
        product,
        pattern: new RegExp(`^${template.replace(/[.]/g, '\\.').replace(/\{[^}]+\}/g, '[^/]+')}$`),
        op: (item as Json)[m],
        schemaId: product,
      })),
  ),
);

const parameters = (template: string) => (template.match(/\{/g) ?? []).length;

/**
 * The operation a request is for. Templates of different files can match one path
 * (`GET /v1/Credentials/AWS` fits Accounts' `/v1/Credentials/AWS` and Conversations'
 * `/v1/Credentials/{Sid}`): the template with fewer parameters, the more literal one, wins, as
 * in the emulator's routing. `product`, when known (the host the client meant), narrows the choice.
 */
export function findOperation(method: string, path: string, product?: Product): Operation | undefined {
  return OPERATIONS.filter((o) => o.method === method.toUpperCase() && o.pattern.test(path) && (!product || o.product === product)).sort(
    (a, b) => parameters(a.template) - parameters(b.template),
  )[0];
}

const compiled = new Map<string, ValidateFunction>();

/** Compiles a schema from one of the spec files, resolving its `#/components/...` references. */
export function validatorFor(schemaId: string, schema: Json): ValidateFunction {
  const key = `${schemaId}:${JSON.stringify(schema)}`;
  let v = compiled.get(key);
  if (!v) {
    // Local refs in an operation schema point into the spec registered under `schemaId`.
    const rebased = JSON.parse(JSON.stringify(schema).replace(/"#\/components\//g, `"${schemaId}#/components/`));
    v = ajv.compile(rebased);
    compiled.set(key, v);
  }
  return v;
}

/**
 * Twilio's generic error schema from the IAM file, tightened with what twilio-node relies on:
 * all four fields present, and no `type`+`title` pair (that turns a RestException into a
 * TwilioServiceException). Used for error statuses the operation itself does not declare.
 */
const errorValidator = ajv.compile({
  allOf: [
    { $ref: 'iam#/components/schemas/x-twilio-error' },
    {
      type: 'object',
      required: ['code', 'message', 'more_info', 'status'],
      not: { properties: { type: { type: 'string' }, title: { type: 'string' } }, required: ['type', 'title'] },
    },
  ],
});

export interface Verdict {
  operation?: string;
  problems: string[];
}

function formatErrors(errors: ValidateFunction['errors']): string {
  return (errors ?? []).map((e) => `${e.instancePath || '(body)'} ${e.message}`).join('; ');
}

/** Everything wrong with one exchange, judged by the spec. */
export function check(x: Observed): Verdict {
  // A request sent to the wrong host (refused with 404) is still judged by the path's operation.
  const op = findOperation(x.method, x.path, x.product) ?? findOperation(x.method, x.path);
  if (!op) return { problems: [`${x.method} ${x.path} is not an operation of the extracted spec`] };
  const problems: string[] = [];
  const declared = op.op.responses as Json;
  const response = declared[String(x.status)];
  const isJson = /^application\/json\b/.test(x.contentType ?? '');
  if (x.status >= 200 && x.status < 300) {
    if (!response) problems.push(`status ${x.status} is not declared (declared: ${Object.keys(declared).join(', ')})`);
    const schema = response?.content?.['application/json']?.schema;
    if (schema) {
      if (!isJson) problems.push(`content type ${x.contentType} is not application/json`);
      let body: unknown;
      try {
        body = JSON.parse(x.body);
      } catch {
        problems.push('body is not JSON');
      }
      const v = validatorFor(op.schemaId, schema);
      if (body !== undefined && !v(body)) problems.push(`body does not match the schema: ${formatErrors(v.errors)}`);
    } else if (response && x.body !== '') {
      problems.push(`status ${x.status} declares no body, but one was sent`);
    }
  } else {
    // No key or account operation declares its errors; where one does, its own schema applies.
    const schema = response?.content?.['application/json']?.schema;
    const v = schema ? validatorFor(op.schemaId, schema) : errorValidator;
    let body: Json | undefined;
    try {
      body = JSON.parse(x.body);
    } catch {
      problems.push('error body is not JSON');
    }
    if (!isJson) problems.push(`content type ${x.contentType} is not application/json`);
    if (body !== undefined && !v(body)) problems.push(`error body does not match Twilio's error schema: ${formatErrors(v.errors)}`);
    if (body && body.status !== x.status) problems.push(`error body status ${body.status} differs from HTTP ${x.status}`);
  }
  return { operation: op.id, problems };
}

/** Schema-valid examples: the spec's own examples must pass our (lenient where noted) validator. */
export function exampleProblems(): string[] {
  const problems: string[] = [];
  for (const o of OPERATIONS) {
    for (const [status, r] of Object.entries(o.op.responses as Json)) {
      const content = (r as Json).content?.['application/json'];
      if (!content?.schema) continue;
      const v = validatorFor(o.schemaId, content.schema);
      for (const [name, ex] of Object.entries((content.examples ?? {}) as Json)) {
        if (!v((ex as Json).value)) problems.push(`${o.id} ${status} example ${name}: ${formatErrors(v.errors)}`);
      }
    }
  }
  return problems;
}
