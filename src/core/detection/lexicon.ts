// What a name or a label says about the value it names, in the languages people write code,
// configuration and notes in. A name (`TWILIO_AUTH_TOKEN`, `authToken`, `db.password`) and a
// label ("Token de Twilio:", "# twilio auth token for staging:", "Twilio令牌") are read as
// words; each word is a Twilio word, a credential word ("token", "clave", "Passwort", "пароль",
// "密码"…), an ambiguous "key" word, a counter word (a hash, a checksum, an id, another service),
// a word that says nothing (`my`, `prod`, `config`), or something else. The classes are
// evidence for the judge (rules.ts); nothing here decides alone.

/** What a name says about its value, strongest first. */
export type NameClass =
  /** A hash, a checksum, an id or another service's credential (`md5`, `request_id`, `GITHUB_TOKEN`). */
  | 'counter'
  /** A Twilio credential: `TWILIO_AUTH_TOKEN`, `authToken`, `twilio.api-key`, "Token de Twilio". */
  | 'twilio-credential'
  /** Twilio and nothing else (`twilio: …`, `TWILIO_PROD`). */
  | 'twilio'
  /** A credential without a service: `token`, `password`, `clave`, `Passwort`, `secret`. */
  | 'credential'
  /** Nothing in particular: `value`, `b`, `primary`, `key`. */
  | 'neutral'
  /** Something else: `api_key` (some API's), `session_token`, `request`, `cache_key`. */
  | 'other';

/** Which Twilio credential a name or label says it is, when it says: `authToken` → token, `api_secret` → secret. */
export type Says = 'token' | 'secret' | undefined;

export interface NameReading {
  cls: NameClass;
  says: Says;
  /**
   * `api_key`, `API_KEY`: some API's key. Another service's in a file that calls another API
   * (`api.openweathermap.org`), else as likely Twilio's as anything.
   */
  apiKey?: boolean;
  /** `SECRET_KEY`, `secretKey`: a web framework's signing key, unless an API key SID is beside it. */
  secretKey?: boolean;
}

/**
 * Names that are Twilio's own words for its credentials (`authToken`, `api_secret`): strong on
 * their own, unless another service is named too (`GITHUB_AUTH_TOKEN`).
 */
const TWILIO_TERM = /authtoken|accounttoken|twiliotoken|twiliopassword|twiliopass|apisecret|keysecret|twiliosecret/;
const SAYS_TOKEN = /authtoken|accounttoken|twiliotoken/;
const SAYS_SECRET = /apisecret|keysecret|secretkey|twiliosecret/;

/** Token, secret or neither, from a name's normalised words. */
function says(normalized: string): Says {
  if (SAYS_TOKEN.test(normalized)) return 'token';
  if (SAYS_SECRET.test(normalized)) return 'secret';
  return undefined;
}

/**
 * Credential words, as stems matched inside a word (`Authentifizierungstoken`, `contraseña`,
 * `Kennwort`, `令牌`). Words shorter than a stem are listed in CREDENTIAL_WORDS.
 */
const CREDENTIAL_STEM =
  /token|secr[eèé]t|passw|kennw|zugangs|contrase|senha|clave|jeton|segret|segredo|geheim|credential|wachtw|l[oö]senord|salasana|has[lł]o|heslo|jelsz|[sş]ifre|parola|khẩu|令牌|密钥|密鑰|密碼|密码|秘钥|祕鑰|秘密|口令|凭证|憑證|凭据|授权|認証|トークン|パスワード|シークレット|토큰|비밀|인증|токен|парол|секрет|टोकन|पासवर्ड|توكن|المرور/;
/** Credential words matched whole. `auth…` starts a word (`auth`, `authToken`, `autenticación`). */
const CREDENTIAL_WORDS = new Set(['pass', 'pw', 'pwd', 'psw', 'passwd', 'tok', 'tkn', 'creds', 'cred', 'passe', 'sandi', 'mdp', 'contrasena']);
const AUTH_PREFIX = /^(?:auth|autent|authent)/;

/** "Key" in the languages of the lexicon: ambiguous (an API key, a map key, a key secret). */
const KEY_WORDS = new Set([
  'key', 'keys', 'apikey', 'cle', 'clé', 'chave', 'chiave', 'llave', 'schlüssel', 'schluessel', 'sleutel', 'nyckel', 'nøgle', 'avain',
  'anahtar', 'kunci', 'klucz', 'klíč', 'kulcs', 'ключ', '键', '鍵', 'キー', '키', 'कुंजी', 'مفتاح',
]);

/**
 * Words that say "hash, checksum, id": the value is data, not a credential, whatever else the
 * name says. `id`, `ids` and `sid` count only as the last word (`account_sid` names a SID).
 */
const COUNTER_STEM =
  /^(?:md5|sha(?:1|224|256|384|512)?|hash(?:ed|es|code|value|sum)?|hexdigest|checksums?|digests?|integrity|etags?|commits?|revision|uuid|guid|nonce|salt|hmac|crc(?:32)?|fingerprints?|signature|trace|traceid|span|correlation|color|colour|prüfsumme|pruefsumme|hashwert|hachage|somme|contrôle|controle|suma|verificación|verificacion|校验和?|校驗|哈希|散列|ハッシュ|チェックサム|хеш|хэш|контрольная)$/;
const ID_WORDS = new Set(['id', 'ids', 'sid', 'sids', 'uid', 'identifier', 'identificador', 'kennung']);

/**
 * Other services whose credentials sit beside Twilio's in the same files. A name or label that
 * names one is about that service (`SENDGRID_API_KEY`, "# github token: …").
 */
const OTHER_SERVICES = new Set([
  'github', 'gh', 'gitlab', 'bitbucket', 'aws', 'amazon', 's3', 'azure', 'google', 'gcp', 'gcloud', 'firebase', 'fcm', 'apns',
  'stripe', 'paypal', 'braintree', 'sendgrid', 'mailgun', 'mailchimp', 'mandrill', 'postmark', 'sparkpost', 'mailjet',
  'slack', 'discord', 'telegram', 'openai', 'anthropic', 'gemini', 'heroku', 'netlify', 'vercel', 'digitalocean',
  'cloudflare', 'twitter', 'facebook', 'fb', 'instagram', 'linkedin', 'shopify', 'plaid', 'algolia', 'mapbox', 'weather',
  'openweather', 'openweathermap', 'owm', 'nexmo', 'vonage', 'plivo', 'messagebird', 'sinch', 'telesign', 'pusher', 'sentry',
  'datadog', 'newrelic', 'npm', 'pypi', 'docker', 'dockerhub', 'jwt', 'session', 'cookie', 'csrf', 'xsrf', 'oauth', 'bearer',
  'spotify', 'dropbox', 'zoom', 'hubspot', 'salesforce', 'zendesk', 'intercom', 'segment', 'mixpanel', 'amplitude',
  'onesignal', 'expo', 'smtp', 'imap', 'mail', 'email', 'gmail', 'db', 'database', 'mysql', 'postgres', 'postgresql',
  'redis', 'mongo', 'mongodb', 'rabbitmq', 'amqp', 'ldap', 'ssh', 'ftp', 'sftp', 'vault', 'consul', 'news', 'newsapi',
  'giphy', 'unsplash', 'tmdb', 'omdb', 'youtube', 'maps', 'places', 'recaptcha', 'captcha', 'hcaptcha', 'pinecone',
  'huggingface', 'hf', 'cohere', 'replicate', 'groq', 'mistral', 'deepgram', 'assemblyai', 'elevenlabs', 'supabase',
  'airtable', 'notion', 'trello', 'jira', 'asana', 'clickup', 'okta', 'auth0', 'cognito', 'clerk', 'wechat',
  'alipay', 'razorpay', 'paystack', 'flutterwave', 'mpesa', 'africastalking', 'textlocal', 'msg91', 'kavenegar',
  'clicksend', 'bandwidth', 'telnyx', 'signalwire', 'infobip', 'esendex', 'bulksms', 'textmagic', 'ngrok', 'encryption', 'encrypt', 'cipher', 'aes', 'iv', 'csrftoken', 'xoxb',
]);

/** Words that say nothing about which credential it is (`my`, `prod`, `config`, `the`, `de`). */
const SAYS_NOTHING = new Set([
  'api', 'twilio', 'account', 'accounts', 'acct', 'acc', 'sms', 'mms', 'whatsapp', 'voice', 'video', 'otp',
  'messaging', 'message', 'messages', 'notify', 'notification', 'notifications', 'chat', 'conversations', 'sync', 'flex',
  'my', 'the', 'a', 'an', 'your', 'our', 'config', 'configuration', 'cfg', 'conf', 'settings', 'setting', 'env',
  'environment', 'default', 'prod', 'production', 'dev', 'development', 'staging', 'stage', 'test', 'testing', 'live', 'sandbox',
  'main', 'primary', 'secondary', 'backup', 'old', 'new', 'current', 'master', 'sub', 'subaccount', 'value', 'val', 'string',
  'str', 'const', 'this', 'self', 'options', 'opts', 'params', 'param', 'process', 'os', 'environ', 'private', 'static',
  'final', 'var', 'let', 'set', 'get', 'rest', 'basic', 'data', 'info', 'details', 'local', 'global',
  'public', 'readonly', 'phone', 'number', 'from', 'to', 'for', 'of', 'de', 'del', 'da', 'do', 'di', 'du', 'la',
  'le', 'el', 'les', 'los', 'las', 'der', 'die', 'das', 'des', 'von', 'und', 'and', 'et', 'y', 'e', 'is', 'in', 'on',
  'cuenta', 'conta', 'compte', 'konto', 'conto', 'mot', 'service', 'services', 'provider', 'props', 'properties',
  'vars', 'variables', 'real', 'actual', 'user', 'username', 'alt', 'bak', 'tmp', 'temp', 'sec', 'prd', 'stg', 'uat', 'one',
  'two', 'first', 'second', 'other', 'another', 'extra', 'spare', 'legacy', 'fallback', 'child', 'parent',
]);

/** Splits a name or a label into lowercase words: camelCase, snake_case, kebab, dots, spaces, any script. */
export function words(text: string): string[] {
  const out: string[] = [];
  let start = -1;
  const flush = (end: number): void => {
    if (start >= 0 && end > start) out.push(text.slice(start, end).toLowerCase());
    start = -1;
  };
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    const upper = c >= 65 && c <= 90, lower = c >= 97 && c <= 122, digit = c >= 48 && c <= 57;
    if (upper || lower || digit) {
      if (start >= 0 && upper) {
        // camelCase (`authToken`) and ACRONYMWord (`APIKey`) boundaries.
        const p = text.charCodeAt(i - 1);
        const pLowerOrDigit = (p >= 97 && p <= 122) || (p >= 48 && p <= 57);
        const nextLower = text.charCodeAt(i + 1) >= 97 && text.charCodeAt(i + 1) <= 122;
        if (pLowerOrDigit || (p >= 65 && p <= 90 && nextLower)) flush(i);
      }
      if (start < 0) start = i;
    } else if (c >= 128 && LETTER.test(text[i])) {
      if (start < 0) start = i;
    } else flush(i);
  }
  flush(text.length);
  return out;
}
/** A letter of any script (one UTF-16 unit: the lexicon's scripts are all in the BMP). */
const LETTER = /\p{L}|\p{N}/u;

/**
 * Service names long enough to be recognised inside a compound (`weathertoken`), as one
 * alternation of plain words (letters and digits only: nothing to escape, nothing to backtrack).
 */
const LONG_SERVICE = new RegExp([...OTHER_SERVICES].filter((w) => w.length >= 5 && /^[a-z0-9]+$/.test(w)).join('|'));

/**
 * A known other service in the words: a word (`sendgrid`), two words a camelCase split apart
 * (`GitHub`, `sendGrid`), or, for names of 5 letters or more, inside one word (`weathertoken`).
 * A word holding Twilio is Twilio's (`TWILIOAUTHTOKEN` holds "oauth" by accident).
 */
function namesOtherService(ws: readonly string[]): boolean {
  for (let i = 0; i < ws.length; i++) {
    const w = ws[i];
    if (OTHER_SERVICES.has(w) || (i > 0 && OTHER_SERVICES.has(ws[i - 1] + w))) return true;
    if (w.length > 5 && !w.includes('twilio') && LONG_SERVICE.test(w)) return true;
  }
  return false;
}

/** A word without the digits that number it (`key2` → `key`, `token_2` is already two words); digits alone stay. */
function base(w: string): string {
  let end = w.length;
  while (end > 0 && w.charCodeAt(end - 1) >= 48 && w.charCodeAt(end - 1) <= 57) end--;
  return end > 0 ? w.slice(0, end) : w;
}

function isCredentialWord(w: string): boolean {
  return CREDENTIAL_STEM.test(w) || CREDENTIAL_WORDS.has(base(w)) || AUTH_PREFIX.test(w);
}

function isCounterWord(w: string, last: boolean): boolean {
  return COUNTER_STEM.test(w) || OTHER_SERVICES.has(w) || (last && ID_WORDS.has(base(w)));
}

function saysNothing(w: string): boolean {
  const b = base(w);
  return SAYS_NOTHING.has(b) || b.length <= 2 || /^[0-9]+$/.test(b);
}

/**
 * Reads a key name (`TWILIO_AUTH_TOKEN`, `db.password`, `sms_key`, a CSV column's header, the
 * name a value is passed under). `parents` are the enclosing blocks' names, innermost first
 * (`twilio:` above `key: …`): a Twilio block makes a name Twilio's, a checksum block or another
 * service's block (`checksums:`, `github:`) makes it a counter.
 */
export function readName(name: string, parents: readonly string[] = []): NameReading {
  if (parents.length > 0) return readNameUncached(name, parents);
  let reading = cache.get(name);
  if (reading === undefined) {
    // Files repeat their names (`authToken` on every line of a fixture): read each once.
    if (cache.size >= 1024) cache.clear();
    cache.set(name, (reading = readNameUncached(name, parents)));
  }
  return reading;
}
const cache = new Map<string, NameReading>();

function readNameUncached(name: string, parents: readonly string[]): NameReading {
  // A "name" that is itself a random-looking value (a map keyed by ids or hashes) names nothing
  // a credential would be: data. Decided before splitting it into dozens of one-letter words.
  if (looksLikeValue(name)) return { cls: 'other', says: undefined };
  const ws = words(name);
  const norm = ws.join('');
  const saysWhat = says(norm);
  if (!norm.includes('twilio') && namesOtherService(ws)) return { cls: 'counter', says: saysWhat };
  let twilio = false, credential = false, key = false, api = false, unknown = false;
  for (let i = 0; i < ws.length; i++) {
    const w = ws[i];
    if (isCounterWord(w, i === ws.length - 1)) return { cls: 'counter', says: saysWhat };
    if (w.includes('twilio')) twilio = true;
    if (isCredentialWord(w)) credential = true;
    else if (KEY_WORDS.has(base(w))) {
      key = true;
      if (w === 'apikey') api = true;
    } else if (w === 'api') api = true;
    else if (!w.includes('twilio') && !saysNothing(w)) unknown = true;
  }
  for (let p = 0; p < parents.length; p++) {
    const pw = words(parents[p]);
    // `checksums:` anywhere above; another service only as the block's whole name (`github:`).
    if (p === 0 && pw.length === 1 && OTHER_SERVICES.has(pw[0])) return { cls: 'counter', says: saysWhat };
    for (const w of pw) {
      if (COUNTER_STEM.test(w)) return { cls: 'counter', says: saysWhat };
      if (w.includes('twilio')) twilio = true;
    }
  }
  // `SECRET_KEY`, `app.secret_key`: a web framework's signing key (Flask, Django, Rails) unless an
  // API key SID vouches for it (the judge's SID evidence), so it says something else here.
  const appSecretKey = !twilio && !api && !unknown && key && ws.includes('secret') && ws.filter((w) => isCredentialWord(w)).length === 1;
  let cls: NameClass;
  if (appSecretKey) cls = 'other';
  else if (TWILIO_TERM.test(norm)) cls = 'twilio-credential';
  else if (twilio && (credential || key)) cls = 'twilio-credential';
  else if (twilio) cls = unknown ? 'other' : 'twilio';
  else if (credential) cls = unknown ? 'other' : 'credential';
  else if (key) cls = api || unknown ? 'other' : 'neutral';
  else cls = unknown ? 'other' : 'neutral';
  if (appSecretKey) return { cls, says: saysWhat, secretKey: true };
  return cls === 'other' && key && api && !unknown ? { cls, says: saysWhat, apiKey: true } : { cls, says: saysWhat };
}

/** 20 or more letters and digits, at least 4 of each, nothing else: a value, not a name. */
function looksLikeValue(name: string): boolean {
  if (name.length < 20) return false;
  let digits = 0, letters = 0;
  for (let i = 0; i < name.length; i++) {
    const c = name.charCodeAt(i);
    if (c >= 48 && c <= 57) digits++;
    else if ((c >= 65 && c <= 90) || (c >= 97 && c <= 122)) letters++;
    else return false;
  }
  return digits >= 4 && letters >= 4;
}

/** What a label in prose says ("Token de Twilio:", "# twilio auth token for staging:", "Twilio令牌"). */
export interface LabelReading {
  /** A hash, an id or another service is named: the value is not Twilio's. */
  counter: boolean;
  twilio: boolean;
  credential: boolean;
  says: Says;
}

/**
 * Reads the words of a label. Unlike a name, prose has words of its own ("for the staging
 * account"), so unknown words say nothing; only Twilio, credential and counter words count.
 */
export function readLabel(text: string): LabelReading {
  const ws = words(text);
  let twilio = false, credential = false, counter = namesOtherService(ws);
  for (const w of ws) {
    // Ids are not looked for: prose and code before a value name variables (`Client(sid, …`).
    if (COUNTER_STEM.test(w) || OTHER_SERVICES.has(w)) counter = true;
    if (w.includes('twilio')) twilio = true;
    if (isCredentialWord(w)) credential = true;
  }
  return { counter, twilio, credential, says: says(ws.join('')) };
}

/**
 * Twilio's own words for its credentials anywhere in a normalised text (`authtoken`,
 * `apisecret`): what a line says when a value has no name of its own. Undefined when none.
 */
export function twilioTermIn(normalized: string): Says | 'credential' | undefined {
  if (!TWILIO_TERM.test(normalized)) return undefined;
  return says(normalized) ?? 'credential';
}
