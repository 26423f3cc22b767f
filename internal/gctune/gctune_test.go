package gctune

import (
	"runtime"
	"runtime/debug"
	"runtime/metrics"
	"testing"
)

func TestPercent(t *testing.T) {
	const mib = 1 << 20
	for _, tc := range []struct {
		live, roots, floor uint64
		want               int
	}{
		{0, 0, 12 * mib, 100},                 // nothing measured yet: the default
		{4 * mib, 0, 12 * mib, 200},           // grow to the floor: 8 MiB over 4
		{3 * mib, 0, 12 * mib, 300},           // 9 over 3
		{2 * mib, 3 * mib / 2, 12 * mib, 285}, // the roots count: 10 over 3.5
		{6 * mib, 0, 12 * mib, 100},           // the floor is twice the live heap: the default
		{64 * mib, 0, 12 * mib, 100},          // a large file: the default pace, not slower
		{128 * mib, 0, 12 * mib, 50},          // larger: the heap grows by 64 MiB
		{512 * mib, 0, 12 * mib, 25},          // and by a quarter past 256 MiB
		{4096 * mib, 0, 12 * mib, 25},
		{mib / 2, 0, 12 * mib, 300},  // capped: the runtime's minimum heap, 4 MiB * 3, is the floor
		{mib / 2, 0, 40 * mib, 500},  // capped at 500
		{11 * mib, 0, 12 * mib, 100}, // never faster than the default
		{1, 0, 12 * mib, 300},        // one byte live
	} {
		if got := Percent(tc.live, tc.roots, tc.floor); got != tc.want {
			t.Errorf("Percent(%d, %d, %d) = %d, want %d", tc.live, tc.roots, tc.floor, got, tc.want)
		}
	}
}

func gogc(t *testing.T) int {
	t.Helper()
	s := []metrics.Sample{{Name: "/gc/gogc:percent"}}
	metrics.Read(s)
	return int(s[0].Value.Uint64())
}

// TestTunerFollowsTheLiveHeap: after a collection with a small live heap the
// pace is slower than the default; with a live heap over the floor it is
// the default; Stop restores the pace found.
func TestTunerFollowsTheLiveHeap(t *testing.T) {
	t.Setenv("GOGC", "") // set: Start must leave the pace alone
	if Start(Default) != nil {
		t.Fatal("Start with GOGC set in the environment returned a tuner")
	}
	unsetenv(t, "GOGC")
	before := debug.SetGCPercent(100)
	defer debug.SetGCPercent(before)

	tu := Start(8 << 20)
	if tu == nil {
		t.Fatal("Start returned nil with GOGC unset")
	}
	defer tu.Stop()
	settle := func() {
		// The finalizer runs after the collection, on its own goroutine:
		// collect until it has (each run re-arms it).
		for range 5 {
			runtime.GC()
			runtime.Gosched()
		}
	}
	settle()
	if got := gogc(t); got <= 100 {
		t.Errorf("small live heap: GOGC %d, want over 100", got)
	}
	big := make([][]byte, 32)
	for i := range big {
		big[i] = make([]byte, 1<<20) // 32 MiB live, over the floor
	}
	settle()
	if got := gogc(t); got != 100 {
		t.Errorf("live heap over the floor: GOGC %d, want 100", got)
	}
	runtime.KeepAlive(big)
	tu.Stop()
	if got := gogc(t); got != 100 {
		t.Errorf("after Stop: GOGC %d, want the 100 found", got)
	}
}
