package cli

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"
)

// repoRoot is the module's root, where the golden tests run so that file
// names in the outputs read as a user in a checkout would see them.
const repoRoot = "../.."

// run calls Main in-process and returns the exit code, stdout and stderr.
func runCLI(t *testing.T, args ...string) (int, string, string) {
	t.Helper()
	var stdout, stderr bytes.Buffer
	code := Main(args, strings.NewReader(""), &stdout, &stderr)
	return code, stdout.String(), stderr.String()
}

// goldenOutput compares got with testdata/outputs/golden/name, or rewrites the
// file with -update.
func goldenOutput(t *testing.T, name, got string) {
	t.Helper()
	file := filepath.Join("testdata", "outputs", "golden", name)
	if *update {
		if err := os.WriteFile(file, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(file)
	if err != nil {
		t.Fatalf("%v (run go test ./internal/cli -update to create it)", err)
	}
	if got != string(want) {
		t.Errorf("output differs from %s (go test ./internal/cli -update rewrites it after review):\n--- got\n%s\n--- want\n%s", file, got, want)
	}
}

// The secret value of testdata/outputs/in/bad.json: no output may show it.
const secret = "supersecretvalue0123456789"

func TestOutputFormatsGolden(t *testing.T) {
	t.Chdir(repoRoot)
	tests := []struct {
		name string
		args []string
		code int
	}{
		{"text.txt", []string{"lint", "--no-color", "testdata/outputs/in"}, ExitFail},
		{"json.json", []string{"lint", "--format", "json", "testdata/outputs/in"}, ExitFail},
		{"sarif.sarif", []string{"lint", "--format", "sarif", "testdata/outputs/in"}, ExitFail},
		{"junit.xml", []string{"lint", "--format", "junit", "testdata/outputs/in"}, ExitFail},
		{"github.txt", []string{"lint", "--format", "github", "testdata/outputs/in"}, ExitFail},
		{"gitlab.codequality", []string{"lint", "--format", "gitlab", "testdata/outputs/in"}, ExitFail},
		{"clean-junit.xml", []string{"lint", "--format", "junit", "testdata/outputs/in/clean.json"}, ExitOK},
		{"clean-sarif.sarif", []string{"lint", "--format", "sarif", "testdata/outputs/in/clean.json"}, ExitOK},
		// The config file raises and lowers severities, fails on warnings
		// and suppresses a rule in bad.json with a reason.
		{"config-text.txt", []string{"lint", "--no-color", "--config", "testdata/outputs/cognitolint.yaml", "testdata/outputs/in"}, ExitFail},
		{"config-json.json", []string{"lint", "--format", "json", "--config", "testdata/outputs/cognitolint.yaml", "testdata/outputs/in"}, ExitFail},
		{"config-sarif.sarif", []string{"lint", "--format", "sarif", "--config", "testdata/outputs/cognitolint.yaml", "testdata/outputs/in"}, ExitFail},
		{"config-junit.xml", []string{"lint", "--format", "junit", "--config", "testdata/outputs/cognitolint.yaml", "testdata/outputs/in"}, ExitFail},
		{"config-github.txt", []string{"lint", "--format", "github", "--config", "testdata/outputs/cognitolint.yaml", "testdata/outputs/in"}, ExitFail},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, stdout, stderr := runCLI(t, tt.args...)
			if code != tt.code {
				t.Fatalf("exit %d, want %d; stderr: %s", code, tt.code, stderr)
			}
			if stderr != "" {
				t.Errorf("stderr: %s", stderr)
			}
			if strings.Contains(stdout, secret) {
				t.Errorf("the ClientSecret value is in the output")
			}
			if strings.Contains(stdout, "\x1b[") {
				t.Errorf("colour codes in output that is not a terminal")
			}
			switch filepath.Ext(tt.name) {
			case ".json":
				validateSchema(t, "testdata/schemas/cognitolint-report.schema.json", stdout)
			case ".sarif":
				validateSchema(t, "testdata/schemas/sarif-schema-2.1.0.json", stdout)
				var config []string
				for i, a := range tt.args {
					if a == "--config" {
						config = tt.args[i : i+2]
					}
				}
				checkSARIF(t, stdout, config...)
				stdout = sarifForGolden(t, stdout)
			case ".xml":
				checkJUnit(t, stdout)
			}
			goldenOutput(t, tt.name, stdout)
		})
	}
}

// validateSchema validates doc against the JSON schema file.
func validateSchema(t *testing.T, schemaFile, doc string) {
	t.Helper()
	c := jsonschema.NewCompiler()
	c.AssertFormat()
	sch, err := c.Compile(filepath.ToSlash(schemaFile))
	if err != nil {
		t.Fatalf("compiling %s: %v", schemaFile, err)
	}
	inst, err := jsonschema.UnmarshalJSON(strings.NewReader(doc))
	if err != nil {
		t.Fatalf("output is not JSON: %v\n%s", err, doc)
	}
	if err := sch.Validate(inst); err != nil {
		t.Errorf("output does not validate against %s:\n%v", schemaFile, err)
	}
}

type sarifLog struct {
	Runs []struct {
		Tool struct {
			Driver struct {
				Name  string `json:"name"`
				Rules []struct {
					ID               string `json:"id"`
					ShortDescription struct {
						Text string `json:"text"`
					} `json:"shortDescription"`
					FullDescription struct {
						Text string `json:"text"`
					} `json:"fullDescription"`
					HelpURI              string `json:"helpUri"`
					DefaultConfiguration struct {
						Level string `json:"level"`
					} `json:"defaultConfiguration"`
				} `json:"rules"`
			} `json:"driver"`
		} `json:"tool"`
		Results []struct {
			RuleID    string `json:"ruleId"`
			RuleIndex int    `json:"ruleIndex"`
			Level     string `json:"level"`
			Message   struct {
				Text string `json:"text"`
			} `json:"message"`
			Locations []struct {
				PhysicalLocation struct {
					ArtifactLocation struct {
						URI string `json:"uri"`
					} `json:"artifactLocation"`
					Region struct {
						StartLine   int `json:"startLine"`
						StartColumn int `json:"startColumn"`
					} `json:"region"`
				} `json:"physicalLocation"`
			} `json:"locations"`
			PartialFingerprints map[string]string `json:"partialFingerprints"`
			Suppressions        []struct {
				Kind          string `json:"kind"`
				Justification string `json:"justification"`
			} `json:"suppressions"`
		} `json:"results"`
	} `json:"runs"`
}

// checkSARIF asserts what GitHub code scanning needs beyond the schema:
// every rule of the catalog described, each result pointing at its rule,
// with a relative uri, a start line and column, and a unique fingerprint.
// checkSARIF checks a SARIF log against the rule catalog of `rules` run
// with the same config (args): the levels are the run's, overrides
// included, and disabled rules are listed as not enabled.
func checkSARIF(t *testing.T, doc string, args ...string) {
	t.Helper()
	var log sarifLog
	if err := json.Unmarshal([]byte(doc), &log); err != nil {
		t.Fatal(err)
	}
	if len(log.Runs) != 1 {
		t.Fatalf("%d runs, want 1", len(log.Runs))
	}
	r := log.Runs[0]
	code, rulesOut, _ := runCLI(t, append([]string{"rules", "--format", "json"}, args...)...)
	if code != 0 {
		t.Fatal("cognitolint rules failed")
	}
	var catalog []struct{ ID, Severity string }
	if err := json.Unmarshal([]byte(rulesOut), &catalog); err != nil {
		t.Fatal(err)
	}
	index := map[string]int{}
	for i, rule := range r.Tool.Driver.Rules {
		index[rule.ID] = i
		if rule.ShortDescription.Text == "" || rule.FullDescription.Text == "" || !strings.HasPrefix(rule.HelpURI, "https://") || rule.DefaultConfiguration.Level == "" {
			t.Errorf("rule %s lacks a description, helpUri or default level: %+v", rule.ID, rule)
		}
	}
	levels := map[string]string{"error": "error", "warning": "warning", "info": "note"}
	for _, c := range catalog {
		i, ok := index[c.ID]
		if !ok {
			t.Errorf("rule %s is not in tool.driver.rules", c.ID)
			continue
		}
		if got := r.Tool.Driver.Rules[i].DefaultConfiguration.Level; got != levels[c.Severity] {
			t.Errorf("rule %s: default level %q, want %q", c.ID, got, levels[c.Severity])
		}
	}
	seen := map[string]bool{}
	for _, res := range r.Results {
		if res.RuleIndex < 0 || res.RuleIndex >= len(r.Tool.Driver.Rules) || r.Tool.Driver.Rules[res.RuleIndex].ID != res.RuleID {
			t.Errorf("result %s: ruleIndex %d does not point at its rule", res.RuleID, res.RuleIndex)
		}
		if res.Level != "error" && res.Level != "warning" && res.Level != "note" {
			t.Errorf("result %s: level %q", res.RuleID, res.Level)
		}
		if len(res.Locations) != 1 {
			t.Errorf("result %s: %d locations", res.RuleID, len(res.Locations))
			continue
		}
		loc := res.Locations[0].PhysicalLocation
		if uri := loc.ArtifactLocation.URI; !strings.HasPrefix(uri, "testdata/outputs/in/") {
			t.Errorf("result %s: uri %q is not relative to the working directory", res.RuleID, uri)
		}
		if loc.Region.StartLine < 1 || loc.Region.StartColumn < 1 {
			t.Errorf("result %s: region %+v", res.RuleID, loc.Region)
		}
		fp := res.PartialFingerprints["cognitolint/v1"]
		if fp == "" || seen[fp] {
			t.Errorf("result %s: fingerprint %q missing or not unique", res.RuleID, fp)
		}
		seen[fp] = true
		for _, s := range res.Suppressions {
			if s.Kind != "external" || s.Justification == "" {
				t.Errorf("result %s: suppression %+v", res.RuleID, s)
			}
		}
	}
}

// sarifForGolden leaves out tool.driver.rules and ruleIndex (checked by
// checkSARIF) so that the golden file does not change with every rule added
// to the catalog.
func sarifForGolden(t *testing.T, doc string) string {
	t.Helper()
	var v map[string]any
	if err := json.Unmarshal([]byte(doc), &v); err != nil {
		t.Fatal(err)
	}
	for _, run := range v["runs"].([]any) {
		run := run.(map[string]any)
		driver := run["tool"].(map[string]any)["driver"].(map[string]any)
		driver["rules"] = "(the catalog: checked by checkSARIF)"
		for _, res := range run["results"].([]any) {
			delete(res.(map[string]any), "ruleIndex")
		}
	}
	b, err := json.MarshalIndent(v, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	return string(b) + "\n"
}

type junitDoc struct {
	XMLName  xml.Name `xml:"testsuites"`
	Tests    int      `xml:"tests,attr"`
	Failures int      `xml:"failures,attr"`
	Suites   []struct {
		Name     string `xml:"name,attr"`
		Tests    int    `xml:"tests,attr"`
		Failures int    `xml:"failures,attr"`
		Cases    []struct {
			Name     string `xml:"name,attr"`
			Time     string `xml:"time,attr"`
			Failures []struct {
				Message string `xml:"message,attr"`
				Type    string `xml:"type,attr"`
				Text    string `xml:",chardata"`
			} `xml:"failure"`
		} `xml:"testcase"`
	} `xml:"testsuite"`
}

// checkJUnit parses the XML and checks that the counts add up.
func checkJUnit(t *testing.T, doc string) {
	t.Helper()
	var d junitDoc
	if err := xml.Unmarshal([]byte(doc), &d); err != nil {
		t.Fatalf("not XML: %v", err)
	}
	tests, failures := 0, 0
	for _, s := range d.Suites {
		sf := 0
		for _, c := range s.Cases {
			if c.Name == "" || c.Time == "" {
				t.Errorf("suite %s: test case without name or time", s.Name)
			}
			if len(c.Failures) > 0 {
				sf++
			}
			for _, f := range c.Failures {
				if f.Message == "" || f.Type == "" || !strings.HasPrefix(f.Text, s.Name) {
					t.Errorf("suite %s: failure %+v", s.Name, f)
				}
			}
		}
		if s.Tests != len(s.Cases) || s.Failures != sf {
			t.Errorf("suite %s: tests=%d failures=%d, counted %d and %d", s.Name, s.Tests, s.Failures, len(s.Cases), sf)
		}
		tests += s.Tests
		failures += s.Failures
	}
	if d.Tests != tests || d.Failures != failures {
		t.Errorf("testsuites: tests=%d failures=%d, counted %d and %d", d.Tests, d.Failures, tests, failures)
	}
}

// Several formats in one run: one to stdout, the others to files, all from
// the same findings.
func TestSeveralFormatsOneRun(t *testing.T) {
	t.Chdir(repoRoot)
	dir := t.TempDir()
	sarifFile := filepath.Join(dir, "out.sarif")
	junitFile := filepath.Join(dir, "report.xml")
	jsonFile := filepath.Join(dir, "report.json")
	code, stdout, stderr := runCLI(t, "lint", "--no-color", "--format", "text",
		"--format", "sarif="+sarifFile, "--format", "junit="+junitFile, "--format", "json="+jsonFile,
		"testdata/outputs/in")
	if code != ExitFail {
		t.Fatalf("exit %d; stderr: %s", code, stderr)
	}
	goldenOutput(t, "text.txt", stdout)
	read := func(name string) string {
		b, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		return string(b)
	}
	sarif := read(sarifFile)
	validateSchema(t, "testdata/schemas/sarif-schema-2.1.0.json", sarif)
	goldenOutput(t, "sarif.sarif", sarifForGolden(t, sarif))
	goldenOutput(t, "junit.xml", read(junitFile))
	goldenOutput(t, "json.json", read(jsonFile))
}

func TestParseFormats(t *testing.T) {
	tests := []struct {
		specs []string
		want  string // format:path,... or the error's start
		err   bool
	}{
		{nil, "text:", false},
		{[]string{"json"}, "json:", false},
		{[]string{"text", "sarif=out.sarif", "junit=report.xml"}, "text:,sarif:out.sarif,junit:report.xml", false},
		{[]string{"sarif=a=b.sarif"}, "sarif:a=b.sarif", false},
		{[]string{"github", "json=r.json"}, "github:,json:r.json", false},
		{[]string{"text", "json"}, "--format text and --format json both write to stdout", true},
		{[]string{"xml"}, `--format: unknown format "xml": use github, gitlab, json, junit, sarif, text`, true},
		{[]string{"=out"}, `--format: unknown format ""`, true},
	}
	for _, tt := range tests {
		outs, err := parseFormats(tt.specs)
		if tt.err {
			if err == nil || !strings.HasPrefix(err.Error(), tt.want) {
				t.Errorf("parseFormats(%q) error %v, want %q", tt.specs, err, tt.want)
			}
			continue
		}
		if err != nil {
			t.Errorf("parseFormats(%q): %v", tt.specs, err)
			continue
		}
		var got []string
		for _, o := range outs {
			if o.write == nil {
				t.Errorf("parseFormats(%q): %s has no writer", tt.specs, o.format)
			}
			got = append(got, o.format+":"+o.path)
		}
		if g := strings.Join(got, ","); g != tt.want {
			t.Errorf("parseFormats(%q) = %s, want %s", tt.specs, g, tt.want)
		}
	}
}

func TestFormatFileErrors(t *testing.T) {
	dir := t.TempDir()
	payload := filepath.Join(repoRoot, "testdata", "outputs", "in", "clean.json")
	code, _, stderr := runCLI(t, "lint", "--format", "sarif="+filepath.Join(dir, "missing", "out.sarif"), payload)
	if code != ExitTrouble || !strings.Contains(stderr, "--format sarif=") || !strings.Contains(stderr, "no such file or directory") {
		t.Errorf("unwritable --format file: exit %d, stderr %q", code, stderr)
	}
	code, _, stderr = runCLI(t, "lint", "--format", "text", "--format", "github", payload)
	if code != ExitTrouble || !strings.Contains(stderr, "both write to stdout") {
		t.Errorf("two formats to stdout: exit %d, stderr %q", code, stderr)
	}
}

// The GitHub output is workflow commands the runner parses: check the
// shape of each line.
func TestGitHubOutputShape(t *testing.T) {
	t.Chdir(repoRoot)
	_, stdout, _ := runCLI(t, "lint", "--format", "github", "testdata/outputs/in")
	cmd := regexp.MustCompile(`^::(error|warning|notice) file=[^,:]+,line=\d+,col=\d+(,endColumn=\d+)?,title=[a-z0-9-]+::[^\r\n]+$`)
	lines := strings.Split(strings.TrimSuffix(stdout, "\n"), "\n")
	for _, l := range lines[:len(lines)-1] {
		if !cmd.MatchString(l) {
			t.Errorf("not a workflow command: %q", l)
		}
	}
	if last := lines[len(lines)-1]; strings.HasPrefix(last, "::") {
		t.Errorf("last line %q: want the summary", last)
	}
}
