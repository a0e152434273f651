package main

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"strings"
	"text/tabwriter"
	"unicode"
	"unicode/utf8"

	"github.com/shopspring/decimal"

	"github.com/salestime/salestime"
)

type jsonResult struct {
	Owner      *string              `json:"owner,omitempty"`
	Currency   string               `json:"currency,omitempty"`
	Allocation salestime.Allocation `json:"allocation"`
	Plan       salestime.Plan       `json:"plan"`
}

func writeJSON(w io.Writer, results []result, acc salestime.Accounts) error {
	var v any
	if acc.Owners {
		list := make([]jsonResult, len(results))
		for i, r := range results {
			list[i] = jsonResult{Owner: &r.owner, Currency: acc.Currency, Allocation: r.allocation, Plan: r.plan}
		}
		v = list
	} else {
		v = jsonResult{Currency: acc.Currency, Allocation: results[0].allocation, Plan: results[0].plan}
	}
	b, err := json.MarshalIndent(v, "", "  ")
	if err != nil {
		return err
	}
	_, err = w.Write(append(b, '\n'))
	return err
}

// restName names the party that gets the time left after the key customers.
const restName = "other customers and prospecting"

func writeCSV(w io.Writer, results []result, grouped bool) error {
	cw := csv.NewWriter(w)
	header := []string{"customer", "revenue", "new", "rule", "revenue_share", "time_share", "amount"}
	if grouped {
		header = append([]string{"owner"}, header...)
	}
	records := [][]string{header}
	for _, r := range results {
		add := func(record ...string) {
			if grouped {
				record = append([]string{salestime.SafeCell(r.owner)}, record...)
			}
			records = append(records, record)
		}
		for i, l := range r.allocation.Lines {
			add(salestime.SafeCell(l.Customer.Name), exact(l.Customer.Revenue), strconv.FormatBool(l.Customer.New), l.Rule.Name(),
				exact(l.RevenueShare), exact(l.TimeShare), exact(r.plan.Lines[i].Amount))
		}
		add(restName, "", "", "", exact(decimal.New(1, 0).Sub(r.allocation.KeyRevenueShare)),
			exact(r.allocation.RestTimeShare), exact(r.plan.Rest))
	}
	return cw.WriteAll(records)
}

// exact returns d in plain notation with the places it has, whatever the
// decimal package's global settings say.
func exact(d decimal.Decimal) string {
	return d.StringFixed(max(-d.Exponent(), 0))
}

// percent returns a share as a percentage with one decimal place, rounded half to even.
func percent(share decimal.Decimal) string {
	return share.Shift(2).StringFixedBank(1) + "%"
}

// barWidth is the width in characters of a bar for a share of 1.
const barWidth = 20

// bar draws a share as a bar of block characters, in eighths of a
// character.
func bar(share decimal.Decimal) string {
	eighths := share.Mul(decimal.New(8*barWidth, 0)).Round(0).IntPart()
	partial := []string{"", "▏", "▎", "▍", "▌", "▋", "▊", "▉"}
	return strings.Repeat("█", int(eighths/8)) + partial[eighths%8]
}

func writeText(w *bytes.Buffer, results []result, acc salestime.Accounts, cfg config) error {
	cfg.unit = shown(cfg.unit)
	if len(results) == 0 {
		fmt.Fprintln(w, "No customers.")
		return nil
	}
	for i, r := range results {
		if acc.Owners {
			if i > 0 {
				fmt.Fprintln(w)
			}
			owner := shown(r.owner)
			if owner == "" {
				owner = "(no owner)"
			}
			fmt.Fprintf(w, "== %s ==\n\n", owner)
		}
		if err := writeResult(w, r, acc.Currency, cfg); err != nil {
			return err
		}
	}
	return nil
}

// writeResult writes the sentence, the table and the rest line of one plan,
// with revenues in currency, if it is known.
func writeResult(w *bytes.Buffer, r result, currency string, cfg config) error {
	a, p := r.allocation, r.plan
	places := max(-cfg.step.Exponent(), 0)
	amount := func(d decimal.Decimal) string { return d.StringFixed(places) }
	switch {
	case r.portfolio.Len() == 0:
		fmt.Fprintf(w, "No customers: all %s %s go to prospecting.\n", amount(p.Budget), cfg.unit)
		return nil
	case len(a.Lines) == 0:
		fmt.Fprintf(w, "No key customers among %d: all %s %s go to %s.\n",
			r.portfolio.Len(), amount(p.Budget), cfg.unit, restName)
		return nil
	}
	keyAmount := decimal.Decimal{}
	for _, l := range p.Lines {
		keyAmount = keyAmount.Add(l.Amount)
	}
	fmt.Fprintf(w, "Key customers bring %s of revenue; %s: %s of your time, %s of %s %s.\n\n",
		percent(a.KeyRevenueShare), rules(a.Lines), percent(a.KeyTimeShare), amount(keyAmount), amount(p.Budget), cfg.unit)

	var table bytes.Buffer
	revenue := "REVENUE"
	if currency != "" {
		revenue += " IN " + currency
	}
	fmt.Fprintf(&table, "CUSTOMER\t%s\tREVENUE SHARE\t\tRULE\tTIME SHARE\t\t%s\n", revenue, strings.ToUpper(cfg.unit))
	for i, l := range a.Lines {
		rule := "existing"
		if l.Customer.New {
			rule = "new"
		}
		fmt.Fprintf(&table, "%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n", shown(l.Customer.Name), exact(l.Customer.Revenue),
			percent(l.RevenueShare), bar(l.RevenueShare), rule, percent(l.TimeShare), bar(l.TimeShare), amount(p.Lines[i].Amount))
	}
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	if _, err := tw.Write(table.Bytes()); err != nil {
		return err
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	fmt.Fprintf(w, "\nOther customers and prospecting: %s of your time, %s %s.\n",
		percent(a.RestTimeShare), amount(p.Rest), cfg.unit)
	return nil
}

// rules says which rules the key customers got.
func rules(lines []salestime.Line) string {
	var existing, fresh int
	for _, l := range lines {
		if l.Customer.New {
			fresh++
		} else {
			existing++
		}
	}
	switch {
	case fresh == 0:
		return "existing-customer rule, half"
	case existing == 0:
		return "new-customer rule, three quarters"
	}
	return fmt.Sprintf("existing-customer rule, half, for %d and new-customer rule, three quarters, for %d", existing, fresh)
}

// shown returns s for a terminal: each control character, line break or
// character that reorders text as an escape such as \x1b or \u202e, so that
// nothing in a name can move the cursor, recolour the terminal or shift
// the table.
func shown(s string) string {
	if !strings.ContainsFunc(s, unsafeRune) {
		return s
	}
	var b strings.Builder
	for _, r := range s {
		switch {
		case !unsafeRune(r):
			b.WriteRune(r)
		case r < 0x100:
			fmt.Fprintf(&b, "\\x%02x", r)
		default:
			fmt.Fprintf(&b, "\\u%04x", r)
		}
	}
	return b.String()
}

func unsafeRune(r rune) bool {
	return unicode.IsControl(r) || unicode.In(r, unicode.Zl, unicode.Zp, unicode.Bidi_Control) || r == utf8.RuneError
}
