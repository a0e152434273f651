package main

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"fmt"
	"io"
	"math/rand/v2"
	"strconv"
	"strings"
	"testing"

	"github.com/shopspring/decimal"

	"github.com/salestime/salestime"
	"github.com/salestime/salestime/internal/exact"
)

// TestCSVRowsAsEncodingCSV writes random rows, of cells with delimiters,
// quotes, line breaks, spaces of every kind and \., with the renderer's
// rows and with encoding/csv alone, and checks that the bytes are the
// same, with a comma and with a semicolon.
func TestCSVRowsAsEncodingCSV(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	parts := []string{"a", "1", ",", ";", `"`, "\n", "\r", " ", "\t", "\u00a0", "\u2028", "é", `\.`, "-", "="}
	for _, comma := range []rune{',', ';'} {
		var got, want bytes.Buffer
		out := bufio.NewWriter(&got)
		c := &csvRenderer{out: out, w: csv.NewWriter(out)}
		c.w.Comma = comma
		ref := csv.NewWriter(&want)
		ref.Comma = comma
		for range 5000 {
			record := make([]string, 1+r.IntN(4))
			for i := range record {
				var b strings.Builder
				for range r.IntN(4) {
					b.WriteString(parts[r.IntN(len(parts))])
				}
				record[i] = b.String()
			}
			for _, s := range record {
				c.cell(s)
			}
			c.endRow()
			if err := ref.Write(record); err != nil {
				t.Fatal(err)
			}
		}
		c.w.Flush()
		ref.Flush()
		if err := out.Flush(); err != nil {
			t.Fatal(err)
		}
		if got.String() != want.String() {
			g, w := strings.Split(got.String(), "\n"), strings.Split(want.String(), "\n")
			for i := range min(len(g), len(w)) {
				if g[i] != w[i] {
					t.Fatalf("delimiter %q, line %d: %q, encoding/csv writes %q", comma, i+1, g[i], w[i])
				}
			}
			t.Fatalf("delimiter %q: %d lines, encoding/csv writes %d", comma, len(g), len(w))
		}
	}
}

// BenchmarkCSVPlanRows writes the rows of a plan of 100,000 key customers
// with the renderer, and as it wrote them before: each number made a
// string and the row written by encoding/csv.
func BenchmarkCSVPlanRows(b *testing.B) {
	var in strings.Builder
	in.WriteString("name,revenue\n")
	for i := range 100_000 {
		fmt.Fprintf(&in, "account-%d,%d.%02d\n", i, 1000+i*37%100000, i%100)
	}
	acc, err := salestime.ReadAccounts(salestime.CSVRows(strings.NewReader(in.String())), salestime.ReadOptions{})
	if err != nil {
		b.Fatal(err)
	}
	team := salestime.Team{Key: salestime.TopN(100_000), Budget: decimal.NewFromInt(1600), Step: decimal.NewFromInt(1)}
	var g salestime.Group
	for group, err := range team.Plans(acc) {
		if err != nil {
			b.Fatal(err)
		}
		g = group
	}
	b.Run("impl=rows", func(b *testing.B) {
		for b.Loop() {
			out := bufio.NewWriter(io.Discard)
			c := &csvRenderer{out: out, w: csv.NewWriter(out), point: '.'}
			if err := c.group(&g); err != nil {
				b.Fatal(err)
			}
			_ = out.Flush()
		}
	})
	b.Run("impl=encoding-csv", func(b *testing.B) {
		for b.Loop() {
			w := csv.NewWriter(io.Discard)
			plain := func(d decimal.Decimal) string { return string(exact.AppendFixed(nil, d, max(-d.Exponent(), 0))) }
			a, p := g.Allocation, g.Plan
			record := make([]string, 9)
			for i, l := range a.Lines {
				record = append(record[:0], "key", strconv.Itoa(i+1), safeCell(l.Customer.Name), plain(l.Customer.Revenue), strconv.FormatBool(l.Customer.New),
					l.Rule.Name(), plain(l.RevenueShare), plain(l.TimeShare), plain(p.Lines[i].Amount))
				_ = w.Write(record)
			}
			w.Flush()
		}
	})
}
