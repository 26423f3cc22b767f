package rules

import (
	"regexp"
	"strings"

	"github.com/cognitolint/cognitolint/finding"
	"github.com/cognitolint/cognitolint/model"
)

// serviceLinkedRole matches the ARN of Cognito's service-linked role for
// analytics in any partition (aws, aws-cn, aws-us-gov) and account, as
// Create and Describe return it beside ApplicationArn
// (docs: cognito/latest/developerguide/using-service-linked-roles.html).
var serviceLinkedRole = regexp.MustCompile(`^arn:aws[a-z-]*:iam::[0-9]{12}:role/aws-service-role/cognito-idp\.amazonaws\.com/AWSServiceRoleForAmazonCognitoIdp$`)

func cognitoServiceLinkedRole(arn string) bool { return serviceLinkedRole.MatchString(arn) }

func init() {
	register(&Rule{
		ID: "analytics-config-shape", Severity: finding.Error, Context: ContextPayload,
		Summary: "AnalyticsConfiguration is ApplicationArn alone, or ApplicationId + RoleArn + ExternalId",
		Doc: "AWS: `Invalid analytics configuration given, either <application arn> or <application id, role arn, external id> are valid`. `UserDataShared` goes with either form.\n\n" +
			"With `ApplicationArn`, Cognito publishes through its service-linked role `AWSServiceRoleForAmazonCognitoIdp` and returns that role as `RoleArn` beside `ApplicationArn` in Create and Describe output (the AWS CLI's own `create-user-pool-client` example: input `ApplicationArn=…,UserDataShared=TRUE`, output with `RoleArn: arn:aws:iam::…:role/aws-service-role/cognito-idp.amazonaws.com/AWSServiceRoleForAmazonCognitoIdp`; Terraform's provider reads `role_arn` back as that role for an `application_arn` client). What AWS returns is never reported: `ApplicationArn` with that service-linked role (and no `ApplicationId` or `ExternalId`) is accepted, as a Describe output round-tripped into an update writes it, and a Describe document is not checked by this rule at all. No AWS source says Create or Update reject the pair; an `ApplicationArn` with any other `RoleArn`, or with `ApplicationId`/`ExternalId`, is still reported.",
		Reference: refAnalytics,
		Check: func(p *Pass) {
			a := p.Req.AnalyticsConfiguration
			if a == nil || p.Unknown("AnalyticsConfiguration") || p.Op == model.OpDescribe {
				return
			}
			if a.ApplicationArn != nil {
				var mixed []string
				for name, v := range map[string]*string{"ApplicationId": a.ApplicationId, "RoleArn": a.RoleArn, "ExternalId": a.ExternalId} {
					if name == "RoleArn" && v != nil && cognitoServiceLinkedRole(*v) {
						continue // what AWS itself returns with ApplicationArn
					}
					if v != nil {
						mixed = append(mixed, name)
					}
				}
				if len(mixed) > 0 {
					sortStrings(mixed)
					p.Report("AnalyticsConfiguration", "remove "+strings.Join(mixed, ", ")+", or remove ApplicationArn",
						"AnalyticsConfiguration mixes ApplicationArn with %s: give ApplicationArn alone, or ApplicationId + RoleArn + ExternalId", strings.Join(mixed, ", "))
				}
				return
			}
			var missing []string
			for _, m := range []struct {
				name string
				v    *string
			}{{"ApplicationId", a.ApplicationId}, {"RoleArn", a.RoleArn}, {"ExternalId", a.ExternalId}} {
				if m.v == nil {
					missing = append(missing, m.name)
				}
			}
			if len(missing) > 0 {
				p.Report("AnalyticsConfiguration", "add "+strings.Join(missing, ", ")+", or give ApplicationArn alone",
					"AnalyticsConfiguration lacks %s: give ApplicationArn alone, or ApplicationId + RoleArn + ExternalId", strings.Join(missing, ", "))
			}
		},
	})
}
