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
