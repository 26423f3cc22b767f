package input

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/cognitolint/cognitolint/finding"
	"github.com/cognitolint/cognitolint/rules"
)

// TestTFGarbage: a .tf file that does not parse is a syntax finding at
// file:line:col, never an empty pass — garbage, a binary, an unclosed
// block after a client.
func TestTFGarbage(t *testing.T) {
	bin, err := os.ReadFile(os.Args[0])
	if err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		name, src string
		line      int
		unrelated bool
	}{
		{"g.tf", "{{{ garbage\n", 1, true},
		{"bin.tf", string(bin[:4096]), 1, true},
		{"half.tf", "resource \"aws_s3_bucket\" \"b\" {\n  bucket = \"b\"\n}\nvariable \"x\" {\n  default = \n}\n", 5, true},
		{"after.tf", "resource \"aws_cognito_user_pool_client\" \"c\" {\n  name = \"c\"\n}\n\nnot hcl at all\n", 5, false},
		{"g.tf.json", "{\"resource\": {\"aws_cognito_user_pool_client\": {\"c\": {\"name\": }}}}", 1, false},
	}
	for _, c := range cases {
		res := Read(c.name, []byte(c.src), Options{})
		if len(res.Findings) != 1 || res.Findings[0].Rule != "syntax" || len(res.Docs) != 0 {
			t.Errorf("%s: want one syntax finding and no document, got %v (%d documents)", c.name, res.Findings, len(res.Docs))
			continue
		}
		if f := res.Findings[0]; f.Line != c.line || f.Column < 1 {
			t.Errorf("%s: finding at %d:%d, want line %d: %s", c.name, f.Line, f.Column, c.line, f.Message)
		}
		if res.Unrelated != c.unrelated {
			t.Errorf("%s: Unrelated = %v, want %v", c.name, res.Unrelated, c.unrelated)
		}
	}
	// An empty configuration and one of other resources only are read
	// (no documents), not syntax errors. (A syntax error inside a block
	// of another resource type, in a file laid out as terraform fmt
	// writes it, is left to terraform validate: see tfTopBlocks.)
	for _, src := range []string{"", "# nothing yet\n", "resource \"aws_s3_bucket\" \"b\" {\n  bucket = \"x\"\n}\n"} {
		if res := Read("ok.tf", []byte(src), Options{}); len(res.Findings) != 0 {
			t.Errorf("%q: %v", src, res.Findings)
		}
	}
}

// TestTFSecrets: a client_secret in a .tf file — a literal, on a line that
// does not parse, from a variable or a .tfvars file — and every value of a
// sensitive variable are shown nowhere: not in source lines, not in
// messages.
func TestTFSecrets(t *testing.T) {
	const secret = "s3cr3t-0123456789abcdef"
	cases := map[string]string{
		"misspelt":  "resource \"aws_cognito_user_pool_client\" \"c\" {\n  name = \"x\"\n  client_secert = \"" + secret + "\"\n  callback_urls = [\"http://a.example.com/cb\"\n}\n",
		"one line":  `resource "aws_cognito_user_pool_client" "c" { name = "x" user_pool_id = "p" client_secret = "` + secret + `" }`,
		"literal":   "resource \"aws_cognito_user_pool_client\" \"c\" {\n  name = \"x\"\n  client_secret = \"" + secret + "\"\n  callback_urls = [\"http://a.example.com/" + secret + "\"]\n}\n",
		"json":      `{"resource": {"aws_cognito_user_pool_client": {"c": {"name": "x", "client_secret": "` + secret + `", "callback_urls": ["http://a.example.com/` + secret + `"]}}}}`,
		"variable":  "variable \"s\" {\n  default = \"" + secret + "\"\n}\nresource \"aws_cognito_user_pool_client\" \"c\" {\n  name = \"x\"\n  client_secret = var.s\n  callback_urls = [\"http://a.example.com/${var.s}\"]\n}\n",
		"sensitive": "variable \"cb\" {\n  sensitive = true\n  default = \"http://a.example.com/" + secret + "\"\n}\nresource \"aws_cognito_user_pool_client\" \"c\" {\n  name = \"x\"\n  callback_urls = [var.cb]\n}\n",
	}
	for name, src := range cases {
		secret := secret
		if name == "sensitive" {
			// The whole value is what the variable marks sensitive (a hint
			// may show an https version of it).
			secret = "http://a.example.com/" + secret
		}
		file := "main.tf"
		if name == "json" {
			file = "main.tf.json"
		}
		res := Read(file, []byte(src), Options{})
		var fs []finding.Finding
		fs = append(fs, res.Findings...)
		for _, d := range res.Docs {
			fs = append(fs, rules.Check(d, rules.Options{})...)
		}
		if name != "one line" && len(fs) == 0 {
			t.Errorf("%s: no findings", name)
		}
		for _, f := range fs {
			if strings.Contains(f.Message+f.Hint, secret) {
				t.Errorf("%s: %s shows the secret: %s", name, f.Rule, f.Message)
			}
			if line, _ := res.Source.Line(f.Line); strings.Contains(line, secret) {
				t.Errorf("%s: line %d shows the secret: %s", name, f.Line, line)
			}
		}
		for n := 1; ; n++ {
			line, ok := res.Source.Line(n)
			if !ok {
				break
			}
			if strings.Contains(line, secret) {
				t.Errorf("%s: line %d shows the secret: %s", name, n, line)
			}
		}
	}
}

// TestPlanSensitiveValues: values a plan marks in sensitive_values (or
// after_sensitive) are redacted from lines and messages.
func TestPlanSensitiveValues(t *testing.T) {
	const secret = "https://internal.example.com/cb-secret-path"
	plan := `{"format_version":"1.2","planned_values":{"root_module":{"resources":[{"address":"aws_cognito_user_pool_client.c","mode":"managed","type":"aws_cognito_user_pool_client","name":"c","values":{"name":"c","user_pool_id":"us-east-1_AbCd12345","callback_urls":["` + secret + `"],"default_redirect_uri":"https://x.example.com/cb","allowed_oauth_flows_user_pool_client":true,"allowed_oauth_flows":["code"],"allowed_oauth_scopes":["openid"]},"sensitive_values":{"callback_urls":true}}]}},` +
		`"resource_changes":[{"address":"aws_cognito_user_pool_client.c","mode":"managed","type":"aws_cognito_user_pool_client","name":"c","change":{"actions":["create"],"before":null,"after":{"callback_urls":["` + secret + `"]},"after_unknown":{},"after_sensitive":{"callback_urls":true}}}]}`
	res := Read("plan.json", []byte(plan), Options{})
	if len(res.Docs) != 1 {
		t.Fatalf("documents: %d %v", len(res.Docs), res.Findings)
	}
	fs := rules.Check(res.Docs[0], rules.Options{})
	if len(fs) == 0 {
		t.Fatal("no findings")
	}
	for _, f := range fs {
		if strings.Contains(f.Message+f.Hint, secret) {
			t.Errorf("%s shows the sensitive value: %s", f.Rule, f.Message)
		}
	}
	if line, _ := res.Source.Line(1); strings.Contains(line, secret) {
		t.Errorf("the line shows the sensitive value")
	}
	if !slices.Contains(res.Docs[0].Secrets, secret) {
		t.Errorf("not recorded: %v", res.Docs[0].Secrets)
	}
}

func osReadDir(dir string) ([]string, error) {
	es, err := os.ReadDir(dir)
	var names []string
	for _, e := range es {
		names = append(names, e.Name())
	}
	return names, err
}

// readTF reads one file of a module directory as validate does.
func readTF(t *testing.T, tf *Terraform, file string) Result {
	t.Helper()
	src, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	return Read(file, src, Options{Terraform: tf})
}

// TestTerraformModules reads each module directory under
// testdata/terraform and testdata/terraform-json as a directory walk does
// (its .tfvars files beside it) and compares the documents and findings of
// all its files with <dir>.out (go test ./input -update rewrites them).
func TestTerraformModules(t *testing.T) {
	dirs, _ := filepath.Glob("../testdata/terraform*/*")
	n := 0
	for _, dir := range dirs {
		if info, err := os.Stat(dir); err != nil || !info.IsDir() {
			continue
		}
		n++
		t.Run(filepath.Base(dir), func(t *testing.T) {
			tf, err := NewTerraform(nil, os.ReadFile, osReadDir)
			if err != nil {
				t.Fatal(err)
			}
			got := renderModule(t, tf, dir)
			golden := dir + ".out"
			if *update {
				if err := os.WriteFile(golden, []byte(got), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (go test ./input -update creates it)", err)
			}
			if got != string(want) {
				t.Errorf("%s differs:\n--- got\n%s--- want\n%s", golden, got, want)
			}
		})
	}
	if n == 0 {
		t.Fatal("no module directories")
	}
}

// renderModule reads every configuration file of dir and renders the
// documents (with what they declare) and findings of each.
func renderModule(t *testing.T, tf *Terraform, dir string) string {
	t.Helper()
	names, _ := osReadDir(dir)
	var b strings.Builder
	for _, name := range names {
		if !strings.HasSuffix(name, ".tf") && !strings.HasSuffix(name, ".tf.json") {
			continue
		}
		res := readTF(t, tf, filepath.Join(dir, name))
		fs := append([]finding.Finding(nil), res.Findings...)
		for _, d := range res.Docs {
			fs = append(fs, rules.Check(d, rules.Options{})...)
		}
		fmt.Fprintf(&b, "== %s\n", name)
		b.WriteString(render(res, rules.Sort(fs)))
		for _, sec := range res.Source.Secrets {
			if strings.Contains(b.String(), sec) {
				t.Errorf("%s: the output shows a secret", name)
			}
		}
	}
	return b.String()
}

// TestTFEvaluation: what is evaluated (variables, locals, functions of the
// cty standard library, try) and what stays unknown (references, unknown
// functions, unset variables, a function whose result would be huge).
func TestTFEvaluation(t *testing.T) {
	src := `variable "domain" {
  default = "app.example.com"
}
variable "unset" {}
variable "n" {
  type    = number
  default = "25"
}
locals {
  base = "https://${var.domain}"
  b    = local.a
  a    = local.b
}
resource "aws_cognito_user_pool_client" "c" {
  name          = format("%s-%s", "web", upper("x"))
  user_pool_id  = aws_cognito_user_pool.p.id
  callback_urls = [
    "${local.base}/cb",
    var.unset,
    file("cb.txt"),
    format("%999999999s", "x"),
    try(var.unset[0], "https://fallback.example.com/cb"),
    indent(100000000, "a\nb"),
    local.a,
  ]
  access_token_validity = var.n
}
`
	res := Read("main.tf", []byte(src), Options{})
	if len(res.Docs) != 1 {
		t.Fatalf("%v", res.Findings)
	}
	d := res.Docs[0]
	got := nodeString(d.Root)
	for _, want := range []string{`ClientName@`, `"web-X"`, `"https://app.example.com/cb"`, `AccessTokenValidity@`, `a number"25"`} {
		if !strings.Contains(got, want) {
			t.Errorf("missing %s in %s", want, got)
		}
	}
	wantUnknown := []string{"UserPoolId", "CallbackURLs[1]", "CallbackURLs[2]", "CallbackURLs[3]", "CallbackURLs[4]", "CallbackURLs[5]", "CallbackURLs[6]"}
	if !slices.Equal(d.Unknown, wantUnknown) {
		t.Errorf("unknown %v, want %v", d.Unknown, wantUnknown)
	}
}

// FuzzReadTerraform: reading any .tf, .tf.json or .tfvars content never
// panics, and a syntax finding has a position.
func FuzzReadTerraform(f *testing.F) {
	for _, pattern := range []string{"../testdata/terraform/*.tf", "../testdata/terraform*/*/*"} {
		files, _ := filepath.Glob(pattern)
		for _, file := range files {
			if src, err := os.ReadFile(file); err == nil {
				f.Add(filepath.Base(file), src)
			}
		}
	}
	f.Fuzz(func(t *testing.T, name string, src []byte) {
		switch {
		case strings.HasSuffix(name, ".tfvars"), strings.HasSuffix(name, ".tfvars.json"):
			_, _ = parseTFVars(name, src)
			return
		case !strings.HasSuffix(name, ".tf.json"):
			name = "main.tf"
		}
		res := Read(name, src, Options{})
		for _, fd := range res.Findings {
			if fd.Rule == "syntax" && fd.Line < 1 {
				t.Errorf("syntax finding without a line: %+v", fd)
			}
		}
		for _, d := range res.Docs {
			rules.Check(d, rules.Options{})
		}
	})
}

// TestTFHugeNumbers: a number literal cty would take minutes to write out
// is a syntax finding, in .tf, .tf.json and .tfvars, and an identifier
// that merely looks like one is not.
func TestTFHugeNumbers(t *testing.T) {
	for name, src := range map[string]string{
		"a.tf":      "resource \"aws_cognito_user_pool_client\" \"c\" {\n  access_token_validity = 1e9999999\n}\n",
		"b.tf":      "resource \"aws_cognito_user_pool_client\" \"c\" {\n  name = \"${1E+99999}\"\n}\n",
		"c.tf.json": `{"resource": {"aws_cognito_user_pool_client": {"c": {"name": "${2.5e12345}"}}}}`,
	} {
		start := time.Now()
		res := Read(name, []byte(src), Options{})
		if len(res.Findings) != 1 || res.Findings[0].Rule != "syntax" || !strings.Contains(res.Findings[0].Message, "too large") || res.Findings[0].Line != 2 && name != "c.tf.json" {
			t.Errorf("%s: %v", name, res.Findings)
		}
		if d := time.Since(start); d > 5*time.Second {
			t.Errorf("%s took %v", name, d)
		}
	}
	if _, err := parseTFVars("x.tfvars", []byte("n = 1e99999\n")); err == nil {
		t.Error("tfvars: no error")
	}
	res := Read("ok.tf", []byte("resource \"aws_cognito_user_pool_client\" \"c\" {\n  user_pool_id = \"us-east-1_1e23456\"\n  name = \"v1e2345\"\n}\n"), Options{})
	if len(res.Findings) != 0 || len(res.Docs) != 1 {
		t.Errorf("identifiers: %v", res.Findings)
	}
}

// TestTFOverride: the partial client blocks of Terraform override files
// are not documents of their own.
func TestTFOverride(t *testing.T) {
	for _, name := range []string{"override.tf", "dev_override.tf", "x_override.tf.json"} {
		src := "resource \"aws_cognito_user_pool_client\" \"c\" {\n  callback_urls = [\"https://a.example.com/cb\"]\n}\n"
		if strings.HasSuffix(name, ".json") {
			src = `{"resource": {"aws_cognito_user_pool_client": {"c": {"callback_urls": ["https://a.example.com/cb"]}}}}`
		}
		if res := Read(name, []byte(src), Options{}); len(res.Docs) != 0 || len(res.Findings) != 0 {
			t.Errorf("%s: an override block is not a client of its own: %d documents, %v", name, len(res.Docs), res.Findings)
		}
	}
}

// TestTFCalledModuleVariables: a module directory that another
// configuration nearby calls (module "x" { source = "./modules/x" }, or
// "../../modules/x" from an environment directory) takes its variables
// from the call, not from their defaults, as Terraform does: they are
// unknown. The same directory that nothing calls is a root module, where
// the defaults decide.
func TestTFCalledModuleVariables(t *testing.T) {
	module := map[string]string{
		"main.tf": `resource "aws_cognito_user_pool_client" "web" {
  name                                 = "web"
  user_pool_id                         = var.user_pool_id
  allowed_oauth_flows_user_pool_client = true
  allowed_oauth_flows                  = ["code"]
  allowed_oauth_scopes                 = ["openid"]
  supported_identity_providers         = ["COGNITO"]
  callback_urls                        = var.callback_urls
}
`,
		"variables.tf": `variable "user_pool_id" {
  type = string
}

variable "callback_urls" {
  type    = list(string)
  default = []
}
`,
	}
	write := func(t *testing.T, files map[string]string) {
		t.Helper()
		for name, src := range files {
			if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(name, []byte(src), 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
	lint := func(t *testing.T, file string) (unknown []string, rules_ []string) {
		t.Helper()
		tf, err := NewTerraform(nil, os.ReadFile, osReadDir)
		if err != nil {
			t.Fatal(err)
		}
		res := readTF(t, tf, file)
		if len(res.Docs) != 1 {
			t.Fatalf("%d documents: %v", len(res.Docs), res.Findings)
		}
		for _, f := range rules.Check(res.Docs[0], rules.Options{}) {
			rules_ = append(rules_, f.Rule)
		}
		return res.Docs[0].Unknown, rules_
	}
	for _, tc := range []struct {
		name    string
		callers map[string]string
		called  bool
	}{
		{"root module calls ./modules/cognito", map[string]string{"main.tf": `module "cognito" {
  source        = "./modules/cognito"
  user_pool_id  = aws_cognito_user_pool.pool.id
  callback_urls = ["https://app.example.com/callback"]
}
`}, true},
		{"environment calls ../../modules/cognito", map[string]string{"envs/dev/main.tf": `module "cognito" {
  source        = "../../modules/cognito/"
  user_pool_id  = "us-east-1_EXAMPLE"
  callback_urls = ["https://dev.example.com/callback"]
}
`}, true},
		{"a deep environment directory calls it", map[string]string{"providers/aws/environments/stg/14-cognito/main.tf": `module "cognito" {
  source        = "../../../../../modules/cognito"
  user_pool_id  = "us-east-1_EXAMPLE"
  callback_urls = ["https://stg.example.com/callback"]
}
`}, true},
		{"CDKTF output calls it", map[string]string{"cdk.tf.json": `{"module": {"cognito": {"source": "./modules/cognito", "user_pool_id": "us-east-1_EXAMPLE"}}}`}, true},
		{"nothing calls it", map[string]string{"main.tf": `module "vpc" {
  source = "terraform-aws-modules/vpc/aws"
}
`}, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			root := t.TempDir()
			files := map[string]string{}
			for n, s := range module {
				files[filepath.Join(root, "modules", "cognito", n)] = s
			}
			for n, s := range tc.callers {
				files[filepath.Join(root, n)] = s
			}
			write(t, files)
			unknown, got := lint(t, filepath.Join(root, "modules", "cognito", "main.tf"))
			fired := slices.Contains(got, "oauth-callback-required")
			if tc.called {
				if fired || !slices.Contains(unknown, "CallbackURLs") {
					t.Errorf("called module: rules %v, unknown %v; want CallbackURLs unknown and no oauth-callback-required", got, unknown)
				}
			} else if !fired {
				t.Errorf("root module: rules %v; want the default [] to decide (oauth-callback-required)", got)
			}
		})
	}
}

// TestHCLValueLimit: the app client blocks of a .tf file are not parsed
// past maxHCLValues lines and list items (the HCL library takes about 1
// KiB a value): a syntax finding at the item past the limit, counted over
// every block read, on the fast path and the full parse alike.
func TestHCLValueLimit(t *testing.T) {
	defer func(n int) { maxHCLValues = n }(maxHCLValues)
	maxHCLValues = 100
	client := func(name string, n int) string {
		return "resource \"aws_cognito_user_pool_client\" \"" + name + "\" {\n  name = \"c\"\n  user_pool_id = \"p\"\n  callback_urls = [" +
			strings.TrimSuffix(strings.Repeat(`"https://a.example",`, n), ",") + "]\n}\n"
	}
	for _, tc := range []struct {
		name, src string
		fail      bool
	}{
		{"one block under the limit", client("a", 90), false},
		{"one block over it", client("a", 120), true},
		{"two blocks over it together", client("a", 60) + client("b", 60), true},
		{"other blocks do not count", strings.Repeat("resource \"aws_s3_bucket\" \"b\" {\n  tags = {a = 1, b = 2}\n}\n", 200) + client("a", 90), false},
		{"the full parse", "locals { a = 1 }\nx = 2\n" + client("a", 120), true},
		{"the full parse under the limit", "locals { a = 1 }\nx = 2\n" + client("a", 90), false},
	} {
		res := Read("main.tf", []byte(tc.src), Options{})
		var syntax *finding.Finding
		for i := range res.Findings {
			if res.Findings[i].Rule == "syntax" {
				syntax = &res.Findings[i]
			}
		}
		if (syntax != nil) != tc.fail {
			t.Errorf("%s: syntax finding %v, want one: %v", tc.name, syntax, tc.fail)
			continue
		}
		if syntax != nil && (!strings.Contains(syntax.Message, "more than 100 lines and list items") || syntax.Line == 0) {
			t.Errorf("%s: %d:%d %s", tc.name, syntax.Line, syntax.Column, syntax.Message)
		}
		if syntax == nil && len(res.Docs) == 0 {
			t.Errorf("%s: no document: %v", tc.name, res.Findings)
		}
	}
}

// TestHCLDepthLimit: Terraform nested deeper than the JSON and YAML readers
// allow is a syntax finding at the bracket past the limit (brackets in
// strings and comments do not count), not a parse that takes a stack of
// tens of MiB.
func TestHCLDepthLimit(t *testing.T) {
	client := func(value string) string {
		return "resource \"aws_cognito_user_pool_client\" \"c\" {\n  name = \"c\"\n  user_pool_id = \"p\"\n  # [[[[ {{{{\n  callback_urls = " + value + "\n}\n"
	}
	deep := strings.Repeat("[", maxDepth) + strings.Repeat("]", maxDepth)
	strs := `["` + strings.Repeat("[", 2*maxDepth) + `"]`
	for _, tc := range []struct {
		name, src string
		fail      bool
	}{
		{"at the limit with the block's brace", client(strings.Repeat("[", maxDepth-1) + strings.Repeat("]", maxDepth-1)), false},
		{"past it", client(deep), true},
		{"brackets in a string", client(strs), false},
		{"the full parse", "locals { a = 1 }\nx = 2\n" + client(deep), true},
	} {
		res := Read("main.tf", []byte(tc.src), Options{})
		var msg string
		for _, f := range res.Findings {
			if f.Rule == "syntax" {
				msg = fmt.Sprintf("%d:%d %s", f.Line, f.Column, f.Message)
			}
		}
		if got := strings.Contains(msg, "nested more than 512 deep"); got != tc.fail {
			t.Errorf("%s: %q, want the depth finding: %v", tc.name, msg, tc.fail)
		}
	}
}

// TestTerraformEvaluationBounded: expressions whose evaluation would take
// minutes or gigabytes from a few bytes — nested for expressions,
// setproduct of large lists, concat and templates grown local by local —
// are unknown, at once; a plain for expression and functions of small
// values are still evaluated.
func TestTerraformEvaluationBounded(t *testing.T) {
	locals := "locals {\n  a = [for i in range(1000) : \"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa${i}\"]\n" +
		"  b = concat(local.a, local.a, local.a, local.a, local.a, local.a, local.a, local.a, local.a, local.a)\n" +
		"  c = concat(local.b, local.b, local.b, local.b, local.b, local.b, local.b, local.b, local.b, local.b)\n" +
		"  s0 = \"xxxxxxxxxxxxxxxxxxxx\"\n"
	for i := 1; i <= 8; i++ {
		locals += fmt.Sprintf("  s%d = \"%s\"\n", i, strings.Repeat(fmt.Sprintf("${local.s%d}", i-1), 10))
	}
	locals += "}\n"
	for _, tc := range []struct {
		expr    string
		unknown bool
	}{
		{`[for i in range(1024) : join("", [for j in range(1024) : "http://x.example.com"])]`, true},
		{`setproduct(range(1024), range(1024), range(1024))`, true},
		{`[for x in local.c : "http://${x}"]`, true},
		{`[local.s8]`, true},
		{`[for d in ["a", "b"] : "http://${d}.example.com"]`, false},
		{`concat(["http://a.example.com"], [upper("http://b.example.com")])`, false},
	} {
		src := locals + "resource \"aws_cognito_user_pool_client\" \"c\" {\n  name = \"c\"\n  user_pool_id = \"us-east-1_AbCd12345\"\n  callback_urls = " + tc.expr + "\n}\n"
		start := time.Now()
		res := Read("main.tf", []byte(src), Options{})
		if d := time.Since(start); d > 20*time.Second {
			t.Errorf("%s: %v", tc.expr, d)
		}
		if len(res.Docs) != 1 {
			t.Fatalf("%s: %d documents: %v", tc.expr, len(res.Docs), res.Findings)
		}
		cb := res.Docs[0].Root.Get("CallbackURLs")
		got := true // unknown, or a list of unknown items
		if cb != nil && cb.Kind == finding.Array {
			for _, it := range cb.Items {
				got = got && it.Kind == finding.Unknown
			}
		}
		if got != tc.unknown {
			t.Errorf("%s: unknown %v, want %v", tc.expr, got, tc.unknown)
		}
	}
}
