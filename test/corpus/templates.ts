// Templates for the generated accuracy corpus. No value here looks like a real credential: the
// generator fills the markers with values from a seeded PRNG at bench/test time.
//
// Markers (⟦…⟧):
//   T  an Auth Token (expected finding)       S  an API key secret (expected finding)
//   AC an Account SID (expected finding)      SK an API key SID (expected finding)
//   h  a 32-hex value that is NOT a secret    a  a 32-alphanumeric value that is NOT a secret
//   h40 / h64  git SHA / SHA-256 digest      uuid  a dashed UUID     X:SM  another Twilio SID
//   q  a quote (' or ", one per file)         p:a|b|c  one of the alternatives
//   n  a small number (file names)
//   B:T / B:S  base64 of `AC…:token` / `SK…:secret` (an `Authorization: Basic` value; expected
//              finding at the base64 value)      B:user / B:ph  base64 of `admin:<hex>` / `AC…:xxxx…`

export interface Template {
  /** Path; `⟦n⟧` makes instances distinct. */
  path: string;
  body: string;
  /** A short name for per-family reporting. */
  family: string;
}

export const POSITIVE_TEMPLATES: Template[] = [
  // JavaScript / TypeScript
  { family: 'javascript', path: 'src/sms⟦n⟧.js', body: "const accountSid = ⟦q⟧⟦AC⟧⟦q⟧;\nconst ⟦p:authToken|twilioAuthToken|AUTH_TOKEN⟧ = ⟦q⟧⟦T⟧⟦q⟧;\nconst client = require('twilio')(accountSid, ⟦p:authToken|twilioAuthToken|AUTH_TOKEN⟧);\n\nclient.messages.create({ body: 'Hi', from: '+15017122661', to: '+15558675310' }).then((m) => console.log(m.sid));\n" },
  { family: 'javascript', path: 'server/notify⟦n⟧.mjs', body: "import twilio from 'twilio';\n\nconst client = twilio(⟦q⟧⟦AC⟧⟦q⟧, ⟦q⟧⟦T⟧⟦q⟧);\nexport default client;\n" },
  { family: 'javascript', path: 'config/default⟦n⟧.js', body: "module.exports = {\n  port: 3000,\n  twilio: {\n    accountSid: ⟦q⟧⟦AC⟧⟦q⟧,\n    authToken: ⟦q⟧⟦T⟧⟦q⟧,\n    from: '+15017122661',\n  },\n};\n" },
  { family: 'javascript', path: 'routes/webhook⟦n⟧.js', body: "const twilio = require('twilio');\n\nrouter.post('/sms', (req, res) => {\n  const signature = req.header('X-Twilio-Signature');\n  const ok = twilio.validateRequest(⟦q⟧⟦T⟧⟦q⟧, signature, url, req.body);\n  res.sendStatus(ok ? 200 : 403);\n});\n" },
  { family: 'javascript', path: 'src/video/token⟦n⟧.ts', body: "import { jwt } from 'twilio';\nconst { AccessToken } = jwt;\n\nexport function videoToken(identity: string): string {\n  const token = new AccessToken(\n    ⟦q⟧⟦AC⟧⟦q⟧,\n    ⟦q⟧⟦SK⟧⟦q⟧,\n    ⟦q⟧⟦S⟧⟦q⟧,\n    { identity },\n  );\n  token.addGrant(new AccessToken.VideoGrant({ room: 'demo' }));\n  return token.toJwt();\n}\n" },
  { family: 'typescript', path: 'src/environments/environment⟦n⟧.ts', body: "export const environment = {\n  production: false,\n  apiUrl: 'http://localhost:4200',\n  twilioApiKey: ⟦q⟧⟦SK⟧⟦q⟧,\n  twilioApiSecret: ⟦q⟧⟦S⟧⟦q⟧,\n};\n" },
  { family: 'typescript', path: 'src/services/twilio⟦n⟧.service.ts', body: "@Injectable()\nexport class TwilioService {\n  private readonly authToken: string = ⟦q⟧⟦T⟧⟦q⟧;\n  private readonly client = new Twilio(process.env.TWILIO_ACCOUNT_SID, this.authToken);\n}\n" },
  { family: 'typescript', path: 'lib/client⟦n⟧.ts', body: "const client = new Twilio(⟦q⟧⟦SK⟧⟦q⟧, ⟦q⟧⟦S⟧⟦q⟧, { accountSid: ⟦q⟧⟦AC⟧⟦q⟧ });\n" },
  { family: 'javascript', path: 'scripts/basic⟦n⟧.js', body: "const auth = Buffer.from(`⟦AC⟧:⟦T⟧`).toString('base64');\nfetch('https://api.twilio.com/2010-04-01/Accounts.json', { headers: { Authorization: `Basic ${auth}` } });\n" },
  { family: 'javascript', path: 'src/fallback⟦n⟧.js', body: "const accountSid = process.env.TWILIO_ACCOUNT_SID;\nconst authToken = process.env.TWILIO_AUTH_TOKEN || ⟦q⟧⟦T⟧⟦q⟧;\n" },
  // Python
  { family: 'python', path: 'app/send_sms⟦n⟧.py', body: "import os\nfrom twilio.rest import Client\n\naccount_sid = ⟦q⟧⟦AC⟧⟦q⟧\nauth_token = ⟦q⟧⟦T⟧⟦q⟧\nclient = Client(account_sid, auth_token)\n\nmessage = client.messages.create(body='Hello', from_='+15017122661', to='+15558675310')\nprint(message.sid)\n" },
  { family: 'python', path: 'app/quick⟦n⟧.py', body: "from twilio.rest import Client\n\nclient = Client(⟦q⟧⟦AC⟧⟦q⟧, ⟦q⟧⟦T⟧⟦q⟧)\n" },
  { family: 'python', path: 'mysite/settings⟦n⟧.py', body: "DEBUG = True\nALLOWED_HOSTS = []\n\n# Twilio\nTWILIO_ACCOUNT_SID = ⟦q⟧⟦AC⟧⟦q⟧\nTWILIO_AUTH_TOKEN = ⟦q⟧⟦T⟧⟦q⟧\nTWILIO_NUMBER = '+15017122661'\n" },
  { family: 'python', path: 'app/getenv⟦n⟧.py', body: "import os\n\nTWILIO_AUTH_TOKEN = os.getenv(\"TWILIO_AUTH_TOKEN\", ⟦q⟧⟦T⟧⟦q⟧)\n" },
  { family: 'python', path: 'app/webhooks⟦n⟧.py', body: "from twilio.request_validator import RequestValidator\n\nvalidator = RequestValidator(⟦q⟧⟦T⟧⟦q⟧)\n\ndef valid(request):\n    return validator.validate(request.url, request.form, request.headers.get('X-Twilio-Signature', ''))\n" },
  { family: 'python', path: 'scripts/raw_api⟦n⟧.py', body: "import requests\n\nurl = 'https://api.twilio.com/2010-04-01/Accounts/⟦AC⟧/Messages.json'\nresp = requests.post(url, data={'To': '+15558675310', 'Body': 'hi'}, auth=(⟦q⟧⟦AC⟧⟦q⟧, ⟦q⟧⟦T⟧⟦q⟧))\n" },
  { family: 'python', path: 'app/keys⟦n⟧.py', body: "from twilio.rest import Client\n\napi_key = ⟦q⟧⟦SK⟧⟦q⟧\napi_secret = ⟦q⟧⟦S⟧⟦q⟧\nclient = Client(api_key, api_secret, ⟦q⟧⟦AC⟧⟦q⟧)\n" },
  { family: 'python', path: 'app/env_setup⟦n⟧.py', body: "import os\nos.environ[\"TWILIO_AUTH_TOKEN\"] = ⟦q⟧⟦T⟧⟦q⟧\nos.environ.setdefault(\"TWILIO_API_SECRET\", ⟦q⟧⟦S⟧⟦q⟧)\n" },
  // Ruby
  { family: 'ruby', path: 'lib/notifier⟦n⟧.rb', body: "require 'twilio-ruby'\n\naccount_sid = ⟦q⟧⟦AC⟧⟦q⟧\nauth_token = ⟦q⟧⟦T⟧⟦q⟧\n@client = Twilio::REST::Client.new(account_sid, auth_token)\n" },
  { family: 'ruby', path: 'config/initializers/twilio⟦n⟧.rb', body: "Twilio.configure do |config|\n  config.account_sid = ⟦q⟧⟦AC⟧⟦q⟧\n  config.auth_token = ⟦q⟧⟦T⟧⟦q⟧\nend\n" },
  { family: 'ruby', path: 'lib/sms⟦n⟧.rb', body: "@client = Twilio::REST::Client.new ⟦q⟧⟦AC⟧⟦q⟧, ⟦q⟧⟦T⟧⟦q⟧\n" },
  // PHP
  { family: 'php', path: 'src/Sms⟦n⟧.php', body: "<?php\nrequire __DIR__ . '/vendor/autoload.php';\nuse Twilio\\Rest\\Client;\n\n$sid = ⟦q⟧⟦AC⟧⟦q⟧;\n$token = ⟦q⟧⟦T⟧⟦q⟧;\n$twilio = new Client($sid, $token);\n" },
  { family: 'php', path: 'config/services⟦n⟧.php', body: "<?php\n\nreturn [\n    'twilio' => [\n        'sid' => env('TWILIO_SID', ⟦q⟧⟦AC⟧⟦q⟧),\n        'token' => env('TWILIO_TOKEN', ⟦q⟧⟦T⟧⟦q⟧),\n    ],\n];\n" },
  // Java / Kotlin
  { family: 'java', path: 'src/main/java/com/example/Sms⟦n⟧.java', body: "package com.example;\n\nimport com.twilio.Twilio;\n\npublic class Sms {\n    public static final String ACCOUNT_SID = \"⟦AC⟧\";\n    public static final String AUTH_TOKEN = \"⟦T⟧\";\n\n    public static void main(String[] args) {\n        Twilio.init(ACCOUNT_SID, AUTH_TOKEN);\n    }\n}\n" },
  { family: 'java', path: 'src/main/java/com/example/Init⟦n⟧.java', body: "class Init {\n    void init() {\n        Twilio.init(\"⟦AC⟧\", \"⟦T⟧\");\n        RequestValidator validator = new RequestValidator(\"⟦T⟧\");\n    }\n}\n" },
  { family: 'java', path: 'src/main/java/com/example/Config⟦n⟧.java', body: "@Configuration\npublic class TwilioConfig {\n    @Value(\"${twilio.auth-token:⟦T⟧}\")\n    private String authToken;\n}\n" },
  { family: 'kotlin', path: 'app/src/main/kotlin/Sms⟦n⟧.kt', body: "object Sms {\n    private const val ACCOUNT_SID = \"⟦AC⟧\"\n    private val authToken = \"⟦T⟧\"\n\n    fun init() = Twilio.init(ACCOUNT_SID, authToken)\n}\n" },
  // C#
  { family: 'csharp', path: 'Program⟦n⟧.cs', body: "using Twilio;\n\nclass Program\n{\n    static void Main(string[] args)\n    {\n        const string accountSid = \"⟦AC⟧\";\n        const string authToken = \"⟦T⟧\";\n        TwilioClient.Init(accountSid, authToken);\n    }\n}\n" },
  { family: 'csharp', path: 'Startup⟦n⟧.cs', body: "TwilioClient.Init(\"⟦SK⟧\", \"⟦S⟧\", \"⟦AC⟧\");\n" },
  { family: 'json', path: 'appsettings⟦n⟧.json', body: "{\n  \"Logging\": { \"LogLevel\": { \"Default\": \"Information\" } },\n  \"Twilio\": {\n    \"AccountSid\": \"⟦AC⟧\",\n    \"AuthToken\": \"⟦T⟧\"\n  }\n}\n" },
  // Go
  { family: 'go', path: 'cmd/sms⟦n⟧/main.go', body: "package main\n\nimport \"github.com/twilio/twilio-go\"\n\nfunc main() {\n\tclient := twilio.NewRestClientWithParams(twilio.ClientParams{\n\t\tUsername: \"⟦AC⟧\",\n\t\tPassword: \"⟦T⟧\",\n\t})\n\t_ = client\n}\n" },
  { family: 'go', path: 'internal/cfg⟦n⟧.go', body: "package cfg\n\nimport \"os\"\n\nfunc init() {\n\tos.Setenv(\"TWILIO_AUTH_TOKEN\", \"⟦T⟧\")\n}\n\nconst authToken = \"⟦T⟧\"\n" },
  // Swift
  { family: 'swift', path: 'Sources/App/Sms⟦n⟧.swift', body: "import Foundation\n\nlet accountSID = \"⟦AC⟧\"\nlet authToken = \"⟦T⟧\"\nlet credentials = \"\\(accountSID):⟦T⟧\".data(using: .utf8)!.base64EncodedString()\n" },
  // Shell
  { family: 'shell', path: 'scripts/send⟦n⟧.sh', body: "#!/bin/sh\ncurl -X POST \"https://api.twilio.com/2010-04-01/Accounts/⟦AC⟧/Messages.json\" \\\n  --data-urlencode \"Body=Hello\" \\\n  --data-urlencode \"To=+15558675310\" \\\n  -u ⟦AC⟧:⟦T⟧\n" },
  { family: 'shell', path: 'scripts/env⟦n⟧.sh', body: "#!/bin/bash\nexport TWILIO_ACCOUNT_SID=⟦AC⟧\nexport TWILIO_AUTH_TOKEN=\"⟦T⟧\"\nexport TWILIO_API_KEY=⟦SK⟧\nexport TWILIO_API_SECRET=⟦S⟧\n" },
  { family: 'shell', path: 'scripts/keys⟦n⟧.sh', body: "curl https://api.twilio.com/2010-04-01/Accounts.json -u \"⟦SK⟧:⟦S⟧\"\n" },
  { family: 'shell', path: 'deploy/url⟦n⟧.sh', body: "TWILIO_URL=\"https://⟦AC⟧:⟦T⟧@api.twilio.com/2010-04-01/Accounts/⟦AC⟧/Calls.json\"\n" },
  // YAML, docker-compose, CI
  { family: 'yaml', path: 'config/twilio⟦n⟧.yml', body: "twilio:\n  account_sid: ⟦AC⟧\n  auth_token: ⟦T⟧\n  from_number: \"+15017122661\"\n" },
  { family: 'yaml', path: 'config/creds⟦n⟧.yaml', body: "twilio:\n  sid: ⟦AC⟧\n  token: ⟦q⟧⟦T⟧⟦q⟧\n" },
  { family: 'docker-compose', path: 'deploy⟦n⟧/docker-compose.yml', body: "version: '3.8'\nservices:\n  web:\n    image: app:latest\n    environment:\n      - TWILIO_ACCOUNT_SID=⟦AC⟧\n      - TWILIO_AUTH_TOKEN=⟦T⟧\n      - DATABASE_URL=postgres://db/app\n" },
  { family: 'yaml', path: '.github/workflows/notify⟦n⟧.yml', body: "name: notify\non: push\njobs:\n  sms:\n    runs-on: ubuntu-latest\n    env:\n      TWILIO_API_KEY: ⟦SK⟧\n      TWILIO_API_SECRET: ⟦S⟧\n    steps:\n      - run: ./notify.sh\n" },
  // JSON
  { family: 'json', path: 'config/production⟦n⟧.json', body: "{\n  \"twilio\": {\n    \"accountSid\": \"⟦AC⟧\",\n    \"authToken\": \"⟦T⟧\"\n  }\n}\n" },
  { family: 'json', path: 'home/.twilio-cli⟦n⟧/config.json', body: "{\n  \"profiles\": {\n    \"default\": {\n      \"accountSid\": \"⟦AC⟧\",\n      \"apiKey\": \"⟦SK⟧\",\n      \"apiSecret\": \"⟦S⟧\"\n    }\n  },\n  \"activeProject\": \"default\"\n}\n" },
  // properties, INI, TOML
  { family: 'properties', path: 'src/main/resources/application⟦n⟧.properties', body: "server.port=8080\ntwilio.account.sid=⟦AC⟧\ntwilio.auth.token=⟦T⟧\n" },
  { family: 'properties', path: 'src/main/resources/app⟦n⟧.properties', body: "twilio.api-key=⟦SK⟧\ntwilio.api-secret = ⟦S⟧\n" },
  { family: 'ini', path: 'config/settings⟦n⟧.ini', body: "[database]\nhost = localhost\n\n[twilio]\naccount_sid = ⟦AC⟧\nauth_token = ⟦T⟧\n" },
  { family: 'toml', path: 'config/app⟦n⟧.toml', body: "[twilio]\naccount_sid = \"⟦AC⟧\"\nauth_token = \"⟦T⟧\"\n" },
  // env files
  { family: 'dotenv', path: 'app⟦n⟧/.env.example', body: "# Copy to .env\nTWILIO_ACCOUNT_SID=⟦AC⟧\nTWILIO_AUTH_TOKEN=⟦T⟧\nPORT=3000\n" },
  { family: 'dotenv', path: 'svc⟦n⟧/.env', body: "TWILIO_ACCOUNT_SID=⟦AC⟧\nTWILIO_API_KEY=⟦SK⟧\nTWILIO_API_SECRET=⟦S⟧\nTWILIO_AUTH_TOKEN=⟦T⟧\n" },
  // Notebooks
  { family: 'jupyter', path: 'notebooks/sms⟦n⟧.ipynb', body: "{\n \"cells\": [\n  {\n   \"cell_type\": \"code\",\n   \"execution_count\": 1,\n   \"metadata\": {},\n   \"outputs\": [],\n   \"source\": [\n    \"from twilio.rest import Client\\n\",\n    \"account_sid = '⟦AC⟧'\\n\",\n    \"auth_token = '⟦T⟧'\\n\",\n    \"client = Client(account_sid, auth_token)\"\n   ]\n  }\n ],\n \"metadata\": {\"kernelspec\": {\"name\": \"python3\"}},\n \"nbformat\": 4,\n \"nbformat_minor\": 5\n}\n" },
  // Docs, comments, tests
  { family: 'markdown', path: 'docs/setup⟦n⟧.md', body: "# Setup\n\nSet your credentials:\n\n```sh\ntwilio profiles:add --account-sid ⟦AC⟧ --auth-token ⟦T⟧\n```\n" },
  { family: 'comment', path: 'src/old⟦n⟧.py', body: "# TODO remove: twilio auth token ⟦T⟧\ndef send():\n    pass\n" },
  { family: 'test', path: 'test/sms⟦n⟧.test.js', body: "const twilio = require('twilio');\n\ndescribe('sms', () => {\n  it('sends', async () => {\n    const client = twilio(⟦q⟧⟦AC⟧⟦q⟧, ⟦q⟧⟦T⟧⟦q⟧);\n  });\n});\n" },
  { family: 'minified', path: 'public/js/app⟦n⟧.min.js', body: "⟦minified⟧var cfg={accountSid:\"⟦AC⟧\",authToken:\"⟦T⟧\"};⟦minified⟧\n" },
  { family: 'xml', path: 'Web⟦n⟧.config', body: "<configuration>\n  <appSettings>\n    <add key=\"TwilioAccountSid\" value=\"⟦AC⟧\" />\n    <add key=\"TwilioAuthToken\" value=\"⟦T⟧\" />\n  </appSettings>\n</configuration>\n" },
  { family: 'terraform', path: 'infra/main⟦n⟧.tf', body: "provider \"twilio\" {\n  username = \"⟦SK⟧\"\n  password = \"⟦S⟧\"\n}\n" },
  // Other dialects
  { family: 'dockerfile', path: 'docker⟦n⟧/Dockerfile', body: "FROM node:20-alpine\nWORKDIR /app\nENV TWILIO_ACCOUNT_SID ⟦AC⟧\nENV TWILIO_AUTH_TOKEN ⟦T⟧\nCMD [\"node\", \"index.js\"]\n" },
  { family: 'powershell', path: 'scripts/setup⟦n⟧.ps1', body: "$env:TWILIO_ACCOUNT_SID = \"⟦AC⟧\"\n$env:TWILIO_AUTH_TOKEN = \"⟦T⟧\"\n" },
  { family: 'xml', path: 'app/src/main/res/values/secrets⟦n⟧.xml', body: "<resources>\n    <string name=\"twilio_account_sid\">⟦AC⟧</string>\n    <string name=\"twilio_auth_token\">⟦T⟧</string>\n</resources>\n" },
  { family: 'ruby', path: 'config/initializers/sms⟦n⟧.rb', body: "TWILIO_AUTH_TOKEN =\n  ( ENV['TWILIO_AUTH_TOKEN'] or '⟦T⟧' )\n" },
  { family: 'csharp', path: 'Api/Token⟦n⟧.cs', body: "string twilioApiKeySecret = configuration[\"Twilio:ApiKeySecret\"] ?? \"⟦S⟧\";\n" },
  { family: 'php', path: 'config/video⟦n⟧.php', body: "<?php\nreturn [\n    'API'     => env('TWILIO_API', '⟦SK⟧'),\n    'API_KEY' => env('TWILIO_API_KEY', '⟦S⟧'),\n];\n" },
  { family: 'json', path: 'postman/collection⟦n⟧.json', body: "{\"auth\": {\"type\": \"basic\", \"basic\": [{\"key\": \"username\", \"value\": \"⟦AC⟧\"}, {\"key\": \"password\", \"value\": \"⟦T⟧\"}]}}\n" },
  { family: 'kotlin', path: 'app/Validator⟦n⟧.kt', body: "val validator = RequestValidator(\"⟦T⟧\")\n" },
  { family: 'swift', path: 'Sources/Client⟦n⟧.swift', body: "let client = TwilioClient(accountSid: sid, authToken: \"⟦T⟧\")\n" },
  // Key/value lists: the name sits in a sibling field, often on another line (issue 12).
  { family: 'kv-list', path: 'postman/Twilio⟦n⟧.postman_collection.json', body: "{\n\t\"info\": {\n\t\t\"name\": \"SMS\",\n\t\t\"schema\": \"https://schema.getpostman.com/json/collection/v2.1.0/collection.json\"\n\t},\n\t\"item\": [\n\t\t{\n\t\t\t\"name\": \"Send SMS\",\n\t\t\t\"request\": {\n\t\t\t\t\"auth\": {\n\t\t\t\t\t\"type\": \"basic\",\n\t\t\t\t\t\"basic\": [\n\t\t\t\t\t\t{\n\t\t\t\t\t\t\t\"key\": \"password\",\n\t\t\t\t\t\t\t\"value\": \"⟦T⟧\",\n\t\t\t\t\t\t\t\"type\": \"string\"\n\t\t\t\t\t\t},\n\t\t\t\t\t\t{\n\t\t\t\t\t\t\t\"key\": \"username\",\n\t\t\t\t\t\t\t\"value\": \"{{account_sid}}\",\n\t\t\t\t\t\t\t\"type\": \"string\"\n\t\t\t\t\t\t}\n\t\t\t\t\t]\n\t\t\t\t},\n\t\t\t\t\"method\": \"POST\",\n\t\t\t\t\"url\": {\n\t\t\t\t\t\"raw\": \"https://api.twilio.com/2010-04-01/Accounts/{{account_sid}}/Messages.json\"\n\t\t\t\t}\n\t\t\t}\n\t\t}\n\t]\n}\n" },
  { family: 'kv-list', path: 'postman/prod⟦n⟧.postman_environment.json', body: "{\n\t\"name\": \"prod\",\n\t\"values\": [\n\t\t{\n\t\t\t\"key\": \"base_url\",\n\t\t\t\"value\": \"https://api.twilio.com\",\n\t\t\t\"enabled\": true\n\t\t},\n\t\t{\n\t\t\t\"key\": \"token\",\n\t\t\t\"value\": \"⟦T⟧\",\n\t\t\t\"type\": \"secret\",\n\t\t\t\"enabled\": true\n\t\t}\n\t]\n}\n" },
  { family: 'kv-list', path: 'deploy/k8s/sms⟦n⟧.yaml', body: "apiVersion: apps/v1\nkind: Deployment\nspec:\n  template:\n    spec:\n      containers:\n        - name: sms\n          image: acme/sms:1.4.2\n          env:\n            - name: LOG_LEVEL\n              value: info\n            - name: TWILIO_AUTH_TOKEN\n              value: ⟦T⟧\n            - name: PORT\n              value: \"8080\"\n" },
  { family: 'kv-list', path: 'infra/ecs/task⟦n⟧.json', body: "{\n  \"family\": \"sms\",\n  \"containerDefinitions\": [\n    {\n      \"name\": \"sms\",\n      \"environment\": [\n        {\n          \"name\": \"TWILIO_API_SECRET\",\n          \"value\": \"⟦S⟧\"\n        },\n        {\n          \"name\": \"NODE_ENV\",\n          \"value\": \"production\"\n        }\n      ]\n    }\n  ]\n}\n" },
  { family: 'kv-list', path: 'infra/helm⟦n⟧.tf', body: "resource \"helm_release\" \"sms\" {\n  name  = \"sms\"\n  chart = \"./charts/sms\"\n\n  set_sensitive {\n    name  = \"twilio.authToken\"\n    value = \"⟦T⟧\"\n  }\n}\n" },
  { family: 'kv-list', path: 'cloudformation/stack⟦n⟧.yaml', body: "Parameters:\n  - ParameterKey: TwilioAuthToken\n    ParameterValue: ⟦T⟧\n  - ParameterKey: Stage\n    ParameterValue: prod\n" },
  { family: 'kv-list', path: 'azure/appsettings⟦n⟧.json', body: "[\n  {\n    \"name\": \"Twilio__AuthToken\",\n    \"value\": \"⟦T⟧\",\n    \"slotSetting\": false\n  }\n]\n" },
  // Basic auth, base64-encoded (issue 12): the finding is the base64 value.
  { family: 'basic-b64', path: 'requests/sms⟦n⟧.http', body: "POST https://api.twilio.com/2010-04-01/Accounts/⟦AC⟧/Messages.json\nAuthorization: Basic ⟦B:T⟧\nContent-Type: application/x-www-form-urlencoded\n\nTo=%2B15558675310&From=%2B15017122661&Body=Hi\n" },
  { family: 'basic-b64', path: 'scripts/curl⟦n⟧.sh', body: "#!/bin/sh\ncurl -X POST https://api.twilio.com/2010-04-01/Accounts.json \\\n  -H ⟦q⟧Authorization: Basic ⟦B:T⟧⟦q⟧ \\\n  -d FriendlyName=sub\n" },
  { family: 'basic-b64', path: 'src/http⟦n⟧.js', body: "const headers = {\n  Authorization: ⟦q⟧Basic ⟦B:T⟧⟦q⟧,\n  'Content-Type': 'application/x-www-form-urlencoded',\n};\nawait fetch(url, { method: 'POST', headers, body });\n" },
  { family: 'basic-b64', path: 'app/http⟦n⟧.py', body: "import requests\n\nheaders = {\"Authorization\": \"basic ⟦B:S⟧\"}\nrequests.get(URL, headers=headers)\n" },
  { family: 'basic-b64', path: 'insomnia/export⟦n⟧.json', body: "{\"_type\": \"export\", \"resources\": [{\"_type\": \"request\", \"name\": \"List calls\", \"url\": \"https://api.twilio.com/2010-04-01/Accounts/⟦AC⟧/Calls.json\", \"headers\": [{\"name\": \"Authorization\", \"value\": \"Basic ⟦B:T⟧\"}]}]}\n" },
  // Generic names whose Twilio context is the file's path or a sibling key (issue 12).
  { family: 'path-context', path: 'config/twilio⟦n⟧.yml', body: "production:\n  token: ⟦T⟧\n  timeout: 30\n" },
  { family: 'path-context', path: 'src/main/resources/twilio⟦n⟧.properties', body: "sms.enabled=true\nsms.token=⟦T⟧\n" },
  { family: 'path-context', path: 'config/twilio/credentials⟦n⟧.json', body: "{\n  \"secret\": \"⟦T⟧\",\n  \"region\": \"us1\"\n}\n" },
  { family: 'path-context', path: 'config/notifications⟦n⟧.yml', body: "sms:\n  from: '+15017122661'\n  token: ⟦T⟧\n" },
  { family: 'path-context', path: 'config/messaging⟦n⟧.ini', body: "[sms]\nservice = ⟦X:MG⟧\nauth = ⟦T⟧\n" },
  // A comment that names the token (issue 12).
  { family: 'comment-named', path: 'scripts/rotate⟦n⟧.py', body: "import os\n\n# twilio auth token for the staging account: ⟦T⟧\nSTAGE = 'staging'\n" },
  { family: 'comment-named', path: 'src/notes⟦n⟧.js', body: "const stage = 'prod';\n// Twilio auth token (prod): ⟦T⟧\nmodule.exports = { stage };\n" },
  { family: 'comment-named', path: 'docs/keys⟦n⟧.html', body: "<p>Video</p>\n<!-- twilio api secret for the video key = ⟦S⟧ -->\n" },
  { family: 'comment-named', path: 'deploy/notes⟦n⟧.sh', body: "#!/bin/sh\n# Twilio auth token for the old account\n# ⟦T⟧\nexit 0\n" },
  // Issue 18: evidence rather than shapes. A SID written beside the value, in any text.
  { family: 'sid-pair', path: 'db/seed⟦n⟧.sql', body: "-- prod account ⟦AC⟧ ⟦T⟧\nINSERT INTO settings VALUES ('sms', 1);\n" },
  { family: 'sid-pair', path: 'lib/keys⟦n⟧.lua', body: "--[[ video: ⟦SK⟧ / ⟦S⟧ ]]\nlocal M = {}\nreturn M\n" },
  { family: 'sid-pair', path: 'logs/worker⟦n⟧.log', body: "2024-03-01 12:00:01 DEBUG http auth=(⟦q⟧⟦AC⟧⟦q⟧, ⟦q⟧⟦T⟧⟦q⟧)\n2024-03-01 12:00:02 INFO sent\n" },
  { family: 'sid-pair', path: 'notes/creds⟦n⟧.txt', body: "old account, still active:\n⟦AC⟧\n⟦T⟧\n" },
  { family: 'sid-pair', path: 'config/accounts⟦n⟧.rb', body: "ACCOUNTS = {\n  ⟦q⟧⟦AC⟧⟦q⟧ => ⟦q⟧⟦T⟧⟦q⟧,\n}\n" },
  // A table whose header names the column.
  { family: 'table', path: 'data/accounts⟦n⟧.csv', body: "name,account_sid,auth_token,from\nprod,⟦AC⟧,⟦T⟧,+15017122661\n" },
  { family: 'table', path: 'data/twilio⟦n⟧.tsv', body: "Account SID\tAuth Token\n⟦AC⟧\t⟦T⟧\n" },
  { family: 'table', path: 'docs/env⟦n⟧.md', body: "## Environment\n\n| Variable | Value |\n|---|---|\n| TWILIO_ACCOUNT_SID | `⟦AC⟧` |\n| TWILIO_AUTH_TOKEN | `⟦T⟧` |\n" },
  // A SID in the same block or file, under a name that says nothing or the wrong thing.
  { family: 'sid-block', path: 'config/backup⟦n⟧.json', body: "{\n  \"primary\": \"twilio\",\n  \"fallback\": {\n    \"a\": \"⟦AC⟧\",\n    \"b\": \"⟦T⟧\"\n  }\n}\n" },
  { family: 'sid-block', path: 'app/settings⟦n⟧.py', body: "from twilio.rest import Client\n\nACCOUNT_SID = ⟦q⟧⟦AC⟧⟦q⟧\nAPI_KEY = ⟦q⟧⟦T⟧⟦q⟧\n\nclient = Client(ACCOUNT_SID, API_KEY)\n" },
  { family: 'sid-block', path: 'app/video⟦n⟧.py', body: "from twilio.rest import Client\n\nTWILIO_ACCOUNT_SID = ⟦q⟧⟦AC⟧⟦q⟧\nTWILIO_API_KEY = ⟦q⟧⟦S⟧⟦q⟧\n" },
  { family: 'sid-block', path: 'config/services⟦n⟧.yml', body: "services:\n  twilio:\n    sid: ⟦AC⟧\n    key: ⟦T⟧\n" },
  // Escaped strings: a notebook's source lines, JSON inside JSON, a file inside a string.
  { family: 'escaped', path: 'notebooks/alert⟦n⟧.ipynb', body: "{\n \"cells\": [\n  {\n   \"cell_type\": \"code\",\n   \"source\": [\n    \"creds = {\\\"sid\\\": \\\"⟦AC⟧\\\", \\\"token\\\": \\\"⟦T⟧\\\"}\\n\",\n    \"client = Client(**creds)\"\n   ]\n  }\n ]\n}\n" },
  { family: 'escaped', path: 'notebooks/notes⟦n⟧.ipynb', body: "{\n \"cells\": [\n  {\n   \"cell_type\": \"code\",\n   \"source\": [\n    \"# Twilio auth token\\n\",\n    \"# ⟦T⟧\\n\",\n    \"print(1)\"\n   ]\n  }\n ]\n}\n" },
  { family: 'escaped', path: 'infra/task⟦n⟧.json', body: "{\"containerOverrides\": [{\"command\": [\"sh\", \"-c\", \"printf 'SID=⟦AC⟧\\nTOKEN=⟦T⟧\\n' > .env\"]}]}\n" },
  { family: 'escaped', path: 'fixtures/event⟦n⟧.json', body: "{\"body\": \"{\\\"twilio\\\": {\\\"accountSid\\\": \\\"⟦AC⟧\\\", \\\"authToken\\\": \\\"⟦T⟧\\\"}}\"}\n" },
  // Labels in other languages.
  { family: 'i18n', path: 'notas/twilio⟦n⟧.txt', body: "Cuenta de pruebas\nToken de Twilio: ⟦T⟧\n" },
  { family: 'i18n', path: 'docs/zugang⟦n⟧.txt', body: "Twilio-Konto ⟦AC⟧\nPasswort: ⟦T⟧\n" },
  { family: 'i18n', path: 'logs/envio⟦n⟧.log', body: "2024-01-01 12:00:00 INFO clave de twilio = ⟦T⟧\n" },
  { family: 'i18n', path: 'scripts/sms⟦n⟧.py', body: "# Twilio 令牌: ⟦T⟧\nimport os\n" },
  { family: 'i18n', path: 'docs/заметки⟦n⟧.md', body: "Аккаунт: ⟦AC⟧\n\nпароль: ⟦T⟧\n" },
];

export const NEGATIVE_TEMPLATES: Template[] = [
  { family: 'neg-placeholder', path: 'examples/quickstart⟦n⟧.js', body: "// Find your Account SID and Auth Token at twilio.com/console\nconst accountSid = 'ACxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx';\nconst authToken = 'your_auth_token';\nconst client = require('twilio')(accountSid, authToken);\n" },
  { family: 'neg-placeholder', path: 'examples/placeholders⟦n⟧.py', body: "account_sid = 'ACaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa'\nauth_token = '00000000000000000000000000000000'\napi_secret = 'xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx'\nother = '0123456789abcdef0123456789abcdef'\nclient = Client(account_sid, '<auth_token>')\n" },
  { family: 'neg-placeholder', path: 'app⟦n⟧/.env.sample', body: "TWILIO_ACCOUNT_SID=ACXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX\nTWILIO_AUTH_TOKEN=your_auth_token_here\nTWILIO_API_KEY=SKXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX\nTWILIO_API_SECRET=your_api_secret\n" },
  { family: 'neg-template', path: 'deploy/k8s⟦n⟧.yaml', body: "env:\n  - name: TWILIO_AUTH_TOKEN\n    value: \"{{ .Values.twilio.authToken }}\"\n  - name: TWILIO_ACCOUNT_SID\n    value: ${TWILIO_ACCOUNT_SID}\n" },
  { family: 'neg-envlookup', path: 'src/client⟦n⟧.js', body: "const client = require('twilio')(process.env.TWILIO_ACCOUNT_SID, process.env.TWILIO_AUTH_TOKEN);\nconst validator = twilio.validateRequest(process.env.TWILIO_AUTH_TOKEN, sig, url, params);\n" },
  { family: 'neg-envlookup', path: 'app/client⟦n⟧.py', body: "import os\nfrom twilio.rest import Client\nclient = Client(os.environ['TWILIO_ACCOUNT_SID'], os.environ['TWILIO_AUTH_TOKEN'])\n" },
  { family: 'neg-envlookup', path: 'lib/client⟦n⟧.rb', body: "@client = Twilio::REST::Client.new(ENV['TWILIO_ACCOUNT_SID'], ENV['TWILIO_AUTH_TOKEN'])\n" },
  { family: 'neg-envlookup', path: 'src/Client⟦n⟧.php', body: "<?php\n$twilio = new Client(getenv('TWILIO_ACCOUNT_SID'), getenv('TWILIO_AUTH_TOKEN'));\n" },
  { family: 'neg-hash', path: 'build/checksums⟦n⟧.txt', body: "⟦h⟧  twilio-cli-5.0.0.tar.gz\n⟦h⟧  twilio-cli-5.0.1.tar.gz\n" },
  { family: 'neg-hash', path: 'scripts/verify⟦n⟧.py', body: "import hashlib\nfrom twilio.rest import Client\n\nACCOUNT = '⟦AC⟧'\nEXPECTED_MD5 = '⟦h⟧'\nassert hashlib.md5(open('a.bin', 'rb').read()).hexdigest() == '⟦h⟧'\n" },
  { family: 'neg-hash', path: 'web/index⟦n⟧.html', body: "<script src=\"https://media.twiliocdn.com/sdk/js/client/v1.14/twilio.min.js\" integrity=\"sha384-⟦a⟧\" crossorigin=\"anonymous\"></script>\n<!-- account ⟦AC⟧ -->\n" },
  { family: 'neg-hash', path: 'data/artifacts⟦n⟧.json', body: "{\n  \"account_sid\": \"⟦AC⟧\",\n  \"file\": \"recording.wav\",\n  \"md5\": \"⟦h⟧\",\n  \"sha256\": \"⟦h64⟧\",\n  \"etag\": \"⟦h⟧\"\n}\n" },
  { family: 'neg-hash', path: 'src/cache⟦n⟧.js', body: "const accountSid = '⟦AC⟧';\nconst hash = crypto.createHash('md5').update(body).digest('hex');\nif (hash === '⟦h⟧') return cached;\nconst contentHash = '⟦h⟧';\n" },
  { family: 'neg-uuid', path: 'logs/requests⟦n⟧.json', body: "{\"account_sid\": \"⟦AC⟧\", \"request_id\": \"⟦uuid⟧\", \"trace_id\": \"⟦h⟧\", \"correlationId\": \"⟦h⟧\"}\n" },
  { family: 'neg-gitsha', path: 'ci/build⟦n⟧.yml', body: "twilio_sdk:\n  commit: ⟦h40⟧\n  revision: \"⟦h40⟧\"\n  account: ⟦AC⟧\n" },
  { family: 'neg-othersid', path: 'app/fetch⟦n⟧.py', body: "from twilio.rest import Client\nmessage = client.messages('⟦X:SM⟧').fetch()\ncall = client.calls('⟦X:CA⟧').fetch()\nnumber = client.incoming_phone_numbers('⟦X:PN⟧').fetch()\nservice_sid = '⟦X:MG⟧'\n" },
  { family: 'neg-othersid', path: 'fixtures/message⟦n⟧.json', body: "{\n  \"sid\": \"⟦X:SM⟧\",\n  \"account_sid\": \"⟦AC⟧\",\n  \"messaging_service_sid\": \"⟦X:MG⟧\",\n  \"uri\": \"/2010-04-01/Accounts/⟦AC⟧/Messages/⟦X:SM⟧.json\"\n}\n" },
  { family: 'neg-lockfile', path: 'pkg⟦n⟧/package-lock.json', body: "{\n  \"name\": \"app\",\n  \"packages\": {\n    \"node_modules/twilio\": {\n      \"version\": \"5.0.0\",\n      \"resolved\": \"https://registry.npmjs.org/twilio/-/twilio-5.0.0.tgz\",\n      \"integrity\": \"sha512-⟦a⟧\",\n      \"authToken\": \"⟦h⟧\"\n    }\n  }\n}\n" },
  { family: 'neg-lockfile', path: 'rb⟦n⟧/yarn.lock', body: "twilio@^5.0.0:\n  version \"5.0.0\"\n  resolved \"https://registry.yarnpkg.com/twilio/-/twilio-5.0.0.tgz#⟦h40⟧\"\n  integrity ⟦h⟧\n" },
  { family: 'neg-minified', path: 'public/vendor⟦n⟧.min.js', body: "⟦minified⟧var h={0:\"⟦h⟧\",1:\"⟦h⟧\"};function t(e){return\"/chunks/\"+e+\".\"+h[e]+\".js\"}⟦minified⟧\n" },
  { family: 'neg-othersvc', path: 'svc⟦n⟧/.env', body: "TWILIO_ACCOUNT_SID=⟦AC⟧\nGITHUB_TOKEN=⟦h⟧\nSESSION_SECRET=⟦a⟧\nMAILGUN_API_KEY=⟦h⟧\nDB_PASSWORD=⟦a⟧\n" },
  { family: 'neg-nocontext', path: 'src/colors⟦n⟧.js', body: "const palette = ['⟦h⟧', '⟦h⟧'];\nconst token = '⟦h⟧';\nconst password = '⟦a⟧';\n" },
  { family: 'neg-identifier', path: 'src/names⟦n⟧.java', body: "import com.twilio.Twilio;\nclass A {\n  String apiSecret = loadTwilioSecretFromTheVaultNow();\n  Object x = getAccountSidFromTheEnvironmentX;\n}\n" },
  { family: 'neg-base64', path: 'notebooks/plot⟦n⟧.ipynb', body: "{\"cells\": [{\"cell_type\": \"code\", \"source\": [\"import twilio\\n\"], \"outputs\": [{\"data\": {\"image/png\": \"⟦a⟧+⟦a⟧/⟦a⟧+⟦a⟧==\"}}]}]}\n" },
  { family: 'neg-path', path: 'src/assets⟦n⟧.ts', body: "const account = '⟦AC⟧';\nimport logo from './static/⟦h⟧.png';\nconst url = `/media/⟦h⟧/thumb`;\nconst id = 'msg-⟦h⟧';\n" },
  { family: 'neg-log', path: 'logs/app⟦n⟧.log', body: "2024-05-01T10:00:00Z INFO [⟦AC⟧] request ⟦h⟧ completed in 35ms\n2024-05-01T10:00:01Z INFO [⟦AC⟧] request ⟦h⟧ completed in 12ms\n" },
  { family: 'neg-othersvc', path: 'proj⟦n⟧/settings.py', body: "TWILIO_ACCOUNT_SID = '⟦AC⟧'\nSENDGRID_API_KEY = '⟦a⟧'\nSESSION_TOKEN = '⟦h⟧'\napi_key = '⟦h⟧'\n" },
  { family: 'neg-hash', path: 'src/hashed⟦n⟧.py', body: "import twilio\nTWILIO_AUTH_TOKEN_MD5 = '⟦h⟧'\nauth_token_sha = '⟦h⟧'\n" },
  { family: 'neg-hash', path: 'deploy⟦n⟧/compose.yml', body: "services:\n  sms:\n    image: twilio/app@sha256:⟦h64⟧\n" },
  { family: 'neg-placeholder', path: 'docs/fake⟦n⟧.js', body: "// twilio\nconst authToken = 'a1b2c3d4e5f6a7b8c9d0e1f2a3b4c5d6';\nconst apiSecret = '1a2b3c4d5e6f7a8b9c0d1e2f3a4b5c6d';\n" },

  // Near misses of the issue-12 shapes.
  { family: 'neg-kv-list', path: 'deploy/k8s/api⟦n⟧.yaml', body: "env:\n  - name: TWILIO_ACCOUNT_SID\n    value: ⟦AC⟧\n  - name: GITHUB_TOKEN\n    value: ⟦h⟧\n  - name: BUILD_SHA\n    value: ⟦h⟧\n" },
  { family: 'neg-kv-list', path: 'postman/other⟦n⟧.postman_collection.json', body: "{\n\t\"item\": [\n\t\t{\n\t\t\t\"request\": {\n\t\t\t\t\"auth\": {\n\t\t\t\t\t\"basic\": [\n\t\t\t\t\t\t{\n\t\t\t\t\t\t\t\"key\": \"password\",\n\t\t\t\t\t\t\t\"value\": \"⟦h⟧\"\n\t\t\t\t\t\t}\n\t\t\t\t\t]\n\t\t\t\t},\n\t\t\t\t\"url\": \"https://api.example.com/v1/orders\"\n\t\t\t}\n\t\t}\n\t]\n}\n" },
  { family: 'neg-kv-list', path: 'infra/ecs/svc⟦n⟧.json', body: "{\"environment\": [\n  {\"name\": \"TWILIO_ACCOUNT_SID\", \"value\": \"⟦AC⟧\"},\n  {\n    \"name\": \"SESSION_SECRET\",\n    \"value\": \"⟦h⟧\"\n  },\n  {\n    \"name\": \"ASSET_DIGEST\",\n    \"value\": \"⟦h⟧\"\n  }\n]}\n" },
  { family: 'neg-kv-list', path: 'infra/twilio-helm⟦n⟧.tf', body: "resource \"helm_release\" \"twilio_sms\" {\n  set {\n    name  = \"image.digest\"\n    value = \"⟦h⟧\"\n  }\n  set {\n    name  = \"podAnnotations.checksum\"\n    value = \"⟦h⟧\"\n  }\n}\n" },
  { family: 'neg-basic-b64', path: 'requests/other⟦n⟧.http', body: "GET https://api.twilio.com/2010-04-01/Accounts.json\nAuthorization: Basic ⟦B:user⟧\n\n###\nGET https://api.twilio.com/2010-04-01/Accounts.json\nAuthorization: Basic ⟦B:ph⟧\n" },
  { family: 'neg-path-context', path: 'config/twilio⟦n⟧.yaml', body: "build:\n  checksum: ⟦h⟧\n  cache_key: ⟦h⟧\n  request_id: ⟦h⟧\n" },
  { family: 'neg-path-context', path: 'src/main/resources/twilio⟦n⟧.properties', body: "db.password=⟦a⟧\ngithub.token=⟦h⟧\n" },
  { family: 'neg-path-context', path: 'config/sms⟦n⟧.yml', body: "sms:\n  from: '+15017122661'\n  github_token: ⟦h⟧\n  password: ⟦a⟧\n" },
  { family: 'neg-path-context', path: 'config/database⟦n⟧.yml', body: "production:\n  host: db.internal\n  token: ⟦h⟧\n" },
  { family: 'neg-comment', path: 'scripts/audit⟦n⟧.py', body: "from twilio.rest import Client\n# sha256 of the twilio auth token for staging: ⟦h⟧\n# github token for the staging account: ⟦h⟧\n# twilio auth token rotated in commit ⟦h⟧\n" },

  // Near misses of the issue-18 evidence.
  { family: 'neg-table', path: 'data/sums⟦n⟧.csv', body: "account_sid,file,checksum\n⟦AC⟧,recording.wav,⟦h⟧\n" },
  { family: 'neg-table', path: 'data/messages⟦n⟧.csv', body: "account_sid,message_sid,body\n⟦AC⟧,⟦X:SM⟧,your code is 123456\n" },
  { family: 'neg-table', path: 'docs/artifacts⟦n⟧.md', body: "| Account | MD5 |\n|---|---|\n| ⟦AC⟧ | ⟦h⟧ |\n" },
  { family: 'neg-other-api', path: 'weather/main⟦n⟧.py', body: "import requests\nfrom twilio.rest import Client\n\nOWM_Endpoint = \"https://api.openweathermap.org/data/2.5/forecast\"\napi_key = ⟦q⟧⟦h⟧⟦q⟧\naccount_sid = ⟦q⟧⟦AC⟧⟦q⟧\nauth_token = os.environ[\"TWILIO_AUTH_TOKEN\"]\n" },
  { family: 'neg-other-api', path: 'web/app⟦n⟧.py', body: "from flask import Flask\nfrom twilio.rest import Client\n\napp = Flask(__name__)\napp.config['SECRET_KEY'] = ⟦q⟧⟦h⟧⟦q⟧\nclient_secret = ⟦q⟧⟦h⟧⟦q⟧\nTWILIO_ACCOUNT_SID = ⟦q⟧⟦AC⟧⟦q⟧\n" },
  { family: 'neg-i18n', path: 'notas/sumas⟦n⟧.txt', body: "Prüfsumme Twilio: ⟦h⟧\nhachage twilio : ⟦h⟧\nTwilio 哈希: ⟦h⟧\n" },
  { family: 'neg-escaped', path: 'fixtures/message⟦n⟧.json', body: "{\"sid\": \"⟦X:SM⟧\", \"account_sid\": \"⟦AC⟧\", \"body\": \"your code ⟦h⟧\"}\n" },
  { family: 'neg-pair', path: 'scripts/notify⟦n⟧.py', body: "from twilio.rest import Client\n# ⟦X:SM⟧ ⟦h⟧\n# ⟦AC⟧ request ⟦h⟧\n" },
];
