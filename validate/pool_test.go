package validate

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"runtime"
	"slices"
	"sync/atomic"
	"testing"
	"time"

	"github.com/cognitolint/cognitolint/finding"
)

// TestPoolKeepsOrder: outcomes reach deliver in the order the units were
// emitted, whatever order the workers finish in, with at most the window
// of units in flight; the first error stops the pool and no goroutine is
// left behind.
func TestPoolKeepsOrder(t *testing.T) {
	const n = 300
	enumerate := func(emit func(unit) error) error {
		for i := range n {
			if err := emit(unit{name: fmt.Sprint(i)}); err != nil {
				return err
			}
		}
		return nil
	}
	var inFlight, maxInFlight atomic.Int64
	run := func(_ context.Context, u unit) outcome {
		if k := inFlight.Add(1); k > maxInFlight.Load() {
			maxInFlight.Store(k)
		}
		time.Sleep(time.Duration(rand.IntN(200)) * time.Microsecond)
		return outcome{rep: &Report{Files: 1, Targets: []finding.Target{{File: u.name}}}}
	}
	before := runtime.NumGoroutine()
	for _, jobs := range []int{2, 3, 8} {
		var got []string
		err := pool(context.Background(), jobs, enumerate, run, func(u unit, o outcome) error {
			inFlight.Add(-1)
			got = append(got, o.rep.Targets[0].File)
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		want := make([]string, n)
		for i := range want {
			want[i] = fmt.Sprint(i)
		}
		if !slices.Equal(got, want) {
			t.Errorf("jobs %d: delivered out of order: %v", jobs, got[:20])
		}
		if m := maxInFlight.Load(); m > int64(jobs*windowPerJob+jobs+1) {
			t.Errorf("jobs %d: %d units in flight, window %d", jobs, m, jobs*windowPerJob)
		}
		maxInFlight.Store(0)
	}

	// An error of deliver stops the pool: no unit after it is delivered.
	stop := errors.New("stop")
	delivered := 0
	err := pool(context.Background(), 2, enumerate, run, func(u unit, o outcome) error {
		delivered++
		if u.name == "10" {
			return stop
		}
		return nil
	})
	if !errors.Is(err, stop) || delivered != 11 {
		t.Errorf("error %v after %d deliveries, want stop after 11", err, delivered)
	}
	// An error of the walk comes after the units emitted before it.
	walkErr := errors.New("walk")
	delivered = 0
	err = pool(context.Background(), 2, func(emit func(unit) error) error {
		for i := range 5 {
			if err := emit(unit{name: fmt.Sprint(i)}); err != nil {
				return err
			}
		}
		return walkErr
	}, run, func(unit, outcome) error { delivered++; return nil })
	if !errors.Is(err, walkErr) || delivered != 5 {
		t.Errorf("walk error %v after %d deliveries, want it after 5", err, delivered)
	}
	// A cancelled context stops it too.
	ctx, cancel := context.WithCancel(context.Background())
	delivered = 0
	err = pool(ctx, 2, enumerate, run, func(unit, outcome) error {
		delivered++
		if delivered == 3 {
			cancel()
		}
		return nil
	})
	if !errors.Is(err, context.Canceled) || delivered >= n {
		t.Errorf("cancelled: %v after %d deliveries", err, delivered)
	}
	time.Sleep(10 * time.Millisecond)
	if after := runtime.NumGoroutine(); after > before {
		t.Errorf("%d goroutines before, %d after: the pool leaks", before, after)
	}
}
