package exact

// Scratch space for the engine: on the stack for short portfolios, from a
// pool for long ones. A reader of the rule can skip this file.

import "sync"

// stackCustomers is the most customers for which NewPortfolio keeps its
// scratch space on the stack, and stackKeys the most key customers for
// which Allocate and Plan do. Portfolios of a few hundred customers, the
// common case, then allocate little beyond their results. Go clears such
// space on every call, so it is no larger than that case needs.
const (
	stackCustomers = 1024
	stackKeys      = 256
)

// tinyKeys is the most key customers for which Allocate and Plan use
// smaller scratch space on the stack, which costs less to clear.
const tinyKeys = 8

// A scratchPool holds scratch slices for portfolios too long for the
// stack. A program that plans many such portfolios then reuses the slices
// one call has given back, rather than have each call allocate and clear
// its own: long portfolios allocate little beyond their results too, and
// the garbage collector runs less often. A slice from the pool is not
// cleared: callers write every element they read.
type scratchPool[T any] struct {
	pool sync.Pool // of *[]T
}

var (
	uint64Scratch    scratchPool[uint64]
	remainderScratch scratchPool[remainder]
)

// get returns buf[:n], scratch space on the caller's stack, where buf is
// long enough, and nil. Otherwise it returns a slice of length n from the
// pool, or a new one, and a handle to give it back with put. Its elements
// may hold anything.
//
// The handle never refers to buf, so buf stays on the caller's stack.
func (sp *scratchPool[T]) get(buf []T, n int) ([]T, *[]T) {
	if n <= len(buf) {
		return buf[:n], nil
	}
	h, _ := sp.pool.Get().(*[]T)
	if h == nil || cap(*h) < n {
		// A pooled slice too short for n is dropped, and this longer
		// one takes its place when it is given back.
		h = new([]T)
		*h = make([]T, n)
	}
	*h = (*h)[:n]
	return *h, h
}

// put gives back the slice of a handle from get, if any; the caller must
// not use that slice afterwards. A slice longer than maxPooled is left to
// the collector: the pool would hold it through two collections, at the
// time memory peaks, and a portfolio that long costs far more than its
// allocation.
func (sp *scratchPool[T]) put(h *[]T) {
	if h != nil && cap(*h) <= maxPooled {
		sp.pool.Put(h)
	}
}

// maxPooled is the longest slice a scratchPool keeps.
const maxPooled = 1 << 16
