package main

import (
	"bytes"
	"encoding/json"
	"io"
	"math/rand/v2"
	"os"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/shopspring/decimal"

	"github.com/salestime/salestime"
)

// The integer formatting of amounts, percentages and bars agrees with the
// decimal package's on the values plans and shares have, and on others.
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
		places := max(-d.Exponent(), 0) + int32(r.IntN(3))
		if got, want := string(appendFixed(nil, d, places)), d.StringFixed(places); got != want {
			t.Fatalf("appendFixed(%v, %d) = %s, want %s", d, places, got, want)
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

// planJSON is a plan as the command writes it in JSON.
type planJSON struct {
	Owner           string           `json:"owner"`
	Budget          decimal.Decimal  `json:"budget"`
	Step            decimal.Decimal  `json:"step"`
	Customers       int              `json:"customers"`
	KeyCustomers    int              `json:"keyCustomers"`
	KeyRevenueShare decimal.Decimal  `json:"keyRevenueShare"`
	KeyTimeShare    decimal.Decimal  `json:"keyTimeShare"`
	KeyAmount       decimal.Decimal  `json:"keyAmount"`
	RestTimeShare   decimal.Decimal  `json:"restTimeShare"`
	Rest            decimal.Decimal  `json:"rest"`
	Other           *decimal.Decimal `json:"other"`
	Prospecting     *decimal.Decimal `json:"prospecting"`
	Key             []keyJSON        `json:"key"`
}

type keyJSON struct {
	Rank         int             `json:"rank"`
	Name         string          `json:"name"`
	Revenue      decimal.Decimal `json:"revenue"`
	New          bool            `json:"new"`
	Rule         string          `json:"rule"`
	RevenueShare decimal.Decimal `json:"revenueShare"`
	TimeShare    decimal.Decimal `json:"timeShare"`
	Amount       decimal.Decimal `json:"amount"`
}

type outputJSON struct {
	Unit     string     `json:"unit"`
	Currency string     `json:"currency"`
	Selector string     `json:"selector"`
	Plans    []planJSON `json:"plans"`
}

// The JSON the command writes line by line says what the library's plans
// say, with names that JSON must escape, with and without the rest split.
func TestJSONMatchesLibrary(t *testing.T) {
	in := "owner,name,revenue,new,key\n" +
		"ann,\"Acme <&> \"\"Q\"\"\",1234.50,yes,\nann,Beta,7.25,,x\n\"b\u00f6b\",Ünïcödé,100,,\n\"c\u202ed\",Zed,0,,\n"
	for _, split := range []string{"", "0.4"} {
		acc, err := salestime.ReadAccountsCSV(strings.NewReader(in), salestime.ReadOptions{})
		if err != nil {
			t.Fatal(err)
		}
		want := outputJSON{Unit: "hours", Selector: "top:1"}
		budget, step := decimal.NewFromInt(100), decimal.RequireFromString("0.5")
		for g, err := range acc.Groups() {
			if err != nil {
				t.Fatal(err)
			}
			a, err := salestime.Allocate(g.Portfolio, salestime.TopN(1))
			if err != nil {
				t.Fatal(err)
			}
			var p salestime.Plan
			if split == "" {
				p, err = a.Plan(budget, step)
			} else {
				p, err = a.SplitPlan(budget, step, decimal.RequireFromString(split))
			}
			if err != nil {
				t.Fatal(err)
			}
			pj := planJSON{Owner: g.Name, Budget: p.Budget, Step: p.Step, Customers: g.Portfolio.Len(), KeyCustomers: len(a.Lines),
				KeyRevenueShare: a.KeyRevenueShare, KeyTimeShare: a.KeyTimeShare, RestTimeShare: a.RestTimeShare, Rest: p.Rest, Key: []keyJSON{}}
			if split != "" {
				pj.Other, pj.Prospecting = &p.Other, &p.Prospecting
			}
			for i, l := range a.Lines {
				pj.KeyAmount = pj.KeyAmount.Add(p.Lines[i].Amount)
				pj.Key = append(pj.Key, keyJSON{Rank: i + 1, Name: l.Customer.Name, Revenue: l.Customer.Revenue, New: l.Customer.New,
					Rule: l.Rule.Name(), RevenueShare: l.RevenueShare, TimeShare: l.TimeShare, Amount: p.Lines[i].Amount})
			}
			want.Plans = append(want.Plans, pj)
		}
		args := []string{"-format", "json", "-key", "top:1", "-budget", "100", "-step", "0.5", "-"}
		if split != "" {
			args = append([]string{"-prospecting", split}, args...)
		}
		var out bytes.Buffer
		if code := run(args, strings.NewReader(in), &out, io.Discard); code != 0 {
			t.Fatalf("run(%q) = %d", args, code)
		}
		var got outputJSON
		if err := json.Unmarshal(out.Bytes(), &got); err != nil {
			t.Fatalf("run(%q) wrote no JSON: %v\n%s", args, err, out.String())
		}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("run(%q) mismatch (-want +got):\n%s", args, diff)
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
