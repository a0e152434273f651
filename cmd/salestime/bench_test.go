package main

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"math"
	"math/bits"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"
)

// floorEnv names the file that the test binary reads as the floor program
// when it is set.
const floorEnv = "SALESTIME_FLOOR"

// floor is the least a program must do with an export of accounts,
// exactly: read it, split each line at its commas (the files of these
// benchmarks quote nothing), parse each revenue as a whole number of
// cents, sort the rows by revenue with a radix sort, and write a line for
// each, its name and its revenue. It reads the file whole and keeps each
// name where it is in it. BenchmarkFloor measures the command against it.
func floor(path string) error {
	data, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	header, data, _ := bytes.Cut(data, []byte("\n"))
	nameAt, revenueAt := -1, -1
	for i, h := range strings.Split(string(header), ",") {
		switch h {
		case "name":
			nameAt = i
		case "revenue":
			revenueAt = i
		}
	}
	rows := bytes.Count(data, []byte("\n"))
	names := make([]uint64, 0, rows) // where each name starts in data, and its length
	cents := make([]uint64, 0, rows) // each row's revenue in cents
	at := 0
	for line := 2; at < len(data); line++ {
		end := at + bytes.IndexByte(data[at:], '\n')
		if end < at {
			end = len(data)
		}
		var name, revenue []byte
		var nameStart int
		for i, start := 0, at; start <= end; i++ {
			j := start + bytes.IndexByte(data[start:end], ',')
			if j < start {
				j = end
			}
			switch i {
			case nameAt:
				name, nameStart = data[start:j], start
			case revenueAt:
				revenue = data[start:j]
			}
			start = j + 1
		}
		var c uint64
		places := -1
		for _, ch := range revenue {
			switch {
			case ch >= '0' && ch <= '9':
				c = c*10 + uint64(ch-'0')
				if places >= 0 {
					places++
				}
			case ch == '.' && places < 0:
				places = 0
			default:
				return fmt.Errorf("line %d: %q is not a revenue", line, revenue)
			}
		}
		for ; places < 2; places++ {
			c *= 10
		}
		names = append(names, uint64(nameStart)<<32|uint64(len(name)))
		cents = append(cents, c)
		at = end + 1
	}
	// Largest revenue first: a radix sort, 16 bits a pass, of each row's
	// revenue below the largest, with the row's index below it.
	shift := uint(bits.Len(uint(len(cents))))
	var largest uint64
	for _, c := range cents {
		largest = max(largest, c)
	}
	keys, next := make([]uint64, len(cents)), make([]uint64, len(cents))
	for i, c := range cents {
		keys[i] = (largest-c)<<shift | uint64(i)
	}
	for pass := shift; pass < shift+uint(bits.Len64(largest)); pass += 16 {
		var count [1<<16 + 1]int
		for _, k := range keys {
			count[(k>>pass)&0xffff+1]++
		}
		for k := 1; k < len(count); k++ {
			count[k] += count[k-1]
		}
		for _, k := range keys {
			d := (k >> pass) & 0xffff
			next[count[d]] = k
			count[d]++
		}
		keys, next = next, keys
	}
	mask := uint64(1)<<shift - 1
	w := bufio.NewWriterSize(os.Stdout, 1<<16)
	for _, k := range keys {
		i := k & mask
		start, n := names[i]>>32, names[i]&0xffffffff
		_, _ = w.Write(data[start : start+n])
		b := append(w.AvailableBuffer(), ',')
		b = strconv.AppendUint(b, cents[i]/100, 10)
		b = append(b, '.', byte('0'+cents[i]%100/10), byte('0'+cents[i]%10), '\n')
		_, _ = w.Write(b)
	}
	return w.Flush()
}

// writeExport writes n rows of accounts to a file in dir and returns its
// path and size: name, revenue and new, with revenues of two decimal places
// spread as a log-normal around 10,000.00; and with owners above 0, an
// owner column of that many owners, the accounts dealt out to them in turn.
func writeExport(b *testing.B, dir string, n, owners int) (string, int64) {
	b.Helper()
	path := filepath.Join(dir, fmt.Sprintf("export-%d-%d.csv", n, owners))
	f, err := os.Create(path)
	if err != nil {
		b.Fatal(err)
	}
	w := bufio.NewWriter(f) // keeps its first error for Flush
	r := rand.New(rand.NewPCG(1, 2))
	if owners > 0 {
		_, _ = fmt.Fprintln(w, "owner,name,revenue,new")
	} else {
		_, _ = fmt.Fprintln(w, "name,revenue,new")
	}
	for i := range n {
		cents := int64(math.Exp(math.Log(1e6) + 1.5*r.NormFloat64()))
		cents = max(1, min(cents, 1_000_000_000_00))
		isNew := ""
		if r.IntN(4) == 0 {
			isNew = "true"
		}
		if owners > 0 {
			_, _ = fmt.Fprintf(w, "owner-%d,", i%owners)
		}
		_, _ = fmt.Fprintf(w, "account-%d,%d.%02d,%s\n", i, cents/100, cents%100, isNew)
	}
	if err := w.Flush(); err != nil {
		b.Fatal(err)
	}
	if err := f.Close(); err != nil {
		b.Fatal(err)
	}
	info, err := os.Stat(path)
	if err != nil {
		b.Fatal(err)
	}
	return path, info.Size()
}

// BenchmarkRun runs the command on an export of a million accounts, in each
// output format, beside the floor program on the same file, each in a
// process of its own, and reports the peak memory of each process.
func BenchmarkRun(b *testing.B) {
	dir := b.TempDir()
	for _, file := range []struct {
		name   string
		owners int
	}{{"accounts", 0}, {"owners", 1_000_000}} {
		path, size := writeExport(b, dir, 1_000_000, file.owners)
		for _, impl := range []struct {
			name string
			args []string
		}{{"floor", nil}, {"text", nil}, {"csv", []string{"-format", "csv"}}, {"json", []string{"-format", "json"}}} {
			b.Run("file="+file.name+"/impl="+impl.name, func(b *testing.B) {
				peak := runEach(b, impl.name == "floor", path, impl.args...)
				b.ReportMetric(float64(peak)/(1<<20), "peak-MiB")
				b.ReportMetric(float64(peak)/float64(size), "peak/file")
			})
		}
	}
}

// runEach runs, once for each iteration of b, the command with args on the
// file at path, or the floor program on it, in a process of its own, and
// returns the largest peak resident memory of those processes, in bytes.
func runEach(b *testing.B, floor bool, path string, args ...string) int64 {
	b.Helper()
	var peak int64
	for b.Loop() {
		cmd := exec.Command(binary, append(args, path)...)
		if floor {
			cmd = exec.Command(os.Args[0])
			cmd.Env = append(os.Environ(), floorEnv+"="+path)
		}
		cmd.Stdout, cmd.Stderr = io.Discard, os.Stderr
		if err := cmd.Run(); err != nil {
			b.Fatal(err)
		}
		if u, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage); ok {
			peak = max(peak, u.Maxrss*1024) // Maxrss is in KiB on Linux
		}
	}
	return peak
}

// BenchmarkGrowth runs the command's text output and the floor program on
// exports of 100,000, 1,000,000 and 10,000,000 accounts, each in a process
// of its own, so that the growth of each from size to size can be set
// beside the floor's: ten times the rows should take about ten times the
// time. The 10,000,000-row file is about 250 MB.
func BenchmarkGrowth(b *testing.B) {
	dir := b.TempDir()
	for _, n := range []int{100_000, 1_000_000, 10_000_000} {
		path, size := writeExport(b, dir, n, 0)
		for _, impl := range []string{"floor", "text"} {
			b.Run(fmt.Sprintf("rows=%d/impl=%s", n, impl), func(b *testing.B) {
				peak := runEach(b, impl == "floor", path)
				b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(n), "ns/row")
				b.ReportMetric(float64(peak)/float64(size), "peak/file")
			})
		}
	}
}

// BenchmarkFloor runs, in each round, the floor program and the command's
// text, CSV and JSON on one file, each a process of its own, in an order
// that turns from round to round, so that the load of a shared machine
// falls on each alike; it reports the median of the rounds' ratios of
// each output's time to the floor's, the floor's median time, and each
// one's peak memory over the file's size. The files are a million
// accounts of one salesperson, of 500, and of a million owners of one
// account each:
//
//	go test -run='^$' -bench=Floor -benchtime=5x ./cmd/salestime
func BenchmarkFloor(b *testing.B) {
	dir := b.TempDir()
	impls := []struct {
		name string
		args []string
	}{{"floor", nil}, {"text", nil}, {"csv", []string{"-format", "csv"}}, {"json", []string{"-format", "json"}}}
	for _, file := range []struct {
		name   string
		owners int
	}{{"one", 0}, {"500", 500}, {"1000000", 1_000_000}} {
		path, size := writeExport(b, dir, 1_000_000, file.owners)
		b.Run("owners="+file.name, func(b *testing.B) {
			seconds := make([][]float64, len(impls))
			peaks := make([]int64, len(impls))
			round := 0
			for b.Loop() {
				for k := range impls {
					i := (k + round) % len(impls)
					cmd := exec.Command(binary, append(impls[i].args, path)...)
					if i == 0 {
						cmd = exec.Command(os.Args[0])
						cmd.Env = append(os.Environ(), floorEnv+"="+path)
					}
					cmd.Stdout, cmd.Stderr = io.Discard, os.Stderr
					start := time.Now()
					if err := cmd.Run(); err != nil {
						b.Fatal(err)
					}
					seconds[i] = append(seconds[i], time.Since(start).Seconds())
					if u, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage); ok {
						peaks[i] = max(peaks[i], u.Maxrss*1024) // Maxrss is in KiB on Linux
					}
				}
				round++
			}
			b.ReportMetric(median(seconds[0]), "floor-s")
			for i, impl := range impls {
				if i > 0 {
					ratios := make([]float64, len(seconds[i]))
					for r := range ratios {
						ratios[r] = seconds[i][r] / seconds[0][r]
					}
					b.ReportMetric(median(ratios), impl.name+"/floor")
				}
				b.ReportMetric(float64(peaks[i])/float64(size), impl.name+"-peak/file")
			}
		})
	}
}

// median returns the median of xs.
func median(xs []float64) float64 {
	xs = slices.Clone(xs)
	slices.Sort(xs)
	if n := len(xs); n%2 == 1 {
		return xs[n/2]
	}
	return (xs[len(xs)/2-1] + xs[len(xs)/2]) / 2
}
