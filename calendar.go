package salestime

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

// A Period is the days from From to To, both included. Only the dates of
// From and To count, not their times of day. The zero Period is no period.
type Period struct {
	From time.Time `json:"from"`
	To   time.Time `json:"to"`
}

// maxPeriodYears is the longest period, in years, that the package reads.
const maxPeriodYears = 10

// ParsePeriod reads a period written FROM..TO with ISO 8601 dates, as in
// 2027-01-01..2027-12-31. It returns an error wrapping [ErrInvalidOption]
// if s is not such a period, if it ends before it starts, or if it is
// longer than ten years.
func ParsePeriod(s string) (Period, error) {
	from, to, ok := strings.Cut(strings.TrimSpace(s), "..")
	if !ok {
		return Period{}, fmt.Errorf("%w: period %s is not FROM..TO, as in 2027-01-01..2027-12-31", ErrInvalidOption, quoteText(s))
	}
	var p Period
	var err error
	if p.From, err = parseDate(from); err != nil {
		return Period{}, err
	}
	if p.To, err = parseDate(to); err != nil {
		return Period{}, err
	}
	if err := p.check(); err != nil {
		return Period{}, err
	}
	return p, nil
}

// check returns an error unless p is a period that ends no sooner than it
// starts and is at most maxPeriodYears long.
func (p Period) check() error {
	from, to := day(p.From), day(p.To)
	switch {
	case p.isZero():
		return fmt.Errorf("%w: no period: the zero Period has no days", ErrInvalidOption)
	case to.Before(from):
		return fmt.Errorf("%w: the period ends on %s, before it starts on %s", ErrInvalidOption, isoDate(p.To), isoDate(p.From))
	case to.After(from.AddDate(maxPeriodYears, 0, 0)):
		return fmt.Errorf("%w: the period from %s to %s is longer than %d years", ErrInvalidOption, isoDate(p.From), isoDate(p.To), maxPeriodYears)
	}
	return nil
}

// isZero reports whether p is the zero Period.
func (p Period) isZero() bool {
	return p.From.IsZero() && p.To.IsZero()
}

// contains reports whether the date of t is one of the days of p.
func (p Period) contains(t time.Time) bool {
	d := day(t)
	return !d.Before(day(p.From)) && !d.After(day(p.To))
}

// workingDays returns the number of days of p from Monday to Friday: 0 for
// a period that ends before it starts.
func (p Period) workingDays() int {
	return max(workingDaysBefore(day(p.To).AddDate(0, 0, 1))-workingDaysBefore(day(p.From)), 0)
}

// maxPeriods is the most periods a plan is spread over: every week of ten
// years fits.
const maxPeriods = 1000

// A spreadPeriod is one period of a plan spread over the calendar: its
// label, as in 2027-03, its first and last days, and its weight, its
// working days.
type spreadPeriod struct {
	label    string
	from, to time.Time
	weight   uint64
}

// split returns the periods of p by calendar months ("month"), quarters
// ("quarter") or ISO 8601 weeks ("week"), each weighted by its working
// days less the holidays, in order.
func (p Period) split(by string, holidays []time.Time) ([]spreadPeriod, error) {
	if err := p.check(); err != nil {
		return nil, err
	}
	var end func(t time.Time) time.Time // the last day of t's period
	var label func(t time.Time) string
	switch by {
	case "month":
		end = func(t time.Time) time.Time { return t.AddDate(0, 1, -t.Day()) }
		label = func(t time.Time) string { return t.Format("2006-01") }
	case "quarter":
		end = func(t time.Time) time.Time {
			first := time.Date(t.Year(), (t.Month()-1)/3*3+1, 1, 0, 0, 0, 0, time.UTC)
			return first.AddDate(0, 3, -1)
		}
		label = func(t time.Time) string { return fmt.Sprintf("%d-Q%d", t.Year(), (t.Month()-1)/3+1) }
	case "week":
		end = func(t time.Time) time.Time { return t.AddDate(0, 0, (7-int(t.Weekday()))%7) }
		label = func(t time.Time) string {
			y, w := t.ISOWeek()
			return fmt.Sprintf("%d-W%02d", y, w)
		}
	default:
		return nil, fmt.Errorf("%w: %s is not month, quarter or week", ErrInvalidOption, quoteText(by))
	}
	off := p.daysOff(holidays)
	var periods []spreadPeriod
	for from, to := day(p.From), day(p.To); !from.After(to); {
		last := end(from)
		if last.After(to) {
			last = to
		}
		days := Period{From: from, To: last}.workingDays()
		for d := range off {
			if !d.Before(from) && !d.After(last) {
				days--
			}
		}
		if len(periods) == maxPeriods {
			return nil, fmt.Errorf("%w: the period from %s to %s has more than %d %ss", ErrInvalidOption, isoDate(p.From), isoDate(p.To), maxPeriods, by)
		}
		periods = append(periods, spreadPeriod{label: label(from), from: from, to: last, weight: uint64(days)})
		from = last.AddDate(0, 0, 1)
	}
	return periods, nil
}

// daysOff returns the holidays that are working days of p: those from
// Monday to Friday within it, each once.
func (p Period) daysOff(holidays []time.Time) map[time.Time]bool {
	off := map[time.Time]bool{}
	for _, h := range holidays {
		if d := day(h); p.contains(d) && weekday(d) {
			off[d] = true
		}
	}
	return off
}

// weekday reports whether d is one of the days from Monday to Friday.
func weekday(d time.Time) bool {
	return d.Weekday() != time.Saturday && d.Weekday() != time.Sunday
}

// text returns p as ParsePeriod reads it.
func (p Period) text() string {
	return isoDate(p.From) + ".." + isoDate(p.To)
}

// day returns the date of t, at midnight UTC.
func day(t time.Time) time.Time {
	y, m, d := t.Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}

// workingDaysBefore returns the number of days from Monday to Friday from
// a Monday long ago up to the day before t, a midnight UTC.
func workingDaysBefore(t time.Time) int {
	// 1970-01-01 was a Thursday: Unix day -3 a Monday.
	days := t.Unix()/(24*60*60) + 3
	weeks, rest := days/7, days%7
	if rest < 0 {
		weeks, rest = weeks-1, rest+7
	}
	return int(weeks*5 + min(rest, 5))
}

func isoDate(t time.Time) string {
	return t.Format(time.DateOnly)
}

// parseDate reads a date in ISO 8601 form, as in 2027-03-04. It returns an
// error wrapping [ErrInvalidOption] if s is not a date of the calendar.
func parseDate(s string) (time.Time, error) {
	t, err := time.Parse(time.DateOnly, strings.TrimSpace(s))
	if err != nil {
		return time.Time{}, fmt.Errorf("%w: %s is not a date written as 2027-03-04", ErrInvalidOption, quoteText(s))
	}
	return t, nil
}

// readDate reads a date written in ISO form or in the order o, "dmy" or
// "mdy" as [ReadOptions.Dates] says, and reports
// whether it is one.
func readDate(s string, o string) (time.Time, bool) {
	s = trimSpace(s)
	if i := strings.IndexAny(s, " T"); i > 0 {
		s = s[:i] // a time of day
	}
	if t, err := time.Parse(time.DateOnly, s); err == nil {
		return t, true
	}
	if o == "" {
		return time.Time{}, false
	}
	parts := strings.FieldsFunc(s, func(r rune) bool { return r == '.' || r == '/' || r == '-' })
	if len(parts) != 3 || len(parts[2]) != 4 {
		return time.Time{}, false
	}
	n := [3]int{}
	for i, p := range parts {
		v, err := strconv.Atoi(p)
		if err != nil || v <= 0 || i < 2 && len(p) > 2 {
			return time.Time{}, false
		}
		n[i] = v
	}
	d, m := n[0], n[1]
	if o == "mdy" {
		d, m = m, d
	}
	t := time.Date(n[2], time.Month(m), d, 0, 0, 0, 0, time.UTC)
	if t.Day() != d || int(t.Month()) != m {
		return time.Time{}, false // such as the 31st of April
	}
	return t, true
}

// excelEpoch is day 0 of the dates that spreadsheets store as numbers (the
// 1900 date system, with its leap day of 1900 that never was).
var excelEpoch = time.Date(1899, 12, 30, 0, 0, 0, 0, time.UTC)

// excelDate reads a date stored in a sheet as a number of days, and reports
// whether s is one: a whole number, or one with a time of day as its
// fraction, from 61 (1900-03-01, after the leap day that never was) to
// 2958465 (9999-12-31).
func excelDate(s string) (time.Time, bool) {
	whole, _, _ := strings.Cut(s, ".")
	n, err := strconv.Atoi(whole)
	if err != nil || n < 61 || n > 2958465 {
		return time.Time{}, false
	}
	return excelEpoch.AddDate(0, 0, n), true
}
