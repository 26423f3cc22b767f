package cli

import (
	"fmt"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"
)

// TestHonestCoverage: values unknown until deploy are counted and listed
// (inputs.md, Honest coverage). The text summary says how many values were
// not checked; a Terraform module whose client is all variables says
// "nothing checked", not "no problems", and exits 0; JSON counts them in
// summary.unknown and lists each document's unknown members in targets.
func TestHonestCoverage(t *testing.T) {
	t.Chdir("../..")
	c := jsonschema.NewCompiler()
	schema, err := c.Compile("testdata/schemas/cognitolint-report.schema.json")
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		name string
		args []string
		code int
		want string // in stdout
	}{
		{"module-text", []string{"--no-color", "--no-baseline", "testdata/coverage/inputs/module/main.tf"}, ExitOK,
			"nothing checked in 1 file: every member of 1 document is unknown until deploy; 5 values not checked (unknown until deploy)\n"},
		{"dir-text", []string{"--no-color", "testdata/coverage/inputs"}, ExitOK,
			"8 values not checked (unknown until deploy), 1 document with every member unknown\n"},
		{"dir-json", []string{"--format", "json", "testdata/coverage/inputs"}, ExitOK, `"unknown": 8`},
		{"known-text", []string{"--no-color", "--no-baseline", "testdata/ok/create.json"}, ExitOK, "no problems in 1 file (1 document)\n"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			out, errOut, code := run(t, "", append([]string{"lint"}, tt.args...)...)
			if code != tt.code || !strings.Contains(out, tt.want) {
				t.Errorf("exit %d (want %d), output lacks %q:\n%s%s", code, tt.code, tt.want, out, errOut)
			}
			if strings.HasSuffix(tt.name, "-json") {
				v, err := jsonschema.UnmarshalJSON(strings.NewReader(out))
				if err != nil {
					t.Fatal(err)
				}
				if err := schema.Validate(v); err != nil {
					t.Error(err)
				}
			}
			golden(t, fmt.Sprintf("testdata/coverage/golden/%s.out", tt.name), out)
		})
	}
}
