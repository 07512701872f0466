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
import * as l10n from '@vscode/l10n';
import { MAX_PERMISSIONS } from '../../core/twilio/types';

export type PermissionAction = 'read' | 'list' | 'create' | 'update' | 'delete';

export interface PermissionInfo {
  permission: string;
  /** Product heading for pickers, e.g. "Messaging". */
  product: string;
  /** Short, e.g. "Send messages". */
  label: string;
  description: string;
}

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

const CRUD: PermissionAction[] = ['read', 'list', 'create', 'update', 'delete'];

/**
 * The label ("List calls") and the sentence ("List calls.") of an action on a resource, from the
 * resource's singular and plural; a resource's own `labels` take precedence over the label.
 */
function actionTexts(action: PermissionAction, r: Resource): { label: string; description: string } {
  switch (action) {
    case 'read':
      return { label: l10n.t('Fetch {0}', r.plural), description: l10n.t('Fetch one {0} by its SID.', r.singular) };
    case 'list':
      return { label: l10n.t('List {0}', r.plural), description: l10n.t('List {0}.', r.plural) };
    case 'create':
      return { label: l10n.t('Create {0}', r.plural), description: l10n.t('Create {0}.', r.plural) };
    case 'update':
      return { label: l10n.t('Update {0}', r.plural), description: l10n.t('Change existing {0}.', r.plural) };
    case 'delete':
      return { label: l10n.t('Delete {0}', r.plural), description: l10n.t('Delete {0}.', r.plural) };
  }
}

function product(name: string, slug: string, resources: Resource[]): PermissionInfo[] {
  return resources.flatMap((r) =>
    r.actions.map((action) => {
      const texts = actionTexts(action, r);
      return {
        permission: `/twilio/${slug}/${r.path}/${action}`,
        product: name,
        label: r.labels?.[action] ?? texts.label,
        description: texts.description,
      };
    }),
  );
}

function buildCatalogue(): PermissionInfo[] {
  return [
    ...product(l10n.t('Messaging'), 'messaging', [
      { path: 'messages', singular: l10n.t('message'), plural: l10n.t('messages'), actions: CRUD, labels: { create: l10n.t('Send messages'), update: l10n.t('Redact or cancel messages') } },
      { path: 'messages.feedback', singular: l10n.t('message feedback report'), plural: l10n.t('message feedback reports'), actions: ['create'], labels: { create: l10n.t('Report message feedback') } },
      { path: 'services', singular: l10n.t('Messaging Service'), plural: l10n.t('Messaging Services'), actions: CRUD },
      { path: 'services.phonenumbers', singular: l10n.t("Messaging Service's phone number"), plural: l10n.t("Messaging Services' phone numbers"), actions: ['read', 'list', 'create', 'delete'] },
      { path: 'content-templates', singular: l10n.t('content template'), plural: l10n.t('content templates'), actions: ['read', 'list', 'create', 'delete'] },
      { path: 'whatsapp-senders', singular: l10n.t('WhatsApp sender'), plural: l10n.t('WhatsApp senders'), actions: CRUD },
      { path: 'pricing', singular: l10n.t('messaging price'), plural: l10n.t('messaging prices'), actions: ['read', 'list'] },
    ]),
    ...product(l10n.t('Voice'), 'voice', [
      { path: 'calls', singular: l10n.t('call'), plural: l10n.t('calls'), actions: CRUD, labels: { create: l10n.t('Make calls'), update: l10n.t('Modify or end live calls') } },
      { path: 'calls.recordings', singular: l10n.t("call's recording"), plural: l10n.t('call recordings'), actions: CRUD, labels: { create: l10n.t('Start recording calls') } },
      { path: 'recordings', singular: l10n.t('recording'), plural: l10n.t('recordings'), actions: ['read', 'list', 'delete'] },
      { path: 'transcriptions', singular: l10n.t('transcription'), plural: l10n.t('transcriptions'), actions: ['read', 'list', 'delete'] },
      { path: 'conferences', singular: l10n.t('conference'), plural: l10n.t('conferences'), actions: ['read', 'list', 'update'] },
      { path: 'conferences.participants', singular: l10n.t('conference participant'), plural: l10n.t('conference participants'), actions: CRUD },
      { path: 'queues', singular: l10n.t('call queue'), plural: l10n.t('call queues'), actions: CRUD },
      { path: 'outgoing-caller-ids', singular: l10n.t('verified caller ID'), plural: l10n.t('verified caller IDs'), actions: CRUD },
      { path: 'twiml.apps', singular: l10n.t('TwiML app'), plural: l10n.t('TwiML apps'), actions: CRUD },
    ]),
    ...product(l10n.t('API keys and accounts (IAM)'), 'iam', [
      { path: 'api-keys', singular: l10n.t('API key'), plural: l10n.t('API keys'), actions: CRUD },
      { path: 'accounts', singular: l10n.t('account'), plural: l10n.t('accounts'), actions: ['read', 'list'] },
    ]),
    ...product(l10n.t('Verify'), 'verify', [
      { path: 'verification', singular: l10n.t('verification'), plural: l10n.t('verifications'), actions: ['create', 'read', 'update'], labels: { create: l10n.t('Start verifications (send codes)') } },
      { path: 'verification-check', singular: l10n.t('verification check'), plural: l10n.t('verification checks'), actions: ['create'], labels: { create: l10n.t('Check verification codes') } },
      { path: 'service', singular: l10n.t('Verify service'), plural: l10n.t('Verify services'), actions: CRUD },
    ]),
    ...product(l10n.t('Lookup'), 'lookup', [
      { path: 'phone-numbers', singular: l10n.t('phone number'), plural: l10n.t('phone numbers'), actions: ['read'], labels: { read: l10n.t('Look up phone numbers') } },
    ]),
    ...product(l10n.t('Phone Numbers'), 'phone-numbers', [
      { path: 'active-numbers', singular: l10n.t('phone number of the account'), plural: l10n.t("the account's phone numbers"), actions: CRUD, labels: { create: l10n.t('Buy phone numbers'), delete: l10n.t('Release phone numbers') } },
      { path: 'available-numbers', singular: l10n.t('available phone number'), plural: l10n.t('phone numbers available to buy'), actions: ['list'], labels: { list: l10n.t('Search phone numbers to buy') } },
    ]),
    ...product(l10n.t('Studio'), 'studio', [
      { path: 'flows', singular: l10n.t('Studio flow'), plural: l10n.t('Studio flows'), actions: CRUD },
      { path: 'executions', singular: l10n.t('flow execution'), plural: l10n.t('flow executions'), actions: CRUD, labels: { create: l10n.t('Trigger flow executions') } },
    ]),
    ...product(l10n.t('Monitor'), 'monitor', [
      { path: 'alerts', singular: l10n.t('debugger alert'), plural: l10n.t('debugger alerts'), actions: ['read', 'list'] },
      { path: 'events', singular: l10n.t('account event'), plural: l10n.t('account events'), actions: ['read', 'list'] },
    ]),
    ...product(l10n.t('Usage'), 'billing', [
      { path: 'usage', singular: l10n.t('usage record'), plural: l10n.t('usage records'), actions: ['read'], labels: { read: l10n.t('Read usage records') } },
    ]),
    ...product(l10n.t('Video'), 'video', [
      { path: 'rooms', singular: l10n.t('video room'), plural: l10n.t('video rooms'), actions: ['read', 'list', 'create', 'update'] },
      { path: 'recordings', singular: l10n.t('video recording'), plural: l10n.t('video recordings'), actions: ['read', 'list', 'delete'] },
    ]),
    ...product(l10n.t('TaskRouter'), 'taskrouter', [
      { path: 'workspaces', singular: l10n.t('workspace'), plural: l10n.t('workspaces'), actions: CRUD },
      { path: 'workspaces.tasks', singular: l10n.t('task'), plural: l10n.t('tasks'), actions: CRUD },
    ]),
  ];
}

interface Catalogue {
  list: readonly PermissionInfo[];
  byPermission: Map<string, PermissionInfo>;
}
let catalogue: Catalogue | undefined;

/**
 * The catalogue, built on first use: its texts are translated, and the extension gives
 * `@vscode/l10n` the display language when it activates, after this module is loaded.
 */
function built(): Catalogue {
  if (!catalogue) {
    const list = buildCatalogue();
    catalogue = { list, byPermission: new Map(list.map((p) => [p.permission, p])) };
  }
  return catalogue;
}

export function permissionCatalogue(): readonly PermissionInfo[] {
  return built().list;
}

export function findPermission(permission: string): PermissionInfo | undefined {
  return built().byPermission.get(permission);
}

/** The catalogue grouped by product, in catalogue order, for a picker with separators. */
export function permissionsByProduct(): Array<{ product: string; permissions: PermissionInfo[] }> {
  const groups = new Map<string, PermissionInfo[]>();
  for (const p of permissionCatalogue()) {
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
  return m ? l10n.t('Everything on {0} ({1})', m[2], m[1]) : permission;
}

function shown(value: string): string {
  return value.length > 80 ? value.slice(0, 77) + '...' : value;
}

/** A user-facing message, or undefined when `list` can be a restricted key's policy. */
export function validatePermissions(list: readonly unknown[]): string | undefined {
  if (list.length === 0) return l10n.t('Choose at least one permission.');
  if (list.length > MAX_PERMISSIONS) {
    return l10n.t('A restricted key can have at most {0} permissions; {1} are selected.', MAX_PERMISSIONS, list.length);
  }
  const seen = new Set<string>();
  for (const p of list) {
    if (typeof p !== 'string') return l10n.t('Every permission must be text, like /twilio/messaging/messages/read.');
    if (!PERMISSION_FORMAT.test(p)) {
      return l10n.t('"{0}" is not a permission: permissions look like /twilio/messaging/messages/read.', shown(p));
    }
    if (seen.has(p)) return l10n.t('"{0}" is listed twice.', p);
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
    return { ok: false, message: l10n.t('This key has no policy: it is a standard key, with access to everything but keys and accounts.') };
  }
  let value = policy;
  if (typeof value === 'string') {
    try {
      value = JSON.parse(value);
    } catch {
      return { ok: false, message: l10n.t('The key policy is not valid JSON.') };
    }
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return { ok: false, message: l10n.t('The key policy is not an object with an "allow" list.') };
  }
  const allow = (value as { allow?: unknown }).allow;
  if (!Array.isArray(allow) || !allow.every((p): p is string => typeof p === 'string')) {
    return { ok: false, message: l10n.t('The key policy has no "allow" list of permissions.') };
  }
  return { ok: true, permissions: [...allow] };
}

/** What changes between a key's permissions and new ones: added and removed, each in its list's order. */
export function permissionDiff(before: readonly string[], after: readonly string[]): { added: string[]; removed: string[] } {
  const was = new Set(before);
  const will = new Set(after);
  return { added: after.filter((p) => !was.has(p)), removed: before.filter((p) => !will.has(p)) };
}
