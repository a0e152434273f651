package main

import (
	"bufio"
	"fmt"
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/shopspring/decimal"

	"github.com/salestime/salestime"
)

// periodsOf returns the periods of -by over -period, less the holidays of
// -holidays.
func periodsOf(cfg config) ([]salestime.SchedulePeriod, error) {
	var holidays []time.Time
	if cfg.holidaysFile != "" {
		var err error
		if holidays, err = readHolidays(cfg.holidaysFile, cfg.maxInput); err != nil {
			return nil, err
		}
	}
	periods, err := cfg.review.Period.Split(cfg.by, holidays)
	if err != nil {
		return nil, fmt.Errorf("salestime: %w", err)
	}
	return periods, nil
}

// readHolidays reads a file of dates: ISO dates, one a line, or first in
// each row of a CSV file, whose first line may be a header without digits.
// Blank lines are skipped; any other line that is not a date is an error
// that names it.
func readHolidays(name string, maxInput int64) ([]time.Time, error) {
	f, err := os.Open(name)
	if err != nil {
		return nil, fmt.Errorf("salestime: %w", err)
	}
	defer func() { _ = f.Close() }() // read only
	var dates []time.Time
	sc := bufio.NewScanner(capInput(f, maxInput))
	for line := 1; sc.Scan(); line++ {
		text := sc.Text()
		if line == 1 {
			text = strings.TrimPrefix(text, "\ufeff")
		}
		if i := strings.IndexAny(text, ",;\t"); i >= 0 {
			text = text[:i]
		}
		text = strings.Trim(strings.TrimSpace(text), `"`)
		if text == "" || line == 1 && !strings.ContainsAny(text, "0123456789") {
			continue // blank, or the header
		}
		d, err := salestime.ParseDate(text)
		if err != nil {
			return nil, fmt.Errorf("salestime: %s, line %d: %q is not a date written as 2027-03-04", name, line, text)
		}
		dates = append(dates, d)
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("salestime: %s: %w", name, err)
	}
	return dates, nil
}

// A scheduleRow is a row of a schedule as the output shows it: a party, or
// the key customers after -top's first ones, and its amounts.
type scheduleRow struct {
	kind, name string
	amount     decimal.Decimal
	periods    []decimal.Decimal
}

// scheduleRows returns the rows of s: the first top key customers (all
// where top is 0), one row for the others, then the rest, or the other
// customers and prospecting.
func scheduleRows(s *salestime.Schedule, top int) []scheduleRow {
	var rows []scheduleRow
	var more *scheduleRow
	keys := 0
	for _, l := range s.Lines {
		switch {
		case l.Kind != "key":
			rows = append(rows, scheduleRow{kind: l.Kind, name: partyName(l.Kind), amount: l.Amount, periods: l.Periods})
		case top == 0 || keys < top:
			keys++
			rows = append(rows, scheduleRow{kind: l.Kind, name: l.Name, amount: l.Amount, periods: l.Periods})
		case more == nil:
			rows = append(rows, scheduleRow{kind: "more", amount: l.Amount, periods: append([]decimal.Decimal(nil), l.Periods...)})
			more = &rows[len(rows)-1]
			keys++
		default:
			more.amount = more.amount.Add(l.Amount)
			for j, a := range l.Periods {
				more.periods[j] = more.periods[j].Add(a)
			}
			keys++
		}
	}
	if more != nil {
		n := keys - top
		more.name = fmt.Sprintf("%d more key %s", n, plural(n, "customer", "customers"))
	}
	return rows
}

// partyName names a party of a plan that is not a key customer.
func partyName(kind string) string {
	switch kind {
	case "other":
		return "other customers"
	case "prospecting":
		return "prospecting"
	}
	return restName
}

// periodsPerBlock is the most periods a block of the text schedule shows,
// so that a year of weeks stays readable in a terminal.
const periodsPerBlock = 13

// schedule writes the schedule of r as tables of at most periodsPerBlock
// periods: a row per party and the total of each period, and in the last
// block the total of each party.
func (t *textRenderer) schedule(r result) {
	s := r.schedule
	rows := scheduleRows(s, t.cfg.top)
	k := len(s.Periods)
	for from := 0; from < k; from += periodsPerBlock {
		to := min(from+periodsPerBlock, k)
		last := to == k
		header := []string{"CUSTOMER"}
		for _, p := range s.Periods[from:to] {
			header = append(header, shown(p.Label))
		}
		if last {
			header = append(header, "TOTAL")
		}
		table := [][]string{header}
		line := func(name string, amounts []decimal.Decimal, total decimal.Decimal) {
			row := []string{name}
			for _, a := range amounts[from:to] {
				row = append(row, t.num.amount(a))
			}
			if last {
				row = append(row, t.num.amount(total))
			}
			table = append(table, row)
		}
		for _, row := range rows {
			name := shown(row.name)
			if row.kind != "key" {
				name = strings.ToUpper(name[:1]) + name[1:] // a party's name, in ASCII
			}
			line(name, row.periods, row.amount)
		}
		line("Total", s.Budgets, r.plan.Budget)
		right := make([]bool, len(header))
		for i := 1; i < len(right); i++ {
			right[i] = true
		}
		if from > 0 {
			_ = t.w.WriteByte('\n') // bufio.Writer keeps its error for Flush
		}
		writeTable(t.w, table, right)
	}
}

// scheduleRecords writes the rows of the schedule of r to c, one per party
// and period: owner, kind, name, period, amount.
func (c *csvRenderer) scheduleRecords(r result) error {
	s := r.schedule
	for _, l := range s.Lines {
		kind, name := l.Kind, l.Name
		switch kind {
		case "key":
			name = salestime.SafeCell(name)
		case "prospecting":
			kind, name = "prospect", partyName(l.Kind)
		default:
			name = partyName(l.Kind)
		}
		for j, a := range l.Periods {
			c.record = append(c.record[:0], salestime.SafeCell(r.owner), kind, name, s.Periods[j].Label, c.number(a))
			_ = c.w.Write(c.record) // kept for Flush
		}
	}
	return c.w.Error()
}

// appendPeriods appends amounts as a JSON array of strings.
func appendPeriods(b []byte, amounts []decimal.Decimal) []byte {
	b = append(b, '[')
	for j, a := range amounts {
		if j > 0 {
			b = append(b, ", "...)
		}
		b = append(b, '"')
		b = appendFixed(b, a, max(-a.Exponent(), 0))
		b = append(b, '"')
	}
	return append(b, ']')
}

// schedule writes the periods of the schedule of r, with their working
// days and budgets, and the periods of the parties that are not key
// customers, at the indent in.
func (j *jsonRenderer) schedule(r result, in string) {
	s := r.schedule
	j.raw(in + "\"periods\": [\n")
	for i, p := range s.Periods {
		b := j.buf[:0]
		b = append(b, in+"  {\"label\": "...)
		b = appendString(b, p.Label)
		b = append(b, ", \"workingDays\": "...)
		b = strconv.AppendInt(b, p.Weight, 10)
		b = append(b, ", \"budget\": \""...)
		b = appendFixed(b, s.Budgets[i], max(-s.Budgets[i].Exponent(), 0))
		b = append(b, "\"}"...)
		if i < len(s.Periods)-1 {
			b = append(b, ',')
		}
		b = append(b, '\n')
		j.buf = b
		_, _ = j.w.Write(b) // bufio.Writer keeps its error for Flush
	}
	j.raw(in + "],\n")
	for _, l := range s.Lines {
		if l.Kind != "key" {
			j.raw(in + "\"" + l.Kind + "Periods\": " + string(appendPeriods(nil, l.Periods)) + ",\n")
		}
	}
}
