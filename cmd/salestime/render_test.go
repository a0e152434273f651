package main

import (
	"bytes"
	"encoding/json"
	"io"
	"math/rand/v2"
	"strings"
	"testing"

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

// The JSON the command writes line by line is, byte for byte, the JSON of
// the library's types, indented by encoding/json.
func TestJSONMatchesLibrary(t *testing.T) {
	in := "owner,name,revenue,new,key\n" +
		"ann,\"Acme <&> \"\"Q\"\"\",1234.50,yes,\nann,Beta,7.25,,x\n\"b\u00f6b\",Ünïcödé,100,,\n\"c\x1bd\",Zed,0,,\n"
	type groupJSON struct {
		Owner      *string              `json:"owner,omitempty"`
		Currency   string               `json:"currency,omitempty"`
		Allocation salestime.Allocation `json:"allocation"`
		Plan       salestime.Plan       `json:"plan"`
	}
	acc, err := salestime.ReadAccountsCSV(strings.NewReader(in), salestime.ReadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	var want []groupJSON
	for g, err := range acc.Groups() {
		if err != nil {
			t.Fatal(err)
		}
		a, err := salestime.Allocate(g.Portfolio, salestime.TopN(1))
		if err != nil {
			t.Fatal(err)
		}
		p, err := a.Plan(decimal.NewFromInt(100), decimal.RequireFromString("0.5"))
		if err != nil {
			t.Fatal(err)
		}
		want = append(want, groupJSON{Owner: &g.Name, Allocation: a, Plan: p})
	}
	b, err := json.MarshalIndent(want, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	if code := run([]string{"-format", "json", "-key", "top:1", "-budget", "100", "-step", "0.5", "-"}, strings.NewReader(in), &out, io.Discard); code != 0 {
		t.Fatalf("run() = %d", code)
	}
	if got := out.String(); got != string(b)+"\n" {
		t.Errorf("run() wrote\n%s\nwant\n%s", got, b)
	}
}
