//go:build !race

package exact

// raceEnabled reports whether the race detector runs, which makes
// sync.Pool drop a share of what it is given and changes allocations.
const raceEnabled = false
