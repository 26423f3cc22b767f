package input

import "github.com/cognitolint/cognitolint/finding"

// The Terraform resource types read as app clients. A managed client is one
// another service created (OpenSearch); Terraform updates it, so its name is
// not an argument.
var tfClientTypes = map[string]bool{
	"aws_cognito_user_pool_client":         true,
	"aws_cognito_managed_user_pool_client": true,
}

// tfAttributes maps the arguments of aws_cognito_user_pool_client
// (terraform-provider-aws, internal/service/cognitoidp/user_pool_client.go)
// to the API members they set. Attributes that set no member — computed
// results (id, client_secret), region, the managed client's name_prefix and
// name_pattern, meta-arguments — are ignored, and so is any other unmapped
// attribute: terraform validate reports misspelt ones, and a newer
// provider's arguments must not become false findings.
var tfAttributes = map[string]string{
	"access_token_validity":                         "AccessTokenValidity",
	"allowed_oauth_flows":                           "AllowedOAuthFlows",
	"allowed_oauth_flows_user_pool_client":          "AllowedOAuthFlowsUserPoolClient",
	"allowed_oauth_scopes":                          "AllowedOAuthScopes",
	"auth_session_validity":                         "AuthSessionValidity",
	"callback_urls":                                 "CallbackURLs",
	"default_redirect_uri":                          "DefaultRedirectURI",
	"enable_propagate_additional_user_context_data": "EnablePropagateAdditionalUserContextData",
	"enable_token_revocation":                       "EnableTokenRevocation",
	"explicit_auth_flows":                           "ExplicitAuthFlows",
	"generate_secret":                               "GenerateSecret",
	"id_token_validity":                             "IdTokenValidity",
	"logout_urls":                                   "LogoutURLs",
	"name":                                          "ClientName",
	"prevent_user_existence_errors":                 "PreventUserExistenceErrors",
	"read_attributes":                               "ReadAttributes",
	"refresh_token_validity":                        "RefreshTokenValidity",
	"supported_identity_providers":                  "SupportedIdentityProviders",
	"user_pool_id":                                  "UserPoolId",
	"write_attributes":                              "WriteAttributes",
}

// tfBlock is a nested block (a list of at most one object) and the API
// structure it sets.
type tfBlock struct {
	member string
	attrs  map[string]string
}

var tfBlocks = map[string]tfBlock{
	"token_validity_units": {"TokenValidityUnits", map[string]string{
		"access_token": "AccessToken", "id_token": "IdToken", "refresh_token": "RefreshToken",
	}},
	"analytics_configuration": {"AnalyticsConfiguration", map[string]string{
		"application_arn": "ApplicationArn", "application_id": "ApplicationId", "external_id": "ExternalId",
		"role_arn": "RoleArn", "user_data_shared": "UserDataShared",
	}},
	"refresh_token_rotation": {"RefreshTokenRotation", map[string]string{
		"feature": "Feature", "retry_grace_period_seconds": "RetryGracePeriodSeconds",
	}},
}

// managed marks what a managed client's configuration leaves out as
// unknown: Terraform adopts a client another service created (found by
// name_prefix or name_pattern) and keeps its current settings where the
// configuration says nothing.
func managed(doc *finding.Document) {
	unknownAbsent(doc)
}
