package main

import (
	"bufio"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"math"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strconv"
	"syscall"
	"testing"
)

// floorEnv names the file that the test binary reads as the floor program
// when it is set.
const floorEnv = "SALESTIME_FLOOR"

// floor is the least a program must do with an export of accounts: read
// it with encoding/csv, parse each revenue as a float64 and sort them. It
// is the floor that BenchmarkRun measures the command against.
func floor(path string) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer func() { _ = f.Close() }() // read only
	cr := csv.NewReader(bufio.NewReader(f))
	cr.ReuseRecord = true
	header, err := cr.Read()
	if err != nil {
		return err
	}
	col := len(header) - 2 // the revenue, before the last column
	var revenues []float64
	for {
		record, err := cr.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return err
		}
		v, err := strconv.ParseFloat(record[col], 64)
		if err != nil {
			return err
		}
		revenues = append(revenues, v)
	}
	sort.Float64s(revenues)
	_, err = fmt.Println(len(revenues))
	return err
}

// writeExport writes n rows of accounts to a file in dir and returns its
// path and size: name, revenue and new, with revenues of two decimal places
// spread as a log-normal around 10,000.00; or, with owners, each account an
// owner of its own.
func writeExport(b *testing.B, dir string, n int, owners bool) (string, int64) {
	b.Helper()
	path := filepath.Join(dir, fmt.Sprintf("export-%d-%t.csv", n, owners))
	f, err := os.Create(path)
	if err != nil {
		b.Fatal(err)
	}
	w := bufio.NewWriter(f) // keeps its first error for Flush
	r := rand.New(rand.NewPCG(1, 2))
	if owners {
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
		if owners {
			_, _ = fmt.Fprintf(w, "owner-%d,", i)
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
		owners bool
	}{{"accounts", false}, {"owners", true}} {
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
		path, size := writeExport(b, dir, n, false)
		for _, impl := range []string{"floor", "text"} {
			b.Run(fmt.Sprintf("rows=%d/impl=%s", n, impl), func(b *testing.B) {
				peak := runEach(b, impl == "floor", path)
				b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(n), "ns/row")
				b.ReportMetric(float64(peak)/float64(size), "peak/file")
			})
		}
	}
}
