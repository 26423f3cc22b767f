package input

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io/fs"
	"path/filepath"
	"strings"
	"testing"

	yaml "go.yaml.in/yaml/v3"

	"github.com/cognitolint/cognitolint/finding"
	"github.com/cognitolint/cognitolint/rules"
)

// fullReadJSON is Read of a JSON file without the selective reader: the
// whole file parsed into nodes, then recognised by its shape.
func fullReadJSON(name string, src []byte) Result {
	source := &finding.Source{Name: name, Text: src}
	scanSecrets(source)
	text := src
	if bytes.HasPrefix(text, utf8BOM) {
		text = append([]byte("   "), text[len(utf8BOM):]...)
	}
	root, err := ParseJSON(text)
	if err != nil {
		return finishRead(source, syntaxResult(source, err))
	}
	return finishRead(source, readShape(source, root, Options{}))
}

// describeResult renders everything a Result tells its users: flags,
// findings with every field, each document with its root tree and every
// position in it, unknown paths, secrets, the findings of the rules on it,
// and (lines) every source line as a writer shows it (redacted).
func describeResult(res Result, lines bool) string {
	var b strings.Builder
	fmt.Fprintf(&b, "unrecognized=%v unrelated=%v\n", res.Unrecognized, res.Unrelated)
	for _, f := range res.Findings {
		fmt.Fprintf(&b, "finding %+v\n", f)
	}
	for _, d := range res.Docs {
		fmt.Fprintf(&b, "document file=%q format=%s op=%s resource=%q at=%+v unknown=%q secrets=%q\n  root %s\n",
			d.File, d.Format, d.Operation, d.Resource, d.At, d.Unknown, d.Secrets, nodeString(d.Root))
		for _, f := range rules.Check(d, rules.Options{}) {
			fmt.Fprintf(&b, "  check %+v\n", f)
		}
	}
	if res.Source != nil {
		fmt.Fprintf(&b, "source secrets=%q redact=%v\n", res.Source.Secrets, res.Source.Redact)
		for n := 1; lines; n++ {
			line, ok := res.Source.Line(n)
			if !ok {
				break
			}
			fmt.Fprintf(&b, "%d| %s\n", n, line)
		}
	}
	return b.String()
}

// checkSelective reads src both ways and fails if anything differs. It
// returns whether the selective reader read the file itself.
func checkSelective(t *testing.T, name string, src []byte, lines bool) bool {
	t.Helper()
	text := src
	if bytes.HasPrefix(text, utf8BOM) {
		text = append([]byte("   "), text[len(utf8BOM):]...)
	}
	if !looksLikeJSON(src) {
		return false // Read reads it as YAML
	}
	_, selective := readJSONSelective(&finding.Source{Name: name, Text: src}, text)
	got, want := describeResult(Read(name, src, Options{}), lines), describeResult(fullReadJSON(name, src), lines)
	if got != want {
		t.Errorf("%s: selective and full reading differ (selective=%v):\n%s", name, selective, firstDiff(got, want))
	}
	if selective {
		if _, err := ParseJSON(text); err != nil {
			t.Errorf("%s: the selective reader accepted a file that does not parse: %v", name, err)
		}
	}
	return selective
}

func firstDiff(got, want string) string {
	g, w := strings.Split(got, "\n"), strings.Split(want, "\n")
	for i := 0; i < len(g) || i < len(w); i++ {
		var gl, wl string
		if i < len(g) {
			gl = g[i]
		}
		if i < len(w) {
			wl = w[i]
		}
		if gl != wl {
			return fmt.Sprintf("line %d:\n--- selective\n%s\n--- full\n%s", i+1, gl, wl)
		}
	}
	return "(same)"
}

// TestJSONSelectiveFixtures: every JSON fixture under testdata/ reads the
// same selectively as in full; the templates and plans are read
// selectively.
func TestJSONSelectiveFixtures(t *testing.T) {
	n := 0
	err := filepath.WalkDir("../testdata", func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !(strings.HasSuffix(path, ".json") || strings.HasSuffix(path, ".template")) {
			return err
		}
		if isTFJSONName(path) {
			return nil // Terraform JSON configuration, not a JSON shape
		}
		n++
		src := mustRead(t, path)
		selective := checkSelective(t, filepath.ToSlash(path), src, true)
		wantSelective := strings.Contains(path, "cloudformation") || strings.Contains(path, "terraform-plan") ||
			bytes.Contains(src, []byte(`"AWSTemplateFormatVersion"`)) // a template among the rule fixtures
		if selective != wantSelective {
			t.Errorf("%s: read selectively = %v, want %v", path, selective, wantSelective)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if n < 50 {
		t.Fatalf("only %d JSON fixtures found", n)
	}
}

// bigPlan is a plan of n other resources around app clients in the root
// module and in nested child modules, with client secrets in planned
// values, prior state and changes, in Terraform's indented form.
func bigPlan(n int) []byte {
	var others, changes []string
	for i := 0; i < n; i++ {
		others = append(others, fmt.Sprintf(`{"address": "aws_s3_bucket.b%d", "mode": "managed", "type": "aws_s3_bucket", "name": "b%d", "values": {"bucket": "b-%d", "tags": {"n": "%d"}, "grants": [{"id": null, "permissions": ["READ"]}]}, "sensitive_values": {}}`, i, i, i, i))
		changes = append(changes, fmt.Sprintf(`{"address": "aws_s3_bucket.b%d", "mode": "managed", "type": "aws_s3_bucket", "name": "b%d", "change": {"actions": ["create"], "before": null, "after": {"bucket": "b-%d"}, "after_unknown": {"arn": true, "id": true}}}`, i, i, i))
	}
	client := func(addr, name string) string {
		return fmt.Sprintf(`{"address": %q, "mode": "managed", "type": "aws_cognito_user_pool_client", "name": %q, "values": {"name": %q, "allowed_oauth_flows": ["code", "implicit"], "allowed_oauth_flows_user_pool_client": true, "allowed_oauth_scopes": ["openid", null], "callback_urls": [null, "http://app.example.com/cb"], "client_secret": "sekrit-%s", "generate_secret": true, "token_validity_units": [{"access_token": "hours", "id_token": null, "refresh_token": "days"}], "access_token_validity": 48}}`, addr, name, name, name)
	}
	half := len(others) / 2
	var b strings.Builder
	b.WriteString(`{"format_version": "1.2", "terraform_version": "1.9.5", "planned_values": {"outputs": {"x": {"sensitive": false, "value": "y"}}, "root_module": {"resources": [`)
	b.WriteString(strings.Join(append(append(append([]string(nil), others[:half]...), client("aws_cognito_user_pool_client.web", "web")), others[half:]...), ", "))
	b.WriteString(`], "child_modules": [{"address": "module.a", "resources": [` + client(`module.a.aws_cognito_user_pool_client.this["x"]`, "x") + `], "child_modules": [1, {"address": "module.a.module.b", "resources": [2, ` + client("module.a.module.b.aws_cognito_user_pool_client.deep", "deep") + `]}]}]}}, "resource_changes": [`)
	changes = append(changes,
		`{"address": "aws_cognito_user_pool_client.web", "mode": "managed", "type": "aws_cognito_user_pool_client", "name": "web", "change": {"actions": ["create"], "before": null, "after": {}, "after_unknown": {"callback_urls": [true, false], "user_pool_id": true, "client_secret": true}}}`,
		`{"address": "module.a.aws_cognito_user_pool_client.this[\"x\"]", "type": "aws_lambda_function", "change": {"after_unknown": {"name": true, "token_validity_units": [{"id_token": true}]}}}`,
		`{"address": "aws_cognito_user_pool_client.gone", "mode": "managed", "type": "aws_cognito_user_pool_client", "name": "gone", "change": {"actions": ["delete"], "before": {"client_secret": "old-secret"}, "after": null}}`)
	b.WriteString(strings.Join(changes, ",\n    "))
	b.WriteString(`], "prior_state": {"values": {"root_module": {"resources": [{"values": {"client_secret": "prior-secret", "nested": [{"client_secret": {"client_secret": "inner"}}]}}]}}}}` + "\n")
	return []byte(b.String())
}

// TestJSONSelectiveEquivalence: generated big files and edge cases read
// the same selectively as in full.
func TestJSONSelectiveEquivalence(t *testing.T) {
	tmpl := benchTemplateJSON(t, 600)
	clientAt := bytes.Index(tmpl, []byte(`"Type": "AWS::Cognito::UserPoolClient"`))
	if clientAt < 0 {
		t.Fatal("no client in the generated template")
	}
	mid := len(tmpl) / 2
	cases := []struct {
		name      string
		src       string
		selective bool // the selective reader must read it
	}{
		{"bench template", string(tmpl), true},
		{"bench plan", string(benchPlan(60)), true},
		{"big plan", string(bigPlan(80)), true},
		{"bom template", "\ufeff" + string(tmpl), true},
		{"template, CRLF", strings.ReplaceAll(string(tmpl), "\n", "\r\n"), true},
		// Syntax errors anywhere: the full parse reports them.
		{"trailing comma far from the client", string(tmpl[:mid]) + strings.Replace(string(tmpl[mid:]), "\n   },", ",\n   },", 1), false},
		{"broken client", string(tmpl[:clientAt]) + "\"Type\": tru" + string(tmpl[clientAt+6:]), false},
		{"truncated", string(tmpl[:len(tmpl)-3]), false},
		{"trailing content", string(tmpl) + "{}", false},
		{"control char in a string", strings.Replace(string(tmpl), "index.handler", "index\x01handler", 1), false},
		{"bad escape", strings.Replace(string(tmpl), "index.handler", `index\qhandler`, 1), false},
		{"leading zero", strings.Replace(string(tmpl), ": 256", ": 0256", 1), false},
		{"truex", `{"Resources": {"A": {"Type": "X::Y", "P": truex}}}`, false},
		{"single quotes", `{"Resources": {"A": {"Type": "X::Y", "P": 'x'}}}`, false},
		{"nested 512", `{"Resources": {"A": {"Type": "X::Y", "P": ` + strings.Repeat("[", 510) + strings.Repeat("]", 510) + `}}}`, true},
		{"nested 513", `{"Resources": {"A": {"Type": "X::Y", "P": ` + strings.Repeat("[", 511) + strings.Repeat("]", 511) + `}}}`, false},
		{"nested 513 objects", `{"Resources": {"A": {"Type": "X::Y", "P": ` + strings.Repeat(`{"a":`, 510) + "1" + strings.Repeat("}", 510) + `}}}`, false},
		{"secret nested 513", `{"format_version": "1", "resource_changes": [], "x": ` + strings.Repeat(`{"a":`, 511) + `{"client_secret": "s"}` + strings.Repeat("}", 511) + `}`, false},
		// Template shapes.
		{"empty resources", `{"Resources": {}}`, true},
		{"no type with colons", `{"Resources": {"A": {"Type": "X"}}}`, false},
		{"version, no colons", `{"AWSTemplateFormatVersion": "2010-09-09", "Resources": {"A": {"Type": "X"}, "C": {"Type": "AWS::Cognito::UserPoolClient"}}}`, true},
		{"transform", `{"Transform": "AWS::Serverless-2016-10-31", "Resources": {"C": {"Type": "AWS::Cognito::UserPoolClient", "Properties": {"CallbackURLs": ["http://x"]}}}}`, true},
		{"resources not an object", `{"Resources": [], "AWSTemplateFormatVersion": "x"}`, false},
		{"second Resources", `{"Resources": 1, "Resources": {"C": {"Type": "AWS::Cognito::UserPoolClient"}}}`, false},
		{"first Resources wins", `{"Resources": {"C": {"Type": "AWS::Cognito::UserPoolClient", "Properties": {"ClientName": "a"}}}, "Resources": {"D": {"Type": "AWS::Cognito::UserPoolClient"}}}`, true},
		{"first Type wins", `{"Resources": {"C": {"Type": "AWS::S3::Bucket", "Type": "AWS::Cognito::UserPoolClient", "Properties": {"ClientName": "x"}}, "D": {"Properties": {"AllowedOAuthFlows": ["bad"]}, "Type": "AWS::Cognito::UserPoolClient", "Type": "x"}}}`, true},
		{"type not a string", `{"Resources": {"C": {"Type": ["AWS::Cognito::UserPoolClient"]}, "D": {"Type": "A::B"}}}`, true},
		{"secret nested 512", `{"format_version": "1", "resource_changes": [], "x": ` + strings.Repeat(`{"a":`, 510) + `{"client_secret": "s"}` + strings.Repeat("}", 510) + `}`, true},
		{"escaped Resources", `{"Re\u0073ources": {"C": {"Type": "AWS::Cognito::UserPoolClient"}}}`, false},
		{"escapes", `{"Resources": {"C\u00e9": {"\u0054ype": "AWS::Cognito::UserPool\u0043lient", "Properties": {"Callback\u0055RLs": ["http://a\/b"], "ClientName": "\ud83d\ude00"}}}}`, true},
		{"non-object resources", `{"Resources": {"A": 1, "B": null, "C": {"Type": "AWS::Cognito::UserPoolClient", "Properties": {"ClientSecret": "abc", "ClientId": "x", "Name": "n"}}, "client_secret": "notasecret"}}`, true},
		{"same logical ID twice", `{"Resources": {"C": {"Type": "AWS::Cognito::UserPoolClient", "Properties": {"ClientName": "a"}}, "C": {"Type": "AWS::Cognito::UserPoolClient", "Properties": {"ClientName": "b"}}}}`, true},
		{"intrinsics", `{"Resources": {"C": {"Type": "AWS::Cognito::UserPoolClient", "Properties": {"Fn::If": ["c", {}, {}]}}, "D": {"Type": "AWS::Cognito::UserPoolClient", "Properties": {"Ref": "AWS::NoValue"}}}}`, true},
		// Plans.
		{"plan without planned values", `{"format_version": "1.2", "resource_changes": [1, {"address": "aws_cognito_user_pool_client.a", "type": "aws_cognito_user_pool_client", "change": {"after": {"callback_urls": ["http://x"], "client_secret": "s1"}, "after_unknown": {"name": true}}}, {"address": "x", "type": "x", "change": {"after": {"name": "y"}}}]}`, true},
		{"planned values not an object", `{"format_version": "1.2", "planned_values": [], "resource_changes": [{"address": "a.b", "type": "aws_cognito_managed_user_pool_client", "change": {"after": {"callback_urls": ["http://x"]}}}]}`, true},
		{"planned values only", `{"format_version": "1.2", "planned_values": {"root_module": {"resources": [{"address": "a.b", "type": "aws_cognito_user_pool_client", "values": {"name": "x"}}]}}}`, true},
		{"duplicate addresses", `{"format_version": "1", "planned_values": {"root_module": {"resources": [{"type": "aws_cognito_user_pool_client", "address": "c.a", "values": {}}, {"type": "aws_cognito_user_pool_client", "address": "", "values": {}}], "resources": []}, "root_module": {}}, "resource_changes": [{"address": "c.a", "change": {"after_unknown": {"name": true}}}, {"address": "c.a", "change": {"after_unknown": {"callback_urls": true}}}, {"address": "", "change": {}}, {"address": 1}]}`, true},
		{"data source and modes", `{"format_version": "1", "planned_values": {"root_module": {"resources": [{"mode": "data", "type": "aws_cognito_user_pool_client", "values": {}}, {"type": "aws_cognito_user_pool_client", "type": "x", "values": {}}, {"type": "x", "type": "aws_cognito_user_pool_client", "values": {}}], "child_modules": {}}}, "resource_changes": 1}`, true},
		{"escaped secret key", `{"format_version": "1", "planned_values": {"root_module": {}}, "x": [{"client\u005fsecret": "esc"}, {"client_secret": ""}, {"client_secret": 1}, {"client_secret": {"client_secret": "in\nner"}}]}`, true},
		{"secret everywhere", `{"client_secret": "top", "format_version": "1", "client_secret": "top2", "planned_values": {"client_secret": "pv", "root_module": {"client_secret": "m", "resources": [{"client_secret": "r", "type": "aws_cognito_user_pool_client", "values": {"client_secret": "v", "name": "n"}}]}}, "resource_changes": [{"client_secret": "rc", "address": "x"}]}`, true},
		{"plan and template", `{"format_version": "1", "resource_changes": [], "Resources": {"C": {"Type": "AWS::Cognito::UserPoolClient"}}}`, true},
		{"format_version alone", `{"format_version": "1", "Resources": {"C": {"Type": "AWS::Cognito::UserPoolClient"}}}`, true},
		// Not ours: the full parse reads them.
		{"api payload", `{"UserPoolId": "p", "ClientId": "c", "CallbackURLs": ["http://x"]}`, false},
		{"describe", `{"UserPoolClient": {"UserPoolId": "p", "ClientId": "c", "Resources": 1}}`, false},
		{"array root", `[{"Resources": {}}]`, false},
	}
	for _, c := range cases {
		if got := checkSelective(t, c.name+".json", []byte(c.src), true); got != c.selective {
			t.Errorf("%s: read selectively = %v, want %v", c.name, got, c.selective)
		}
	}
}

// validJSON reports whether skip accepts src as a whole file, as ParseJSON
// would read it.
func validJSON(src []byte) bool {
	p := selParser{jsonParser: jsonParser{src: src}}
	if bytes.HasPrefix(src, utf8BOM) {
		p.i = 3
	}
	p.skipSpace()
	if p.i == len(src) || !p.skip(0) {
		return false
	}
	p.skipSpace()
	return p.i == len(src)
}

func TestSkipAcceptsWhatParseJSONAccepts(t *testing.T) {
	for _, s := range []string{`{}`, `[]`, `{"a": [1, -0.5e+3, "b\"\\\/\b\f\n\r\t\u00e9\ud800", null, true, false, {}]}`, " \t\r\n{\"a\":{}} \n", "\ufeff{}",
		`1`, `-`, `01`, `1.`, `1e`, `1e+`, `-a`, `"\u12"`, `"\u12g4"`, "\"a\nb\"", `"a`, `"\`, `[1,]`, `{"a":1,}`, `{"a" 1}`, `{a:1}`, `[1 2]`, `truex`, `tru`, `nul`, `true1`, `[true,false,null]`,
		`{"a":[{        0}]}`, `{"a":[{         "b":1}]}`, "[1,\n        ]", "[1        ]", "[         1]", `{"a":         1 }`,
		`{"a":1}}`, `{"a":1`, `[`, `{`, `"x"`, `{"client_secret": "\q"}`, `{"client_secret": "ok", "b": [}`} {
		_, err := ParseJSON([]byte(s))
		if got := validJSON([]byte(s)); got != (err == nil) {
			t.Errorf("%q: skip accepts %v, ParseJSON error %v", s, got, err)
		}
	}
	for depth := 510; depth <= 514; depth++ {
		for _, s := range []string{strings.Repeat("[", depth) + strings.Repeat("]", depth), strings.Repeat(`{"a":`, depth) + "1" + strings.Repeat("}", depth)} {
			_, err := ParseJSON([]byte(s))
			if got := validJSON([]byte(s)); got != (err == nil) {
				t.Errorf("depth %d: skip accepts %v, ParseJSON error %v", depth, got, err)
			}
		}
	}
}

// FuzzJSONSelective: for any bytes, skip accepts exactly what ParseJSON
// accepts, and Read (selective where it can) gives exactly what the full
// parse gives: the same documents, or the same syntax error at the same
// place with the same message.
func FuzzJSONSelective(f *testing.F) {
	addFixtures(f, "../testdata/cloudformation/*.json")
	addFixtures(f, "../testdata/terraform-plan/*.json")
	f.Add(benchPlan(3))
	f.Add(bigPlan(2))
	f.Add([]byte(`{"Resources": {"A": {"Type": "X::Y", "P": [1, "a\u00e9", {"b": null}]}, "C": {"Type": "AWS::Cognito::UserPoolClient", "Properties": {"ClientSecret": "s", "CallbackURLs": ["http://x"]}}}}`))
	f.Add([]byte(`{"format_version": "1", "planned_values": {"root_module": {"resources": [{"type": "aws_cognito_user_pool_client", "address": "a", "values": {"client_secret": "s"}}]}}, "resource_changes": [{"address": "a", "change": {"after_unknown": {"name": true}}}]}`))
	f.Fuzz(func(t *testing.T, src []byte) {
		_, err := ParseJSON(src)
		if got := validJSON(src); got != (err == nil) {
			t.Fatalf("%q: skip accepts %v, ParseJSON error %v", src, got, err)
		}
		checkSelective(t, "f.json", src, false) // Source.Secrets and Redact decide the lines
	})
}

// BenchmarkReadCloudFormationJSONFull and BenchmarkReadPlanFull read the
// files of BenchmarkReadCloudFormationJSON and BenchmarkReadPlan by the
// full parse, for comparison.
func BenchmarkReadCloudFormationJSONFull(b *testing.B) {
	src := benchTemplateJSON(b, 2000)
	b.SetBytes(int64(len(src)))
	b.ReportAllocs()
	for b.Loop() {
		if res := fullReadJSON("template.json", src); len(res.Docs) != 1 {
			b.Fatal(len(res.Docs), res.Findings)
		}
	}
}

func BenchmarkReadPlanFull(b *testing.B) {
	src := benchPlan(250)
	b.SetBytes(int64(len(src)))
	b.ReportAllocs()
	for b.Loop() {
		if res := fullReadJSON("plan.json", src); len(res.Docs) != 1 {
			b.Fatal(len(res.Docs), res.Findings)
		}
	}
}

// BenchmarkLintClientJSON: reading and checking the client of
// BenchmarkReadCloudFormationJSON alone, the yardstick for reading the
// whole file.
func BenchmarkLintClientJSON(b *testing.B) {
	var v any
	if err := yaml.Unmarshal([]byte("Resources:\n"+benchClientYAML), &v); err != nil {
		b.Fatal(err)
	}
	one, err := json.MarshalIndent(v, "", " ")
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		res := Read("template.json", one, Options{})
		if len(res.Docs) != 1 {
			b.Fatal(res.Findings)
		}
		rules.Check(res.Docs[0], rules.Options{})
	}
}

// BenchmarkSkip: validating the template without building anything.
func BenchmarkSkip(b *testing.B) {
	src := benchTemplateJSON(b, 2000)
	b.SetBytes(int64(len(src)))
	b.ReportAllocs()
	for b.Loop() {
		if !validJSON(src) {
			b.Fatal("invalid")
		}
	}
}
