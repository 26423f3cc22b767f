package report

import (
	"encoding/json"
	"testing"

	"github.com/cognitolint/cognitolint/finding"
)

// jsonEncCases are findings whose strings hold what encoding/json escapes.
var jsonEncCases = []finding.Finding{
	{},
	{Rule: "callback-url-https", Severity: finding.Error, Message: `"http://x" <a> & \ b`, Hint: "tab\there\nnew\rline\b\f\x00\x1f\x7f",
		File: "dir/a.json", Line: 12, Column: 3, Path: "CallbackURLs[0]", Resource: "Client", Operation: "UpdateUserPoolClient",
		Layer: "go", Policy: ""},
	{Rule: "r", Severity: finding.Warning, Message: "bad \xff\xfe utf-8 \u2028 \u2029 ok é 日本 \U0001F600", Reason: "waived <until> 2027",
		Line: -1, Column: 1 << 40},
	{Rule: "r", Severity: finding.Info, Fix: &finding.Fix{Description: "rename <a>", Edits: []finding.Edit{
		{File: "a.json", Start: finding.Point{Line: 1, Column: 2, Offset: 3}, End: finding.Point{Line: 1, Column: 4, Offset: 5}, Text: "\"CallbackURLs\""},
	}}},
	{Rule: "r", Severity: finding.Severity(42), Message: "an unknown severity"},
}

func TestAppendFindingJSON(t *testing.T) {
	for i := range jsonEncCases {
		checkFindingJSON(t, &jsonEncCases[i])
	}
}

func checkFindingJSON(t *testing.T, f *finding.Finding) {
	t.Helper()
	for _, prefix := range []string{"", jsonIndent} {
		want, wantErr := json.MarshalIndent(f, prefix, "  ")
		got, gotErr := appendFindingJSON([]byte("x"), f, prefix)
		if (wantErr != nil) != (gotErr != nil) {
			t.Fatalf("%+v: error %v, MarshalIndent's %v", f, gotErr, wantErr)
		}
		if wantErr == nil && string(got[1:]) != string(want) {
			t.Errorf("%+v, prefix %q:\n got %s\nwant %s", f, prefix, got[1:], want)
		}
	}
}

func FuzzAppendFindingJSON(f *testing.F) {
	for _, c := range jsonEncCases {
		f.Add(c.Rule, c.Message, c.Hint, c.File, c.Path, c.Reason, c.Line, uint8(c.Severity), c.Fix != nil)
	}
	f.Fuzz(func(t *testing.T, rule, msg, hint, file, path, reason string, line int, sev uint8, fix bool) {
		fd := finding.Finding{Rule: rule, Severity: finding.Severity(sev % 4), Message: msg, Hint: hint, File: file,
			Line: line, Column: line / 3, Path: path, Resource: path + rule, Operation: msg, Layer: hint, Policy: file, Reason: reason}
		if fix {
			fd.Fix = &finding.Fix{Description: msg, Edits: []finding.Edit{{File: file, Text: reason}}}
		}
		checkFindingJSON(t, &fd)
	})
}
