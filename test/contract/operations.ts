// The operations of Twilio's OpenAPI descriptions the contract suites exercise, named once.
export const ACCOUNTS = 'GET /2010-04-01/Accounts.json';
export const ACCOUNT = 'GET /2010-04-01/Accounts/{Sid}.json';
export const BALANCE = 'GET /2010-04-01/Accounts/{AccountSid}/Balance.json';
export const LIST = 'GET /2010-04-01/Accounts/{AccountSid}/Keys.json';
export const CREATE = 'POST /2010-04-01/Accounts/{AccountSid}/Keys.json';
export const FETCH = 'GET /2010-04-01/Accounts/{AccountSid}/Keys/{Sid}.json';
export const UPDATE = 'POST /2010-04-01/Accounts/{AccountSid}/Keys/{Sid}.json';
export const DELETE = 'DELETE /2010-04-01/Accounts/{AccountSid}/Keys/{Sid}.json';
export const IAM_LIST = 'GET /v1/Keys';
export const IAM_CREATE = 'POST /v1/Keys';
export const IAM_FETCH = 'GET /v1/Keys/{Sid}';
export const IAM_UPDATE = 'POST /v1/Keys/{Sid}';
export const IAM_DELETE = 'DELETE /v1/Keys/{Sid}';
export const SECONDARY_CREATE = 'POST /v1/AuthTokens/Secondary';
export const SECONDARY_DELETE = 'DELETE /v1/AuthTokens/Secondary';
export const PROMOTE = 'POST /v1/AuthTokens/Promote';
export const SERVICES = 'GET /v1/Services';
export const SERVICE_CREATE = 'POST /v1/Services';
export const SERVICE = 'GET /v1/Services/{Sid}';
export const SERVICE_UPDATE = 'POST /v1/Services/{Sid}';
export const SERVICE_DELETE = 'DELETE /v1/Services/{Sid}';
export const ENVIRONMENTS = 'GET /v1/Services/{ServiceSid}/Environments';
export const ENVIRONMENT_CREATE = 'POST /v1/Services/{ServiceSid}/Environments';
export const ENVIRONMENT = 'GET /v1/Services/{ServiceSid}/Environments/{Sid}';
export const ENVIRONMENT_DELETE = 'DELETE /v1/Services/{ServiceSid}/Environments/{Sid}';
export const VARIABLES = 'GET /v1/Services/{ServiceSid}/Environments/{EnvironmentSid}/Variables';
export const VARIABLE_CREATE = 'POST /v1/Services/{ServiceSid}/Environments/{EnvironmentSid}/Variables';
export const VARIABLE = 'GET /v1/Services/{ServiceSid}/Environments/{EnvironmentSid}/Variables/{Sid}';
export const VARIABLE_UPDATE = 'POST /v1/Services/{ServiceSid}/Environments/{EnvironmentSid}/Variables/{Sid}';
export const VARIABLE_DELETE = 'DELETE /v1/Services/{ServiceSid}/Environments/{EnvironmentSid}/Variables/{Sid}';
/** Accounts v1 credentials: `kind` is `PublicKeys` or `AWS`. */
export const accountCredentialOps = (kind: 'PublicKeys' | 'AWS') => ({
  list: `GET /v1/Credentials/${kind}`,
  create: `POST /v1/Credentials/${kind}`,
  fetch: `GET /v1/Credentials/${kind}/{Sid}`,
  update: `POST /v1/Credentials/${kind}/{Sid}`,
  remove: `DELETE /v1/Credentials/${kind}/{Sid}`,
});
export const PUSH_LIST = 'GET /v1/Credentials';
export const PUSH_CREATE = 'POST /v1/Credentials';
export const PUSH_FETCH = 'GET /v1/Credentials/{Sid}';
export const PUSH_UPDATE = 'POST /v1/Credentials/{Sid}';
export const PUSH_DELETE = 'DELETE /v1/Credentials/{Sid}';
