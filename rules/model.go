package rules

import "github.com/cognitolint/cognitolint/finding"

// AWS documentation the rules cite.
const (
	refUpdate       = "https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_UpdateUserPoolClient.html"
	refCreate       = "https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_CreateUserPoolClient.html"
	refTokenUnits   = "https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_TokenValidityUnitsType.html"
	refAnalytics    = "https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_AnalyticsConfigurationType.html"
	refRotation     = "https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_RefreshTokenRotationType.html"
	refClientApps   = "https://docs.aws.amazon.com/cognito/latest/developerguide/user-pool-settings-client-apps.html"
	refLimits       = "https://docs.aws.amazon.com/cognito/latest/developerguide/limits.html"
	refAttributes   = "https://docs.aws.amazon.com/cognito/latest/developerguide/user-pool-settings-attributes.html#user-pool-settings-attribute-permissions-and-scopes"
	refGrants       = "https://docs.aws.amazon.com/cognito/latest/developerguide/federation-endpoints-oauth-grants.html"
	refResourceSrv  = "https://docs.aws.amazon.com/cognito/latest/developerguide/cognito-user-pools-define-resource-servers.html"
	refRefreshToken = "https://docs.aws.amazon.com/cognito/latest/developerguide/amazon-cognito-user-pools-using-the-refresh-token.html"
	refUpdating     = "https://docs.aws.amazon.com/cognito/latest/developerguide/cognito-user-pool-updating.html"
	// refInputs documents what cognitolint reads (no AWS behaviour
	// behind the input problems).
	refInputs    = "https://github.com/cognitolint/cognitolint/blob/main/README.md#directories-and-pre-commit"
	refAuthFlows = "https://docs.aws.amazon.com/cognito/latest/developerguide/amazon-cognito-user-pools-authentication-flow-methods.html"
)

func modelRule(id, summary, doc, ref string) *Rule {
	return &Rule{ID: id, Severity: finding.Error, Context: ContextPayload, Summary: summary, Doc: doc, Reference: ref}
}

// The rules of the request shape. Their findings come from decoding the
// document and from the model's field constraints (checkModel), so they have
// no Check of their own.
func init() {
	register(
		modelRule("syntax", "the file is not valid JSON, YAML or HCL",
			"The file does not parse; the finding is at the first error. A file of more than 262,144 values (JSON, or YAML with its aliases expanded; in a template or plan, counted in its app clients only; in a YAML stream, in the documents read) is read no further and reported here too, as is a YAML document of more than 524,288 lines, list items and keys, and Terraform whose app client blocks (and variables, locals) have more than 131,072 lines and list items (a .tf.json file, 262,144), or are nested more than 512 deep: a thousand app clients of the most the API allows each hold fewer, and each value costs memory (several hundred bytes, a KiB in Terraform).", refUpdate),
		&Rule{ID: "duplicate-member", Severity: finding.Warning, Context: ContextPayload,
			Summary:   "a member written twice in one object: only the last one takes effect",
			Doc:       "JSON and YAML leave duplicate keys to the reader. The readers on the way to AWS keep the last value: the AWS CLI's `--cli-input-json` (Python's json module), CloudFormation itself (a template with a duplicated property validates and deploys last-wins), SAM's packaging. So the file deploys, but the first value is silently dropped — almost always a copy-paste mistake. Some tools on other paths reject it (`aws cloudformation deploy` refuses a YAML template with a duplicate key; Terraform's `aws_cloudformation_stack` too), which is why it is worth fixing. The rules check the value that takes effect.",
			Reference: "https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/template-formats.html"},
		modelRule("unknown-document", "the file is none of the shapes cognitolint reads",
			"An explicit file that is not an UpdateUserPoolClient/CreateUserPoolClient request, a DescribeUserPoolClient output, a CloudFormation template or a Terraform plan or configuration. A directory walk skips and counts such files instead.", refUpdate),
		modelRule("policy-error", "a policy failed or ran past its deadline on this document",
			"A policy that errors on a document (a builtin error such as `to_number(\"x\")`, a rule that returns a value that is not a message, a conflict between values of a complete rule) or does not finish within the deadline for one document. The document is not fully linted, so this is never a pass: the run goes on with the next document, every output is written with this finding, and the exit code is 2. A builtin error leaves the rest of the policies' findings in place (the failing expression is undefined, as in OPA and conftest); any other error drops that document's policy findings. The message names the policy's file:line:col.",
			"https://www.openpolicyagent.org/docs/policy-reference/builtins"),
		modelRule("unreadable-file", "a file that cannot be read: a dangling link, no permission, not a regular file",
			"A path given or met in a directory walk that cannot be read as a file: a symbolic link whose target does not exist, a file without read permission, a FIFO or device (reading would block or never end), a directory that cannot be listed. The finding is at the file; the other files are linted and every output is written, but the run exits 2: not everything could be checked, so it cannot pass.", refInputs),
		modelRule("file-too-large", "a file over the size limit (--max-file-size, default 10 MiB) is not read",
			"An app client configuration is a few KiB and a template rarely more than a few hundred: a file over the limit (stdin included) is not read, so that one huge or endless input cannot exhaust memory. The finding is at the file; the other files are linted. Raise the limit with `--max-file-size 50MiB` if the file is meant to be linted. A directory walk skips such a file, instead of reporting it, when nothing in it names an app client (no Cognito resource type, UserPoolId or Kubernetes client kind: a package-lock.json), or when it is JSON whose top level is none of the shapes read (a large cdk.out/tree.json). A file of more than 1,000 app clients (twice what a CloudFormation template can hold) has its first 1,000 linted and this finding at the next one.", refInputs),
		modelRule("model-unknown-member", "a key that is not a member of the operation's request shape",
			"The AWS CLI rejects unknown members (`Parameter validation failed: Unknown parameter in input: \"ClientSecret\"`). Typical: `ClientSecret`, `CreationDate`, `LastModifiedDate` copied from a Describe output into an Update payload, or a typo such as `CallbackUrls`. The hint names the nearest member.", refUpdate),
		&Rule{ID: "read-only-property", Severity: finding.Warning, Context: ContextPayload,
			Summary: "a CloudFormation app client gives ClientId, ClientSecret or Name, which are return values, not properties",
			Doc: "`ClientId`, `ClientSecret` and `Name` of `AWS::Cognito::UserPoolClient` are read-only: return values of `Ref` and `Fn::GetAtt`, not properties. " +
				"CloudFormation does not reject a read-only property written in a template, it ignores it (aws-cloudformation/cloudformation-resource-schema#102, open since 2020), " +
				"so the stack deploys and the value has no effect: CloudFormation assigns the ID and generates the secret (`GenerateSecret: true`), and the client's name is `ClientName`. " +
				"cfn-lint reports the same (E3040). A warning, never an error, since AWS accepts the template; a `ClientSecret` value is never shown.",
			Reference: "https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-cognito-userpoolclient.html#aws-resource-cognito-userpoolclient-return-values"},
		modelRule("model-null-value", "a member given as JSON null",
			"botocore and the AWS CLI reject null (`Invalid type for parameter X, value: None`); omit the key to leave a member unset.", refUpdate),
		modelRule("model-type", "wrong JSON type for a member",
			"Each member has one JSON type: string, integer, boolean, list of strings or object. The AWS CLI rejects others (`Invalid type for parameter …`).", refUpdate),
		modelRule("model-required-member", "a required member is missing",
			"Update requires `UserPoolId` and `ClientId`; Create requires `UserPoolId` and `ClientName`; `RefreshTokenRotation.Feature` is required when `RefreshTokenRotation` is given.", refUpdate),
		modelRule("model-user-pool-id-format", "UserPoolId is 1–55 characters matching [\\w-]+_[0-9a-zA-Z]+",
			"AWS: `Member must satisfy regular expression pattern: [\\w-]+_[0-9a-zA-Z]+` (whole value), e.g. `us-east-1_AbCd12345`.", refUpdate),
		modelRule("model-client-id-format", "ClientId is 1–128 characters matching [\\w+]+",
			"The model's ClientIdType: 1–128 characters of ASCII letters, digits, `_` and `+`.", refUpdate),
		modelRule("model-client-name-format", "ClientName is 1–128 characters matching [\\w\\s+=,.@-]+",
			"`\\w` is ASCII-only in AWS's (Java) pattern, so accented letters, CJK and emoji are rejected.", refCreate),
		modelRule("model-client-secret-format", "ClientSecret (Create) is 24–64 characters matching [\\w+]+",
			"A custom client secret must be 24 to 64 ASCII letters, digits, `_` or `+`. The value is never shown.", refCreate),
		modelRule("model-token-validity-raw-range", "token validity integers within the model's bounds",
			"`AccessTokenValidity` and `IdTokenValidity` 1–86400, `RefreshTokenValidity` 0–315360000, whatever the unit.", refUpdate),
		modelRule("model-time-unit-enum", "TokenValidityUnits members are seconds, minutes, hours or days",
			"AWS: `Member must satisfy enum value set: [seconds, minutes, hours, days]` (lower case).", refTokenUnits),
		modelRule("model-attribute-name-length", "each read/write attribute name is 1–2048 characters",
			"ClientPermissionType is a string of 1 to 2048 characters.", refUpdate),
		modelRule("model-explicit-auth-flow-enum", "each ExplicitAuthFlows value is a known flow",
			"The model's nine values, plus `ALLOW_CLIENT_TOKEN_AUTH` from the developer guide. Values are case-sensitive; the hint suggests the nearest.", refAuthFlows),
		modelRule("model-provider-name-format", "each SupportedIdentityProviders name is 1–32 characters of letters, marks, symbols, numbers, punctuation or spaces",
			"ProviderNameType: 1–32 characters (not bytes), `[\\p{L}\\p{M}\\p{S}\\p{N}\\p{P}\\p{Z}]+`.", refUpdate),
		modelRule("model-redirect-url-format", "each redirect URL is 1–1024 characters without spaces or control characters",
			"RedirectUrlType: 1–1024 characters matching `[\\p{L}\\p{M}\\p{S}\\p{N}\\p{P}]+`; a list holding an empty string fails too (aws/aws-sdk-java-v2#5528).", refUpdate),
		modelRule("model-callback-urls-max", "at most 100 CallbackURLs",
			"Quota \"Callback URLs per app client: 100\" (not adjustable).", refLimits),
		modelRule("model-logout-urls-max", "at most 100 LogoutURLs",
			"Quota \"Sign-out URLs per app client: 100\".", refLimits),
		modelRule("model-oauth-flow-enum", "AllowedOAuthFlows are code, implicit or client_credentials, at most 3",
			"AWS: `Value '[token]' at 'allowedOAuthFlows' failed to satisfy constraint: … enum value set: [implicit, client_credentials, code]`. `token` is not a value.", refUpdate),
		modelRule("model-oauth-scopes-max", "at most 50 AllowedOAuthScopes",
			"Quota \"Scopes per app client: 50\".", refLimits),
		modelRule("model-oauth-scope-format", "each scope is 1–256 printable ASCII characters without space, '\"' or '\\'",
			"ScopeType: `[\\x21\\x23-\\x5B\\x5D-\\x7E]+`, 1–256 characters.", refUpdate),
		modelRule("model-prevent-user-existence-enum", "PreventUserExistenceErrors is LEGACY or ENABLED", "", refUpdate),
		modelRule("model-auth-session-validity-range", "AuthSessionValidity is 3–15 (minutes)",
			"Quota \"Authentication session token 3 minutes – 15 minutes\".", refUpdate),
		modelRule("model-analytics-field-format", "AnalyticsConfiguration members have the model's formats",
			"`ApplicationId` hexadecimal; `ApplicationArn` and `RoleArn` 20–2048 characters in the model's ARN pattern (a numeric account field); `ExternalId` at most 131072 characters.", refAnalytics),
		modelRule("model-refresh-rotation-format", "RefreshTokenRotation.Feature is ENABLED or DISABLED; RetryGracePeriodSeconds 0–60", "", refRotation),
	)
}
