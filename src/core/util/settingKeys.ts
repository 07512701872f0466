/**
 * Every setting the extension reads: its key under `twilioCredentials.`, the JSON type and the
 * bounds package.json contributes it with. Pure, so a unit test can hold this table against
 * package.json. Defaults live only in package.json: `src/platform/config.ts` reads through this table
 * and never writes a default into code.
 */

export const SETTINGS_SECTION = 'twilioCredentials';

interface Spec {
  readonly type: 'string' | 'integer' | 'number' | 'boolean' | 'array';
  readonly enum?: readonly string[];
  readonly minimum?: number;
  readonly maximum?: number;
  /** Read for a document (the caller passes its URI); the others are read window-wide. */
  readonly perResource?: true;
}

export const SETTINGS = {
  'env.accountSidVariable': { type: 'string' },
  'env.apiKeyVariable': { type: 'string' },
  'env.apiSecretVariable': { type: 'string' },
  'env.authTokenVariable': { type: 'string' },
  'keys.pageSize': { type: 'integer', minimum: 1, maximum: 1000 },
  'keys.rotationHintDays': { type: 'integer', minimum: 0, maximum: 3650 },
  offerEnvironmentCredentials: { type: 'boolean' },
  'detection.enabled': { type: 'boolean', perResource: true },
  'detection.severity': { type: 'string', enum: ['default', 'error', 'warning', 'information', 'hint'], perResource: true },
  'detection.exclude': { type: 'array', perResource: true },
  'detection.maxFileSize': { type: 'integer', minimum: 1024, perResource: true },
  requestTimeoutSeconds: { type: 'number', minimum: 1, maximum: 300 },
} as const satisfies Record<string, Spec>;

export type SettingKey = keyof typeof SETTINGS;

/** The first part of a dotted key (`env`, `detection`, `keys`): one event check covers the group. */
export type SettingGroup = SettingKey extends infer K ? (K extends `${infer G}.${string}` ? G : never) : never;

type ValueOf<S> = S extends { enum: readonly (infer E)[] }
  ? E
  : S extends { type: 'string' }
    ? string
    : S extends { type: 'integer' | 'number' }
      ? number
      : S extends { type: 'boolean' }
        ? boolean
        : S extends { type: 'array' }
          ? string[]
          : never;

export type SettingValue<K extends SettingKey> = ValueOf<(typeof SETTINGS)[K]>;

/** The full id, as in package.json and settings.json. */
export function settingId(key: SettingKey | SettingGroup): string {
  return `${SETTINGS_SECTION}.${key}`;
}

/**
 * `raw` as the setting's type, or undefined when it is not one (settings.json can hold anything):
 * numbers are kept within the contributed bounds and integers rounded down, as VS Code's own
 * settings editor would demand.
 */
export function settingValue<K extends SettingKey>(key: K, raw: unknown): SettingValue<K> | undefined {
  const spec: Spec = SETTINGS[key];
  switch (spec.type) {
    case 'string':
      if (typeof raw !== 'string' || (spec.enum && !spec.enum.includes(raw))) return undefined;
      return raw as SettingValue<K>;
    case 'boolean':
      return typeof raw === 'boolean' ? (raw as SettingValue<K>) : undefined;
    case 'array':
      return Array.isArray(raw) && raw.every((x) => typeof x === 'string') ? ([...raw] as SettingValue<K>) : undefined;
    case 'integer':
    case 'number': {
      if (typeof raw !== 'number' || Number.isNaN(raw)) return undefined;
      const n = Math.min(spec.maximum ?? Infinity, Math.max(spec.minimum ?? -Infinity, raw));
      return (spec.type === 'integer' ? Math.floor(n) : n) as SettingValue<K>;
    }
  }
}
