package validate

import (
	"context"
	"os"
	"testing"
)

// BenchmarkLintBytes: one ~2 KB Update payload from bytes to a report
// with positions (built-in rules only).
func BenchmarkLintBytes(b *testing.B) {
	src, err := os.ReadFile("../testdata/bench/update-2k.json")
	if err != nil {
		b.Fatal(err)
	}
	l, err := New(Options{NoBaseline: true})
	if err != nil {
		b.Fatal(err)
	}
	ctx := context.Background()
	b.SetBytes(int64(len(src)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := l.Lint(ctx, "update-2k.json", src); err != nil {
			b.Fatal(err)
		}
	}
}
