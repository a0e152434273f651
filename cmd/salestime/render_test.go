package main

import (
	"bytes"
	"cmp"
	"encoding/json"
	"io"
	"math/rand/v2"
	"os"
	"strings"
	"testing"

	gocmp "github.com/google/go-cmp/cmp"
	"github.com/shopspring/decimal"

	"github.com/salestime/salestime"
)

// The integer formatting of percentages and bars agrees with the decimal
// package's on the values plans and shares have, and on others.
func TestFormatting(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for range 100_000 {
		var d decimal.Decimal
		switch r.IntN(4) {
		case 0:
			d = decimal.New(r.Int64N(1_000_000_000_001), -12) // a share
		case 1:
			d = decimal.New(r.Int64N(1000), -int32(r.IntN(4))) // a small one
		case 2:
			d = decimal.New(r.Int64N(1_000_000_000)-500_000_000, -int32(r.IntN(19)))
		default:
			d = decimal.New(r.Int64(), -int32(r.IntN(25)))
		}
		if d.Sign() < 0 || d.GreaterThan(decimal.New(1, 0)) {
			continue
		}
		if got, want := percent(d), d.Shift(2).StringFixedBank(1)+"%"; got != want {
			t.Fatalf("percent(%v) = %s, want %s", d, got, want)
		}
		if got, want := eighths(d), int(d.Mul(decimal.New(8*barWidth, 0)).Round(0).IntPart()); got != want {
			t.Fatalf("eighths(%v) = %d, want %d", d, got, want)
		}
	}
}

// The command's JSON is the library's: each plan as its group writes it,
// and the team's summary, with names that JSON must escape, with and
// without the rest split.
func TestJSONMatchesLibrary(t *testing.T) {
	in := "owner,name,revenue,new,key\n" +
		"ann,\"Acme <&> \"\"Q\"\"\",1234.50,yes,\nann,Beta,7.25,,x\n\"b\u00f6b\",Ünïcödé,100,,\n\"c\u202ed\",Zed,0,,\n"
	for _, split := range []string{"", "0.4"} {
		acc, err := salestime.ReadAccounts(salestime.CSV(strings.NewReader(in)), salestime.ReadOptions{})
		if err != nil {
			t.Fatal(err)
		}
		team := salestime.Team{Key: salestime.TopN(1), Budget: decimal.NewFromInt(100), Step: decimal.RequireFromString("0.5"),
			Split: split != "", Prospecting: decimal.RequireFromString(cmp.Or(split, "0"))}
		var want []json.RawMessage
		var total salestime.Summary
		for g, err := range team.Plans(acc) {
			if err != nil {
				t.Fatal(err)
			}
			b, err := json.Marshal(g)
			if err != nil {
				t.Fatal(err)
			}
			want = append(want, b)
			total.Add(g)
		}
		wantTotal, err := json.Marshal(total)
		if err != nil {
			t.Fatal(err)
		}
		args := []string{"-format", "json", "-key", "top:1", "-budget", "100", "-step", "0.5", "-"}
		if split != "" {
			args = append([]string{"-prospecting", split}, args...)
		}
		var out bytes.Buffer
		if code := run(args, strings.NewReader(in), &out, io.Discard); code != 0 {
			t.Fatalf("run(%q) = %d", args, code)
		}
		var got struct {
			Unit     string            `json:"unit"`
			Selector string            `json:"selector"`
			Plans    []json.RawMessage `json:"plans"`
			Summary  json.RawMessage   `json:"summary"`
		}
		if err := json.Unmarshal(out.Bytes(), &got); err != nil {
			t.Fatalf("run(%q) wrote no JSON: %v\n%s", args, err, out.String())
		}
		if got.Unit != "hours" || got.Selector != "top:1" {
			t.Errorf("run(%q) wrote the unit %q and the selector %q, want hours and top:1", args, got.Unit, got.Selector)
		}
		compact := func(raw []json.RawMessage) []string {
			var out []string
			for _, r := range raw {
				var b bytes.Buffer
				if err := json.Compact(&b, r); err != nil {
					t.Fatal(err)
				}
				out = append(out, b.String())
			}
			return out
		}
		if diff := gocmp.Diff(compact(want), compact(got.Plans)); diff != "" {
			t.Errorf("run(%q) plans mismatch (-library +command):\n%s", args, diff)
		}
		if diff := gocmp.Diff(compact([]json.RawMessage{wantTotal}), compact([]json.RawMessage{got.Summary})); diff != "" {
			t.Errorf("run(%q) summary mismatch (-library +command):\n%s", args, diff)
		}
	}
}

// A spool gives back what was written to it, from memory or, past
// spoolMemory, from a file that it removes.
func TestSpool(t *testing.T) {
	t.Setenv("TMPDIR", t.TempDir())
	for _, size := range []int{0, 1000, spoolMemory + 1, 3*spoolMemory + 17} {
		var want bytes.Buffer
		s := &spool{what: "the test's lines"}
		for i := 0; want.Len() < size; i++ {
			line := []byte(strings.Repeat("x", i%100) + "\n")
			line = line[:min(len(line), size-want.Len())]
			want.Write(line)
			if n, err := s.Write(line); n != len(line) || err != nil {
				t.Fatalf("Write() = %d, %v", n, err)
			}
		}
		if (s.file != nil) != (size > spoolMemory) {
			t.Errorf("size %d: in a file %t, want %t", size, s.file != nil, size > spoolMemory)
		}
		var got bytes.Buffer
		if err := s.copyTo(&got); err != nil || !bytes.Equal(got.Bytes(), want.Bytes()) {
			t.Errorf("size %d: copyTo() gave %d bytes, %v; want the %d written", size, got.Len(), err, want.Len())
		}
		s.remove()
		if entries, err := os.ReadDir(os.Getenv("TMPDIR")); err != nil || len(entries) != 0 {
			t.Errorf("size %d: %d files left in the temporary directory, %v", size, len(entries), err)
		}
	}
}
