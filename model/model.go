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
// validator): lengths count characters, patterns match the whole value.
type Request struct {
	UserPoolId *string `json:",omitempty" validate:"omitempty,min=1,max=55,userPoolId"`
	ClientId   *string `json:",omitempty" validate:"omitempty,min=1,max=128,clientId"`
	ClientName *string `json:",omitempty" validate:"omitempty,min=1,max=128,clientName"`

	// Create only.
	GenerateSecret *bool   `json:",omitempty"`
	ClientSecret   *string `json:",omitempty" validate:"omitempty,min=24,max=64,clientSecret"`

	RefreshTokenValidity *int64              `json:",omitempty" validate:"omitempty,min=0,max=315360000"`
	AccessTokenValidity  *int64              `json:",omitempty" validate:"omitempty,min=1,max=86400"`
	IdTokenValidity      *int64              `json:",omitempty" validate:"omitempty,min=1,max=86400"`
	TokenValidityUnits   *TokenValidityUnits `json:",omitempty"`

	ReadAttributes             []string `json:",omitempty" validate:"omitempty,dive,min=1,max=2048"`
	WriteAttributes            []string `json:",omitempty" validate:"omitempty,dive,min=1,max=2048"`
	ExplicitAuthFlows          []string `json:",omitempty" validate:"omitempty,dive,explicitAuthFlow"`
	SupportedIdentityProviders []string `json:",omitempty" validate:"omitempty,dive,min=1,max=32,providerName"`

	CallbackURLs       []string `json:",omitempty" validate:"omitempty,max=100,dive,min=1,max=1024,redirectURL"`
	LogoutURLs         []string `json:",omitempty" validate:"omitempty,max=100,dive,min=1,max=1024,redirectURL"`
	DefaultRedirectURI *string  `json:",omitempty" validate:"omitempty,min=1,max=1024,redirectURL"`

	AllowedOAuthFlows               []string `json:",omitempty" validate:"omitempty,max=3,dive,oneof=code implicit client_credentials"`
	AllowedOAuthScopes              []string `json:",omitempty" validate:"omitempty,max=50,dive,min=1,max=256,scope"`
	AllowedOAuthFlowsUserPoolClient *bool    `json:",omitempty"`

	AnalyticsConfiguration     *AnalyticsConfiguration `json:",omitempty"`
	PreventUserExistenceErrors *string                 `json:",omitempty" validate:"omitempty,oneof=LEGACY ENABLED"`

	EnableTokenRevocation                    *bool                 `json:",omitempty"`
	EnablePropagateAdditionalUserContextData *bool                 `json:",omitempty"`
	AuthSessionValidity                      *int64                `json:",omitempty" validate:"omitempty,min=3,max=15"`
	RefreshTokenRotation                     *RefreshTokenRotation `json:",omitempty"`

}

// TokenValidityUnits is TokenValidityUnitsType.
type TokenValidityUnits struct {
	AccessToken  *string `json:",omitempty" validate:"omitempty,oneof=seconds minutes hours days"`
	IdToken      *string `json:",omitempty" validate:"omitempty,oneof=seconds minutes hours days"`
	RefreshToken *string `json:",omitempty" validate:"omitempty,oneof=seconds minutes hours days"`
}

// AnalyticsConfiguration is AnalyticsConfigurationType.
type AnalyticsConfiguration struct {
	ApplicationId  *string `json:",omitempty" validate:"omitempty,hexString"`
	ApplicationArn *string `json:",omitempty" validate:"omitempty,min=20,max=2048,arn"`
	RoleArn        *string `json:",omitempty" validate:"omitempty,min=20,max=2048,arn"`
	ExternalId     *string `json:",omitempty" validate:"omitempty,max=131072"`
	UserDataShared *bool   `json:",omitempty"`
}

// RefreshTokenRotation is RefreshTokenRotationType. Feature is required
// when the structure is given (model-required-member).
type RefreshTokenRotation struct {
	Feature                 *string `json:",omitempty" validate:"omitempty,oneof=ENABLED DISABLED"`
	RetryGracePeriodSeconds *int64  `json:",omitempty" validate:"omitempty,min=0,max=60"`
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
