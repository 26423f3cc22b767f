package policy

import (
	"context"
	"os"
	"testing"

	"github.com/cognitolint/cognitolint/input"
)

const benchPayload = "../testdata/policy/bench/update-2k.json"

// BenchmarkLoadBaseline measures what a process pays once: parsing and
// compiling the baseline pack and preparing its query.
func BenchmarkLoadBaseline(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		e, err := Load(Options{})
		if err != nil {
			b.Fatal(err)
		}
		if err := e.Prepare(nil); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkEvalBaseline evaluates the baseline pack on one ~2 KB payload
// that was already read (input conversion included).
func BenchmarkEvalBaseline(b *testing.B) {
	src, err := os.ReadFile(benchPayload)
	if err != nil {
		b.Fatal(err)
	}
	e := load(b, Options{})
	d := input.Read("bench.json", src, input.Options{}).Docs[0]
	ctx := context.Background()
	b.SetBytes(int64(len(src)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := e.Eval(ctx, d, nil); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkEvalBaselineParallel is BenchmarkEvalBaseline from every CPU
// at once on one shared Engine.
func BenchmarkEvalBaselineParallel(b *testing.B) {
	src, err := os.ReadFile(benchPayload)
	if err != nil {
		b.Fatal(err)
	}
	e := load(b, Options{})
	d := input.Read("bench.json", src, input.Options{}).Docs[0]
	b.ReportAllocs()
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			if _, err := e.Eval(context.Background(), d, nil); err != nil {
				b.Error(err)
				return
			}
		}
	})
}

// BenchmarkEvalBaselineRule evaluates each baseline rule alone on the
// payload of BenchmarkEvalBaseline, to show which rules cost most.
// "overhead" is one trivial user rule: the fixed cost of an evaluation
// (input conversion, query set-up, result mapping).
func BenchmarkEvalBaselineRule(b *testing.B) {
	src, err := os.ReadFile(benchPayload)
	if err != nil {
		b.Fatal(err)
	}
	d := input.Read("bench.json", src, input.Options{}).Docs[0]
	ctx := context.Background()
	run := func(b *testing.B, e *Engine) {
		b.ReportAllocs()
		for b.Loop() {
			if _, err := e.Eval(ctx, d, nil); err != nil {
				b.Fatal(err)
			}
		}
	}
	b.Run("overhead", func(b *testing.B) {
		e := load(b, Options{NoBaseline: true, Modules: map[string]string{"t.rego": "package t\nwarn_x contains \"x\" if input.ClientName == \"none\"\n"}})
		if err := e.Prepare(nil); err != nil {
			b.Fatal(err)
		}
		run(b, e)
	})
	for _, r := range load(b, Options{}).Rules() {
		b.Run(r.ID, func(b *testing.B) {
			e := load(b, Options{})
			if err := e.Prepare(func(id string) bool { return id != r.ID }); err != nil {
				b.Fatal(err)
			}
			run(b, e)
		})
	}
}
