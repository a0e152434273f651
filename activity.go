package salestime

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/shopspring/decimal"
)

// An Activity is time spent for a customer, or for no one customer, as an
// activity log records it: a call, a meeting, a task or a line of a
// timesheet.
type Activity struct {
	// Customer is the customer the time was for, or empty for time tied
	// to no customer.
	Customer string `json:"customer"`

	// Duration is the time spent; it is never negative.
	Duration time.Duration `json:"duration"`

	// Date is the day of the activity, or the zero time where the log has
	// no dates.
	Date time.Time `json:"date"`

	// Owner is the salesperson who spent the time, or empty.
	Owner string `json:"owner,omitempty"`
}

// maxActivity is the longest activity the readers take: 10,000 hours, more
// than a year of working time.
const maxActivity = 10_000 * time.Hour

// The fields of an activity log.
const (
	fieldCustomer = iota
	fieldDuration
	fieldDate
	fieldActivityOwner
)

var activityFields = []string{"customer", "duration", "date", "owner"}

// activitySpec checks o for an activity log and returns what it asks to
// look for.
func (o ReadOptions) activitySpec() (tableSpec, error) {
	switch o.Dates {
	case "", "dmy", "mdy":
	default:
		return tableSpec{}, fmt.Errorf("%w: date order %s is not dmy or mdy", ErrInvalidOption, quoteText(o.Dates))
	}
	return newSpec(activityFields, o.Columns, o.Require, o.Numbers)
}

// ReadActivities reads an activity log from rows of text, such as [CSVRows]
// rows or a sheet's, as [ReadAccounts] reads accounts: the first row that
// is not blank is the header (or the first below it, among 20, that has
// the columns needed, under a report's title), blank rows are skipped and
// cells are read without surrounding white space. Its fields are:
//   - customer: the account, required; empty for time tied to none;
//   - duration: required, a number of hours (1.5 or 1,5), or of minutes
//     with [ReadOptions.Minutes], or hours and minutes as 1:30 or 1:30:00;
//   - date: the day, as [ReadOptions.Dates] says;
//   - owner: the salesperson.
//
// It returns one activity per row, in the order of the log; an owner is
// empty where the log has no owner column, and a date is zero where it
// has no date column. ReadActivities returns no activities and an error
// if:
//   - an option is not one ReadOptions lists: [ErrInvalidOption];
//   - the log lacks a column it needs, or a row has another number of
//     cells than the header: [ErrInvalidCSV];
//   - a customer is not a name [NewPortfolio] takes: [ErrInvalidCustomer];
//   - a duration is blank, not a number or h:mm in the format, negative,
//     longer than 10,000 hours, or finer than a nanosecond:
//     [ErrInvalidActivity];
//   - the number format of the durations cannot be decided:
//     [ErrAmbiguousNumber];
//   - a date is blank, not a date of the calendar, or written otherwise
//     than in ISO form or the order Dates gives: [ErrInvalidActivity];
//   - reading the rows fails: that error.
//
// Every bad row is reported as a [*RowError], as ReadAccounts reports them.
func ReadActivities(rows RowReader, opts ReadOptions) ([]Activity, error) {
	s, err := opts.activitySpec()
	if err != nil {
		return nil, err
	}
	return readActivities(rows, opts, s)
}

// A timedRow is an activity whose duration, if written as a number, waits
// for the number format of the column.
type timedRow struct {
	line               int
	coef               int64
	pointExp, commaExp int
	number             bool // the duration is a number, not h:mm
}

func readActivities(rows RowReader, opts ReadOptions, s tableSpec) ([]Activity, error) {
	t := newTable(rows, opts, &s)
	h, err := t.header(&s)
	if err != nil {
		return nil, err
	}
	var log []Activity
	var timed []timedRow
	col := numberColumn{set: s.formats}
	customer := func(cells []string) string { return cells[min(h.at[fieldCustomer], len(cells)-1)] }
	err = t.each(&h, customer, func(cells []string, line int) {
		a := Activity{Customer: cells[h.at[fieldCustomer]]}
		fail := func(field int, kind error, format string, args ...any) {
			t.fail(t.rowError(line, h.at[field]+1, h.cells, a.Customer, kind, format, args...))
		}
		ok := true
		if a.Customer != "" {
			if err := checkName(a.Customer); err != nil {
				fail(fieldCustomer, ErrInvalidCustomer, "%v", err)
				a.Customer, ok = "", false
			}
		}
		if at := h.at[fieldActivityOwner]; at >= 0 {
			a.Owner = cells[at]
		}
		if at := h.at[fieldDate]; at >= 0 {
			var good bool
			a.Date, good = readDate(cells[at], opts.Dates)
			if !good && t.sheet != "" {
				a.Date, good = excelDate(cells[at])
			}
			if !good {
				ok = false
				if cells[at] == "" {
					fail(fieldDate, ErrInvalidActivity, "the date is blank")
				} else {
					fail(fieldDate, ErrInvalidActivity, "date %s is not a date written as 2027-03-04%s", quoteText(cells[at]), dateHint(opts.Dates))
				}
			}
		}
		text := cells[h.at[fieldDuration]]
		row := timedRow{line: line}
		switch d, isHMS, err := readHMS(text); {
		case text == "":
			fail(fieldDuration, ErrInvalidActivity, "the duration is blank")
			ok = false
		case isHMS && err != nil:
			fail(fieldDuration, ErrInvalidActivity, "duration %s %v", quoteText(text), err)
			ok = false
		case isHMS:
			a.Duration = d
		default:
			n := readAmount(text)
			switch {
			case n.currency != "" || n.fits == 0:
				fail(fieldDuration, ErrInvalidActivity, "duration %s is not a number or h:mm", quoteText(text))
				ok = false
			case n.fits&s.formats == 0:
				fail(fieldDuration, ErrInvalidActivity, "duration %s is not a number in the format %s", quoteText(text), s.formats.plainest())
				ok = false
			case n.neg && !n.isZero():
				fail(fieldDuration, ErrInvalidActivity, "duration %s is negative", quoteText(text))
				ok = false
			case !col.add(n, line):
				fail(fieldDuration, ErrInvalidActivity, "duration %s does not fit the number format of the durations before it (%s)",
					quoteText(text), col.set.names())
				ok = false
			default:
				coef, pe, ce, small := n.readings()
				if !small {
					fail(fieldDuration, ErrInvalidActivity, "duration %s has more than 18 digits", quoteText(text))
					ok = false
				}
				row.coef, row.pointExp, row.commaExp, row.number = coef, pe, ce, true
			}
		}
		if ok {
			log = append(log, a)
			timed = append(timed, row)
		}
	})
	if err != nil {
		return nil, err
	}
	comma := col.point() == ','
	if n, line, ok := col.undecided(); ok {
		t.fail(t.rowError(line, h.at[fieldDuration]+1, h.cells, "", ErrAmbiguousNumber,
			"duration %s reads one way with a decimal comma and another with a decimal point, "+
				"and no value of the column tells which: the number format must be given", quoteText(n.text)))
	}
	unit := time.Hour
	if opts.Minutes {
		unit = time.Minute
	}
	for i, row := range timed {
		if !row.number {
			continue
		}
		exp := row.pointExp
		if comma {
			exp = row.commaExp
		}
		d, err := durationOf(row.coef, exp, unit)
		if err != nil {
			t.fail(t.rowError(row.line, h.at[fieldDuration]+1, h.cells, log[i].Customer, ErrInvalidActivity, "duration %v", err))
			continue
		}
		log[i].Duration = d
	}
	for i, a := range log {
		if a.Duration > maxActivity {
			t.fail(t.rowError(timed[i].line, h.at[fieldDuration]+1, h.cells, a.Customer, ErrInvalidActivity,
				"duration %s is longer than %v", durationText(a.Duration), maxActivity))
		}
	}
	if err := t.err(); err != nil {
		return nil, err
	}
	return log, nil
}

// dateHint says which dates the reader reads besides ISO ones.
func dateHint(o string) string {
	switch o {
	case "dmy":
		return " or day.month.year"
	case "mdy":
		return " or month/day/year"
	}
	return " (dates such as 04.03.2027 are read only when the order of day and month is given)"
}

// readHMS reads a duration written h:mm or h:mm:ss, and reports whether s
// is written so: whether it has a colon.
func readHMS(s string) (time.Duration, bool, error) {
	if !strings.Contains(s, ":") {
		return 0, false, nil
	}
	parts := strings.Split(s, ":")
	if len(parts) > 3 {
		return 0, true, errors.New("is not h:mm or h:mm:ss")
	}
	h, err := strconv.ParseUint(parts[0], 10, 32)
	if err != nil {
		return 0, true, errors.New("is not h:mm or h:mm:ss")
	}
	d := time.Duration(h) * time.Hour
	for i, p := range parts[1:] {
		v, err := strconv.ParseUint(p, 10, 8)
		if err != nil || len(p) != 2 || v > 59 {
			return 0, true, errors.New("is not h:mm or h:mm:ss: minutes and seconds are two digits, 00 to 59")
		}
		d += time.Duration(v) * []time.Duration{time.Minute, time.Second}[i]
	}
	return d, true, nil
}

// durationOf returns coef x 10^exp units as a duration, if it is a whole
// number of nanoseconds within an int64.
func durationOf(coef int64, exp int, unit time.Duration) (time.Duration, error) {
	v := decimal.New(coef, int32(exp)).Mul(decimal.NewFromInt(int64(unit)))
	if !v.IsInteger() {
		return 0, fmt.Errorf("%s is finer than a nanosecond", formatDecimal(decimal.New(coef, int32(exp))))
	}
	if v.GreaterThan(decimal.NewFromInt(int64(maxActivity))) {
		return 0, fmt.Errorf("%s is longer than %v", formatDecimal(decimal.New(coef, int32(exp))), maxActivity)
	}
	return time.Duration(v.IntPart()), nil
}

// durationText returns d in hours and minutes, as in 1:30, with seconds
// and their fraction where it has them, as in 1:30:05.5.
func durationText(d time.Duration) string {
	neg := ""
	if d < 0 {
		neg, d = "-", -d
	}
	h, m := d/time.Hour, d%time.Hour/time.Minute
	s, ns := d%time.Minute/time.Second, d%time.Second
	switch {
	case s == 0 && ns == 0:
		return fmt.Sprintf("%s%d:%02d", neg, h, m)
	case ns == 0:
		return fmt.Sprintf("%s%d:%02d:%02d", neg, h, m, s)
	}
	return fmt.Sprintf("%s%d:%02d:%02d.%s", neg, h, m, s, strings.TrimRight(fmt.Sprintf("%09d", ns), "0"))
}
