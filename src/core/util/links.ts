// Every web link the extension and the CLI show a user (a diagnostic's code link, a hover's
// "Learn more", a SARIF rule's help URI and the tool's information URI). They point at Twilio's
// own documentation: this project's repository, npm package and Marketplace names are not
// published yet (README, "Names"), and a link to a name nobody holds is a link whoever registers
// it first would control. test/unit/util/links.test.ts keeps every URL in src/ on this list's hosts.

/** Why a hardcoded Account SID / Auth Token / key secret is a leak, and where credentials belong. */
export const HARDCODED_CREDENTIALS_URL = 'https://www.twilio.com/docs/usage/secure-credentials';

/** API keys and their types: what each credential can do, hence the mix-ups (a key where a token goes…). */
export const API_KEYS_URL = 'https://www.twilio.com/docs/iam/api-keys';

/** The hosts a link the product shows may point at. */
export const LINK_HOSTS: readonly string[] = ['www.twilio.com'];
