package rules

import (
	"fmt"
	"runtime"
	"slices"
	"strings"
	"testing"

	"github.com/cognitolint/cognitolint/finding"
	"github.com/cognitolint/cognitolint/input"
	"github.com/cognitolint/cognitolint/model"
)

// TestFindingsCappedPerRule: 250 http callbacks give MaxPerRule findings of
// redirect-uri-https and one more saying how many were left out, at the
// first one left out; other rules are not capped by it.
func TestFindingsCappedPerRule(t *testing.T) {
	urls := make([]string, 250)
	for i := range urls {
		urls[i] = fmt.Sprintf("%q", fmt.Sprintf("http://app%d.example.com/cb", i))
	}
	fs := lintCtx(t, model.OpCreate, `"CallbackURLs": [`+strings.Join(urls, ", ")+`]`, nil)
	var https []finding.Finding
	others := 0
	for _, f := range fs {
		if f.Rule == "redirect-uri-https" {
			https = append(https, f)
		} else {
			others++
		}
	}
	if len(https) != MaxPerRule+1 {
		t.Fatalf("%d redirect-uri-https findings, want %d", len(https), MaxPerRule+1)
	}
	if others == 0 {
		t.Error("the other rules' findings are gone")
	}
	var note *finding.Finding
	for i := range https {
		if strings.Contains(https[i].Message, "more findings") {
			if note != nil {
				t.Fatal("two notes")
			}
			note = &https[i]
		}
	}
	if note == nil {
		t.Fatal("no note saying how many findings were left out")
	}
	if want := "150 more findings of redirect-uri-https in this document are not shown"; !strings.HasPrefix(note.Message, want) {
		t.Errorf("note: %s\nwant prefix: %s", note.Message, want)
	}
	if note.Path != "CallbackURLs[100]" || note.Line == 0 {
		t.Errorf("note at %s line %d, want CallbackURLs[100] with a position", note.Path, note.Line)
	}
}

func TestCapFindings(t *testing.T) {
	var fs []finding.Finding
	for i := range 2*MaxPerRule + 5 {
		fs = append(fs, finding.Finding{Rule: "a", Message: fmt.Sprint(i)}, finding.Finding{Rule: "b", Message: "x"})
	}
	fs = fs[:len(fs)-1] // b: one fewer
	out := CapFindings(fs)
	if len(out) != 2*(MaxPerRule+1) {
		t.Fatalf("%d findings, want %d", len(out), 2*(MaxPerRule+1))
	}
	n := 0
	for _, f := range out {
		if strings.Contains(f.Message, "more findings of a") {
			n++
			if !strings.HasPrefix(f.Message, fmt.Sprintf("%d more", MaxPerRule+5)) || !strings.HasSuffix(f.Message, fmt.Sprint(MaxPerRule)) {
				t.Errorf("note: %s", f.Message)
			}
		}
	}
	if n != 1 {
		t.Errorf("%d notes of rule a", n)
	}
}

// TestFloodCountedNotBuilt: past what the output shows, a flood of bad list
// items and unknown members is counted, not built: the note's count is
// exact, and the work per item beyond the shown ones is a count (allocations
// grow far slower than the items: before, each item was a finding with a
// message, a hint and a did-you-mean search).
func TestFloodCountedNotBuilt(t *testing.T) {
	members := func(n int) string {
		flows := make([]string, n)
		keys := make([]string, n)
		for i := range flows {
			flows[i] = `"ALLOW_NOPE"`
			keys[i] = fmt.Sprintf(`"k%d": 1`, i)
		}
		return `"ExplicitAuthFlows": [` + strings.Join(flows, ",") + `], "AnalyticsConfiguration": {` + strings.Join(keys, ",") + `}`
	}
	fs := lintCtx(t, model.OpCreate, members(5000), nil)
	notes := map[string]string{}
	for _, f := range fs {
		if strings.Contains(f.Message, "more findings") {
			notes[f.Rule] = f.Message
		}
	}
	for rule, want := range map[string]string{
		"model-explicit-auth-flow-enum": "4900 more findings of model-explicit-auth-flow-enum",
		"model-unknown-member":          "4900 more findings of model-unknown-member",
	} {
		if !strings.HasPrefix(notes[rule], want) {
			t.Errorf("%s note %q, want prefix %q", rule, notes[rule], want)
		}
	}
	small := testing.AllocsPerRun(1, func() { lintCtx(t, model.OpCreate, members(2000), nil) })
	big := testing.AllocsPerRun(1, func() { lintCtx(t, model.OpCreate, members(20000), nil) })
	// Reading and decoding stay linear (about 10x); building findings for
	// every item made it far more per item than the reading.
	if per := (big - small) / 18000; per > 25 {
		t.Errorf("%.0f allocations per item past the shown findings (%.0f at 2,000, %.0f at 20,000)", per, small, big)
	}
}

// TestFloodBytesPerItem bounds the memory Check allocates per bad value
// past the findings shown: a list of a million bad items, an object of a
// million unknown or duplicate members. Each cost a path string, a string
// in the invalid list and map entries of the invalid set (about 200 bytes
// per item), or a map entry per member (duplicates), or a path, a hint and
// an edit-distance search per unknown member of a structure.
func TestFloodBytesPerItem(t *testing.T) {
	repeat := func(n int, f func(i int) string) string {
		parts := make([]string, n)
		for i := range parts {
			parts[i] = f(i)
		}
		return strings.Join(parts, ",")
	}
	cases := []struct {
		name    string
		members func(n int) string
		max     float64 // bytes per item: the decoded list (16) and the paths rules look up pass by pass
	}{
		{"numbers in a list of strings", func(n int) string {
			return `"ExplicitAuthFlows": [` + repeat(n, func(int) string { return "1" }) + `]`
		}, 60},
		{"nulls in a list of strings", func(n int) string {
			return `"ReadAttributes": [` + repeat(n, func(int) string { return "null" }) + `]`
		}, 60},
		{"values out of an enum", func(n int) string {
			return `"ExplicitAuthFlows": [` + repeat(n, func(int) string { return `"A"` }) + `]`
		}, 60},
		{"unknown members of a structure", func(n int) string {
			return `"AnalyticsConfiguration": {` + repeat(n, func(i int) string { return fmt.Sprintf(`"k%d": 1`, i) }) + `}`
		}, 60},
		{"duplicate members", func(n int) string {
			return `"AnalyticsConfiguration": {` + repeat(n, func(int) string { return `"RoleArn": 1` }) + `}`
		}, 100},
		// Findings of rules that run after decoding (Pass.Report): every
		// URL is relative and a copy of the first.
		{"relative duplicate callback URLs", func(n int) string {
			return `"CallbackURLs": [` + repeat(n, func(int) string { return `"a"` }) + `]`
		}, 100},
		{"http callback URLs", func(n int) string {
			return `"CallbackURLs": [` + repeat(n, func(i int) string { return fmt.Sprintf(`"http://h%d.example/*#f"`, i) }) + `]`
		}, 100},
	}
	for _, c := range cases {
		check := func(n int) uint64 {
			res := input.Read("t.json", []byte(`{"UserPoolId": "us-east-1_AbCd12345", "ClientName": "app", `+c.members(n)+`}`), input.Options{Operation: model.OpCreate})
			if len(res.Docs) != 1 {
				t.Fatalf("%s: not a document: %v", c.name, res.Findings)
			}
			var before, after runtime.MemStats
			runtime.ReadMemStats(&before)
			Check(res.Docs[0], Options{})
			runtime.ReadMemStats(&after)
			return after.TotalAlloc - before.TotalAlloc
		}
		small, big := check(2000), check(50000)
		if per := float64(big-small) / 48000; per > c.max {
			t.Errorf("%s: %.0f bytes per item past the shown findings (%d at 2,000, %d at 50,000), want at most %.0f",
				c.name, per, small, big, c.max)
		}
	}
}

// TestWrongTypeItemNotCheckedAgain: a list item that is not a string is a
// model-type finding only, not also an enum or format finding on the ""
// the decoder leaves in its place.
func TestWrongTypeItemNotCheckedAgain(t *testing.T) {
	fs := lintCtx(t, model.OpCreate, `"ExplicitAuthFlows": [1, "ALLOW_NOPE"], "AllowedOAuthFlows": [true], "CallbackURLs": [3]`, nil)
	var got []string
	for _, f := range fs {
		got = append(got, f.Rule+" "+f.Path)
	}
	want := []string{
		"model-type ExplicitAuthFlows[0]",
		"model-explicit-auth-flow-enum ExplicitAuthFlows[1]",
		"model-type AllowedOAuthFlows[0]",
		"model-type CallbackURLs[0]",
	}
	for _, w := range want {
		if !slices.Contains(got, w) {
			t.Errorf("missing %q in %q", w, got)
		}
	}
	for _, g := range got {
		if strings.HasSuffix(g, "[0]") && !strings.HasPrefix(g, "model-type ") {
			t.Errorf("a wrong-type item checked again: %q", g)
		}
	}
}

// TestRuleFloodCountExact: a rule that runs after decoding counts, past the
// findings shown, only the elements it would have reported: items that are
// not strings (their own model-type findings) are neither shown nor
// counted, and a rule's fix stays on its own finding.
func TestRuleFloodCountExact(t *testing.T) {
	var items []string
	for i := range 300 {
		items = append(items, fmt.Sprintf(`"http://app%d.example.com/cb"`, i))
		if i%3 == 0 {
			items = append(items, "7")
		}
	}
	items = append(items, `"http://app0.example.com/cb"`) // a duplicate past the bound: 301 http URLs
	fs := lintCtx(t, model.OpCreate, `"CallbackURLs": [`+strings.Join(items, ", ")+`]`, nil)
	shown := 0
	for _, f := range fs {
		if f.Rule != "redirect-uri-https" {
			continue
		}
		shown++
		if f.Fix != nil && !strings.Contains(f.Fix.Description, "https") && !strings.Contains(f.Fix.Edits[0].Text, "https") {
			t.Errorf("fix of %s is not its own: %+v", f.Path, f.Fix)
		}
		if strings.Contains(f.Message, "more findings") && !strings.HasPrefix(f.Message, "201 more findings of redirect-uri-https") {
			t.Errorf("note: %s", f.Message)
		}
	}
	if shown != MaxPerRule+1 {
		t.Errorf("%d redirect-uri-https findings shown, want %d", shown, MaxPerRule+1)
	}
}

// TestHugeValuesCheap: a value or key of megabytes costs about its size in
// a lint, not the edit distance of a did-you-mean search (time and memory
// in its length times each candidate's) or a slice of its runes (four
// times its size) to quote its first characters.
func TestHugeValuesCheap(t *testing.T) {
	big := strings.Repeat("é", 1<<20) // 2 MiB
	for name, members := range map[string]string{
		"enum value":     `"PreventUserExistenceErrors": "` + big + `"`,
		"list enum item": `"ExplicitAuthFlows": ["` + big + `"]`,
		"long name":      `"ClientName": "` + big + `"`,
		"unknown member": `"` + big + `": 1`,
		"unknown nested": `"AnalyticsConfiguration": {"` + big + `": 1}`,
	} {
		var before, after runtime.MemStats
		runtime.ReadMemStats(&before)
		fs := lintCtx(t, model.OpCreate, members, nil)
		runtime.ReadMemStats(&after)
		if len(fs) == 0 {
			t.Errorf("%s: no finding", name)
		}
		if alloc := after.TotalAlloc - before.TotalAlloc; alloc > 40<<20 {
			t.Errorf("%s: %d MiB allocated for a 2 MiB value", name, alloc>>20)
		}
		for _, f := range fs {
			if len(f.Message) > 1000 || len(f.Hint) > 1000 {
				t.Errorf("%s: %s: a message of %d bytes, a hint of %d", name, f.Rule, len(f.Message), len(f.Hint))
			}
		}
	}
}
