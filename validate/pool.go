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

// windowPerJob bounds the files linted ahead of the one fn waits for:
// enough that a slow file does not idle the other workers, few enough that
// memory stays flat (each holds one file's report and text).
const windowPerJob = 8

// pool runs run on every unit enumerate emits with jobs workers, and hands
// the outcomes to deliver in the order the units were emitted, as a
// sequential loop would: a unit's outcome waits in a reorder window of at
// most jobs*windowPerJob units until those before it are delivered. The
// first error (of enumerate or deliver, or an outcome's) stops the pool
// and is returned once every goroutine has ended.
func pool(ctx context.Context, jobs int, enumerate func(emit func(unit) error) error,
	run func(context.Context, unit) outcome, deliver func(unit, outcome) error) error {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	type slot struct {
		u    unit
		done chan outcome // buffered: a worker never waits for the consumer
	}
	// order holds the slots in emit order; its capacity is the window.
	order := make(chan *slot, jobs*windowPerJob)
	work := make(chan *slot)
	var wg sync.WaitGroup
	for range jobs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for s := range work {
				if ctx.Err() != nil {
					s.done <- outcome{err: ctx.Err()}
					continue
				}
				s.done <- run(ctx, s.u)
			}
		}()
	}
	go func() {
		defer close(order)
		defer close(work)
		err := enumerate(func(u unit) error {
			s := &slot{u: u, done: make(chan outcome, 1)}
			select {
			case order <- s:
			case <-ctx.Done():
				return ctx.Err()
			}
			select {
			case work <- s:
			case <-ctx.Done():
				s.done <- outcome{err: ctx.Err()}
				return ctx.Err()
			}
			return nil
		})
		if err != nil && ctx.Err() == nil {
			// An error of the walk comes after the units emitted before it.
			s := &slot{done: make(chan outcome, 1)}
			s.done <- outcome{err: err}
			order <- s
		}
	}()
	var err error
	for s := range order {
		if err != nil {
			continue // drain, so that the producer ends
		}
		o := <-s.done
		if err = o.err; err == nil {
			err = deliver(s.u, o)
		}
		if err != nil {
			cancel()
		}
	}
	wg.Wait()
	if err == nil {
		err = ctx.Err() // the caller's context ended
	}
	return err
}
