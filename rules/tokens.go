package rules

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/cognitolint/cognitolint/finding"
	"github.com/cognitolint/cognitolint/model"
)

// Token lifetimes. A validity is a number in a unit (TokenValidityUnits,
// default hours for access and ID tokens, days for refresh tokens); AWS
// checks the product: access and ID tokens 5 minutes to 1 day, refresh
// tokens 60 minutes to 10 years ("Invalid range for token validity.").

var unitSeconds = map[string]int64{"seconds": 1, "minutes": 60, "hours": 3600, "days": 86400}

// token describes one of the three token kinds.
type token struct {
	name        string // "AccessTokenValidity"
	unitPath    string // "TokenValidityUnits.AccessToken"
	defaultUnit string
	defaultSecs int64 // lifetime when the validity is not given
	min, max    int64 // seconds
	rawMin      int64 // the model's lower bound of the raw integer
	rawMax      int64
}

var tokens = []token{
	{"AccessTokenValidity", "TokenValidityUnits.AccessToken", "hours", 3600, 300, 86400, 1, 86400},
	{"IdTokenValidity", "TokenValidityUnits.IdToken", "hours", 3600, 300, 86400, 1, 86400},
	{"RefreshTokenValidity", "TokenValidityUnits.RefreshToken", "days", 30 * 86400, 3600, 315360000, 0, 315360000},
}

func (t token) value(r *model.Request) *int64 {
	switch t.name {
	case "AccessTokenValidity":
		return r.AccessTokenValidity
	case "IdTokenValidity":
		return r.IdTokenValidity
	}
	return r.RefreshTokenValidity
}

func (t token) unitValue(r *model.Request) *string {
	u := r.TokenValidityUnits
	if u == nil {
		return nil
	}
	switch t.name {
	case "AccessTokenValidity":
		return u.AccessToken
	case "IdTokenValidity":
		return u.IdToken
	}
	return u.RefreshToken
}

// unit returns the token's unit and whether it is usable (known, valid).
func (t token) unit(p *Pass) (string, bool) {
	if p.Unknown(t.unitPath, "TokenValidityUnits") {
		return "", false
	}
	u := t.unitValue(p.Req)
	if u == nil {
		return t.defaultUnit, true
	}
	_, ok := unitSeconds[*u]
	return *u, ok
}

// lifetime returns the token's lifetime in seconds (the default when not
// given; refresh 0 means the default 30 days), whether it was given, and
// whether it is known.
func (t token) lifetime(p *Pass) (secs int64, given, ok bool) {
	if p.Unknown(t.name) {
		return 0, false, false
	}
	unit, ok := t.unit(p)
	v := t.value(p.Req)
	if v == nil {
		return t.defaultSecs, false, true
	}
	if !ok || *v < t.rawMin || *v > t.rawMax {
		return 0, true, false
	}
	if *v == 0 {
		return t.defaultSecs, true, true
	}
	return *v * unitSeconds[unit], true, true
}

// unknownUnit warns about a validity v that is out of range in the
// default unit while the unit is unknown (a Terraform variable without a
// value, a CloudFormation intrinsic): it is right only if the unit turns
// out to be one that makes it valid.
func (t token) unknownUnit(p *Pass, v int64) {
	if v < t.rawMin || v > t.rawMax {
		return // model-token-validity-raw-range
	}
	secs := v * unitSeconds[t.defaultUnit]
	if secs >= t.min && secs <= t.max {
		return
	}
	var valid []string
	for _, u := range []string{"seconds", "minutes", "hours", "days"} {
		if s := v * unitSeconds[u]; s >= t.min && s <= t.max {
			valid = append(valid, u)
		}
	}
	bound := "shorter than " + human(t.min)
	if secs > t.max {
		bound = "longer than " + human(t.max)
	}
	p.ReportWarning(t.name, fmt.Sprintf("make sure %s is %s", t.unitPath, strings.Join(valid, " or ")),
		"%s %d is valid only in %s: %s is unknown here, and in %s (the default) it is %s, which AWS rejects",
		t.name, v, strings.Join(valid, " or "), t.unitPath, t.defaultUnit, bound)
}

// human writes a lifetime in seconds the way people say it.
func human(secs int64) string {
	switch {
	case secs%86400 == 0:
		return plural(secs/86400, "day")
	case secs%3600 == 0:
		return plural(secs/3600, "hour")
	case secs%60 == 0:
		return plural(secs/60, "minute")
	}
	return plural(secs, "second")
}

func plural(n int64, unit string) string {
	if n == 1 {
		return "1 " + unit
	}
	return strconv.FormatInt(n, 10) + " " + unit + "s"
}

func init() {
	register(
		&Rule{
			ID: "token-validity-range", Severity: finding.Error, Context: ContextPayload,
			Summary:   "token lifetimes within AWS's range after applying TokenValidityUnits",
			Doc:       "After applying `TokenValidityUnits` (defaults: hours, hours, days), access and ID tokens must last 5 minutes to 1 day and refresh tokens 60 minutes to 10 years. AWS: `InvalidParameterException: Invalid range for token validity.` `RefreshTokenValidity: 0` means the default (see refresh-token-validity-zero). Terraform's `aws_cognito_managed_user_pool_client` without a `token_validity_units` block is read in the same default units: terraform-provider-aws validates the validities in hours, hours and days when the block is absent (internal/service/cognitoidp/managed_user_pool_client.go, `ConfigValidators`: `defaultUnit: time.Hour` for access and ID tokens, `24 * time.Hour` for refresh tokens) and rejects `access_token_validity = 25` at plan time. Where the unit is unknown (a variable without a value, an intrinsic) and the value is out of range in the default unit, the finding is a warning that names the units in which the value is valid.",
			Reference: refTokenUnits,
			Check: func(p *Pass) {
				for _, t := range tokens {
					v := t.value(p.Req)
					if v == nil || (t.name == "RefreshTokenValidity" && *v == 0) {
						continue
					}
					if p.Doc.IsUnknown(t.unitPath) && !p.Unknown(t.name) {
						t.unknownUnit(p, *v)
						continue
					}
					secs, _, ok := t.lifetime(p)
					if !ok || (secs >= t.min && secs <= t.max) {
						continue
					}
					unit, _ := t.unit(p)
					per := unitSeconds[unit]
					lo, hi := (t.min+per-1)/per, t.max/per
					bound := "shorter than " + human(t.min)
					if secs > t.max {
						bound = "longer than " + human(t.max)
					}
					hint := fmt.Sprintf("use %d to %d %s", lo, hi, unit)
					if lo > hi {
						hint = fmt.Sprintf("use a smaller unit in %s", t.unitPath)
					}
					p.Report(t.name, hint, "%s %d %s is %s: AWS rejects it (\"Invalid range for token validity.\")", t.name, *v, unit, bound)
				}
			},
		},
		&Rule{
			ID: "token-validity-refresh-not-shorter", Severity: finding.Warning, Context: ContextPayload,
			Summary:   "access or ID token lifetime longer than the refresh token lifetime",
			Doc:       "An access or ID token that outlives the refresh token makes no sense; older AWS documentation said the value \"cannot be greater than refresh token expiration\" and the CDK rejects it.",
			Reference: refTokenUnits,
			Check: func(p *Pass) {
				refresh, refreshGiven, ok := tokens[2].lifetime(p)
				if !ok {
					return
				}
				for _, t := range tokens[:2] {
					secs, given, ok := t.lifetime(p)
					if !ok || !(given || refreshGiven) || secs <= refresh {
						continue
					}
					path := t.name
					if !given {
						path = "RefreshTokenValidity"
					}
					p.Report(path, "make the refresh token last at least as long as the other tokens",
						"%s (%s) is longer than the refresh token lifetime (%s)", t.name, human(secs), human(refresh))
				}
			},
		},
		&Rule{
			ID: "token-validity-unit-without-value", Severity: finding.Warning, Context: ContextPayload,
			Summary:   "a TokenValidityUnits member without its validity value",
			Doc:       "A unit without its value re-reads the stored (or default) number in the new unit: `AccessToken: seconds` with the default 1 becomes 1 second, which AWS rejects with `Invalid range for token validity.`, or silently changes a lifetime. A unit that is AWS's default for its token (hours for the access and ID tokens, days for the refresh token, as Create and Terraform write them) changes nothing and is not reported: without its value the token gets the default lifetime, in the default unit, either way.",
			Reference: refTokenUnits,
			Check: func(p *Pass) {
				for _, t := range tokens {
					if t.unitValue(p.Req) == nil || t.value(p.Req) != nil || p.Unknown(t.name) {
						continue
					}
					if *t.unitValue(p.Req) == t.defaultUnit {
						// The default value read in the default unit: the
						// default lifetime, as without the unit.
						continue
					}
					p.Report(t.unitPath, "set "+t.name+" too", "%s is %s but %s is not given: the stored or default value is read in %s",
						t.unitPath, quote(*t.unitValue(p.Req)), t.name, *t.unitValue(p.Req))
				}
			},
		},
		&Rule{
			ID: "refresh-token-validity-zero", Severity: finding.Info, Context: ContextPayload,
			Summary:   "RefreshTokenValidity: 0 silently becomes 30 days",
			Doc:       "AWS accepts 0 and stores the default, 30 days.",
			Reference: refUpdate,
			Check: func(p *Pass) {
				if v := p.Req.RefreshTokenValidity; v != nil && *v == 0 {
					p.Report("RefreshTokenValidity", "write 30 (days) if that is what you mean", "RefreshTokenValidity 0 means the default: AWS stores 30 days")
				}
			},
		},
	)
}
