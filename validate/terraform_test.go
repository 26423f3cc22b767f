package validate

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestTerraformVarFiles: --var-file values (VarFiles) override
// terraform.tfvars and *.auto.tfvars beside the configuration, in the order
// given, and decide findings; a CDKTF cdk.tf.json is walked; a var file that
// does not parse makes New fail at file:line:col.
func TestTerraformVarFiles(t *testing.T) {
	dir := t.TempDir()
	write := func(name, content string) string {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	write("infra/variables.tf", "variable \"callbacks\" {\n  type = list(string)\n}\n\nvariable \"hours\" {\n  type    = number\n  default = 1\n}\n")
	write("infra/main.tf", "resource \"aws_cognito_user_pool_client\" \"web\" {\n  name                  = \"web\"\n  user_pool_id          = \"us-east-1_AbCd12345\"\n  callback_urls         = var.callbacks\n  access_token_validity = var.hours\n}\n")
	write("infra/terraform.tfvars", "callbacks = [\"http://app.example.com/cb\"]\n")
	write("infra/z.auto.tfvars", "hours = 25\n")
	prod := write("prod.tfvars", "hours = 2\n")
	prodJSON := write("prod.tfvars.json", `{"callbacks": ["https://app.example.com/cb"]}`)
	write("cdktf.out/stacks/app/cdk.tf.json", `{"//": {"metadata": {"stackName": "app"}}, "resource": {"aws_cognito_user_pool_client": {"c": {"//": {"metadata": {"path": "app/c"}}, "name": "c", "user_pool_id": "us-east-1_AbCd12345", "callback_urls": ["http://cdktf.example.com/cb"]}}}}`)

	lint := func(varFiles ...string) []string {
		t.Helper()
		l, err := New(Options{NoBaseline: true, VarFiles: varFiles, Disable: []string{"sec-*", "oauth-settings-require-flag"}})
		if err != nil {
			t.Fatal(err)
		}
		rep, err := l.LintPaths(context.Background(), []string{dir}, nil)
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, f := range rep.Findings {
			rel, _ := filepath.Rel(dir, f.File)
			got = append(got, filepath.ToSlash(rel)+" "+f.Rule+" "+f.Path)
		}
		return got
	}
	got := strings.Join(lint(), "\n")
	want := "cdktf.out/stacks/app/cdk.tf.json redirect-uri-https CallbackURLs[0]\n" +
		"infra/main.tf redirect-uri-https CallbackURLs[0]\n" +
		"infra/main.tf token-validity-range AccessTokenValidity"
	if got != want {
		t.Errorf("tfvars beside the configuration:\n%s\nwant:\n%s", got, want)
	}
	// terraform.tfvars and *.auto.tfvars are read as values, neither linted
	// nor counted as skipped.
	if l, err := New(Options{NoBaseline: true}); err != nil {
		t.Fatal(err)
	} else if rep, err := l.LintPaths(context.Background(), []string{filepath.Join(dir, "infra")}, nil); err != nil || rep.Skipped != 0 || rep.Files != 2 {
		t.Errorf("infra/: %v, %d files, %d skipped; want 2 files, none skipped", err, rep.Files, rep.Skipped)
	}
	if got := strings.Join(lint(prod, prodJSON), "\n"); got != "cdktf.out/stacks/app/cdk.tf.json redirect-uri-https CallbackURLs[0]" {
		t.Errorf("with --var-file: %s", got)
	}

	bad := write("bad.tfvars", "hours = 2\ncallbacks = [\n")
	_, err := New(Options{VarFiles: []string{bad}})
	if err == nil || !strings.Contains(err.Error(), "bad.tfvars:3:1") {
		t.Errorf("bad var file: %v", err)
	}
	ref := write("ref.tfvars", "hours = var.x\n")
	if _, err := New(Options{VarFiles: []string{ref}}); err == nil || !strings.Contains(err.Error(), "ref.tfvars:1:9") {
		t.Errorf("a reference in a var file: %v", err)
	}
}

// TestTerraformConcurrentModules: walks sharing a Linter (and its cache of
// Terraform modules) at once, each linting clients concurrently (go test
// -race finds what they share).
func TestTerraformConcurrentModules(t *testing.T) {
	l, err := New(Options{NoBaseline: true})
	if err != nil {
		t.Fatal(err)
	}
	done := make(chan bool)
	for i := 0; i < 4; i++ {
		go func() {
			defer func() { done <- true }()
			if _, err := l.LintPaths(context.Background(), []string{"../testdata/terraform/module", "../testdata/terraform-json"}, nil); err != nil {
				t.Error(err)
			}
		}()
	}
	for i := 0; i < 4; i++ {
		<-done
	}
}

// TestTerraformModuleFilesWithinLimit: the other files of a module are read
// as linted files are, within the size limit: a variables.tf over it is
// not read (its default stays unknown: no finding from it), nor parsed by
// the scan for module calls.
func TestTerraformModuleFilesWithinLimit(t *testing.T) {
	dir := t.TempDir()
	main := "resource \"aws_cognito_user_pool_client\" \"c\" {\n  name = \"c\"\n  user_pool_id = \"us-east-1_AbCd12345\"\n  callback_urls = var.urls\n}\n"
	vars := "variable \"urls\" {\n  default = [\"http://app.example.com/cb\"]\n}\n" + strings.Repeat("# padding\n", 2000)
	for name, src := range map[string]string{"main.tf": main, "variables.tf": vars} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	https := func(limit int64) bool {
		rep, err := newLinter(t, Options{MaxFileSize: limit}).LintPaths(context.Background(), []string{filepath.Join(dir, "main.tf")}, nil)
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range rep.Findings {
			if f.Rule == "redirect-uri-https" {
				return true
			}
		}
		return false
	}
	if !https(0) {
		t.Fatal("the default of variables.tf was not read within the default limit")
	}
	if https(int64(len(main)) + 100) {
		t.Error("variables.tf, over the size limit, was read")
	}
}
