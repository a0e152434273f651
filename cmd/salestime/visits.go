package main

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/shopspring/decimal"

	"github.com/salestime/salestime"
)

// setVisits reads -visit and -cadence into the team's classes, and checks
// the flags of a plan by visits against the others; -visit becomes the
// plan's step. -b waits for -numbers, as -key does.
func (o *options) setVisits(v map[string]string, given map[string]bool) error {
	if !o.run.visits {
		return nil
	}
	switch {
	case given["b"] && !given["key"]:
		return usageError{msg: "-b picks class B among the customers that are not key: say which are key with -key, as in -key share:80%"}
	case given["visit"] && given["step"]:
		return usageError{msg: "-visit is the plan's step: give -visit or -step, not both"}
	case o.unit != "hours":
		return usageError{msg: fmt.Sprintf("-unit %s: a plan by visits counts hours, as its visits are lengths of time", q(o.unit))}
	}
	t := &o.team
	if given["visit"] {
		length, err := parseLength(v["visit"])
		if err != nil {
			return usageError{msg: fmt.Sprintf("-visit %s %v", q(v["visit"]), err)}
		}
		v["step"] = length.String()
		t.Classes = append(t.Classes, salestime.Class{Name: "A", Length: length})
	}
	if given["cadence"] {
		classes, err := parseCadence(v["cadence"])
		if err != nil {
			return usageError{msg: "-cadence " + err.Error()}
		}
		if !given["b"] && len(classes) > 0 && classes[0].Name == "B" {
			return usageError{msg: "-cadence gives class B visits: say which customers are class B with -b, as in -b share:96%"}
		}
		t.Classes = append(t.Classes, classes...)
	}
	return nil
}

// checkVisits checks the classes against the budget, the step and the
// period, as the team's plans will, before any file is read.
func (o *options) checkVisits(given map[string]bool) error {
	t := o.team
	if t.B == nil && given["b"] {
		t.B = salestime.TopN(0) // -b waits for the file's number format
	}
	for _, err := range t.Plans(salestime.Accounts{}) { // no groups: the team's checks alone
		if err != nil {
			return usageError{msg: "-cadence and -visit, with -step", err: err}
		}
	}
	return nil
}

// parseCadence reads the classes of -cadence: CLASS=EVERY:LENGTH, joined by
// commas, as in B=4w:1h,C=13w:1h; EVERY is a number of weeks (4w) or days
// (30d). Class B comes first where both are given.
func parseCadence(s string) ([]salestime.Class, error) {
	var classes []salestime.Class
	for _, part := range strings.Split(s, ",") {
		name, rest, ok := strings.Cut(strings.TrimSpace(part), "=")
		every, length, ok2 := strings.Cut(rest, ":")
		if !ok || !ok2 {
			return nil, fmt.Errorf("%s is not CLASS=EVERY:LENGTH, as in B=4w:1h", q(part))
		}
		c := salestime.Class{Name: strings.ToUpper(strings.TrimSpace(name))}
		if c.Name != "B" && c.Name != "C" {
			return nil, fmt.Errorf("%s: class %s is not B or C (the key customers are class A: see -visit)", q(part), q(name))
		}
		for _, other := range classes {
			if other.Name == c.Name {
				return nil, fmt.Errorf("%s: class %s is given twice", q(part), c.Name)
			}
		}
		days, unit := strings.TrimSpace(every), 1
		switch {
		case strings.HasSuffix(days, "w"):
			days, unit = strings.TrimSuffix(days, "w"), 7
		case strings.HasSuffix(days, "d"):
			days = strings.TrimSuffix(days, "d")
		default:
			days = ""
		}
		n, err := strconv.Atoi(days)
		if err != nil || n < 1 || n > 3661/unit {
			return nil, fmt.Errorf("%s: %s is not a number of weeks or days from 1 day to ten years, as in 4w or 30d", q(part), q(every))
		}
		c.Every = n * unit
		if c.Length, err = parseLength(length); err != nil {
			return nil, fmt.Errorf("%s: %s %w", q(part), q(length), err)
		}
		if c.Name == "B" {
			classes = append([]salestime.Class{c}, classes...)
		} else {
			classes = append(classes, c)
		}
	}
	return classes, nil
}

// errNotLength says what a length of time is.
var errNotLength = errors.New("is not a length of time in hours and minutes, as in 1h, 90m, 1.5h or 1:30")

// parseLength reads a positive length of time, as in 1h, 90m, 1h30m, 1.5h
// or 1:30, and returns it in hours, exactly: a length that is no decimal
// number of hours, such as 20m, is refused.
func parseLength(s string) (decimal.Decimal, error) {
	s = strings.TrimSpace(s)
	var d time.Duration
	if h, m, ok := strings.Cut(s, ":"); ok {
		hours, err1 := strconv.Atoi(h)
		minutes, err2 := strconv.Atoi(m)
		if err1 != nil || err2 != nil || len(m) != 2 || hours < 0 || hours > 9999 || minutes < 0 || minutes > 59 {
			return decimal.Decimal{}, errNotLength
		}
		d = time.Duration(hours)*time.Hour + time.Duration(minutes)*time.Minute
	} else {
		var err error
		unit := func(r rune) bool { return !strings.ContainsRune("0123456789.hm", r) } // hours and minutes, not seconds
		if d, err = time.ParseDuration(s); err != nil || strings.ContainsFunc(s, unit) {
			return decimal.Decimal{}, errNotLength
		}
	}
	if d <= 0 {
		return decimal.Decimal{}, errors.New("is not a length of time above zero")
	}
	hours, rem := decimal.NewFromInt(int64(d)).QuoRem(decimal.NewFromInt(int64(time.Hour)), 18)
	if !rem.IsZero() {
		return decimal.Decimal{}, errors.New("is no exact decimal number of hours, as 20m, a third of one, is not: give minutes in threes, as in 15m or 45m")
	}
	return decimal.RequireFromString(hours.String()), nil
}
