package main

import (
	"fmt"
	"strings"

	"github.com/shopspring/decimal"

	"github.com/salestime/salestime"
	"github.com/salestime/salestime/internal/textout"
)

// A scheduleRow is a row of a spread plan as the output shows it: a
// party, or the key customers after -top's first ones, and its amounts.
type scheduleRow struct {
	kind, name string
	amount     decimal.Decimal
	periods    []decimal.Decimal
}

// scheduleRows returns the rows of p, a spread plan: the first top key
// customers (all where top is 0), one row for the others, then the rest,
// or the other customers and prospecting.
func scheduleRows(p salestime.Plan, top int) []scheduleRow {
	var rows []scheduleRow
	for i, l := range p.Lines {
		switch {
		case top == 0 || i < top:
			rows = append(rows, scheduleRow{kind: "key", name: l.Customer.Name, amount: l.Amount, periods: p.KeyPeriods[i]})
		case i == top:
			n := len(p.Lines) - top
			rows = append(rows, scheduleRow{kind: "more", name: fmt.Sprintf("%d more key %s", n, plural(n, "customer", "customers")),
				amount: l.Amount, periods: append([]decimal.Decimal(nil), p.KeyPeriods[i]...)})
		default:
			more := &rows[len(rows)-1]
			more.amount = more.amount.Add(l.Amount)
			for j, a := range p.KeyPeriods[i] {
				more.periods[j] = more.periods[j].Add(a)
			}
		}
	}
	if p.OtherPeriods != nil {
		return append(rows, scheduleRow{kind: "other", name: "other customers", amount: p.Other, periods: p.OtherPeriods},
			scheduleRow{kind: "prospect", name: "prospecting", amount: p.Prospecting, periods: p.ProspectingPeriods})
	}
	return append(rows, scheduleRow{kind: "rest", name: restName, amount: p.Rest, periods: p.RestPeriods})
}

// periodsPerBlock is the most periods a block of the text schedule shows,
// so that a year of weeks stays readable in a terminal.
const periodsPerBlock = 13

// spread writes p, a spread plan, as tables of at most periodsPerBlock
// periods: a row per party and the total of each period, and in the last
// block the total of each party.
func (t *textRenderer) spread(p salestime.Plan) {
	rows := scheduleRows(p, t.o.top)
	k := len(p.Periods)
	for from := 0; from < k; from += periodsPerBlock {
		to := min(from+periodsPerBlock, k)
		last := to == k
		header := []string{"CUSTOMER"}
		for _, label := range p.Periods[from:to] {
			header = append(header, textout.Shown(label))
		}
		if last {
			header = append(header, "TOTAL")
		}
		table := [][]string{header}
		line := func(name string, amounts []decimal.Decimal, total decimal.Decimal) {
			row := []string{name}
			for _, a := range amounts[from:to] {
				row = append(row, t.num.Amount(a))
			}
			if last {
				row = append(row, t.num.Amount(total))
			}
			table = append(table, row)
		}
		for _, row := range rows {
			name := textout.Shown(row.name)
			if row.kind != "key" && row.kind != "more" {
				name = strings.ToUpper(name[:1]) + name[1:] // a party's name, in ASCII
			}
			line(name, row.periods, row.amount)
		}
		line("Total", p.PeriodBudgets, p.Budget)
		right := make([]bool, len(header))
		for i := 1; i < len(right); i++ {
			right[i] = true
		}
		if from > 0 {
			_ = t.w.WriteByte('\n') // bufio.Writer keeps its error for Flush
		}
		textout.WriteTable(t.w, table, right)
	}
}

// spread writes the rows of the spread plan of g, one per party and
// period: owner, kind, name, period, amount.
func (c *csvRenderer) spread(g *salestime.Group) {
	p := g.Plan
	for _, row := range scheduleRows(p, 0) {
		name := row.name
		if row.kind == "key" {
			name = safeCell(name)
		}
		for j, a := range row.periods {
			c.write(g.Name, row.kind, name, p.Periods[j], c.number(a))
		}
	}
}
