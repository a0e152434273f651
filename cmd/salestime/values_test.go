package main

import (
	"testing"

	"github.com/shopspring/decimal"
)

// The readers of the values of -cadence, -visit, -hours and -lunch take
// what they document and refuse the rest, whatever it is.
func FuzzValues(f *testing.F) {
	for _, s := range []string{"B=4w:1h,C=13w:1h", "C=30d:90m", "C=4w:1:30", "B=2000000000000000000w:1h", "C=4w:-1h", "C=4w:0m",
		"C=4w:2562047h", "C=1d:1h30m", "c=2w:1.5h", "A=1w:1h", "B=4w", "=", ",", "1h", "90m", "1:30", "1:3", "24:00", "09:00-17:00",
		"17:00-09:00", "9-17", "12:00-13:00", "00:00-24:00", "1:99", "20m", "36s", "1e3h"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if classes, err := parseCadence(s); err == nil {
			for _, c := range classes {
				if c.Every < 1 || c.Every > 3661 || c.Length.Sign() <= 0 || c.Name != "B" && c.Name != "C" {
					t.Errorf("parseCadence(%q) = %+v, which it should refuse", s, c)
				}
			}
		}
		if d, err := parseLength(s); err == nil && (d.Sign() <= 0 || d.Exponent() < -18) {
			t.Errorf("parseLength(%q) = %v, not a positive exact number of hours", s, d)
		}
		if from, to, err := clockRange(s); err == nil && (from < 0 || to <= from || to > 24*60*60*1e9) {
			t.Errorf("clockRange(%q) = %v, %v", s, from, to)
		}
	})
}

func TestValues(t *testing.T) {
	for s, want := range map[string]string{"1h": "1", "90m": "1.5", "1:30": "1.5", "1h30m": "1.5", "45m": "0.75", "6m": "0.1", "36s": ""} {
		d, err := parseLength(s)
		if want == "" {
			if err == nil {
				t.Errorf("parseLength(%q) = %v, want an error", s, d)
			}
			continue
		}
		if err != nil || !d.Equal(decimal.RequireFromString(want)) {
			t.Errorf("parseLength(%q) = %v, %v; want %s", s, d, err, want)
		}
	}
	if classes, err := parseCadence("B=2000000000000000000w:1h"); err == nil {
		t.Errorf("a cadence of more weeks than a number holds = %+v, want an error", classes)
	}
}
