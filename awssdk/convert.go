// Package awssdk connects cognitolint to aws-sdk-go-v2's Cognito client
// (github.com/aws/aws-sdk-go-v2/service/cognitoidentityprovider): it
// converts the SDK's request and Describe types to the linter's
// validate.Request, and adds a preflight to an SDK client with one option,
//
//	client := cognitoidentityprovider.NewFromConfig(cfg, awssdk.WithPreflight(linter, awssdk.Options{}))
//
// which lints every UpdateUserPoolClient and CreateUserPoolClient input
// before a byte is sent and fails the call with a *PreflightError holding
// the report when a finding reaches Options.FailOn. With Options.SafeUpdate
// it first describes the client and fills in every member the update
// omits, so that a partial update cannot reset anything.
//
// It is a package of its own so that a program that imports only validate
// does not link the SDK.
package awssdk

import (
	cip "github.com/aws/aws-sdk-go-v2/service/cognitoidentityprovider"
	"github.com/aws/aws-sdk-go-v2/service/cognitoidentityprovider/types"

	"github.com/cognitolint/cognitolint/model"
	"github.com/cognitolint/cognitolint/validate"
)

// The conversions give what the SDK sends: a member the SDK's serializer
// leaves out is absent from the request. It leaves out nil pointers and
// slices, and the zero values of its non-pointer members:
// RefreshTokenValidity 0, AllowedOAuthFlowsUserPoolClient false,
// GenerateSecret false, AnalyticsConfiguration.UserDataShared false and an
// empty enum (serializers.go of the service package). A non-nil empty
// slice is sent as [] and stays an empty list.

// FromUpdateInput converts an UpdateUserPoolClient input; nil gives nil.
func FromUpdateInput(in *cip.UpdateUserPoolClientInput) *validate.Request {
	if in == nil {
		return nil
	}
	return &validate.Request{
		UserPoolId:                               in.UserPoolId,
		ClientId:                                 in.ClientId,
		ClientName:                               in.ClientName,
		RefreshTokenValidity:                     nonZero(in.RefreshTokenValidity),
		AccessTokenValidity:                      int64p(in.AccessTokenValidity),
		IdTokenValidity:                          int64p(in.IdTokenValidity),
		TokenValidityUnits:                       fromUnits(in.TokenValidityUnits),
		ReadAttributes:                           in.ReadAttributes,
		WriteAttributes:                          in.WriteAttributes,
		ExplicitAuthFlows:                        enumStrings(in.ExplicitAuthFlows),
		SupportedIdentityProviders:               in.SupportedIdentityProviders,
		CallbackURLs:                             in.CallbackURLs,
		LogoutURLs:                               in.LogoutURLs,
		DefaultRedirectURI:                       in.DefaultRedirectURI,
		AllowedOAuthFlows:                        enumStrings(in.AllowedOAuthFlows),
		AllowedOAuthScopes:                       in.AllowedOAuthScopes,
		AllowedOAuthFlowsUserPoolClient:          trueOnly(in.AllowedOAuthFlowsUserPoolClient),
		AnalyticsConfiguration:                   fromAnalytics(in.AnalyticsConfiguration),
		PreventUserExistenceErrors:               enumString(in.PreventUserExistenceErrors),
		EnableTokenRevocation:                    in.EnableTokenRevocation,
		EnablePropagateAdditionalUserContextData: in.EnablePropagateAdditionalUserContextData,
		AuthSessionValidity:                      int64p(in.AuthSessionValidity),
		RefreshTokenRotation:                     fromRotation(in.RefreshTokenRotation),
	}
}

// FromCreateInput converts a CreateUserPoolClient input; nil gives nil.
// Its ClientSecret, if any, is never printed in a finding.
func FromCreateInput(in *cip.CreateUserPoolClientInput) *validate.Request {
	if in == nil {
		return nil
	}
	return &validate.Request{
		UserPoolId:                               in.UserPoolId,
		ClientName:                               in.ClientName,
		GenerateSecret:                           trueOnly(in.GenerateSecret),
		ClientSecret:                             in.ClientSecret,
		RefreshTokenValidity:                     nonZero(in.RefreshTokenValidity),
		AccessTokenValidity:                      int64p(in.AccessTokenValidity),
		IdTokenValidity:                          int64p(in.IdTokenValidity),
		TokenValidityUnits:                       fromUnits(in.TokenValidityUnits),
		ReadAttributes:                           in.ReadAttributes,
		WriteAttributes:                          in.WriteAttributes,
		ExplicitAuthFlows:                        enumStrings(in.ExplicitAuthFlows),
		SupportedIdentityProviders:               in.SupportedIdentityProviders,
		CallbackURLs:                             in.CallbackURLs,
		LogoutURLs:                               in.LogoutURLs,
		DefaultRedirectURI:                       in.DefaultRedirectURI,
		AllowedOAuthFlows:                        enumStrings(in.AllowedOAuthFlows),
		AllowedOAuthScopes:                       in.AllowedOAuthScopes,
		AllowedOAuthFlowsUserPoolClient:          trueOnly(in.AllowedOAuthFlowsUserPoolClient),
		AnalyticsConfiguration:                   fromAnalytics(in.AnalyticsConfiguration),
		PreventUserExistenceErrors:               enumString(in.PreventUserExistenceErrors),
		EnableTokenRevocation:                    in.EnableTokenRevocation,
		EnablePropagateAdditionalUserContextData: in.EnablePropagateAdditionalUserContextData,
		AuthSessionValidity:                      int64p(in.AuthSessionValidity),
		RefreshTokenRotation:                     fromRotation(in.RefreshTokenRotation),
	}
}

// FromUserPoolClient converts a DescribeUserPoolClient result (its
// UserPoolClient) to the current client of validate.Context:
//
//	out, err := client.DescribeUserPoolClient(ctx, &cip.DescribeUserPoolClientInput{...})
//	opts := validate.Options{Context: &validate.Context{Current: awssdk.FromUserPoolClient(out.UserPoolClient)}}
//
// A RefreshTokenValidity of 0 (the SDK's zero value: absent from the
// output) is absent. CreationDate and LastModifiedDate are left out: no
// rule reads them.
func FromUserPoolClient(c *types.UserPoolClientType) *validate.Request {
	if c == nil {
		return nil
	}
	return &validate.Request{
		UserPoolId:                               c.UserPoolId,
		ClientId:                                 c.ClientId,
		ClientName:                               c.ClientName,
		ClientSecret:                             c.ClientSecret,
		RefreshTokenValidity:                     nonZero(c.RefreshTokenValidity),
		AccessTokenValidity:                      int64p(c.AccessTokenValidity),
		IdTokenValidity:                          int64p(c.IdTokenValidity),
		TokenValidityUnits:                       fromUnits(c.TokenValidityUnits),
		ReadAttributes:                           c.ReadAttributes,
		WriteAttributes:                          c.WriteAttributes,
		ExplicitAuthFlows:                        enumStrings(c.ExplicitAuthFlows),
		SupportedIdentityProviders:               c.SupportedIdentityProviders,
		CallbackURLs:                             c.CallbackURLs,
		LogoutURLs:                               c.LogoutURLs,
		DefaultRedirectURI:                       c.DefaultRedirectURI,
		AllowedOAuthFlows:                        enumStrings(c.AllowedOAuthFlows),
		AllowedOAuthScopes:                       c.AllowedOAuthScopes,
		AllowedOAuthFlowsUserPoolClient:          c.AllowedOAuthFlowsUserPoolClient,
		AnalyticsConfiguration:                   fromAnalytics(c.AnalyticsConfiguration),
		PreventUserExistenceErrors:               enumString(c.PreventUserExistenceErrors),
		EnableTokenRevocation:                    c.EnableTokenRevocation,
		EnablePropagateAdditionalUserContextData: c.EnablePropagateAdditionalUserContextData,
		AuthSessionValidity:                      int64p(c.AuthSessionValidity),
		RefreshTokenRotation:                     fromRotation(c.RefreshTokenRotation),
	}
}

// toUpdateInput converts a request back to an UpdateUserPoolClient input:
// the inverse of FromUpdateInput for every member Update has.
func toUpdateInput(r *validate.Request) *cip.UpdateUserPoolClientInput {
	in := &cip.UpdateUserPoolClientInput{
		UserPoolId:                               r.UserPoolId,
		ClientId:                                 r.ClientId,
		ClientName:                               r.ClientName,
		AccessTokenValidity:                      int32p(r.AccessTokenValidity),
		IdTokenValidity:                          int32p(r.IdTokenValidity),
		ReadAttributes:                           r.ReadAttributes,
		WriteAttributes:                          r.WriteAttributes,
		ExplicitAuthFlows:                        toEnums[types.ExplicitAuthFlowsType](r.ExplicitAuthFlows),
		SupportedIdentityProviders:               r.SupportedIdentityProviders,
		CallbackURLs:                             r.CallbackURLs,
		LogoutURLs:                               r.LogoutURLs,
		DefaultRedirectURI:                       r.DefaultRedirectURI,
		AllowedOAuthFlows:                        toEnums[types.OAuthFlowType](r.AllowedOAuthFlows),
		AllowedOAuthScopes:                       r.AllowedOAuthScopes,
		AllowedOAuthFlowsUserPoolClient:          model.True(r.AllowedOAuthFlowsUserPoolClient),
		PreventUserExistenceErrors:               types.PreventUserExistenceErrorTypes(model.Str(r.PreventUserExistenceErrors)),
		EnableTokenRevocation:                    r.EnableTokenRevocation,
		EnablePropagateAdditionalUserContextData: r.EnablePropagateAdditionalUserContextData,
		AuthSessionValidity:                      int32p(r.AuthSessionValidity),
	}
	if r.RefreshTokenValidity != nil {
		in.RefreshTokenValidity = int32(*r.RefreshTokenValidity)
	}
	if u := r.TokenValidityUnits; u != nil {
		in.TokenValidityUnits = &types.TokenValidityUnitsType{
			AccessToken:  types.TimeUnitsType(model.Str(u.AccessToken)),
			IdToken:      types.TimeUnitsType(model.Str(u.IdToken)),
			RefreshToken: types.TimeUnitsType(model.Str(u.RefreshToken)),
		}
	}
	if a := r.AnalyticsConfiguration; a != nil {
		in.AnalyticsConfiguration = &types.AnalyticsConfigurationType{
			ApplicationArn: a.ApplicationArn, ApplicationId: a.ApplicationId,
			ExternalId: a.ExternalId, RoleArn: a.RoleArn, UserDataShared: model.True(a.UserDataShared),
		}
	}
	if rot := r.RefreshTokenRotation; rot != nil {
		in.RefreshTokenRotation = &types.RefreshTokenRotationType{
			Feature:                 types.FeatureType(model.Str(rot.Feature)),
			RetryGracePeriodSeconds: int32p(rot.RetryGracePeriodSeconds),
		}
	}
	return in
}

func int64p(p *int32) *int64 {
	if p == nil {
		return nil
	}
	v := int64(*p)
	return &v
}

func int32p(p *int64) *int32 {
	if p == nil {
		return nil
	}
	v := int32(*p)
	return &v
}

func nonZero(v int32) *int64 {
	if v == 0 {
		return nil
	}
	n := int64(v)
	return &n
}

func trueOnly(b bool) *bool {
	if !b {
		return nil
	}
	return &b
}

func enumString[T ~string](v T) *string {
	if v == "" {
		return nil
	}
	s := string(v)
	return &s
}

func enumStrings[T ~string](v []T) []string {
	if v == nil {
		return nil
	}
	out := make([]string, len(v))
	for i, e := range v {
		out[i] = string(e)
	}
	return out
}

func toEnums[T ~string](v []string) []T {
	if v == nil {
		return nil
	}
	out := make([]T, len(v))
	for i, s := range v {
		out[i] = T(s)
	}
	return out
}

func fromUnits(u *types.TokenValidityUnitsType) *model.TokenValidityUnits {
	if u == nil {
		return nil
	}
	return &model.TokenValidityUnits{
		AccessToken: enumString(u.AccessToken), IdToken: enumString(u.IdToken), RefreshToken: enumString(u.RefreshToken),
	}
}

func fromAnalytics(a *types.AnalyticsConfigurationType) *model.AnalyticsConfiguration {
	if a == nil {
		return nil
	}
	return &model.AnalyticsConfiguration{
		ApplicationId: a.ApplicationId, ApplicationArn: a.ApplicationArn, RoleArn: a.RoleArn,
		ExternalId: a.ExternalId, UserDataShared: trueOnly(a.UserDataShared),
	}
}

func fromRotation(r *types.RefreshTokenRotationType) *model.RefreshTokenRotation {
	if r == nil {
		return nil
	}
	return &model.RefreshTokenRotation{Feature: enumString(r.Feature), RetryGracePeriodSeconds: int64p(r.RetryGracePeriodSeconds)}
}
