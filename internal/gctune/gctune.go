// Package gctune sets the garbage collector's pace for the command line
// tool, as bytedance's gctuner and Uber's GC tuning do: while the live heap
// is small, the collector waits until the heap reaches a floor before it
// runs; once the live heap is large, it runs at the default pace (GOGC=100),
// and faster still past 64 MiB: the heap may then grow by 64 MiB or a
// quarter of the live heap, whichever is more, not by the whole live heap.
//
// A lint of many small files keeps a live heap of 2 to 3 MiB and allocates
// a little per file: at the default pace the collector ran every 2 to 4
// MiB allocated, about 27 times for 1,000 files, and took a third of the
// CPU time. With a floor of a few MiB it runs a few times, and the peak
// memory grows by that floor only. A lint of one large file, whose live
// heap is over the floor, is paced as before, so its peak memory (a
// multiple of the file's size) is not multiplied again.
package gctune

import (
	"os"
	"runtime"
	"runtime/debug"
	"runtime/metrics"
	"sync"
)

// Default is the heap size under which the collector does not run, in
// bytes: what cognitolint's command sets. The floor trades memory for
// speed, with --jobs 2 most: on 10,000 files a 12 MiB floor peaked at 38
// MiB and --jobs 2 ran 1.46x faster than --jobs 1; 16 MiB, 43 MiB and
// 1.60x; 20 MiB, 46 MiB and 1.64x, too close to the 48 MiB bound.
const Default = 16 << 20

const (
	basePercent = 100 // the default pace, GOGC=100
	maxPercent  = 500 // the pace is never slower than GOGC=500
)

// Percent is the GOGC value that lets a heap whose live part is live bytes
// grow to floor bytes before the next collection, and no less than
// GOGC=100's growth: the runtime's goal is live + (live + roots) * GOGC/100,
// roots being the bytes of goroutine stacks and globals it scans, so the
// value is (floor - live) * 100 / (live + roots), within [100, 500] and
// no more than what keeps the runtime's minimum heap within the floor.
func Percent(live, roots, floor uint64) int {
	if live > bigHeap {
		// A large file: a tree of millions of values. Doubling its live
		// heap before each collection doubled the peak memory.
		return int(max(bigHeap*100/live, minPercent))
	}
	if live == 0 || floor <= live {
		return basePercent
	}
	p := (floor - live) * 100 / (live + roots)
	// The runtime's goal is never under its minimum heap, 4 MiB scaled by
	// GOGC: a larger value would let a small heap grow past the floor
	// (GOGC=500 let the heap of the policy compile reach 20 MiB).
	p = min(p, floor*100/heapMinimum, maxPercent)
	return int(max(p, basePercent))
}

// bigHeap is the live heap past which the heap may grow by bigHeap, or
// by minPercent of the live heap, before the next collection.
const (
	bigHeap    = 64 << 20
	minPercent = 25
)

// heapMinimum is the runtime's smallest heap goal at GOGC=100.
const heapMinimum = 4 << 20

// Tuner adjusts the pace after each collection until Stop.
type Tuner struct {
	floor   uint64
	mu      sync.Mutex
	stopped bool
	old     int // the GOGC value before Start
	sample  []metrics.Sample
}

// Start sets the pace for a heap floor of floor bytes, and adjusts it after
// every collection. It does nothing and returns nil when the environment
// sets GOGC: the user's choice stands. Stop ends it and restores the pace
// it found.
func Start(floor uint64) *Tuner {
	if _, set := os.LookupEnv("GOGC"); set || floor == 0 {
		return nil
	}
	t := &Tuner{floor: floor, sample: []metrics.Sample{
		{Name: "/gc/heap/live:bytes"},
		{Name: "/gc/scan/globals:bytes"},
		{Name: "/gc/scan/stack:bytes"},
	}}
	t.old = debug.SetGCPercent(t.percent())
	t.arm()
	return t
}

// Stop restores the pace Start found. A nil Tuner's Stop does nothing.
func (t *Tuner) Stop() {
	if t == nil {
		return
	}
	t.mu.Lock()
	defer t.mu.Unlock()
	if !t.stopped {
		t.stopped = true
		debug.SetGCPercent(t.old)
	}
}

// percent is Percent of the live heap and roots the last collection found
// (the default before the first).
func (t *Tuner) percent() int {
	metrics.Read(t.sample)
	var v [3]uint64
	for i, s := range t.sample {
		if s.Value.Kind() != metrics.KindUint64 {
			return basePercent // a runtime without the metric
		}
		v[i] = s.Value.Uint64()
	}
	return Percent(v[0], v[1]+v[2], t.floor)
}

// sentinel is an object whose finalizer runs after the collection that
// finds it unreachable: once per cycle, since each run arms the next. Its
// size keeps it out of the tiny allocator, whose blocks may never be freed
// alone.
type sentinel struct{ _ [16]byte }

func (t *Tuner) arm() {
	runtime.SetFinalizer(&sentinel{}, func(*sentinel) { t.tune() })
}

func (t *Tuner) tune() {
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.stopped {
		return
	}
	debug.SetGCPercent(t.percent())
	t.arm()
}
