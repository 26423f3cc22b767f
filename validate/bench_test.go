package validate

import "testing"

// BenchmarkLintBytes: one ~2 KB Update payload from bytes to a report
// with positions (built-in rules only).
func BenchmarkLintBytes(b *testing.B) {
	benchLint(b, "../testdata/bench/update-2k.json", Options{NoBaseline: true})
}
