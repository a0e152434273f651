package salestime

import (
	"errors"
	"math/rand/v2"
	"testing"
	"time"
)

func TestWorkingDays(t *testing.T) {
	tests := []struct {
		period string
		want   int
	}{
		{"2027-01-01..2027-12-31", 261},
		{"2028-01-01..2028-12-31", 260}, // a leap year that starts on a Saturday
		{"2024-02-26..2024-03-03", 5},   // over the 29th of February
		{"2027-03-06..2027-03-07", 0},   // a weekend
		{"2027-03-08..2027-03-08", 1},   // a Monday
		{"2027-03-10..2027-03-16", 5},   // from a Wednesday
		{"1999-12-27..2000-01-09", 10},
	}
	for _, tt := range tests {
		p, err := ParsePeriod(tt.period)
		if err != nil {
			t.Fatal(err)
		}
		if got := p.workingDays(); got != tt.want {
			t.Errorf("%s.workingDays() = %d, want %d", tt.period, got, tt.want)
		}
		if got := p.text(); got != tt.period {
			t.Errorf("ParsePeriod(%q).text() = %q", tt.period, got)
		}
	}
	// Against counting day by day.
	r := rand.New(rand.NewPCG(9, 10))
	for range 2000 {
		from := time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, r.IntN(3000))
		to := from.AddDate(0, 0, r.IntN(800))
		want := 0
		for d := from; !d.After(to); d = d.AddDate(0, 0, 1) {
			if d.Weekday() != time.Saturday && d.Weekday() != time.Sunday {
				want++
			}
		}
		if got := (Period{From: from, To: to}).workingDays(); got != want {
			t.Fatalf("WorkingDays(%v..%v) = %d, want %d", from, to, got, want)
		}
	}
	for _, bad := range []string{"2027-01-01", "2027-12-31..2027-01-01", "2027-01-01..2038-01-01", "2027-02-30..2027-03-01", "x..y"} {
		if _, err := ParsePeriod(bad); !errors.Is(err, ErrInvalidOption) {
			t.Errorf("ParsePeriod(%q) = %v, want ErrInvalidOption", bad, err)
		}
	}
}

// A period that ends before it starts has no working days.
func TestWorkingDaysInverted(t *testing.T) {
	p := Period{From: time.Date(2027, 3, 10, 0, 0, 0, 0, time.UTC), To: time.Date(2027, 3, 1, 0, 0, 0, 0, time.UTC)}
	if n := p.workingDays(); n != 0 {
		t.Errorf("workingDays of an inverted period = %d, want 0", n)
	}
}
