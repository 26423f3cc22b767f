package policy

import (
	"encoding/json"
	"strings"
	"testing"
)

// FuzzDecodeData feeds arbitrary bytes to the --data reader as JSON and as
// YAML: an error names the file, and nothing panics.
func FuzzDecodeData(f *testing.F) {
	f.Add([]byte(`{"allowed_hosts": ["a.example"], "limits": {"days": 7}}`))
	f.Add([]byte("allowed_hosts:\n  - a.example\nwhen: 2024-01-02\n"))
	f.Add([]byte("{1: 2}"))
	f.Fuzz(func(t *testing.T, b []byte) {
		for _, name := range []string{"d.json", "d.yaml"} {
			if _, err := decodeData(name, b); err != nil && !strings.Contains(err.Error(), name) {
				t.Errorf("error %q does not name %s", err, name)
			}
		}
	})
}

// FuzzMemberPath reads arbitrary result paths: a path it accepts maps back
// through docPath unchanged when no list lost items.
func FuzzMemberPath(f *testing.F) {
	for _, s := range []string{"CallbackURLs[2]", "/TokenValidityUnits/AccessToken", "input.A.B[0]", `["CallbackURLs", 1]`, `[1, "x"]`} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		var v any = s
		if strings.HasPrefix(s, "[") {
			dec := json.NewDecoder(strings.NewReader(s))
			dec.UseNumber()
			if dec.Decode(&v) != nil {
				return
			}
		}
		p, ok := memberPath(v)
		if !ok {
			return
		}
		c := converter{remap: map[string][]int{"X": {1, 2}}}
		if got := c.docPath(p); !strings.Contains(p, "X[") && got != p {
			t.Errorf("docPath(%q) = %q", p, got)
		}
	})
}
