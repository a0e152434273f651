package main

import (
	"bufio"
	"cmp"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/shopspring/decimal"

	"github.com/salestime/salestime"
)

// A renderer writes the plans of the groups of an input, one at a time, as
// the groups are planned: so that the output of a long file need not be
// held in memory.
type renderer interface {
	// group writes the plan of one group.
	group(r result) error
	// end writes what follows the last group.
	end() error
}

// newRenderer returns the renderer of cfg's format, writing to w.
func newRenderer(w *bufio.Writer, acc salestime.Accounts, cfg config) renderer {
	in := input{Owners: acc.Owners, Currency: acc.Currency}
	switch cfg.format {
	case "json":
		return &jsonRenderer{w: w, acc: in}
	case "csv":
		return newCSVRenderer(w, acc.Owners)
	}
	return &textRenderer{w: w, acc: in, cfg: cfg, unit: shown(cfg.unit)}
}

// input is what the renderers need to know of the accounts read, and no
// more: the accounts themselves hold rows that may go once planned.
type input struct {
	Owners   bool
	Currency string
}

// A jsonRenderer writes one object for an input without owners, and an
// array of them, one per owner, for an input with owners. It writes each
// line of a plan as it goes, so that a long plan is never held as text.
type jsonRenderer struct {
	w   *bufio.Writer
	acc input
	n   int    // groups written
	buf []byte // a line of a plan, as JSON
}

func (j *jsonRenderer) group(r result) error {
	in := "" // the indent of the object
	if j.acc.Owners {
		in = "  "
		if j.n == 0 {
			j.raw("[\n  ")
		} else {
			j.raw(",\n  ")
		}
	}
	j.n++
	j.raw("{\n")
	if j.acc.Owners {
		j.field(in+"  ", "owner", r.owner, ",")
	}
	if j.acc.Currency != "" {
		j.field(in+"  ", "currency", j.acc.Currency, ",")
	}
	a, p := r.allocation, r.plan
	j.raw(in + "  \"allocation\": {\n")
	j.list(in+"    ", len(a.Lines), func(b []byte, in string, i int) []byte { return appendLine(b, in, a.Lines[i]) })
	j.field(in+"    ", "keyRevenueShare", exact(a.KeyRevenueShare), ",")
	j.field(in+"    ", "keyTimeShare", exact(a.KeyTimeShare), ",")
	j.field(in+"    ", "restTimeShare", exact(a.RestTimeShare), "")
	j.raw(in + "  },\n" + in + "  \"plan\": {\n")
	j.field(in+"    ", "budget", exact(p.Budget), ",")
	j.field(in+"    ", "step", exact(p.Step), ",")
	j.list(in+"    ", len(p.Lines), func(b []byte, in string, i int) []byte { return appendPlanLine(b, in, p.Lines[i]) })
	j.field(in+"    ", "rest", exact(p.Rest), "")
	j.raw(in + "  }\n" + in + "}")
	return nil
}

// raw writes s as it is.
func (j *jsonRenderer) raw(s string) {
	_, _ = j.w.WriteString(s) // bufio.Writer keeps its error for Flush
}

// field writes "name": value, a string, at the indent in, then end.
func (j *jsonRenderer) field(in, name, value, end string) {
	j.raw(in + "\"" + name + "\": " + string(appendString(nil, value)) + end + "\n")
}

// list writes "lines": [...], the n objects that item appends to a
// buffer, at the indent in.
func (j *jsonRenderer) list(in string, n int, item func(b []byte, in string, i int) []byte) {
	if n == 0 {
		j.raw(in + "\"lines\": [],\n")
		return
	}
	j.raw(in + "\"lines\": [\n")
	for i := range n {
		j.buf = item(j.buf[:0], in+"  ", i)
		if i < n-1 {
			j.buf = append(j.buf, ',')
		}
		j.buf = append(j.buf, '\n')
		_, _ = j.w.Write(j.buf) // bufio.Writer keeps its error for Flush
	}
	j.raw(in + "],\n")
}

// appendCustomer appends the JSON object of c at the indent in, as
// Customer.MarshalJSON writes it, indented.
func appendCustomer(b []byte, in string, c salestime.Customer) []byte {
	b = append(b, "{\n"+in+"  \"name\": "...)
	b = appendString(b, c.Name)
	b = append(b, ",\n"+in+"  \"revenue\": \""...)
	b = appendFixed(b, c.Revenue, max(-c.Revenue.Exponent(), 0))
	b = append(b, '"')
	if c.New {
		b = append(b, ",\n"+in+"  \"new\": true"...)
	}
	if c.Key {
		b = append(b, ",\n"+in+"  \"key\": true"...)
	}
	return append(b, "\n"+in+"}"...)
}

// appendLine appends the JSON object of l at the indent in, as
// Line.MarshalJSON writes it, indented.
func appendLine(b []byte, in string, l salestime.Line) []byte {
	b = append(b, in+"{\n"+in+"  \"customer\": "...)
	b = appendCustomer(b, in+"  ", l.Customer)
	b = append(b, ",\n"+in+"  \"rule\": {\n"+in+"    \"name\": "...)
	b = appendString(b, l.Rule.Name())
	b = append(b, ",\n"+in+"    \"factor\": \""...)
	b = append(b, exact(l.Rule.Factor())...)
	b = append(b, "\"\n"+in+"  },\n"+in+"  \"revenueShare\": \""...)
	b = appendFixed(b, l.RevenueShare, max(-l.RevenueShare.Exponent(), 0))
	b = append(b, "\",\n"+in+"  \"timeShare\": \""...)
	b = appendFixed(b, l.TimeShare, max(-l.TimeShare.Exponent(), 0))
	return append(b, "\"\n"+in+"}"...)
}

// appendPlanLine appends the JSON object of l at the indent in, as
// PlanLine.MarshalJSON writes it, indented.
func appendPlanLine(b []byte, in string, l salestime.PlanLine) []byte {
	b = append(b, in+"{\n"+in+"  \"customer\": "...)
	b = appendCustomer(b, in+"  ", l.Customer)
	b = append(b, ",\n"+in+"  \"amount\": \""...)
	b = appendFixed(b, l.Amount, max(-l.Amount.Exponent(), 0))
	return append(b, "\"\n"+in+"}"...)
}

// appendString appends s as a JSON string, as encoding/json writes it.
func appendString(b []byte, s string) []byte {
	for i := range len(s) {
		if c := s[i]; c < ' ' || c >= 0x7f || c == '"' || c == '\\' || c == '<' || c == '>' || c == '&' {
			q, _ := json.Marshal(s) // a string always marshals
			return append(b, q...)
		}
	}
	b = append(b, '"')
	b = append(b, s...)
	return append(b, '"')
}

func (j *jsonRenderer) end() error {
	switch {
	case !j.acc.Owners:
		j.raw("\n")
	case j.n == 0:
		j.raw("[]\n")
	default:
		j.raw("\n]\n")
	}
	return nil
}

// restName names the party that gets the time left after the key customers.
const restName = "other customers and prospecting"

// A csvRenderer writes one row per party of each plan, key customers then
// the rest, after a header row.
type csvRenderer struct {
	w      *csv.Writer
	owners bool
	record []string
}

func newCSVRenderer(w *bufio.Writer, owners bool) *csvRenderer {
	c := &csvRenderer{w: csv.NewWriter(w), owners: owners}
	header := []string{"customer", "revenue", "new", "rule", "revenue_share", "time_share", "amount"}
	if owners {
		header = append([]string{"owner"}, header...)
	}
	_ = c.w.Write(header) // csv.Writer keeps its error for Flush
	return c
}

func (c *csvRenderer) group(r result) error {
	add := func(cells ...string) {
		c.record = c.record[:0]
		if c.owners {
			c.record = append(c.record, salestime.SafeCell(r.owner))
		}
		c.record = append(c.record, cells...)
		_ = c.w.Write(c.record) // kept for Flush
	}
	for i, l := range r.allocation.Lines {
		add(salestime.SafeCell(l.Customer.Name), exact(l.Customer.Revenue), strconv.FormatBool(l.Customer.New), l.Rule.Name(),
			exact(l.RevenueShare), exact(l.TimeShare), exact(r.plan.Lines[i].Amount))
	}
	add(restName, "", "", "", exact(decimal.New(1, 0).Sub(r.allocation.KeyRevenueShare)),
		exact(r.allocation.RestTimeShare), exact(r.plan.Rest))
	return c.w.Error()
}

func (c *csvRenderer) end() error {
	c.w.Flush()
	return c.w.Error()
}

// exact returns d in plain notation with the places it has, whatever the
// decimal package's global settings say.
func exact(d decimal.Decimal) string {
	return string(appendFixed(nil, d, max(-d.Exponent(), 0)))
}

// appendFixed appends d with places decimal places, as d.StringFixed(places)
// writes it, in integers where d fits an int64, as nearly every amount does.
func appendFixed(b []byte, d decimal.Decimal, places int32) []byte {
	e := d.Exponent()
	if e > 0 || -e > places || places > 18 || d.NumDigits()+int(places+e) > 18 {
		return append(b, d.StringFixed(places)...)
	}
	c := d.CoefficientInt64() * pow10[places+e] // the value in units of 10^-places
	if c < 0 {
		b, c = append(b, '-'), -c
	}
	start := len(b)
	b = strconv.AppendInt(b, c, 10)
	if places == 0 {
		return b
	}
	// Zeros before the digits up to one before the point, then the point.
	for len(b)-start <= int(places) {
		b = append(b, 0)
		copy(b[start+1:], b[start:])
		b[start] = '0'
	}
	b = append(b, 0)
	point := len(b) - 1 - int(places)
	copy(b[point+1:], b[point:])
	b[point] = '.'
	return b
}

// pow10 holds 10^0 to 10^18.
var pow10 = func() (p [19]int64) {
	p[0] = 1
	for i := 1; i < len(p); i++ {
		p[i] = p[i-1] * 10
	}
	return p
}()

// appendPercent appends a share, in [0, 1], as a percentage with one
// decimal place, rounded half to even, as in 35.0%.
func appendPercent(b []byte, share decimal.Decimal) []byte {
	e := share.Exponent()
	if e > 0 || e < -18 || share.NumDigits() > 15 {
		return append(append(b, share.Shift(2).StringFixedBank(1)...), '%')
	}
	c := share.CoefficientInt64()
	var tenths int64 // of a percent: share x 1000
	if e >= -3 {
		tenths = c * pow10[e+3]
	} else {
		d := pow10[-(e + 3)]
		q, r := c/d, c%d
		if 2*r > d || 2*r == d && q%2 == 1 {
			q++
		}
		tenths = q
	}
	b = strconv.AppendInt(b, tenths/10, 10)
	return append(b, '.', byte('0'+tenths%10), '%')
}

// percent returns a share as appendPercent writes it.
func percent(share decimal.Decimal) string {
	return string(appendPercent(nil, share))
}

// barWidth is the width in characters of a bar for a share of 1.
const barWidth = 20

// barParts are the characters of a bar's last eighths.
var barParts = [8]string{"", "▏", "▎", "▍", "▌", "▋", "▊", "▉"}

// eighths returns a share, in [0, 1], in eighths of a character of a bar,
// rounded half away from zero.
func eighths(share decimal.Decimal) int {
	e := share.Exponent()
	if e > 0 || e < -18 || share.NumDigits() > 15 {
		return int(share.Mul(decimal.New(8*barWidth, 0)).Round(0).IntPart())
	}
	x := share.CoefficientInt64() * 8 * barWidth
	if e == 0 {
		return int(x)
	}
	d := pow10[-e]
	q, r := x/d, x%d
	if 2*r >= d {
		q++
	}
	return int(q)
}

// barLen returns the characters of the bar of a share of n eighths.
func barLen(n int) int {
	return n/8 + min(n%8, 1)
}

// writeBar draws a bar of n eighths of a character with block characters.
func writeBar(w *bufio.Writer, n int) {
	for range n / 8 {
		_, _ = w.WriteString("█") // bufio.Writer keeps its error for Flush
	}
	_, _ = w.WriteString(barParts[n%8])
}

// A textRenderer writes, for each plan, a sentence, a table of the key
// customers and a line for the rest; with owners, each under a heading.
type textRenderer struct {
	w    *bufio.Writer
	acc  input
	cfg  config
	unit string // cfg.unit as shown
	n    int    // groups written
}

func (t *textRenderer) group(r result) error {
	w := t.w
	if t.acc.Owners {
		if t.n > 0 {
			_ = w.WriteByte('\n')
		}
		owner := shown(r.owner)
		if owner == "" {
			owner = "(no owner)"
		}
		_, _ = w.WriteString("== " + owner + " ==\n\n")
	}
	t.n++
	a, p, unit := r.allocation, r.plan, t.unit
	places := max(-t.cfg.step.Exponent(), 0)
	amount := func(d decimal.Decimal) string { return string(appendFixed(nil, d, places)) }
	switch {
	case r.portfolio.Len() == 0:
		_, _ = fmt.Fprintf(w, "No customers: all %s %s go to prospecting.\n", amount(p.Budget), unit)
		return nil
	case len(a.Lines) == 0:
		_, _ = fmt.Fprintf(w, "No key customers among %d: all %s %s go to %s.\n",
			r.portfolio.Len(), amount(p.Budget), unit, restName)
		return nil
	}
	keyAmount := decimal.Decimal{}
	for _, l := range p.Lines {
		keyAmount = keyAmount.Add(l.Amount)
	}
	_, _ = fmt.Fprintf(w, "Key customers bring %s of revenue; %s: %s of your time, %s of %s %s.\n\n",
		percent(a.KeyRevenueShare), rules(a.Lines), percent(a.KeyTimeShare), amount(keyAmount), amount(p.Budget), unit)

	revenue := "REVENUE"
	if t.acc.Currency != "" {
		revenue += " IN " + t.acc.Currency
	}
	t.table(r, revenue, places)
	_, _ = fmt.Fprintf(w, "\nOther customers and prospecting: %s of your time, %s %s.\n",
		percent(a.RestTimeShare), amount(p.Rest), unit)
	return nil
}

func (t *textRenderer) end() error {
	if t.n == 0 {
		_, _ = t.w.WriteString("No customers.\n")
	}
	return nil
}

// table writes the table of the key customers of r: each column as wide
// as its widest cell, in characters, and two spaces from the next; the last
// column is not padded. It formats the cells twice, once to measure them
// and once to write them, rather than hold every cell of a long table.
func (t *textRenderer) table(r result, revenue string, places int32) {
	w := t.w
	lines, amounts := r.allocation.Lines, r.plan.Lines
	header := [...]string{"CUSTOMER", revenue, "REVENUE SHARE", "", "RULE", "TIME SHARE", "", strings.ToUpper(t.unit)}
	var widths [len(header)]int
	for i, h := range header {
		widths[i] = utf8.RuneCountInString(h)
	}
	var buf []byte
	measure := func(col int, b []byte) {
		widths[col] = max(widths[col], utf8.RuneCount(b))
	}
	for _, l := range lines {
		widths[0] = max(widths[0], utf8.RuneCountInString(shown(l.Customer.Name)))
		measure(1, appendFixed(buf[:0], l.Customer.Revenue, max(-l.Customer.Revenue.Exponent(), 0)))
		measure(2, appendPercent(buf[:0], l.RevenueShare))
		widths[3] = max(widths[3], barLen(eighths(l.RevenueShare)))
		widths[4] = max(widths[4], len(ruleWord(l.Customer)))
		measure(5, appendPercent(buf[:0], l.TimeShare))
		widths[6] = max(widths[6], barLen(eighths(l.TimeShare)))
	}
	pad := func(col, n int) {
		for range widths[col] - n + 2 {
			_ = w.WriteByte(' ')
		}
	}
	cell := func(col int, b []byte) {
		_, _ = w.Write(b) // bufio.Writer keeps its error for Flush
		pad(col, utf8.RuneCount(b))
	}
	for i, h := range header[:len(header)-1] {
		_, _ = w.WriteString(h)
		pad(i, utf8.RuneCountInString(h))
	}
	_, _ = w.WriteString(header[len(header)-1] + "\n")
	for i, l := range lines {
		name := shown(l.Customer.Name)
		_, _ = w.WriteString(name)
		pad(0, utf8.RuneCountInString(name))
		cell(1, appendFixed(buf[:0], l.Customer.Revenue, max(-l.Customer.Revenue.Exponent(), 0)))
		cell(2, appendPercent(buf[:0], l.RevenueShare))
		n := eighths(l.RevenueShare)
		writeBar(w, n)
		pad(3, barLen(n))
		_, _ = w.WriteString(ruleWord(l.Customer))
		pad(4, len(ruleWord(l.Customer)))
		cell(5, appendPercent(buf[:0], l.TimeShare))
		n = eighths(l.TimeShare)
		writeBar(w, n)
		pad(6, barLen(n))
		_, _ = w.Write(appendFixed(buf[:0], amounts[i].Amount, places))
		_ = w.WriteByte('\n')
	}
}

// ruleWord names the rule of c in the table.
func ruleWord(c salestime.Customer) string {
	if c.New {
		return "new"
	}
	return "existing"
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
	ascii := true // and printable, the common case, without decoding
	for i := 0; i < len(s) && ascii; i++ {
		ascii = s[i] >= ' ' && s[i] < 0x7f
	}
	if ascii || !strings.ContainsFunc(s, unsafeRune) {
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

// A reviewRenderer writes the reviews of the groups, one at a time, and
// then the team's.
type reviewRenderer interface {
	// review writes the review of the plan of one owner.
	review(owner string, r salestime.Review) error
	// end writes the team's review, from the sums of the others, and the
	// owners of activities who have no accounts.
	end(team salestime.Review, strays []stray) error
}

func newReviewRenderer(w *bufio.Writer, acc salestime.Accounts, cfg config) reviewRenderer {
	in := input{Owners: acc.Owners, Currency: acc.Currency}
	switch cfg.format {
	case "json":
		return &jsonReview{w: w, acc: in}
	case "csv":
		c := &csvReview{w: csv.NewWriter(w), owners: acc.Owners}
		header := []string{"kind", "name", "planned", "actual", "difference"}
		if acc.Owners {
			header = append([]string{"owner"}, header...)
		}
		_ = c.w.Write(header) // kept for Flush
		return c
	}
	return &textReview{w: w, acc: in, cfg: cfg, unit: shown(cfg.unit)}
}

// hours returns d in hours to the hundredth, rounded half to even, as in
// 35.25; with a sign where signed is set, as in +2.50.
func hours(d time.Duration, signed bool) string {
	const hundredth = time.Hour / 100
	q, r := d/hundredth, d%hundredth
	if r < 0 {
		q, r = q-1, r+hundredth
	}
	if 2*r > hundredth || 2*r == hundredth && q%2 != 0 {
		q++
	}
	sign := ""
	switch {
	case q < 0:
		sign, q = "-", -q
	case signed && q > 0:
		sign = "+"
	}
	return fmt.Sprintf("%s%d.%02d", sign, q/100, q%100)
}

// A textReview writes each review as a sentence, a table and notes.
type textReview struct {
	w    *bufio.Writer
	acc  input
	cfg  config
	unit string
	n    int
}

func (t *textReview) review(owner string, r salestime.Review) error {
	w := t.w
	if t.acc.Owners {
		if t.n > 0 {
			_ = w.WriteByte('\n')
		}
		_, _ = fmt.Fprintf(w, "== %s ==\n\n", cmp.Or(shown(owner), "(no owner)"))
	}
	t.n++
	t.sentence(r)
	if !r.Period.IsZero() {
		_, _ = fmt.Fprintf(w, "From %s to %s: %d of %d working days, %s of %s %s planned to date.\n",
			r.Period.From.Format(time.DateOnly), r.Until.Format(time.DateOnly), r.Passed, r.WorkingDays,
			hours(r.BudgetToDate, false), hours(r.Budget, false), t.unit)
	}
	_ = w.WriteByte('\n')
	rows := [][]string{{"CUSTOMER", "PLANNED", "ACTUAL", "DIFFERENCE", "OF PLAN", "", ""}}
	for _, l := range r.Lines {
		rows = append(rows, t.line(shown(l.Name), l))
	}
	rows = append(rows, t.line("Other customers and prospecting", r.Rest))
	for _, part := range []struct {
		name string
		time time.Duration
	}{{"other customers", r.OtherCustomers}, {"prospects", r.Prospects}, {"unassigned", r.Unassigned}} {
		rows = append(rows, []string{"  " + part.name, "", hours(part.time, false), "", "", "", ""})
	}
	writeColumns(w, rows)
	for _, u := range r.Unmatched {
		_, _ = fmt.Fprintf(w, "\nNo customer is called %s: %s %s counted as prospecting", shown(u.Name), hours(u.Time, false), t.unit)
		if u.NearMiss != "" {
			_, _ = fmt.Fprintf(w, " (the customer %s?)", shown(u.NearMiss))
		}
		_ = w.WriteByte('.')
	}
	if len(r.Unmatched) > 0 {
		_ = w.WriteByte('\n')
	}
	if r.Outside > 0 {
		_, _ = fmt.Fprintf(w, "\n%d %s dated outside the period left out.\n", r.Outside, plural(r.Outside, "activity", "activities"))
	}
	return nil
}

// sentence writes the sentence a manager reads first.
func (t *textReview) sentence(r salestime.Review) {
	if r.Logged == 0 {
		_, _ = fmt.Fprintf(t.w, "No time logged; the rule gives key customers %s.\n", percent(r.PlanShare))
		return
	}
	_, _ = fmt.Fprintf(t.w, "Key customers got %s of the time logged; the rule gives them %s.\n",
		percent(r.ActualShare), percent(r.PlanShare))
}

// line returns the cells of a line of the review's table.
func (t *textReview) line(name string, l salestime.ReviewLine) []string {
	ofPlan, mark := "", ""
	if l.Planned > 0 {
		ofPlan = percent(l.OfPlan)
	}
	one := decimal.New(1, 0)
	switch {
	case l.Planned == 0 && l.Actual > 0, l.Planned > 0 && l.OfPlan.GreaterThan(one.Add(t.cfg.tolerance)):
		mark = "over"
	case l.Planned > 0 && l.OfPlan.LessThan(one.Sub(t.cfg.tolerance)):
		mark = "under"
	}
	// The bar is ten characters for the plan, up to twice the plan.
	bar := ""
	if l.Planned > 0 {
		eighths := min(l.OfPlan.Mul(decimal.New(80, 0)).Round(0).IntPart(), 160)
		bar = strings.Repeat("█", int(eighths/8)) + barParts[eighths%8]
	}
	return []string{name, hours(l.Planned, false), hours(l.Actual, false), hours(l.Difference, true), ofPlan, bar, mark}
}

// writeColumns writes rows of cells in columns two spaces apart, each as
// wide as its widest cell; the last cell of a row is not padded, nor are
// cells that end a row.
func writeColumns(w *bufio.Writer, rows [][]string) {
	var widths []int
	for _, row := range rows {
		for i, c := range row {
			if i == len(widths) {
				widths = append(widths, 0)
			}
			widths[i] = max(widths[i], utf8.RuneCountInString(c))
		}
	}
	for _, row := range rows {
		last := len(row) - 1
		for last > 0 && row[last] == "" {
			last--
		}
		for i, c := range row[:last+1] {
			_, _ = w.WriteString(c)
			if i < last {
				_, _ = w.WriteString(strings.Repeat(" ", widths[i]-utf8.RuneCountInString(c)+2))
			}
		}
		_ = w.WriteByte('\n')
	}
}

func (t *textReview) end(team salestime.Review, strays []stray) error {
	if !t.acc.Owners {
		return nil
	}
	if t.n > 0 {
		_ = t.w.WriteByte('\n')
	}
	_, _ = t.w.WriteString("== Team ==\n\n")
	t.sentence(team)
	_ = t.w.WriteByte('\n')
	writeColumns(t.w, [][]string{
		{"", "PLANNED", "ACTUAL", "DIFFERENCE", "OF PLAN", "", ""},
		t.line("Key customers", team.Key),
		t.line("Other customers and prospecting", team.Rest),
	})
	for _, s := range strays {
		_, _ = fmt.Fprintf(t.w, "\n%s has no accounts: %s %s of activities not reviewed.", cmp.Or(shown(s.owner), "(no owner)"), hours(s.time, false), t.unit)
	}
	if len(strays) > 0 {
		_ = t.w.WriteByte('\n')
	}
	return nil
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

// A jsonReview writes one review as an object, or with owners an object
// of the reviews and the team's.
type jsonReview struct {
	w   *bufio.Writer
	acc input
	n   int
}

func (j *jsonReview) review(owner string, r salestime.Review) error {
	b, err := json.MarshalIndent(r, "    ", "  ")
	if !j.acc.Owners {
		b, err = json.MarshalIndent(r, "", "  ")
	}
	if err != nil {
		return err
	}
	if !j.acc.Owners {
		_, _ = j.w.Write(append(b, '\n'))
		return nil
	}
	if j.n == 0 {
		_, _ = j.w.WriteString("{\n  \"reviews\": [\n")
	} else {
		_, _ = j.w.WriteString(",\n")
	}
	j.n++
	name, _ := json.Marshal(owner) // a string always marshals
	_, _ = fmt.Fprintf(j.w, "    {\n      \"owner\": %s,\n      \"review\": ", name)
	_, _ = j.w.Write(append(append([]byte(nil), b[0:]...), '\n'))
	_, _ = j.w.WriteString("    }")
	return nil
}

func (j *jsonReview) end(team salestime.Review, strays []stray) error {
	if !j.acc.Owners {
		return nil
	}
	b, err := json.MarshalIndent(team, "  ", "  ")
	if err != nil {
		return err
	}
	if j.n == 0 {
		_, _ = j.w.WriteString("{\n  \"reviews\": [")
	}
	_, _ = fmt.Fprintf(j.w, "\n  ],\n  \"team\": %s,\n  \"ownersWithoutAccounts\": [", b)
	for i, s := range strays {
		b, err := json.Marshal(salestime.Unmatched{Name: s.owner, Time: s.time})
		if err != nil {
			return err
		}
		if i > 0 {
			_ = j.w.WriteByte(',')
		}
		_, _ = j.w.WriteString("\n    ")
		_, _ = j.w.Write(b)
	}
	if len(strays) > 0 {
		_, _ = j.w.WriteString("\n  ")
	}
	_, _ = j.w.WriteString("]\n}\n")
	return nil
}

// A csvReview writes one row per party of each review.
type csvReview struct {
	w      *csv.Writer
	owners bool
}

func (c *csvReview) review(owner string, r salestime.Review) error {
	add := func(kind, name string, planned, actual time.Duration, hasPlan bool) {
		record := []string{kind, salestime.SafeCell(name), "", hours(actual, false), ""}
		if hasPlan {
			record[2], record[4] = hours(planned, false), hours(actual-planned, true)
		}
		if c.owners {
			record = append([]string{salestime.SafeCell(owner)}, record...)
		}
		_ = c.w.Write(record) // kept for Flush
	}
	for _, l := range r.Lines {
		add("key", l.Name, l.Planned, l.Actual, true)
	}
	add("rest", restName, r.Rest.Planned, r.Rest.Actual, true)
	add("other", "other customers", 0, r.OtherCustomers, false)
	for _, u := range r.Unmatched {
		add("prospect", u.Name, 0, u.Time, false)
	}
	add("unassigned", "unassigned", 0, r.Unassigned, false)
	return c.w.Error()
}

func (c *csvReview) end(_ salestime.Review, strays []stray) error {
	for _, s := range strays {
		_ = c.w.Write([]string{salestime.SafeCell(s.owner), "no accounts", "", "", hours(s.time, false), ""}) // kept for Flush
	}
	c.w.Flush()
	return c.w.Error()
}
