package main

import (
	"bytes"
	"cmp"
	"encoding/json"
	"io"
	"strings"
	"testing"

	gocmp "github.com/google/go-cmp/cmp"
	"github.com/shopspring/decimal"

	"github.com/salestime/salestime"
)

// The command's JSON is the library's: each plan as its group writes it,
// and the team's summary, with names that JSON must escape, with and
// without the rest split.
func TestJSONMatchesLibrary(t *testing.T) {
	in := "owner,name,revenue,new,key\n" +
		"ann,\"Acme <&> \"\"Q\"\"\",1234.50,yes,\nann,Beta,7.25,,x\n\"b\u00f6b\",Ünïcödé,100,,\n\"c\u202ed\",Zed,0,,\n"
	for _, split := range []string{"", "0.4"} {
		acc, err := salestime.ReadAccounts(salestime.CSVRows(strings.NewReader(in)), salestime.ReadOptions{})
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
			var b bytes.Buffer
			if err := g.WriteJSON(&b); err != nil {
				t.Fatal(err)
			}
			want = append(want, b.Bytes())
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
