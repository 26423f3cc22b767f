package rules

import (
	"strings"

	"github.com/cognitolint/cognitolint/finding"
)

func init() {
	register(&Rule{
		ID: "analytics-config-shape", Severity: finding.Error, Context: ContextPayload,
		Summary:   "AnalyticsConfiguration is ApplicationArn alone, or ApplicationId + RoleArn + ExternalId",
		Doc:       "AWS: `Invalid analytics configuration given, either <application arn> or <application id, role arn, external id> are valid`. `UserDataShared` goes with either form.",
		Reference: refAnalytics,
		Check: func(p *Pass) {
			a := p.Req.AnalyticsConfiguration
			if a == nil || p.Unknown("AnalyticsConfiguration") {
				return
			}
			if a.ApplicationArn != nil {
				var mixed []string
				for name, v := range map[string]*string{"ApplicationId": a.ApplicationId, "RoleArn": a.RoleArn, "ExternalId": a.ExternalId} {
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
