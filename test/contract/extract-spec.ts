// Extracts the operations the emulator serves, with the schemas they reference, from Twilio's
// OpenAPI files into small JSON files under test/contract/spec/. Those trimmed copies are the
// source of truth the contract suite reads; the 2 MB originals are needed only to regenerate them.
//
//   node esbuild.js --tests --only=test/contract && node out/test/contract/extract-spec.js OAI_DIR
//
// OAI_DIR is the spec/json folder of a checkout of Twilio's public twilio-oai repository
// (https://github.com/twilio/twilio-oai), which holds twilio_api_v2010.json, twilio_iam_v1.json,
// twilio_accounts_v1.json, twilio_serverless_v1.json and twilio_conversations_v1.json.
import * as fs from 'fs';
import * as path from 'path';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** Per source file: the paths and methods the emulator implements. */
export const WANTED: Record<string, Record<string, string[]>> = {
  'twilio_api_v2010.json': {
    '/2010-04-01/Accounts.json': ['get'],
    '/2010-04-01/Accounts/{Sid}.json': ['get'],
    '/2010-04-01/Accounts/{AccountSid}/Balance.json': ['get'],
    '/2010-04-01/Accounts/{AccountSid}/Keys.json': ['get', 'post'],
    '/2010-04-01/Accounts/{AccountSid}/Keys/{Sid}.json': ['get', 'post', 'delete'],
  },
  'twilio_iam_v1.json': {
    '/v1/Keys': ['get', 'post'],
    '/v1/Keys/{Sid}': ['get', 'post', 'delete'],
  },
  'twilio_accounts_v1.json': {
    '/v1/AuthTokens/Secondary': ['post', 'delete'],
    '/v1/AuthTokens/Promote': ['post'],
    '/v1/Credentials/PublicKeys': ['get', 'post'],
    '/v1/Credentials/PublicKeys/{Sid}': ['get', 'post', 'delete'],
    '/v1/Credentials/AWS': ['get', 'post'],
    '/v1/Credentials/AWS/{Sid}': ['get', 'post', 'delete'],
  },
  'twilio_serverless_v1.json': {
    '/v1/Services': ['get', 'post'],
    '/v1/Services/{Sid}': ['get', 'post', 'delete'],
    '/v1/Services/{ServiceSid}/Environments': ['get', 'post'],
    '/v1/Services/{ServiceSid}/Environments/{Sid}': ['get', 'delete'],
    '/v1/Services/{ServiceSid}/Environments/{EnvironmentSid}/Variables': ['get', 'post'],
    '/v1/Services/{ServiceSid}/Environments/{EnvironmentSid}/Variables/{Sid}': ['get', 'post', 'delete'],
  },
  'twilio_conversations_v1.json': {
    '/v1/Credentials': ['get', 'post'],
    '/v1/Credentials/{Sid}': ['get', 'post', 'delete'],
  },
};

/**
 * None of the operations above declares an error response. Twilio's generic error body is
 * declared elsewhere in the IAM file (every OAuthApps error status uses it); we take it from there.
 */
const ERROR_SCHEMA_SOURCE = { file: 'twilio_iam_v1.json', path: '/v1/Account/OAuthApps', method: 'post', status: '400' };

function refsIn(node: unknown, into: Set<string>): void {
  if (Array.isArray(node)) node.forEach((n) => refsIn(n, into));
  else if (node && typeof node === 'object') {
    for (const [k, v] of Object.entries(node)) {
      if (k === '$ref' && typeof v === 'string' && v.startsWith('#/components/schemas/')) into.add(v.slice('#/components/schemas/'.length));
      else refsIn(v, into);
    }
  }
}

/** The operation without CORS response headers (not part of any body contract). */
function trimOperation(op: Json): Json {
  const responses: Json = {};
  for (const [status, r] of Object.entries(op.responses as Json)) {
    const { headers: _headers, ...rest } = r as Json;
    responses[status] = rest;
  }
  return { ...op, responses };
}

export function extract(spec: Json, wanted: Record<string, string[]>, sourceName: string): Json {
  const paths: Json = {};
  for (const [p, methods] of Object.entries(wanted)) {
    const item = spec.paths[p];
    if (!item) throw new Error(`${sourceName}: no path ${p}`);
    paths[p] = { servers: item.servers };
    for (const m of methods) {
      if (!item[m]) throw new Error(`${sourceName}: no ${m.toUpperCase()} ${p}`);
      paths[p][m] = trimOperation(item[m]);
    }
  }
  // The closure of referenced component schemas.
  const names = new Set<string>();
  refsIn(paths, names);
  const schemas: Json = {};
  const queue = [...names];
  while (queue.length) {
    const name = queue.shift()!;
    if (schemas[name]) continue;
    const schema = spec.components?.schemas?.[name];
    if (!schema) throw new Error(`${sourceName}: missing schema ${name}`);
    schemas[name] = schema;
    const more = new Set<string>();
    refsIn(schema, more);
    queue.push(...[...more].filter((n) => !schemas[n]));
  }
  return {
    openapi: spec.openapi,
    info: {
      ...spec.info,
      'x-extracted': `Trimmed from ${sourceName} of twilio/twilio-oai by test/contract/extract-spec.ts: only the operations the emulator serves, the schemas they reference, response headers removed.`,
    },
    paths,
    components: { schemas, securitySchemes: spec.components?.securitySchemes },
  };
}

const USAGE = 'usage: node out/test/contract/extract-spec.js OAI_DIR  (the spec/json folder of a twilio/twilio-oai checkout)';

function main(): void {
  const root = path.resolve(__dirname, '../../..');
  if (process.argv.length !== 3) {
    process.stderr.write(`${USAGE}\n`);
    process.exit(2);
  }
  const oaiDir = path.resolve(process.argv[2]);
  const missing = Object.keys(WANTED).filter((f) => !fs.existsSync(path.join(oaiDir, f)));
  if (missing.length) {
    process.stderr.write(`${oaiDir} lacks ${missing.join(', ')}\n${USAGE}\n`);
    process.exit(2);
  }
  const outDir = path.join(root, 'test/contract/spec');
  const load = (f: string) => JSON.parse(fs.readFileSync(path.join(oaiDir, f), 'utf8')) as Json;
  for (const [file, wanted] of Object.entries(WANTED)) {
    const out = extract(load(file), wanted, file);
    if (file === ERROR_SCHEMA_SOURCE.file) {
      const s = ERROR_SCHEMA_SOURCE;
      const schema = load(s.file).paths[s.path][s.method].responses[s.status].content['application/json'].schema;
      out.components.schemas['x-twilio-error'] = {
        ...schema,
        description: `Twilio's error body, as declared for ${s.method.toUpperCase()} ${s.path} ${s.status} (and its other error statuses).`,
      };
    }
    const target = path.join(outDir, file.replace(/\.json$/, '.keys.json'));
    fs.writeFileSync(target, JSON.stringify(out, null, 2) + '\n');
    process.stdout.write(`wrote ${path.relative(root, target)} (${Object.keys(out.paths).length} paths)\n`);
  }
}

if (require.main === module) main();
