package validate

import (
	"context"
	"runtime"
	"sync"
)

// jobs is how many files are linted at once: Options.Jobs, or GOMAXPROCS.
func (l *Linter) jobs() int {
	if l.opts.Jobs > 0 {
		return l.opts.Jobs
	}
	return runtime.GOMAXPROCS(0)
}

// windowPerJob bounds the files linted ahead of the one to hand over next:
// enough that a slow file does not idle the other workers, few enough that
// memory stays flat (each holds one file's report and text).
const windowPerJob = 8

// pool runs run on every unit enumerate emits with jobs workers, and hands
// the outcomes to deliver in the order the units were emitted, as a
// sequential loop would, one call at a time. At most jobs*windowPerJob
// units are emitted and not yet delivered: an outcome waits for those
// before it. The first error (of enumerate or deliver, or an outcome's)
// stops the pool and is returned once every goroutine has ended.
//
// Goroutines hand over as few times as they can, because on a busy machine
// (a CI runner, a laptop building) each wake-up of a parked goroutine waits
// for a core: the worker that finishes the next unit to hand over delivers
// it, and every finished unit after it, itself (no consumer goroutine to
// wake per file); the caller, which enumerates, is woken when half of the
// window is free, not at every unit.
func pool(ctx context.Context, jobs int, enumerate func(emit func(unit) error) error,
	run func(context.Context, unit) outcome, deliver func(unit, outcome) error) error {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	window := jobs * windowPerJob
	type slot struct {
		seq int
		u   unit
		o   outcome
	}
	var (
		mu       sync.Mutex
		more     = sync.NewCond(&mu) // the window has room again, or err is set
		finished = map[int]*slot{}   // run, waiting for their turn
		next     int                 // seq of the next slot to deliver
		inFlight int                 // emitted, not delivered
		err      error               // the first error
		handing  sync.Mutex          // held by the goroutine delivering
	)
	// handOver delivers the finished slots in order, if no other goroutine
	// is doing it.
	handOver := func() {
		for handing.TryLock() {
			for {
				mu.Lock()
				s, ok := finished[next]
				delete(finished, next)
				failed := err != nil
				mu.Unlock()
				if !ok {
					break
				}
				e := s.o.err
				if e == nil && !failed {
					e = deliver(s.u, s.o)
				}
				mu.Lock()
				next++
				inFlight--
				if e != nil && err == nil {
					err = e
					cancel()
				}
				if inFlight <= window/2 || err != nil {
					more.Broadcast()
				}
				mu.Unlock()
			}
			handing.Unlock()
			// A slot may have finished after the last look and before the
			// unlock, its worker finding the lock taken: look again.
			mu.Lock()
			_, ok := finished[next]
			mu.Unlock()
			if !ok {
				return
			}
		}
	}
	finish := func(s *slot) {
		mu.Lock()
		finished[s.seq] = s
		mu.Unlock()
		handOver()
	}
	// work never blocks a send: it holds the whole window.
	work := make(chan *slot, window)
	var wg sync.WaitGroup
	for range jobs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for s := range work {
				if e := ctx.Err(); e != nil {
					s.o = outcome{err: e}
				} else {
					s.o = run(ctx, s.u)
				}
				finish(s)
			}
		}()
	}
	seq := 0
	walkErr := enumerate(func(u unit) error {
		mu.Lock()
		for inFlight >= window && err == nil {
			more.Wait()
		}
		if e := err; e != nil {
			mu.Unlock()
			return e
		}
		inFlight++
		mu.Unlock()
		work <- &slot{seq: seq, u: u}
		seq++
		return nil
	})
	close(work)
	if walkErr != nil {
		// An error of the walk comes after the units emitted before it.
		mu.Lock()
		own := err != nil
		if !own {
			inFlight++
		}
		mu.Unlock()
		if !own {
			finish(&slot{seq: seq, o: outcome{err: walkErr}})
		}
	}
	wg.Wait()
	handOver()
	mu.Lock()
	defer mu.Unlock()
	if err == nil {
		err = ctx.Err() // the caller's context ended
	}
	return err
}
