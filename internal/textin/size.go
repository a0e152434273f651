package textin

import (
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"strconv"
	"strings"
)

// Cap returns a reader of r, an input, that fails with a *SizeError once
// it passes limit bytes.
func Cap(r io.Reader, limit int64) io.Reader {
	c := &capped{r: io.LimitReader(r, limit+1), limit: limit}
	if f, ok := r.(*os.File); ok {
		if info, err := f.Stat(); err == nil && info.Mode().IsRegular() {
			c.size = info.Size()
		}
	}
	return c
}

type capped struct {
	r     io.Reader
	limit int64
	size  int64 // of a file, or 0
	read  int64
}

func (c *capped) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	if c.read += int64(n); c.read > c.limit {
		return 0, &SizeError{Limit: c.limit, Size: c.size}
	}
	return n, err
}

// A SizeError is the error of an input larger than a limit allows.
type SizeError struct {
	Limit int64
	Size  int64 // the input's, where known
}

// Enough returns a limit that lets the input through: its size rounded up
// to a whole unit, or, where its size is not known, twice the limit.
func (e *SizeError) Enough() int64 {
	if e.Size <= e.Limit {
		return 2 * e.Limit
	}
	for _, shift := range []int{30, 20, 10} {
		if unit := int64(1) << shift; e.Size >= unit {
			return (e.Size + unit - 1) / unit * unit
		}
	}
	return e.Size
}

func (e *SizeError) Error() string {
	return fmt.Sprintf("the input is larger than -max-input %s allows", SizeText(e.Limit))
}

// ParseSize reads a size in bytes, as in 1048576, 512K, 500M or 2G, each
// unit 1024 of the one before.
func ParseSize(s string) (int64, error) {
	s = strings.ToUpper(strings.TrimSpace(s))
	shift := 0
	for i, unit := range []string{"K", "M", "G", "T"} {
		if rest, ok := strings.CutSuffix(strings.TrimSuffix(s, "B"), unit); ok {
			s, shift = rest, 10*(i+1)
			break
		}
	}
	n, err := strconv.ParseInt(strings.TrimSpace(s), 10, 64)
	if err != nil || n <= 0 || n > math.MaxInt64>>shift>>1 {
		return 0, errors.New("not a size")
	}
	return n << shift, nil
}

// SizeText writes a size in bytes as ParseSize reads it, with its largest
// whole unit, as in 1G.
func SizeText(n int64) string {
	for _, u := range []struct {
		unit  string
		shift int
	}{{"T", 40}, {"G", 30}, {"M", 20}, {"K", 10}} {
		if n >= 1<<u.shift && n%(1<<u.shift) == 0 {
			return fmt.Sprintf("%d%s", n>>u.shift, u.unit)
		}
	}
	return strconv.FormatInt(n, 10)
}
