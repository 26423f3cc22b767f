// Package model holds the AWS API shape of a Cognito app client request:
// the Go struct of CreateUserPoolClient / UpdateUserPoolClient with the
// model's constraints as validate tags, the members of each operation, the
// enum values and the defaults an update resets omitted members to.
//
// Source: botocore cognito-idp 2016-04-18 service-2.json (see
// testdata/aws-model/SOURCE.md); a test reads that model and proves every
// constraint is enforced.
package model

// Operations a document stands for.
const (
	OpUpdate   = "update"   // UpdateUserPoolClient request
	OpCreate   = "create"   // CreateUserPoolClient request (also CloudFormation, Terraform)
	OpDescribe = "describe" // DescribeUserPoolClient output (UserPoolClientType)
)

// Request is an app client configuration in the API's shape: the union of
// the members of UpdateUserPoolClientRequest, CreateUserPoolClientRequest
// and UserPoolClientType. A nil pointer or nil slice means "not given".
//
// The validate tags carry the AWS model's constraints (go-playground
// validator): each tag names the member's shape in the AWS model
// (RedirectUrlType: 1–1024 characters matching [\p{L}\p{M}\p{S}\p{N}\p{P}]+),
// registered by package rules from its constraint table; each=SHAPE checks
// every element of a list, max its count. Lengths count characters,
// patterns match the whole value.
type Request struct {
	UserPoolId *string `json:",omitempty" validate:"omitempty,UserPoolIdType"`
	ClientId   *string `json:",omitempty" validate:"omitempty,ClientIdType"`
	ClientName *string `json:",omitempty" validate:"omitempty,ClientNameType"`

	// Create only.
	GenerateSecret *bool   `json:",omitempty"`
	ClientSecret   *string `json:",omitempty" validate:"omitempty,ClientSecretType"`

	RefreshTokenValidity *int64              `json:",omitempty" validate:"omitempty,RefreshTokenValidityType"`
	AccessTokenValidity  *int64              `json:",omitempty" validate:"omitempty,AccessTokenValidityType"`
	IdTokenValidity      *int64              `json:",omitempty" validate:"omitempty,IdTokenValidityType"`
	TokenValidityUnits   *TokenValidityUnits `json:",omitempty"`

	ReadAttributes             []string `json:",omitempty" validate:"omitempty,each=ClientPermissionType"`
	WriteAttributes            []string `json:",omitempty" validate:"omitempty,each=ClientPermissionType"`
	ExplicitAuthFlows          []string `json:",omitempty" validate:"omitempty,each=ExplicitAuthFlowsType"`
	SupportedIdentityProviders []string `json:",omitempty" validate:"omitempty,each=ProviderNameType"`

	CallbackURLs       []string `json:",omitempty" validate:"omitempty,max=100,each=RedirectUrlType"`
	LogoutURLs         []string `json:",omitempty" validate:"omitempty,max=100,each=RedirectUrlType"`
	DefaultRedirectURI *string  `json:",omitempty" validate:"omitempty,RedirectUrlType"`

	AllowedOAuthFlows               []string `json:",omitempty" validate:"omitempty,max=3,each=OAuthFlowType"`
	AllowedOAuthScopes              []string `json:",omitempty" validate:"omitempty,max=50,each=ScopeType"`
	AllowedOAuthFlowsUserPoolClient *bool    `json:",omitempty"`

	AnalyticsConfiguration     *AnalyticsConfiguration `json:",omitempty"`
	PreventUserExistenceErrors *string                 `json:",omitempty" validate:"omitempty,PreventUserExistenceErrorTypes"`

	EnableTokenRevocation                    *bool                 `json:",omitempty"`
	EnablePropagateAdditionalUserContextData *bool                 `json:",omitempty"`
	AuthSessionValidity                      *int64                `json:",omitempty" validate:"omitempty,AuthSessionValidityType"`
	RefreshTokenRotation                     *RefreshTokenRotation `json:",omitempty"`
}

// TokenValidityUnits is TokenValidityUnitsType.
type TokenValidityUnits struct {
	AccessToken  *string `json:",omitempty" validate:"omitempty,TimeUnitsType"`
	IdToken      *string `json:",omitempty" validate:"omitempty,TimeUnitsType"`
	RefreshToken *string `json:",omitempty" validate:"omitempty,TimeUnitsType"`
}

// AnalyticsConfiguration is AnalyticsConfigurationType.
type AnalyticsConfiguration struct {
	ApplicationId  *string `json:",omitempty" validate:"omitempty,HexStringType"`
	ApplicationArn *string `json:",omitempty" validate:"omitempty,ArnType"`
	RoleArn        *string `json:",omitempty" validate:"omitempty,ArnType"`
	ExternalId     *string `json:",omitempty" validate:"omitempty,StringType"`
	UserDataShared *bool   `json:",omitempty"`
}

// RefreshTokenRotation is RefreshTokenRotationType. Feature is required
// when the structure is given (model-required-member).
type RefreshTokenRotation struct {
	Feature                 *string `json:",omitempty" validate:"omitempty,FeatureType"`
	RetryGracePeriodSeconds *int64  `json:",omitempty" validate:"omitempty,RetryGracePeriodSecondsType"`
}

// Str returns *p, or "" for nil.
func Str(p *string) string {
	if p == nil {
		return ""
	}
	return *p
}

// True reports whether p is set and true.
func True(p *bool) bool { return p != nil && *p }
