package model

// Kind is the JSON type of a member.
type Kind int

// Member kinds.
const (
	String Kind = iota + 1
	Integer
	Boolean
	StringList
	Structure
	Timestamp // a date in Describe output: a string or a number
)

// String names the kind as the messages say it ("a string", "a list").
func (k Kind) String() string {
	switch k {
	case String:
		return "a string"
	case Integer:
		return "an integer"
	case Boolean:
		return "a boolean"
	case StringList:
		return "a list of strings"
	case Structure:
		return "an object"
	case Timestamp:
		return "a timestamp"
	}
	return "a value"
}

// Ops is a set of operations a member belongs to.
type Ops uint8

// Operation bits.
const (
	InUpdate Ops = 1 << iota
	InCreate
	InDescribe
	InAll = InUpdate | InCreate | InDescribe
)

// Has reports whether op (OpUpdate, OpCreate, OpDescribe) is in the set.
func (o Ops) Has(op string) bool {
	switch op {
	case OpUpdate:
		return o&InUpdate != 0
	case OpCreate:
		return o&InCreate != 0
	case OpDescribe:
		return o&InDescribe != 0
	}
	return false
}

// Member is one member of the request shape.
type Member struct {
	Name    string
	Kind    Kind
	Ops     Ops
	Members []Member // of a Structure
	// Required lists the operations that require the member. For the
	// members of a structure, RequiredInParent means required whenever the
	// structure is present.
	Required         Ops
	RequiredInParent bool
	// Sensitive members (ClientSecret) are never quoted in any output.
	Sensitive bool
}

// Members is the request shape: every member of UpdateUserPoolClientRequest,
// CreateUserPoolClientRequest and UserPoolClientType, in the model's order.
var Members = []Member{
	{Name: "UserPoolId", Kind: String, Ops: InAll, Required: InUpdate | InCreate},
	{Name: "ClientId", Kind: String, Ops: InUpdate | InDescribe, Required: InUpdate},
	{Name: "ClientName", Kind: String, Ops: InAll, Required: InCreate},
	{Name: "GenerateSecret", Kind: Boolean, Ops: InCreate},
	{Name: "ClientSecret", Kind: String, Ops: InCreate | InDescribe, Sensitive: true},
	{Name: "LastModifiedDate", Kind: Timestamp, Ops: InDescribe},
	{Name: "CreationDate", Kind: Timestamp, Ops: InDescribe},
	{Name: "RefreshTokenValidity", Kind: Integer, Ops: InAll},
	{Name: "AccessTokenValidity", Kind: Integer, Ops: InAll},
	{Name: "IdTokenValidity", Kind: Integer, Ops: InAll},
	{Name: "TokenValidityUnits", Kind: Structure, Ops: InAll, Members: []Member{
		{Name: "AccessToken", Kind: String, Ops: InAll},
		{Name: "IdToken", Kind: String, Ops: InAll},
		{Name: "RefreshToken", Kind: String, Ops: InAll},
	}},
	{Name: "ReadAttributes", Kind: StringList, Ops: InAll},
	{Name: "WriteAttributes", Kind: StringList, Ops: InAll},
	{Name: "ExplicitAuthFlows", Kind: StringList, Ops: InAll},
	{Name: "SupportedIdentityProviders", Kind: StringList, Ops: InAll},
	{Name: "CallbackURLs", Kind: StringList, Ops: InAll},
	{Name: "LogoutURLs", Kind: StringList, Ops: InAll},
	{Name: "DefaultRedirectURI", Kind: String, Ops: InAll},
	{Name: "AllowedOAuthFlows", Kind: StringList, Ops: InAll},
	{Name: "AllowedOAuthScopes", Kind: StringList, Ops: InAll},
	{Name: "AllowedOAuthFlowsUserPoolClient", Kind: Boolean, Ops: InAll},
	{Name: "AnalyticsConfiguration", Kind: Structure, Ops: InAll, Members: []Member{
		{Name: "ApplicationId", Kind: String, Ops: InAll},
		{Name: "ApplicationArn", Kind: String, Ops: InAll},
		{Name: "RoleArn", Kind: String, Ops: InAll},
		{Name: "ExternalId", Kind: String, Ops: InAll},
		{Name: "UserDataShared", Kind: Boolean, Ops: InAll},
	}},
	{Name: "PreventUserExistenceErrors", Kind: String, Ops: InAll},
	{Name: "EnableTokenRevocation", Kind: Boolean, Ops: InAll},
	{Name: "EnablePropagateAdditionalUserContextData", Kind: Boolean, Ops: InAll},
	{Name: "AuthSessionValidity", Kind: Integer, Ops: InAll},
	{Name: "RefreshTokenRotation", Kind: Structure, Ops: InAll, Members: []Member{
		{Name: "Feature", Kind: String, Ops: InAll, RequiredInParent: true},
		{Name: "RetryGracePeriodSeconds", Kind: Integer, Ops: InAll},
	}},
}

var memberIndex = func() map[string]*Member {
	m := make(map[string]*Member, len(Members))
	for i := range Members {
		m[Members[i].Name] = &Members[i]
	}
	return m
}()

// Lookup returns the top-level member of that exact name, or nil.
func Lookup(name string) *Member { return memberIndex[name] }

// MemberNames returns the names of the members of op, in model order.
func MemberNames(op string) []string {
	var names []string
	for _, m := range Members {
		if m.Ops.Has(op) {
			names = append(names, m.Name)
		}
	}
	return names
}

// ExplicitAuthFlows are the values ExplicitAuthFlows[] accepts: the model's
// nine, and ALLOW_CLIENT_TOKEN_AUTH from the developer guide (GetClientToken),
// which the model snapshot does not have yet.
var ExplicitAuthFlows = []string{
	"ADMIN_NO_SRP_AUTH", "CUSTOM_AUTH_FLOW_ONLY", "USER_PASSWORD_AUTH",
	"ALLOW_ADMIN_USER_PASSWORD_AUTH", "ALLOW_CUSTOM_AUTH", "ALLOW_USER_PASSWORD_AUTH",
	"ALLOW_USER_SRP_AUTH", "ALLOW_REFRESH_TOKEN_AUTH", "ALLOW_USER_AUTH",
	"ALLOW_CLIENT_TOKEN_AUTH",
}

// LegacyAuthFlows are the old ExplicitAuthFlows names that cannot be mixed
// with ALLOW_* values.
var LegacyAuthFlows = []string{"ADMIN_NO_SRP_AUTH", "CUSTOM_AUTH_FLOW_ONLY", "USER_PASSWORD_AUTH"}

// OAuthFlows are the AllowedOAuthFlows values.
var OAuthFlows = []string{"code", "implicit", "client_credentials"}

// TimeUnits are the TokenValidityUnits values.
var TimeUnits = []string{"seconds", "minutes", "hours", "days"}

// BuiltinScopes are the OAuth scopes Cognito defines itself; every other
// scope is a resource-server scope "<identifier>/<name>".
var BuiltinScopes = []string{"phone", "email", "openid", "profile", "aws.cognito.signin.user.admin"}

// BuiltinProviders are the identity provider names Cognito defines itself,
// spelled exactly as AWS accepts them.
var BuiltinProviders = []string{"COGNITO", "Facebook", "Google", "LoginWithAmazon", "SignInWithApple"}

// StandardAttributes are the OIDC standard user attributes of a user pool.
var StandardAttributes = []string{
	"address", "birthdate", "email", "email_verified", "family_name", "gender",
	"given_name", "locale", "middle_name", "name", "nickname", "phone_number",
	"phone_number_verified", "picture", "preferred_username", "profile", "sub",
	"updated_at", "website", "zoneinfo",
}

// Reset is what UpdateUserPoolClient sets an omitted member to.
type Reset struct {
	Member string
	Value  string // as the message shows it
}

// UpdateResets lists, for every optional Update member AWS resets when an
// update omits it, the value it becomes (research: cognito-constraints.md
// §(e)). ClientName is kept by AWS and so is not listed.
var UpdateResets = []Reset{
	{"RefreshTokenValidity", "30 (days)"},
	{"AccessTokenValidity", "1 hour"},
	{"IdTokenValidity", "1 hour"},
	{"TokenValidityUnits", `{AccessToken: hours, IdToken: hours, RefreshToken: days}`},
	{"ReadAttributes", "the default set (custom attributes become unreadable)"},
	{"WriteAttributes", "the default set (custom attributes become unwritable)"},
	{"ExplicitAuthFlows", "ALLOW_REFRESH_TOKEN_AUTH, ALLOW_USER_SRP_AUTH, ALLOW_CUSTOM_AUTH"},
	{"SupportedIdentityProviders", "none (federated sign-in stops)"},
	{"CallbackURLs", "none"},
	{"LogoutURLs", "none"},
	{"DefaultRedirectURI", "none"},
	{"AllowedOAuthFlows", "none"},
	{"AllowedOAuthScopes", "none"},
	{"AllowedOAuthFlowsUserPoolClient", "false"},
	{"AnalyticsConfiguration", "none"},
	{"PreventUserExistenceErrors", "LEGACY"},
	{"EnableTokenRevocation", "the default (not documented for updates; true at creation)"},
	{"EnablePropagateAdditionalUserContextData", "false"},
	{"AuthSessionValidity", "3 (minutes)"},
	{"RefreshTokenRotation", "{Feature: DISABLED, RetryGracePeriodSeconds: 0}"},
}
