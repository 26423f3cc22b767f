package rules

import (
	"encoding/json"
	"fmt"
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/cognitolint/cognitolint/input"
	"github.com/cognitolint/cognitolint/model"
)

// awsModel is the part of the botocore model the tests read.
type awsModel struct {
	Shapes map[string]struct {
		Type     string   `json:"type"`
		Min      *int64   `json:"min"`
		Max      *int64   `json:"max"`
		Pattern  string   `json:"pattern"`
		Enum     []string `json:"enum"`
		Required []string `json:"required"`
		Member   *struct {
			Shape string `json:"shape"`
		} `json:"member"`
		Members map[string]struct {
			Shape string `json:"shape"`
		} `json:"members"`
	} `json:"shapes"`
}

func loadModel(t testing.TB) *awsModel {
	t.Helper()
	b, err := os.ReadFile("../testdata/aws-model/cognito-idp-userpoolclient-shapes.json")
	if err != nil {
		t.Fatal(err)
	}
	var m awsModel
	if err := json.Unmarshal(b, &m); err != nil {
		t.Fatal(err)
	}
	return &m
}

// modelConstraint is one leaf constraint read from the AWS model.
type modelConstraint struct {
	path               string // as Constraint.Path
	min, max           *int64
	pattern            string
	enum               []string
	listMax            *int64
	integer, isBoolean bool
	isString           bool
}

// walkModel lists the leaf members of a request shape with their model
// constraints.
func walkModel(m *awsModel, shape, prefix string) []modelConstraint {
	var out []modelConstraint
	names := make([]string, 0)
	for n := range m.Shapes[shape].Members {
		names = append(names, n)
	}
	slices.Sort(names)
	for _, name := range names {
		ms := m.Shapes[m.Shapes[shape].Members[name].Shape]
		path := name
		if prefix != "" {
			path = prefix + "." + name
		}
		switch ms.Type {
		case "structure":
			out = append(out, walkModel(m, m.Shapes[shape].Members[name].Shape, path)...)
		case "list":
			item := m.Shapes[ms.Member.Shape]
			out = append(out, modelConstraint{path: path + "[]", min: item.Min, max: item.Max, pattern: item.Pattern,
				enum: item.Enum, listMax: ms.Max, isString: item.Type == "string"})
		default:
			out = append(out, modelConstraint{path: path, min: ms.Min, max: ms.Max, pattern: ms.Pattern, enum: ms.Enum,
				integer: ms.Type == "integer", isBoolean: ms.Type == "boolean", isString: ms.Type == "string"})
		}
	}
	return out
}

// TestConstraintsMatchAWSModel proves the constraint table is the AWS
// model's: a new member, a changed bound, pattern or enum fails here.
func TestConstraintsMatchAWSModel(t *testing.T) {
	m := loadModel(t)
	for _, shape := range []string{"UpdateUserPoolClientRequest", "CreateUserPoolClientRequest"} {
		for _, mc := range walkModel(m, shape, "") {
			if model.Lookup(strings.SplitN(strings.TrimSuffix(mc.path, "[]"), ".", 2)[0]) == nil {
				t.Errorf("%s: member %s is not in model.Members", shape, mc.path)
			}
			if mc.isBoolean || (mc.isString && mc.min == nil && mc.max == nil && mc.pattern == "" && mc.enum == nil) {
				continue // nothing to enforce
			}
			c := constraintIndex[mc.path]
			if c == nil {
				t.Errorf("%s: %s has model constraints but no entry in Constraints", shape, mc.path)
				continue
			}
			if mc.integer {
				if !c.Integer || c.Min != *mc.min || c.Max != *mc.max {
					t.Errorf("%s: range %d..%d in the model, %d..%d in Constraints", mc.path, *mc.min, *mc.max, c.Min, c.Max)
				}
				continue
			}
			if mc.min != nil && int64(c.MinLen) != *mc.min || mc.max != nil && int64(c.MaxLen) != *mc.max {
				t.Errorf("%s: length %v..%v in the model, %d..%d in Constraints", mc.path, deref(mc.min), deref(mc.max), c.MinLen, c.MaxLen)
			}
			if mc.pattern != c.Pattern {
				t.Errorf("%s: pattern %q in the model, %q in Constraints", mc.path, mc.pattern, c.Pattern)
			}
			if mc.enum != nil {
				for _, v := range mc.enum {
					if !slices.Contains(c.Enum, v) {
						t.Errorf("%s: enum value %q of the model is not accepted", mc.path, v)
					}
				}
			}
			if mc.listMax != nil && int64(c.ListMax) != *mc.listMax {
				t.Errorf("%s: list max %d in the model, %d in Constraints", mc.path, *mc.listMax, c.ListMax)
			}
		}
	}
	// Required members.
	for shape, op := range map[string]string{"UpdateUserPoolClientRequest": model.OpUpdate, "CreateUserPoolClientRequest": model.OpCreate} {
		for _, name := range m.Shapes[shape].Required {
			if mm := model.Lookup(name); mm == nil || !mm.Required.Has(op) {
				t.Errorf("%s requires %s; model.Members does not", shape, name)
			}
		}
		for _, mm := range model.Members {
			if mm.Required.Has(op) && !slices.Contains(m.Shapes[shape].Required, mm.Name) {
				t.Errorf("model.Members requires %s in %s; the AWS model does not", mm.Name, shape)
			}
			if mm.Ops.Has(op) != (m.Shapes[shape].Members[mm.Name].Shape != "") {
				t.Errorf("%s: member %s membership differs from the AWS model", shape, mm.Name)
			}
		}
	}
}

func deref(p *int64) any {
	if p == nil {
		return "-"
	}
	return *p
}

// validValue returns a value of n characters that satisfies the pattern of
// the constraint at path.
func validValue(path string, n int) string {
	switch path {
	case "UserPoolId":
		return strings.Repeat("a", n-2) + "_1"
	case "CallbackURLs[]", "LogoutURLs[]", "DefaultRedirectURI":
		return "https://a.io/" + strings.Repeat("x", n-13)
	case "AnalyticsConfiguration.ApplicationArn", "AnalyticsConfiguration.RoleArn":
		return "arn:aws:iam::123456789012:role/" + strings.Repeat("r", n-31)
	case "AnalyticsConfiguration.ApplicationId":
		return strings.Repeat("f", n)
	case "AllowedOAuthScopes[]":
		return "r/" + strings.Repeat("s", n-2)
	}
	return strings.Repeat("a", n)
}

// invalidValue returns a value of valid length that breaks the pattern.
var invalidValue = map[string]string{
	"UserPoolId":                            "us-east-1-nounderscore",
	"ClientId":                              "abc-def",
	"ClientName":                            "Café",
	"ClientSecret":                          "abcdefghijklmnopqrstuvwx-",
	"SupportedIdentityProviders[]":          "a\tb",
	"CallbackURLs[]":                        "https://a.io/a b",
	"LogoutURLs[]":                          "https://a.io/a\u0007b",
	"DefaultRedirectURI":                    "https://a.io/ b",
	"AllowedOAuthScopes[]":                  `r/a"b`,
	"AnalyticsConfiguration.ApplicationId":  "0xFF",
	"AnalyticsConfiguration.ApplicationArn": "arn:aws:iam::account:role/name-is-long",
	"AnalyticsConfiguration.RoleArn":        "arn:aws:iam::123456789012:role/a b",
}

// lintWith lints a Create payload (or Update when the path needs it) with
// one member set to raw JSON, and returns the rules that fired at path.
func lintWith(t testing.TB, path string, raw string) []string {
	t.Helper()
	op := model.OpCreate
	top, sub, _ := strings.Cut(strings.TrimSuffix(path, "[]"), ".")
	payload := map[string]json.RawMessage{
		"UserPoolId": json.RawMessage(`"us-east-1_AbCd12345"`),
		"ClientName": json.RawMessage(`"app"`),
	}
	if top == "ClientId" {
		op = model.OpUpdate
		payload["ClientId"] = json.RawMessage(`"abc"`)
	}
	v := json.RawMessage(raw)
	if sub != "" {
		inner := map[string]json.RawMessage{sub: v}
		switch top {
		case "RefreshTokenRotation":
			if sub != "Feature" {
				inner["Feature"] = json.RawMessage(`"DISABLED"`)
			}
		}
		b, _ := json.Marshal(inner)
		v = b
	}
	payload[top] = v
	b, err := json.Marshal(payload)
	if err != nil {
		t.Fatal(err)
	}
	res := input.Read("t.json", b, input.Options{Operation: op})
	if len(res.Docs) != 1 {
		t.Fatalf("%s: no document: %v", path, res.Findings)
	}
	var fired []string
	want := strings.TrimSuffix(path, "[]")
	for _, f := range Check(res.Docs[0], Options{}) {
		if strings.HasPrefix(f.Path, want) && strings.HasPrefix(f.Rule, "model-") {
			fired = append(fired, f.Rule)
		}
	}
	return fired
}

func jsonString(s string) string {
	b, _ := json.Marshal(s)
	return string(b)
}

// TestModelConstraintsEnforced lints AWS's boundary values of every
// constrained member: the last valid value passes, the first invalid one
// fires the member's rule.
func TestModelConstraintsEnforced(t *testing.T) {
	m := loadModel(t)
	seen := map[string]bool{}
	for _, shape := range []string{"CreateUserPoolClientRequest", "UpdateUserPoolClientRequest"} {
		for _, mc := range walkModel(m, shape, "") {
			if seen[mc.path] {
				continue
			}
			seen[mc.path] = true
			c := constraintIndex[mc.path]
			if c == nil {
				continue
			}
			list := strings.HasSuffix(mc.path, "[]")
			wrap := func(v string) string {
				if list {
					return "[" + v + "]"
				}
				return v
			}
			check := func(name, raw string, wantFire bool) {
				t.Run(mc.path+"/"+name, func(t *testing.T) {
					fired := lintWith(t, mc.path, raw)
					if got := slices.Contains(fired, c.Rule) || (c.ListRule != "" && slices.Contains(fired, c.ListRule)); got != wantFire {
						t.Errorf("%s = %.60s: %s fired=%v, want %v (fired %v)", mc.path, raw, c.Rule, got, wantFire, fired)
					}
				})
			}
			switch {
			case mc.integer:
				check("min", fmt.Sprint(*mc.min), false)
				check("max", fmt.Sprint(*mc.max), false)
				check("min-1", fmt.Sprint(*mc.min-1), true)
				check("max+1", fmt.Sprint(*mc.max+1), true)
			case mc.enum != nil:
				for _, v := range mc.enum {
					check("enum-"+v, wrap(jsonString(v)), false)
				}
				check("enum-upper", wrap(jsonString(strings.ToUpper(mc.enum[0])+"X")), true)
			default:
				if mc.max != nil {
					check("maxlen", wrap(jsonString(validValue(mc.path, int(*mc.max)))), false)
					check("maxlen+1", wrap(jsonString(validValue(mc.path, int(*mc.max)+1))), true)
				}
				if mc.min != nil && *mc.min > 0 {
					n := max(int(*mc.min), 35)
					if mc.max != nil {
						n = min(n, int(*mc.max))
					}
					check("minlen", wrap(jsonString(validValue(mc.path, n))), false)
					check("minlen-1", wrap(jsonString(strings.Repeat("a", int(*mc.min)-1))), true)
				}
				if mc.pattern != "" {
					bad, ok := invalidValue[mc.path]
					if !ok {
						t.Errorf("%s has a pattern but no invalid value in the test", mc.path)
					}
					check("pattern", wrap(jsonString(bad)), true)
				}
			}
			if mc.listMax != nil {
				items := make([]string, *mc.listMax+1)
				for i := range items {
					items[i] = jsonString(validValue(mc.path, 20) + fmt.Sprint(i))
					if mc.enum != nil {
						items[i] = jsonString(mc.enum[i%len(mc.enum)])
					}
				}
				check("count-max", "["+strings.Join(items[:*mc.listMax], ",")+"]", false)
				check("count-max+1", "["+strings.Join(items, ",")+"]", true)
			}
		}
	}
}

// Anchoring: a pattern must match the whole value, not a substring.
func TestPatternsAreAnchored(t *testing.T) {
	for _, c := range Constraints {
		if c.Pattern == "" {
			continue
		}
		re := anchored(c.Pattern)
		if re.MatchString("\x00" + validValue(c.Path, 40) + "\x00") {
			t.Errorf("%s: pattern matches a value with control characters around a valid core", c.Path)
		}
	}
	if anchored(`[\w-]+_[0-9a-zA-Z]+`).MatchString("pool id us-east-1_abc") {
		t.Error("UserPoolId pattern matched a substring")
	}
}
