package rules

import (
	"fmt"
	"reflect"
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/go-playground/validator/v10"

	"github.com/cognitolint/cognitolint/finding"
	"github.com/cognitolint/cognitolint/model"
)

// Constraint is one member's constraints from the AWS model, and the rule
// that reports a violation. Patterns are the model's text; they are matched
// against the whole value.
type Constraint struct {
	Path     string // member path without indices: "CallbackURLs[]", "TokenValidityUnits.AccessToken"
	Shape    string // the AWS model's shape name, also the validate tag that checks it
	Rule     string
	MinLen   int // characters; -1 when the model sets none
	MaxLen   int
	Pattern  string
	Enum     []string
	Min, Max int64 // integer range, when Integer
	Integer  bool
	ListMax  int // list count maximum (0 = none)
	ListRule string
}

// Constraints lists every model constraint cognitolint enforces. A test
// compares it with the AWS model extract in testdata/aws-model.
var Constraints = []Constraint{
	{Path: "UserPoolId", Shape: "UserPoolIdType", Rule: "model-user-pool-id-format", MinLen: 1, MaxLen: 55, Pattern: `[\w-]+_[0-9a-zA-Z]+`},
	{Path: "ClientId", Shape: "ClientIdType", Rule: "model-client-id-format", MinLen: 1, MaxLen: 128, Pattern: `[\w+]+`},
	{Path: "ClientName", Shape: "ClientNameType", Rule: "model-client-name-format", MinLen: 1, MaxLen: 128, Pattern: `[\w\s+=,.@-]+`},
	{Path: "ClientSecret", Shape: "ClientSecretType", Rule: "model-client-secret-format", MinLen: 24, MaxLen: 64, Pattern: `[\w+]+`},
	{Path: "RefreshTokenValidity", Shape: "RefreshTokenValidityType", Rule: "model-token-validity-raw-range", Integer: true, Min: 0, Max: 315360000},
	{Path: "AccessTokenValidity", Shape: "AccessTokenValidityType", Rule: "model-token-validity-raw-range", Integer: true, Min: 1, Max: 86400},
	{Path: "IdTokenValidity", Shape: "IdTokenValidityType", Rule: "model-token-validity-raw-range", Integer: true, Min: 1, Max: 86400},
	{Path: "TokenValidityUnits.AccessToken", Shape: "TimeUnitsType", Rule: "model-time-unit-enum", Enum: model.TimeUnits},
	{Path: "TokenValidityUnits.IdToken", Shape: "TimeUnitsType", Rule: "model-time-unit-enum", Enum: model.TimeUnits},
	{Path: "TokenValidityUnits.RefreshToken", Shape: "TimeUnitsType", Rule: "model-time-unit-enum", Enum: model.TimeUnits},
	{Path: "ReadAttributes[]", Shape: "ClientPermissionType", Rule: "model-attribute-name-length", MinLen: 1, MaxLen: 2048},
	{Path: "WriteAttributes[]", Shape: "ClientPermissionType", Rule: "model-attribute-name-length", MinLen: 1, MaxLen: 2048},
	{Path: "ExplicitAuthFlows[]", Shape: "ExplicitAuthFlowsType", Rule: "model-explicit-auth-flow-enum", Enum: model.ExplicitAuthFlows},
	{Path: "SupportedIdentityProviders[]", Shape: "ProviderNameType", Rule: "model-provider-name-format", MinLen: 1, MaxLen: 32, Pattern: `[\p{L}\p{M}\p{S}\p{N}\p{P}\p{Z}]+`},
	{Path: "CallbackURLs[]", Shape: "RedirectUrlType", Rule: "model-redirect-url-format", MinLen: 1, MaxLen: 1024, Pattern: `[\p{L}\p{M}\p{S}\p{N}\p{P}]+`, ListMax: 100, ListRule: "model-callback-urls-max"},
	{Path: "LogoutURLs[]", Shape: "RedirectUrlType", Rule: "model-redirect-url-format", MinLen: 1, MaxLen: 1024, Pattern: `[\p{L}\p{M}\p{S}\p{N}\p{P}]+`, ListMax: 100, ListRule: "model-logout-urls-max"},
	{Path: "DefaultRedirectURI", Shape: "RedirectUrlType", Rule: "model-redirect-url-format", MinLen: 1, MaxLen: 1024, Pattern: `[\p{L}\p{M}\p{S}\p{N}\p{P}]+`},
	{Path: "AllowedOAuthFlows[]", Shape: "OAuthFlowType", Rule: "model-oauth-flow-enum", Enum: model.OAuthFlows, ListMax: 3, ListRule: "model-oauth-flow-enum"},
	{Path: "AllowedOAuthScopes[]", Shape: "ScopeType", Rule: "model-oauth-scope-format", MinLen: 1, MaxLen: 256, Pattern: `[\x21\x23-\x5B\x5D-\x7E]+`, ListMax: 50, ListRule: "model-oauth-scopes-max"},
	{Path: "PreventUserExistenceErrors", Shape: "PreventUserExistenceErrorTypes", Rule: "model-prevent-user-existence-enum", Enum: []string{"LEGACY", "ENABLED"}},
	{Path: "AuthSessionValidity", Shape: "AuthSessionValidityType", Rule: "model-auth-session-validity-range", Integer: true, Min: 3, Max: 15},
	{Path: "AnalyticsConfiguration.ApplicationId", Shape: "HexStringType", Rule: "model-analytics-field-format", Pattern: `^[0-9a-fA-F]+$`},
	{Path: "AnalyticsConfiguration.ApplicationArn", Shape: "ArnType", Rule: "model-analytics-field-format", MinLen: 20, MaxLen: 2048, Pattern: arnPattern},
	{Path: "AnalyticsConfiguration.RoleArn", Shape: "ArnType", Rule: "model-analytics-field-format", MinLen: 20, MaxLen: 2048, Pattern: arnPattern},
	{Path: "AnalyticsConfiguration.ExternalId", Shape: "StringType", Rule: "model-analytics-field-format", MinLen: 0, MaxLen: 131072},
	{Path: "RefreshTokenRotation.Feature", Shape: "FeatureType", Rule: "model-refresh-rotation-format", Enum: []string{"ENABLED", "DISABLED"}},
	{Path: "RefreshTokenRotation.RetryGracePeriodSeconds", Shape: "RetryGracePeriodSecondsType", Rule: "model-refresh-rotation-format", Integer: true, Min: 0, Max: 60},
}

const arnPattern = `arn:[\w+=/,.@-]+:[\w+=/,.@-]+:([\w+=/,.@-]*)?:[0-9]+:[\w+=/,.@-]+(:[\w+=/,.@-]+)?(:[\w+=/,.@-]+)?`

var constraintIndex = func() map[string]*Constraint {
	m := make(map[string]*Constraint, len(Constraints))
	for i := range Constraints {
		m[Constraints[i].Path] = &Constraints[i]
	}
	return m
}()

// anchored compiles a model pattern as a whole-value match. Java's \s (what
// AWS uses) also matches \x0B, which RE2's \s does not.
func anchored(pattern string) *regexp.Regexp {
	p := strings.TrimSuffix(strings.TrimPrefix(pattern, "^"), "$")
	p = strings.ReplaceAll(p, `\s`, `\s\x0B`)
	return regexp.MustCompile(`^(?:` + p + `)$`)
}

// patternMatchers are the fast matchers of the model's patterns; others
// compile to anchored regexps.
var patternMatchers = map[string]func(string) bool{
	`[\w-]+_[0-9a-zA-Z]+`:               matchUserPoolID,
	`[\w+]+`:                            matchClientID,
	`[\w\s+=,.@-]+`:                     matchClientName,
	`[\p{L}\p{M}\p{S}\p{N}\p{P}]+`:      matchRedirectURL,
	`[\p{L}\p{M}\p{S}\p{N}\p{P}\p{Z}]+`: matchProviderName,
	`[\x21\x23-\x5B\x5D-\x7E]+`:         matchScope,
	`^[0-9a-fA-F]+$`:                    matchHex,
}

// check returns a validation func that enforces c: the length in
// characters, the pattern (whole value), the enum, or the integer range.
func (c *Constraint) check() func(validator.FieldLevel) bool {
	if c.Integer {
		return func(fl validator.FieldLevel) bool {
			v := fl.Field().Int()
			return v >= c.Min && v <= c.Max
		}
	}
	ok := c.stringCheck()
	return func(fl validator.FieldLevel) bool { return ok(fl.Field().String()) }
}

// stringCheck returns the check of a string constraint.
func (c *Constraint) stringCheck() func(string) bool {
	if c.Enum != nil {
		set := make(map[string]bool, len(c.Enum))
		for _, e := range c.Enum {
			set[e] = true
		}
		return func(s string) bool { return set[s] }
	}
	match := patternMatchers[c.Pattern]
	if match == nil && c.Pattern != "" {
		match = anchored(c.Pattern).MatchString
	}
	return func(s string) bool {
		if n := utf8.RuneCountInString(s); n < c.MinLen || (c.MaxLen > 0 && n > c.MaxLen) {
			return false
		}
		return match == nil || match(s)
	}
}

// shapeChecks are the string checks by shape name, for each=SHAPE.
var shapeChecks = map[string]func(string) bool{}

// modelValidator is the one validator instance: a validation per AWS shape
// (the tags of model.Request), patterns compiled once.
var modelValidator = func() *validator.Validate {
	v := validator.New(validator.WithRequiredStructEnabled())
	done := map[string]bool{}
	for i := range Constraints {
		c := &Constraints[i]
		if done[c.Shape] {
			continue
		}
		done[c.Shape] = true
		if err := v.RegisterValidation(c.Shape, c.check()); err != nil {
			panic(err)
		}
		if !c.Integer {
			shapeChecks[c.Shape] = c.stringCheck()
		}
	}
	// each=SHAPE: every element of a []string satisfies SHAPE. One call per
	// list instead of one per element; checkModel finds the elements.
	if err := v.RegisterValidation("each", func(fl validator.FieldLevel) bool {
		ok := shapeChecks[fl.Param()]
		list := fl.Field()
		for i := range list.Len() {
			if !ok(list.Index(i).String()) {
				return false
			}
		}
		return true
	}); err != nil {
		panic(err)
	}
	return v
}()

var indexRe = regexp.MustCompile(`\[\d+\]`)

// checkModel runs the model's field constraints on req, reports each
// violation under its rule, with a message of ours, and adds the path of
// each value that breaks one to invalid.
func checkModel(req *model.Request, out *[]result, invalid *finding.PathSet) {
	err := modelValidator.Struct(req)
	if err == nil {
		return
	}
	errs, ok := err.(validator.ValidationErrors)
	if !ok {
		return
	}
	for _, fe := range errs {
		path := strings.TrimPrefix(fe.Namespace(), "Request.")
		key := indexRe.ReplaceAllString(path, "[]")
		listLevel := false
		c := constraintIndex[key]
		if c == nil {
			c = constraintIndex[key+"[]"]
			listLevel = true
		}
		if c == nil {
			continue
		}
		if fe.Tag() == "each" {
			ok := shapeChecks[c.Shape]
			list := reflect.ValueOf(fe.Value())
			bad, more := 0, 0
			for i := range list.Len() {
				if v := list.Index(i).String(); !ok(v) {
					if invalid.CoversIndex(path, i) {
						// Not a string (the decoder reported it and
						// left "" in its place): not checked again.
						continue
					}
					bad++
					if bad > 2*MaxPerRule+2 {
						// Past what the output shows: counted for the
						// engine's note, not built (nor its path, nor a
						// did-you-mean searched) a million times.
						more++
					} else {
						*out = append(*out, result{primary: true, Finding: constraintFinding(c, indexPath(path, i), v)})
					}
					invalid.AddIndex(path, i)
				}
			}
			if more > 0 {
				*out = append(*out, result{primary: true, more: more, Finding: finding.Finding{Rule: c.Rule, Path: path}})
			}
			continue
		}
		if listLevel {
			n := reflect.ValueOf(fe.Value()).Len()
			*out = append(*out, result{primary: true, Finding: newFinding(c.ListRule, path,
				fmt.Sprintf("remove %d of them", n-c.ListMax),
				"%s has %d items; AWS allows at most %d", path, n, c.ListMax)})
			continue
		}
		*out = append(*out, result{primary: true, Finding: constraintFinding(c, path, fe.Value())})
		invalid.Add(path)
	}
}

func constraintFinding(c *Constraint, path string, value any) finding.Finding {
	if c.Integer {
		v := reflect.ValueOf(value)
		for v.Kind() == reflect.Pointer {
			v = v.Elem()
		}
		n := v.Int()
		return newFinding(c.Rule, path, fmt.Sprintf("use a value from %d to %d", c.Min, c.Max),
			"%s is %s; AWS allows %d to %d", path, strconv.FormatInt(n, 10), c.Min, c.Max)
	}
	var s string
	switch v := value.(type) {
	case string:
		s = v
	case *string:
		if v != nil {
			s = *v
		}
	default:
		s = fmt.Sprint(value)
	}
	shown := quoteValue(path, s)
	if c.Enum != nil {
		hint := "use one of " + strings.Join(c.Enum, ", ")
		// The nearest value by edit distance, for a value about as long
		// as the enum's (the distance of a value of megabytes would take
		// minutes).
		n := ""
		if len(s) <= 128 {
			n = nearest(s, c.Enum, max(2, len(s)/3))
		}
		if n != "" {
			hint = fmt.Sprintf("did you mean %q?", n)
		}
		return newFinding(c.Rule, path, hint, "%s %s is not one of %s", path, shown, strings.Join(c.Enum, ", "))
	}
	n := utf8.RuneCountInString(s)
	if n < c.MinLen || (c.MaxLen > 0 && n > c.MaxLen) {
		what := "characters"
		if n == 1 {
			what = "character"
		}
		if n == 0 {
			return newFinding(c.Rule, path, "remove the empty value", "%s is empty; AWS needs %d to %d characters", path, c.MinLen, c.MaxLen)
		}
		return newFinding(c.Rule, path, "", "%s %s is %d %s long; AWS allows %d to %d", path, shown, n, what, c.MinLen, c.MaxLen)
	}
	hint := patternHint(c, s)
	return newFinding(c.Rule, path, hint, "%s %s does not match the pattern %s", path, shown, c.Pattern)
}

func patternHint(c *Constraint, s string) string {
	switch c.Rule {
	case "model-redirect-url-format":
		if strings.ContainsAny(s, " \t") {
			return `remove the spaces, or percent-encode them as "%20"`
		}
		return "remove spaces and control characters"
	case "model-user-pool-id-format":
		return `a pool ID is "<region>_<id>", e.g. "us-east-1_AbCd12345"`
	case "model-client-name-format":
		return "use ASCII letters, digits, spaces and + = , . @ - only"
	case "model-client-id-format", "model-client-secret-format":
		return "use ASCII letters, digits, _ and + only"
	case "model-oauth-scope-format":
		return `scopes are printable ASCII without spaces, '"' or '\'`
	case "model-analytics-field-format":
		if strings.HasSuffix(c.Path, "ApplicationId") {
			return "the Pinpoint project ID is hexadecimal"
		}
		return "use a full ARN: arn:aws:<service>:<region>:<account-id>:<resource>"
	}
	return ""
}

// quoteValue quotes a value for a message, shortened when long; a secret
// is never shown.
func quoteValue(path, s string) string {
	if path == "ClientSecret" {
		return `"****"`
	}
	if c := clip(s); c != s {
		return strconv.Quote(strings.TrimSuffix(c, "…")) + "…"
	}
	return strconv.Quote(s)
}

// clip returns s, or its first 60 characters and "…" when it has more
// than 80: what a message shows of a value or key. Runes are counted only
// as far as needed: a value of 50 MB made a slice of runes of 200 MB.
func clip(s string) string {
	if len(s) <= 80 {
		return s
	}
	cut, n := 0, 0
	for i := 0; i < len(s) && n <= 80; n++ {
		if n == 60 {
			cut = i
		}
		_, size := utf8.DecodeRuneInString(s[i:])
		i += size
	}
	if n > 80 {
		return s[:cut] + "…"
	}
	return s
}
