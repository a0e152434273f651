package salestime

import (
	"fmt"
	"slices"
	"time"

	"github.com/salestime/salestime/internal/exact"
	"github.com/shopspring/decimal"
)

// A Block is a stretch of a plan in the calendar: the time from Start to
// End for one party, as [Plan.Blocks] places it.
type Block struct {
	// Kind is the party: "key" for a key customer, "other" for the other
	// customers, "prospecting", or "rest" for the other customers and
	// prospecting together, in a plan that does not split its rest.
	Kind string

	// Customer is the key customer of a block of kind "key", and empty
	// otherwise.
	Customer string

	// Start and End are the block's times, in the location Blocks is
	// given: End - Start is a whole number of the plan's steps, in hours.
	Start, End time.Time
}

// Blocks places the plan in the calendar of period, week by week, in the
// working hours of its working days: Monday to Friday, less holidays, and
// on each, hours holds the working hours as offsets from midnight, a start
// and an end for each stretch, in order: 9h and 17h for nine to five, or
// 9h, 12h, 13h and 17h with an hour for lunch. Times are wall-clock times
// in loc, so that nine o'clock stays nine across a change of summer time.
//
// The plan's amounts are hours. Each party gets in each ISO week exactly
// its amount of the plan spread by week, as [Plan.Spread] spreads it with
// period and holidays: the blocks and the schedule never disagree. In a
// week, prospecting comes first, as the first block of each working day,
// the week's prospecting split between its days as evenly as whole steps
// allow; then the key customers in the plan's order, then the other
// customers, or the rest, each in as few blocks as the working hours
// allow. Every block is a whole number of steps; none crosses from one
// stretch of a day to the next, and blocks never overlap. The blocks come
// in order of time.
//
// Blocks returns the errors of Spread, and one wrapping [ErrInvalidOption]
// if hours is empty, has an odd number of offsets, offsets not increasing
// within 0 to 24 hours or not whole minutes, if loc is nil, or if the step
// is no whole number of nanoseconds; and one wrapping [ErrInvalidBudget]
// naming the first week whose hours do not fit its working hours, and the
// hours missing.
func (p Plan) Blocks(period Period, holidays []time.Time, hours []time.Duration, loc *time.Location) ([]Block, error) {
	if err := checkHours(hours, loc); err != nil {
		return nil, err
	}
	stepNanos, err := exact.CountSteps(p.Step.Mul(decimal.New(int64(time.Hour), 0)), one)
	if err != nil || p.Step.Sign() <= 0 {
		return nil, fmt.Errorf("%w: a step of %s hours is no whole number of nanoseconds", ErrInvalidOption, formatDecimal(p.Step))
	}
	step := time.Duration(stepNanos)
	weeks, err := period.split("week", holidays)
	if err != nil {
		return nil, err
	}
	cells, _, err := p.spreadSteps(period, weeks) // as Spread spreads p
	if err != nil {
		return nil, err
	}
	off := period.daysOff(holidays)
	k := len(weeks)
	steps := make([]int64, len(cells)/k) // of each party, in a week
	var blocks []Block
	for j, w := range weeks {
		var days []time.Time
		for d := w.from; !d.After(w.to); d = d.AddDate(0, 0, 1) {
			if weekday(d) && !off[d] {
				days = append(days, d)
			}
		}
		for i := range steps {
			steps[i] = int64(cells[i*k+j])
		}
		placed, err := p.placeWeek(w.label, steps, days, hours, loc, step)
		if err != nil {
			return nil, err
		}
		blocks = append(blocks, placed...)
	}
	return blocks, nil
}

// checkHours checks the working hours of a day, as Blocks documents.
func checkHours(hours []time.Duration, loc *time.Location) error {
	switch {
	case loc == nil:
		return fmt.Errorf("%w: no location for the working hours", ErrInvalidOption)
	case len(hours) == 0 || len(hours)%2 != 0:
		return fmt.Errorf("%w: the working hours are %d offsets, not a start and an end for each stretch", ErrInvalidOption, len(hours))
	}
	for i, t := range hours {
		if t < 0 || t > 24*time.Hour || t%time.Minute != 0 || i > 0 && t <= hours[i-1] {
			return fmt.Errorf("%w: the working hours %v are not whole minutes increasing within a day", ErrInvalidOption, hours)
		}
	}
	return nil
}

// A slot is a stretch of working time of a day, and how many steps of it
// are still free, from next.
type slot struct {
	next  time.Time
	steps int64
}

// placeWeek places the parties of p in the week labelled week, each its
// steps in it as parties lists them, in the working hours of days.
func (p Plan) placeWeek(week string, steps []int64, days []time.Time, hours []time.Duration, loc *time.Location, step time.Duration) ([]Block, error) {
	type party struct {
		kind, customer string
		steps          int64
	}
	parties := make([]party, 0, len(steps))
	for i, l := range p.Lines {
		parties = append(parties, party{"key", l.Customer.Name, steps[i]})
	}
	n, prospecting := len(p.Lines), int64(0)
	if p.split() {
		parties = append(parties, party{kind: "other", steps: steps[n]})
		prospecting = steps[n+1]
	} else {
		parties = append(parties, party{kind: "rest", steps: steps[n]})
	}
	// The free steps of each day, stretch by stretch.
	slots := make([][]slot, len(days))
	var free int64
	for i, d := range days {
		for k := 0; k < len(hours); k += 2 {
			start, end := wallClock(d, hours[k], loc), wallClock(d, hours[k+1], loc)
			if n := int64(end.Sub(start) / step); n > 0 {
				slots[i] = append(slots[i], slot{start, n})
				free += n
			}
		}
	}
	need := prospecting
	for _, party := range parties {
		need += party.steps
	}
	if need > free {
		missing := p.Step.Mul(decimal.New(need-free, 0))
		return nil, fmt.Errorf("%w: week %s plans %s hours and its working hours hold %s: %s hours missing",
			ErrInvalidBudget, week, formatDecimal(p.Step.Mul(decimal.New(need, 0))), formatDecimal(p.Step.Mul(decimal.New(free, 0))), formatDecimal(missing))
	}
	var blocks []Block
	take := func(sl *slot, kind, customer string, n int64) {
		end := sl.next.Add(time.Duration(n) * step)
		blocks = append(blocks, Block{Kind: kind, Customer: customer, Start: sl.next, End: end})
		sl.next, sl.steps = end, sl.steps-n
	}
	// Prospecting first each day: an even share of the week's, each day as
	// far as it has room, what a full day cannot take going to the first
	// days with room left.
	if prospecting > 0 {
		n := int64(len(days))
		share, room := make([]int64, n), make([]int64, n)
		var over int64
		for i := range share {
			share[i] = prospecting / n
			if int64(i) < prospecting%n {
				share[i]++
			}
			for _, sl := range slots[i] {
				room[i] += sl.steps
			}
			if share[i] > room[i] {
				over, share[i] = over+share[i]-room[i], room[i]
			}
		}
		for i := range share {
			more := min(over, room[i]-share[i])
			share[i], over = share[i]+more, over-more
			for k := range slots[i] {
				if m := min(share[i], slots[i][k].steps); m > 0 {
					take(&slots[i][k], "prospecting", "", m)
					share[i] -= m
				}
			}
		}
	}
	// Then the key customers in order, and the rest, from the first free
	// step of the week on.
	var all []*slot
	for i := range slots {
		for k := range slots[i] {
			all = append(all, &slots[i][k])
		}
	}
	for _, party := range parties {
		for party.steps > 0 { // the week's steps fit: a free slot remains
			for all[0].steps == 0 {
				all = all[1:]
			}
			n := min(party.steps, all[0].steps)
			take(all[0], party.kind, party.customer, n)
			party.steps -= n
		}
	}
	slices.SortFunc(blocks, func(a, b Block) int { return a.Start.Compare(b.Start) }) // each day's prospecting was placed first
	return blocks, nil
}

// wallClock returns the time offset from midnight on the date of d, as a
// clock on the wall of loc reads it.
func wallClock(d time.Time, offset time.Duration, loc *time.Location) time.Time {
	return time.Date(d.Year(), d.Month(), d.Day(), int(offset/time.Hour), int(offset%time.Hour/time.Minute), 0, 0, loc)
}
