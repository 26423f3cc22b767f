package validate

import (
	"context"
	"os"
	"testing"
)

// BenchmarkLintWithBaseline lints one ~2 KB UpdateUserPoolClient payload
// from bytes: reading, the built-in rules and the baseline policy pack.
func BenchmarkLintWithBaseline(b *testing.B) {
	benchLint(b, "../testdata/policy/bench/update-2k.json", Options{})
}

// BenchmarkLintNoBaseline is the same lint without the policy layer, to
// show what the baseline pack costs.
func BenchmarkLintNoBaseline(b *testing.B) {
	benchLint(b, "../testdata/policy/bench/update-2k.json", Options{NoBaseline: true})
}

// benchLint lints the payload in file with a Linter of opts.
func benchLint(b *testing.B, file string, opts Options) {
	src, err := os.ReadFile(file)
	if err != nil {
		b.Fatal(err)
	}
	l, err := New(opts)
	if err != nil {
		b.Fatal(err)
	}
	ctx := context.Background()
	b.SetBytes(int64(len(src)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := l.Lint(ctx, "bench.json", src); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkNewWithBaseline is what a process pays once to build a Linter
// with the baseline pack (compile included).
func BenchmarkNewWithBaseline(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		if _, err := New(Options{}); err != nil {
			b.Fatal(err)
		}
	}
}
