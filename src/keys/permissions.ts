/**
 * Permissions for restricted API keys (IAM v1 `Policy {"allow": [...]}`), as pure data.
 *
 * Twilio names a permission `/twilio/<product>/<resource>/<action>`: a sub-resource is joined
 * with dots (`/twilio/voice/calls.recordings/read`), `read` fetches one resource by SID while
 * `list` pages through them, and `*` (as Twilio itself returns when every action of a resource is
 * granted) stands for all actions. The catalogue below is the common subset a developer picks
 * from; the strings come from Twilio's published permission names. Twilio keeps adding
 * permissions, so a well-formed permission missing from the catalogue is still accepted.
 */

export type PermissionAction = 'read' | 'list' | 'create' | 'update' | 'delete';

export interface PermissionInfo {
  permission: string;
  /** Product heading for pickers, e.g. "Messaging". */
  product: string;
  /** Short, e.g. "Send messages". */
  label: string;
  description: string;
}

/** Twilio's limit on a restricted key's permissions. */
export const MAX_PERMISSIONS = 100;

export const PERMISSION_FORMAT =
  /^\/twilio\/[a-z0-9]+(?:-[a-z0-9]+)*\/[a-z0-9]+(?:[.-][a-z0-9]+)*\/(?:read|list|create|update|delete|\*)$/;

interface Resource {
  /** Path segment after the product, e.g. "calls.recordings". */
  path: string;
  singular: string;
  plural: string;
  actions: PermissionAction[];
  /** Labels that say more than the verb, e.g. create → "Send messages". */
  labels?: Partial<Record<PermissionAction, string>>;
}

const VERBS: Record<PermissionAction, string> = { read: 'Fetch', list: 'List', create: 'Create', update: 'Update', delete: 'Delete' };
const CRUD: PermissionAction[] = ['read', 'list', 'create', 'update', 'delete'];

function sentence(action: PermissionAction, r: Resource): string {
  switch (action) {
    case 'read':
      return `Fetch one ${r.singular} by its SID.`;
    case 'list':
      return `List ${r.plural}.`;
    case 'create':
      return `Create ${r.plural}.`;
    case 'update':
      return `Change existing ${r.plural}.`;
    case 'delete':
      return `Delete ${r.plural}.`;
  }
}

function product(name: string, slug: string, resources: Resource[]): PermissionInfo[] {
  return resources.flatMap((r) =>
    r.actions.map((action) => ({
      permission: `/twilio/${slug}/${r.path}/${action}`,
      product: name,
      label: r.labels?.[action] ?? `${VERBS[action]} ${r.plural}`,
      description: sentence(action, r),
    })),
  );
}

export const PERMISSIONS: readonly PermissionInfo[] = [
  ...product('Messaging', 'messaging', [
    { path: 'messages', singular: 'message', plural: 'messages', actions: CRUD, labels: { create: 'Send messages', update: 'Redact or cancel messages' } },
    { path: 'messages.feedback', singular: 'message feedback report', plural: 'message feedback reports', actions: ['create'], labels: { create: 'Report message feedback' } },
    { path: 'services', singular: 'Messaging Service', plural: 'Messaging Services', actions: CRUD },
    { path: 'services.phonenumbers', singular: "Messaging Service's phone number", plural: "Messaging Services' phone numbers", actions: ['read', 'list', 'create', 'delete'] },
    { path: 'content-templates', singular: 'content template', plural: 'content templates', actions: ['read', 'list', 'create', 'delete'] },
    { path: 'whatsapp-senders', singular: 'WhatsApp sender', plural: 'WhatsApp senders', actions: CRUD },
    { path: 'pricing', singular: 'messaging price', plural: 'messaging prices', actions: ['read', 'list'] },
  ]),
  ...product('Voice', 'voice', [
    { path: 'calls', singular: 'call', plural: 'calls', actions: CRUD, labels: { create: 'Make calls', update: 'Modify or end live calls' } },
    { path: 'calls.recordings', singular: "call's recording", plural: 'call recordings', actions: CRUD, labels: { create: 'Start recording calls' } },
    { path: 'recordings', singular: 'recording', plural: 'recordings', actions: ['read', 'list', 'delete'] },
    { path: 'transcriptions', singular: 'transcription', plural: 'transcriptions', actions: ['read', 'list', 'delete'] },
    { path: 'conferences', singular: 'conference', plural: 'conferences', actions: ['read', 'list', 'update'] },
    { path: 'conferences.participants', singular: 'conference participant', plural: 'conference participants', actions: CRUD },
    { path: 'queues', singular: 'call queue', plural: 'call queues', actions: CRUD },
    { path: 'outgoing-caller-ids', singular: 'verified caller ID', plural: 'verified caller IDs', actions: CRUD },
    { path: 'twiml.apps', singular: 'TwiML app', plural: 'TwiML apps', actions: CRUD },
  ]),
  ...product('API keys and accounts (IAM)', 'iam', [
    { path: 'api-keys', singular: 'API key', plural: 'API keys', actions: CRUD },
    { path: 'accounts', singular: 'account', plural: 'accounts', actions: ['read', 'list'] },
  ]),
  ...product('Verify', 'verify', [
    { path: 'verification', singular: 'verification', plural: 'verifications', actions: ['create', 'read', 'update'], labels: { create: 'Start verifications (send codes)' } },
    { path: 'verification-check', singular: 'verification check', plural: 'verification checks', actions: ['create'], labels: { create: 'Check verification codes' } },
    { path: 'service', singular: 'Verify service', plural: 'Verify services', actions: CRUD },
  ]),
  ...product('Lookup', 'lookup', [
    { path: 'phone-numbers', singular: 'phone number', plural: 'phone numbers', actions: ['read'], labels: { read: 'Look up phone numbers' } },
  ]),
  ...product('Phone Numbers', 'phone-numbers', [
    { path: 'active-numbers', singular: 'phone number of the account', plural: "the account's phone numbers", actions: CRUD, labels: { create: 'Buy phone numbers', delete: 'Release phone numbers' } },
    { path: 'available-numbers', singular: 'available phone number', plural: 'phone numbers available to buy', actions: ['list'], labels: { list: 'Search phone numbers to buy' } },
  ]),
  ...product('Studio', 'studio', [
    { path: 'flows', singular: 'Studio flow', plural: 'Studio flows', actions: CRUD },
    { path: 'executions', singular: 'flow execution', plural: 'flow executions', actions: CRUD, labels: { create: 'Trigger flow executions' } },
  ]),
  ...product('Monitor', 'monitor', [
    { path: 'alerts', singular: 'debugger alert', plural: 'debugger alerts', actions: ['read', 'list'] },
    { path: 'events', singular: 'account event', plural: 'account events', actions: ['read', 'list'] },
  ]),
  ...product('Usage', 'billing', [
    { path: 'usage', singular: 'usage record', plural: 'usage records', actions: ['read'], labels: { read: 'Read usage records' } },
  ]),
  ...product('Video', 'video', [
    { path: 'rooms', singular: 'video room', plural: 'video rooms', actions: ['read', 'list', 'create', 'update'] },
    { path: 'recordings', singular: 'video recording', plural: 'video recordings', actions: ['read', 'list', 'delete'] },
  ]),
  ...product('TaskRouter', 'taskrouter', [
    { path: 'workspaces', singular: 'workspace', plural: 'workspaces', actions: CRUD },
    { path: 'workspaces.tasks', singular: 'task', plural: 'tasks', actions: CRUD },
  ]),
];

const BY_PERMISSION = new Map(PERMISSIONS.map((p) => [p.permission, p]));

export function findPermission(permission: string): PermissionInfo | undefined {
  return BY_PERMISSION.get(permission);
}

/** The catalogue grouped by product, in catalogue order, for a picker with separators. */
export function permissionsByProduct(): Array<{ product: string; permissions: PermissionInfo[] }> {
  const groups = new Map<string, PermissionInfo[]>();
  for (const p of PERMISSIONS) {
    const list = groups.get(p.product) ?? [];
    list.push(p);
    groups.set(p.product, list);
  }
  return [...groups].map(([product, permissions]) => ({ product, permissions }));
}

/** A label for any permission string, including wildcards and ones outside the catalogue. */
export function describePermission(permission: string): string {
  const known = findPermission(permission);
  if (known) return known.label;
  const m = /^\/twilio\/([^/]+)\/([^/]+)\/\*$/.exec(permission);
  return m ? `Everything on ${m[2]} (${m[1]})` : permission;
}

function shown(value: string): string {
  return value.length > 80 ? value.slice(0, 77) + '...' : value;
}

/** A user-facing message, or undefined when `list` can be a restricted key's policy. */
export function validatePermissions(list: readonly unknown[]): string | undefined {
  if (list.length === 0) return 'Choose at least one permission.';
  if (list.length > MAX_PERMISSIONS) {
    return `A restricted key can have at most ${MAX_PERMISSIONS} permissions; ${list.length} are selected.`;
  }
  const seen = new Set<string>();
  for (const p of list) {
    if (typeof p !== 'string') return 'Every permission must be text, like /twilio/messaging/messages/read.';
    if (!PERMISSION_FORMAT.test(p)) {
      return `"${shown(p)}" is not a permission: permissions look like /twilio/messaging/messages/read.`;
    }
    if (seen.has(p)) return `"${p}" is listed twice.`;
    seen.add(p);
  }
  return undefined;
}

/** The `Policy` form parameter for IAM v1 `POST /v1/Keys`. Throws on a list that does not validate. */
export function policyFromPermissions(list: readonly string[]): string {
  const problem = validatePermissions(list);
  if (problem) throw new RangeError(problem);
  return JSON.stringify({ allow: [...list] });
}

/**
 * The permissions of a key's `policy`, as the API returns it (an object) or as JSON text. A
 * standard key has no policy (null): that is full access, not "no permissions", so it is
 * reported as not ok rather than as an empty list.
 */
export function permissionsFromPolicy(
  policy: unknown,
): { ok: true; permissions: string[] } | { ok: false; message: string } {
  if (policy === null || policy === undefined) {
    return { ok: false, message: 'This key has no policy: it is a standard key, with access to everything but keys and accounts.' };
  }
  let value = policy;
  if (typeof value === 'string') {
    try {
      value = JSON.parse(value);
    } catch {
      return { ok: false, message: 'The key policy is not valid JSON.' };
    }
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return { ok: false, message: 'The key policy is not an object with an "allow" list.' };
  }
  const allow = (value as { allow?: unknown }).allow;
  if (!Array.isArray(allow) || !allow.every((p): p is string => typeof p === 'string')) {
    return { ok: false, message: 'The key policy has no "allow" list of permissions.' };
  }
  return { ok: true, permissions: [...allow] };
}
