package validate

import (
	"context"
	"fmt"
	"runtime"
	"syscall"
	"testing"
	"time"

	"github.com/cognitolint/cognitolint/internal/hostile"
)

// The sizes the scaling test and the benchmarks compare: n and 10n.
const scaleN = 2000

// TestLintScalesLinearly lints every hostile generator's input at n and
// 10n and checks that the work grows about tenfold, not a hundredfold:
// allocations (counted exactly) and CPU time (of this process, the least
// of three runs, so that other processes on the machine do not count).
// A quadratic path makes the CPU ratio about 100; the bound is 35.
func TestLintScalesLinearly(t *testing.T) {
	if testing.Short() {
		t.Skip("lints inputs of 20,000 elements")
	}
	// The policy deadline is wall-clock time; this test measures CPU
	// time, and a machine shared with many others must not fail it.
	l := newLinter(t, Options{PolicyTimeout: 10 * time.Minute})
	for _, g := range hostile.Gens {
		t.Run(g.Name, func(t *testing.T) {
			small, large := g.Make(scaleN), g.Make(10*scaleN)
			cs, as := measure(t, l, g.File, small)
			cl, al := measure(t, l, g.File, large)
			cpuRatio := float64(cl) / float64(max(cs, time.Millisecond))
			allocRatio := float64(al) / float64(max(as, 1))
			t.Logf("%d→%d bytes: cpu %v→%v (×%.1f), allocs %d→%d (×%.1f)", len(small), len(large), cs, cl, cpuRatio, as, al, allocRatio)
			if allocRatio > 15 {
				t.Errorf("allocations grew ×%.1f for ×10 input: superlinear", allocRatio)
			}
			if cpuRatio > 35 {
				t.Errorf("CPU time grew ×%.1f for ×10 input: superlinear", cpuRatio)
			}
		})
	}
}

// measure lints src three times and returns the least CPU time and the
// allocations of one run.
func measure(t *testing.T, l *Linter, name string, src []byte) (time.Duration, uint64) {
	t.Helper()
	best := time.Duration(1 << 62)
	var allocs uint64
	for range 3 {
		var before, after runtime.MemStats
		runtime.GC()
		runtime.ReadMemStats(&before)
		c0 := cpuTime()
		_, err := l.Lint(context.Background(), name, src)
		c := cpuTime() - c0
		runtime.ReadMemStats(&after)
		if err != nil {
			t.Fatal(err)
		}
		best = min(best, c)
		allocs = after.Mallocs - before.Mallocs
	}
	return best, allocs
}

// cpuTime is the user and system CPU time of this process.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// BenchmarkHostile lints each hostile generator's input at n and 10n:
// compare the two ns/op (and allocs/op) of one generator.
func BenchmarkHostile(b *testing.B) {
	l := newLinter(b, Options{})
	for _, g := range hostile.Gens {
		for _, n := range []int{scaleN, 10 * scaleN} {
			src := g.Make(n)
			b.Run(fmt.Sprintf("%s/n=%d", g.Name, n), func(b *testing.B) {
				b.ReportAllocs()
				b.SetBytes(int64(len(src)))
				for b.Loop() {
					if _, err := l.Lint(context.Background(), g.File, src); err != nil {
						b.Fatal(err)
					}
				}
			})
		}
	}
}
