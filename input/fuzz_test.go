package input

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/cognitolint/cognitolint/finding"
	"github.com/cognitolint/cognitolint/rules"
)

// addFixtures seeds a fuzzer with the fixtures of a testdata folder.
func addFixtures(f *testing.F, pattern string) {
	files, _ := filepath.Glob(pattern)
	for _, file := range files {
		if strings.HasSuffix(file, ".out") {
			continue
		}
		if b, err := os.ReadFile(file); err == nil {
			f.Add(b)
		}
	}
}

// checkRead reads src as name and checks what every reader promises:
// no panic, documents with a root, a format and a resource, findings at
// lines of the file, and rules that run on every document.
func checkRead(t *testing.T, name string, src []byte) {
	res := Read(name, src, Options{})
	lines := maxLines(src)
	for _, d := range res.Docs {
		if d.Root == nil {
			t.Fatalf("document %q has no root", d.Resource)
		}
		switch d.Format {
		case "api":
		case "cloudformation", "terraform-plan", "terraform", "serverless", "kubernetes", "pulumi":
			if d.Operation != "create" {
				t.Fatalf("%s document with operation %q", d.Format, d.Operation)
			}
		default:
			t.Fatalf("format %q", d.Format)
		}
		for _, f := range rules.Check(d, rules.Options{}) {
			checkFinding(t, f, lines)
		}
	}
	for _, f := range res.Findings {
		checkFinding(t, f, lines)
	}
	if res.Unrecognized && len(res.Docs) > 0 {
		t.Fatal("unrecognized file with documents")
	}
}

// maxLines counts lines as generously as any reader does: YAML also breaks
// lines at a lone CR, NEL, LS and PS.
func maxLines(src []byte) int {
	n := bytes.Count(src, []byte("\n")) + bytes.Count(src, []byte("\r")) + 1
	for _, r := range []string{"\u0085", "\u2028", "\u2029"} {
		n += bytes.Count(src, []byte(r))
	}
	return n
}

func checkFinding(t *testing.T, f finding.Finding, lines int) {
	if f.Line < 0 || f.Line > lines || f.Column < 0 {
		t.Fatalf("%s at %d:%d in a file of %d lines", f.Rule, f.Line, f.Column, lines)
	}
	if f.Message == "" {
		t.Fatalf("%s without a message", f.Rule)
	}
}

func FuzzParseYAML(f *testing.F) {
	addFixtures(f, "../testdata/cloudformation/*.yaml")
	f.Add([]byte("a: &x [*x]\n"))
	f.Add([]byte("a: &a [1, 2]\nb: &b [*a, *a]\nc: [*b, *b]\n"))
	f.Add([]byte("<<: {a: 1}\nb: !Sub \"${x}\"\nc: !Ref\n"))
	f.Fuzz(func(t *testing.T, src []byte) {
		docs, err := ParseYAML(src)
		if err != nil {
			if _, ok := err.(*SyntaxError); !ok {
				t.Fatalf("error %T: %v", err, err)
			}
			return
		}
		for _, d := range docs {
			if d == nil {
				t.Fatal("nil document")
			}
		}
	})
}

func FuzzReadCloudFormation(f *testing.F) {
	addFixtures(f, "../testdata/cloudformation/*.yaml")
	addFixtures(f, "../testdata/cloudformation/*.json")
	f.Fuzz(func(t *testing.T, src []byte) {
		checkRead(t, "template.yaml", src)
	})
}

// FuzzReadManifests: Serverless service files, Kubernetes manifest streams
// and Pulumi YAML programs, each read by the shape of its YAML.
func FuzzReadManifests(f *testing.F) {
	addFixtures(f, "../testdata/serverless/*.yml")
	addFixtures(f, "../testdata/kubernetes/*.yaml")
	addFixtures(f, "../testdata/pulumi/*.yaml")
	f.Add([]byte("service: s\nresources:\n  - ${file(x.yml)}\n  - Resources:\n      C: {Type: AWS::Cognito::UserPoolClient, Properties: ${file(c.yml)}}\n"))
	f.Fuzz(func(t *testing.T, src []byte) {
		checkRead(t, "manifest.yaml", src)
	})
}

func FuzzReadPlan(f *testing.F) {
	addFixtures(f, "../testdata/terraform-plan/*.json")
	f.Fuzz(func(t *testing.T, src []byte) {
		checkRead(t, "plan.json", src)
	})
}

func FuzzReadHCL(f *testing.F) {
	addFixtures(f, "../testdata/terraform/*.tf")
	f.Add([]byte("resource \"aws_cognito_user_pool_client\" \"c\" {\n  token_validity_units = [{access_token = \"x\"}]\n  callback_urls = [null, {a = 1}]\n}\n"))
	f.Fuzz(func(t *testing.T, src []byte) {
		checkRead(t, "main.tf", src)
	})
}
