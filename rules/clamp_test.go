package rules

import (
	"strings"
	"testing"

	"github.com/cognitolint/cognitolint/model"
)

// TestClampedNumbersQuotedAsWritten: an integer beyond int64 is reported
// by the range rule with its literal, never the clamped bound (issue 8,
// item 11).
func TestClampedNumbersQuotedAsWritten(t *testing.T) {
	for lit, want := range map[string]string{
		"9223372036854775808":   "AccessTokenValidity is 9223372036854775808;",
		"1e71":                  "AccessTokenValidity is 1e71;",
		"-99999999999999999999": "AccessTokenValidity is -99999999999999999999;",
		"-1e400":                "AccessTokenValidity is -1e400;",
	} {
		fs := lintCtx(t, model.OpCreate, `"AccessTokenValidity": `+lit, nil)
		found := false
		for _, f := range fs {
			if strings.Contains(f.Message, "922337203685477580") && !strings.Contains(lit, "922337203685477580") {
				t.Errorf("%s: clamped value in %q", lit, f.Message)
			}
			found = found || strings.Contains(f.Message, want)
		}
		if !found {
			t.Errorf("%s: no finding says %q: %v", lit, want, fs)
		}
	}
}
