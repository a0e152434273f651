package salestime

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/salestime/salestime/internal/exact"
	"github.com/shopspring/decimal"
)

// JSON carries every decimal as a quoted string in plain notation, with the
// places it was written with ("0.50" stays "0.50"), whatever the decimal
// package's global settings say. Reading accepts a string or a number.

// jsonDecimal is a decimal.Decimal in JSON. It is written as text, which
// encoding/json quotes, and read as a string or a number.
type jsonDecimal decimal.Decimal

func (d jsonDecimal) MarshalText() ([]byte, error) {
	return appendText(nil, decimal.Decimal(d))
}

func (d *jsonDecimal) UnmarshalJSON(b []byte) error {
	var s string
	if len(b) > 0 && b[0] == '"' {
		if err := json.Unmarshal(b, &s); err != nil {
			return err
		}
	} else {
		s = string(b)
	}
	v, err := parseNumber(s)
	if err != nil {
		return err
	}
	if err := checkPlaces(v); err != nil {
		// What MarshalJSON would refuse to write is not read.
		return &numberError{text: s, reason: err.Error()}
	}
	*d = jsonDecimal(v)
	return nil
}

// jsonError returns err, an error of encoding/json reading the JSON of
// what, wrapped with ErrInvalidCustomer.
func jsonError(what string, err error) error {
	return fmt.Errorf("%w: %s: %w", ErrInvalidCustomer, what, err)
}

// The JSON written is made of plain structs, so that each MarshalJSON is
// one call of json.Marshal, with no marshalers nested in it.
type (
	customerOut struct {
		Name    string      `json:"name"`
		Revenue jsonDecimal `json:"revenue"`
		New     bool        `json:"new,omitempty"`
		Key     bool        `json:"key,omitempty"`
		B       bool        `json:"b,omitempty"`
	}
	ruleOut struct {
		Name   string      `json:"name"`
		Factor jsonDecimal `json:"factor"`
	}
	lineOut struct {
		Customer     customerOut `json:"customer"`
		Rule         ruleOut     `json:"rule"`
		RevenueShare jsonDecimal `json:"revenueShare"`
		TimeShare    jsonDecimal `json:"timeShare"`
	}
	allocationOut struct {
		Lines           []lineOut   `json:"lines"`
		KeyRevenueShare jsonDecimal `json:"keyRevenueShare"`
		KeyTimeShare    jsonDecimal `json:"keyTimeShare"`
		RestTimeShare   jsonDecimal `json:"restTimeShare"`
	}
	planLineOut struct {
		Customer customerOut  `json:"customer"`
		Amount   jsonDecimal  `json:"amount"`
		Class    string       `json:"class,omitempty"`   // of a visit plan's line
		Visits   *int64       `json:"visits,omitempty"`  // of a line in visits
		Periods  jsonDecimals `json:"periods,omitempty"` // of a spread plan's line
	}
	capacityOut struct {
		B           jsonDecimal `json:"B"`
		C           jsonDecimal `json:"C"`
		Prospecting jsonDecimal `json:"prospecting"`
		Short       jsonDecimal `json:"short"`
		Utilization jsonDecimal `json:"utilization"`
	}
	teamCapacityOut struct {
		B           jsonDecimal `json:"B"`
		C           jsonDecimal `json:"C"`
		Short       jsonDecimal `json:"short"`
		Utilization jsonDecimal `json:"utilization"`
		Headcount   jsonDecimal `json:"headcount"`
	}
	otherOut struct {
		Customer customerOut `json:"customer"`
		Class    string      `json:"class"`
		Visits   int         `json:"visits"`
		Amount   jsonDecimal `json:"amount"`
	}
	planOut struct {
		Budget             jsonDecimal   `json:"budget"`
		Step               jsonDecimal   `json:"step"`
		Lines              []planLineOut `json:"lines"`
		Rest               jsonDecimal   `json:"rest"`
		Other              *jsonDecimal  `json:"other,omitempty"`
		Prospecting        *jsonDecimal  `json:"prospecting,omitempty"`
		Periods            []string      `json:"periods,omitempty"`
		PeriodBudgets      jsonDecimals  `json:"periodBudgets,omitempty"`
		RestPeriods        jsonDecimals  `json:"restPeriods,omitempty"`
		OtherPeriods       jsonDecimals  `json:"otherPeriods,omitempty"`
		ProspectingPeriods jsonDecimals  `json:"prospectingPeriods,omitempty"`
		Capacity           *capacityOut  `json:"capacity,omitempty"`
		Others             []otherOut    `json:"others,omitempty"`
	}
)

// jsonDecimals are decimals in JSON, each as a jsonDecimal.
type jsonDecimals []decimal.Decimal

func (ds jsonDecimals) MarshalJSON() ([]byte, error) {
	if ds == nil {
		return []byte("null"), nil
	}
	var w jsonWriter
	w.decimals(ds)
	return w.b, w.err
}

func outCustomer(c Customer) customerOut {
	return customerOut{Name: c.Name, Revenue: jsonDecimal(c.Revenue), New: c.New, Key: c.Key, B: c.B}
}

func outRule(r Rule) ruleOut {
	return ruleOut{Name: r.name, Factor: jsonDecimal(r.factor)}
}

type customerJSON struct {
	Name    string       `json:"name"`
	Revenue *jsonDecimal `json:"revenue"`
	New     bool         `json:"new,omitempty"`
	Key     bool         `json:"key,omitempty"`
	B       bool         `json:"b,omitempty"`
}

// MarshalJSON returns c as a JSON object with the fields name, revenue (a
// string), and new, key and b where they are true.
func (c Customer) MarshalJSON() ([]byte, error) {
	return json.Marshal(outCustomer(c))
}

// decodeCustomer reads a customer from JSON; what names it in errors.
func decodeCustomer(b []byte, what string) (Customer, error) {
	var v customerJSON
	if err := json.Unmarshal(b, &v); err != nil {
		if ne := (*numberError)(nil); errors.As(err, &ne) {
			return Customer{}, fmt.Errorf("%w: %s %q: revenue %w", ErrInvalidRevenue, what, v.Name, ne)
		}
		return Customer{}, jsonError(what, err)
	}
	if v.Revenue == nil {
		return Customer{}, fmt.Errorf("%w: %s %q has no revenue", ErrInvalidRevenue, what, v.Name)
	}
	return Customer{Name: v.Name, Revenue: decimal.Decimal(*v.Revenue), New: v.New, Key: v.Key, B: v.B}, nil
}

// MarshalJSON returns the customers of p as a JSON array, in portfolio
// order.
func (p Portfolio) MarshalJSON() ([]byte, error) {
	out := make([]customerOut, p.Len())
	for i := range out {
		out[i] = outCustomer(p.d.customer(i))
	}
	return json.Marshal(out)
}

// UnmarshalJSON reads p from a JSON array of customers, each an object as
// [Customer.MarshalJSON] writes it, its revenue a string or a number, and
// checks them as [NewPortfolio] does: its errors wrap the same sentinels
// and name the customer; a revenue missing, not a decimal number or out of
// bounds wraps [ErrInvalidRevenue], and b that is not an array of
// customers [ErrInvalidCustomer]. JSON null reads as the empty portfolio.
// On error p is left as it was.
func (p *Portfolio) UnmarshalJSON(b []byte) error {
	// At once, as plain structs; one by one only to name the customer at
	// fault.
	var in []customerJSON
	if err := json.Unmarshal(b, &in); err == nil && !slices.ContainsFunc(in, func(c customerJSON) bool { return c.Revenue == nil }) {
		customers := make([]Customer, len(in))
		for i, c := range in {
			customers[i] = Customer{Name: c.Name, Revenue: decimal.Decimal(*c.Revenue), New: c.New, Key: c.Key, B: c.B}
		}
		return p.set(customers)
	}
	var raw []json.RawMessage
	if err := json.Unmarshal(b, &raw); err != nil {
		return jsonError("a portfolio is a JSON array of customers", err)
	}
	customers := make([]Customer, len(raw))
	for i, r := range raw {
		c, err := decodeCustomer(r, fmt.Sprintf("customers[%d]", i))
		if err != nil {
			return err
		}
		customers[i] = c
	}
	return p.set(customers)
}

// set sets p to the portfolio of customers, or returns NewPortfolio's
// error and leaves p as it was.
func (p *Portfolio) set(customers []Customer) error {
	q, err := NewPortfolio(customers...)
	if err != nil {
		return err
	}
	*p = q
	return nil
}

// MarshalJSON returns r as a JSON object with the fields name and factor (a
// string).
func (r Rule) MarshalJSON() ([]byte, error) {
	return json.Marshal(outRule(r))
}

func outLine(l Line) lineOut {
	return lineOut{outCustomer(l.Customer), outRule(l.Rule), jsonDecimal(l.RevenueShare), jsonDecimal(l.TimeShare)}
}

// MarshalJSON returns a as a JSON object with the fields lines,
// keyRevenueShare, keyTimeShare and restTimeShare.
func (a Allocation) MarshalJSON() ([]byte, error) {
	lines := make([]lineOut, len(a.Lines))
	for i, l := range a.Lines {
		lines[i] = outLine(l)
	}
	return json.Marshal(allocationOut{lines, jsonDecimal(a.KeyRevenueShare), jsonDecimal(a.KeyTimeShare), jsonDecimal(a.RestTimeShare)})
}

func outPlanLine(l PlanLine) planLineOut {
	return planLineOut{Customer: outCustomer(l.Customer), Amount: jsonDecimal(l.Amount)}
}

// MarshalJSON returns p as a JSON object with the fields budget, step,
// lines and rest; other and prospecting where the rest is split; and in a
// spread plan periods, periodBudgets and restPeriods, with otherPeriods
// and prospectingPeriods where the rest is split, and each line's periods
// in the line, as periods. A plan that [Allocation.VisitPlan] makes has
// capacity, with B and C (the classes' workloads), prospecting, short and
// utilization; others, a line for each customer of class B and C, with
// customer, class, visits and amount; and class "A" in each line, with its
// visits where the key customers are planned in visits.
func (p Plan) MarshalJSON() ([]byte, error) {
	lines := make([]planLineOut, len(p.Lines))
	for i, l := range p.Lines {
		lines[i] = outPlanLine(l)
		if i < len(p.KeyPeriods) {
			lines[i].Periods = p.KeyPeriods[i]
		}
		if p.Classes != nil {
			lines[i].Class = "A"
		}
		if n, ok := p.visits(l.Amount); ok {
			lines[i].Visits = &n
		}
	}
	out := planOut{Budget: jsonDecimal(p.Budget), Step: jsonDecimal(p.Step), Lines: lines, Rest: jsonDecimal(p.Rest),
		Periods: p.Periods, PeriodBudgets: p.PeriodBudgets, RestPeriods: p.RestPeriods,
		OtherPeriods: p.OtherPeriods, ProspectingPeriods: p.ProspectingPeriods}
	if p.split() {
		other, prospecting := jsonDecimal(p.Other), jsonDecimal(p.Prospecting)
		out.Other, out.Prospecting = &other, &prospecting
	}
	if p.Classes != nil {
		b, c := p.workloads()
		out.Capacity = &capacityOut{jsonDecimal(b), jsonDecimal(c), jsonDecimal(p.Prospecting), jsonDecimal(p.Short), jsonDecimal(p.Utilization)}
		for _, class := range p.Classes {
			each := jsonDecimal(class.each()) // the same for every customer of the class
			for _, cu := range class.Customers {
				out.Others = append(out.Others, otherOut{outCustomer(cu), class.Name, class.Visits, each})
			}
		}
	}
	return json.Marshal(out)
}

// jsonHours is a duration in JSON: a decimal number of hours, as a
// string, rounded half to even to SharePlaces places, as in "1.5" or
// "0.333333333333" for 20 minutes.
type jsonHours time.Duration

func (d jsonHours) MarshalText() ([]byte, error) {
	h := decimal.New(int64(d), 0).DivRound(decimal.New(int64(time.Hour), 0), SharePlaces)
	s := h.StringFixed(SharePlaces)
	s = strings.TrimRight(s, "0")
	return []byte(strings.TrimSuffix(s, ".")), nil
}

// jsonDate is a date in JSON, as in "2027-03-04", or null for none.
type jsonDate time.Time

func (d jsonDate) MarshalJSON() ([]byte, error) {
	if time.Time(d).IsZero() {
		return []byte("null"), nil
	}
	return []byte(`"` + isoDate(time.Time(d)) + `"`), nil
}

type (
	reviewLineOut struct {
		Name       string      `json:"name"`
		Planned    jsonHours   `json:"planned"`
		Actual     jsonHours   `json:"actual"`
		Difference jsonHours   `json:"difference"`
		OfPlan     jsonDecimal `json:"ofPlan"`
		NearMiss   string      `json:"nearMiss,omitempty"`
	}
	reviewOut struct {
		From           jsonDate        `json:"from"`
		To             jsonDate        `json:"to"`
		Until          jsonDate        `json:"until"`
		WorkingDays    int             `json:"workingDays"`
		Passed         int             `json:"passed"`
		Budget         jsonHours       `json:"budget"`
		BudgetToDate   jsonHours       `json:"budgetToDate"`
		Lines          []reviewLineOut `json:"lines"`
		Key            reviewLineOut   `json:"key"`
		Rest           reviewLineOut   `json:"rest"`
		OtherCustomers jsonHours       `json:"otherCustomers"`
		Prospects      jsonHours       `json:"prospects"`
		Unassigned     jsonHours       `json:"unassigned"`
		Unmatched      []reviewLineOut `json:"unmatched"`
		KeyBudget      jsonHours       `json:"keyBudget"`
		Logged         jsonHours       `json:"logged"`
		Outside        int             `json:"outside"`
		Later          int             `json:"later"`
		ActualShare    jsonDecimal     `json:"actualShare"`
		PlanShare      jsonDecimal     `json:"planShare"`
	}
)

func outReviewLine(l ReviewLine) reviewLineOut {
	return reviewLineOut{l.Name, jsonHours(l.Planned), jsonHours(l.Actual), jsonHours(l.Difference), jsonDecimal(l.OfPlan), l.NearMiss}
}

// MarshalJSON returns r as a JSON object: every duration as a decimal
// number of hours in a string, rounded half to even to [SharePlaces]
// places (exact for a multiple of 36 seconds, as 90 minutes is "1.5"),
// every share as a decimal string, and dates as ISO 8601
// strings, or null where r has none.
func (r Review) MarshalJSON() ([]byte, error) {
	out := reviewOut{
		From: jsonDate(r.Period.From), To: jsonDate(r.Period.To), Until: jsonDate(r.Until),
		WorkingDays: r.WorkingDays, Passed: r.Passed,
		Budget: jsonHours(r.Budget), BudgetToDate: jsonHours(r.BudgetToDate),
		Lines: make([]reviewLineOut, len(r.Lines)), Key: outReviewLine(r.Key), Rest: outReviewLine(r.Rest),
		OtherCustomers: jsonHours(r.OtherCustomers), Prospects: jsonHours(r.Prospects),
		Unassigned: jsonHours(r.Unassigned), Unmatched: make([]reviewLineOut, len(r.Unmatched)),
		KeyBudget: jsonHours(r.KeyBudget), Logged: jsonHours(r.Logged), Outside: r.Outside, Later: r.Later,
		ActualShare: jsonDecimal(r.ActualShare), PlanShare: jsonDecimal(r.PlanShare),
	}
	for i, l := range r.Lines {
		out.Lines[i] = outReviewLine(l)
	}
	for i, u := range r.Unmatched {
		out.Unmatched[i] = outReviewLine(u)
	}
	return json.Marshal(out)
}

// MarshalJSON returns l as a JSON object, its durations as decimal numbers
// of hours in strings, as [Review.MarshalJSON] writes them.
func (l ReviewLine) MarshalJSON() ([]byte, error) {
	return json.Marshal(outReviewLine(l))
}

// WriteJSON writes g to out as one JSON object in which each key customer
// is one record that joins what the allocation and the plan say of it, as
// a program that reads a plan wants it: owner, currency (where there is
// one), customers, keyCustomers, keyRevenueShare, keyTimeShare,
// restTimeShare, budget, step, keyAmount and rest; other and prospecting
// where the rest is split; periods, periodBudgets and restPeriods, with
// otherPeriods and prospectingPeriods, in a spread plan; then key, the
// records, each with rank, name, revenue, new, rule, revenueShare,
// timeShare, amount and, in a spread plan, periods, one a line; and
// review, where g has one. In a plan that [Allocation.VisitPlan] makes,
// each record has class "A", and visits where the key customers are
// planned in visits; others holds a record of each customer of class B
// and C, with name, revenue, new, class, visits and amount; and capacity
// holds B and C (their workloads), prospecting, short and utilization.
//
// It writes a part at a time, so that the JSON of a plan of a million key
// customers is never held whole. It returns the first error of out, or an
// error if the plan and the allocation have different numbers of lines,
// or if a decimal is outside the bounds [MaxPlaces] and [MaxIntegerDigits].
func (g Group) WriteJSON(out io.Writer) error {
	w := jsonWriter{b: make([]byte, 0, 1024), out: out} // a group of one customer, as many are, takes less
	g.writeJSON(&w)
	w.flush()
	return w.err
}

// jsonPart is how much JSON WriteJSON holds before it writes it out.
const jsonPart = 32 << 10

// writeJSON writes g to w.
func (g Group) writeJSON(w *jsonWriter) {
	a, p := g.Allocation, g.Plan
	if len(a.Lines) != len(p.Lines) {
		w.err = fmt.Errorf("salestime: cannot write group %s: its plan has %d lines and its allocation %d",
			quoteText(g.Name), len(p.Lines), len(a.Lines))
		return
	}
	key := p.Budget.Sub(p.Rest) // the key customers' amounts add up to it
	w.raw(`{"owner":`)
	w.string(g.Name)
	if g.Currency != "" {
		w.raw(`,"currency":`)
		w.string(g.Currency)
	}
	w.raw(`,"customers":`)
	w.b = strconv.AppendInt(w.b, int64(g.Portfolio.Len()), 10)
	w.raw(`,"keyCustomers":`)
	w.b = strconv.AppendInt(w.b, int64(len(a.Lines)), 10)
	w.field("keyRevenueShare", a.KeyRevenueShare)
	w.field("keyTimeShare", a.KeyTimeShare)
	w.field("restTimeShare", a.RestTimeShare)
	w.field("budget", p.Budget)
	w.field("step", p.Step)
	w.field("keyAmount", key)
	w.field("rest", p.Rest)
	if p.split() {
		w.field("other", p.Other)
		w.field("prospecting", p.Prospecting)
	}
	if p.Classes != nil {
		b, c := p.workloads()
		w.raw(`,"capacity":{"B":`)
		w.decimal(b)
		w.field("C", c)
		w.field("prospecting", p.Prospecting)
		w.field("short", p.Short)
		w.field("utilization", p.Utilization)
		w.raw("}")
	}
	if p.Periods != nil {
		labels, _ := json.Marshal(p.Periods) // strings always marshal
		w.raw(`,"periods":`)
		w.raw(string(labels))
		w.list("periodBudgets", p.PeriodBudgets)
		w.list("restPeriods", p.RestPeriods)
		if p.OtherPeriods != nil {
			w.list("otherPeriods", p.OtherPeriods)
			w.list("prospectingPeriods", p.ProspectingPeriods)
		}
	}
	w.raw(`,"key":[`)
	for i, l := range a.Lines {
		if i > 0 {
			w.raw(",")
		}
		w.raw("\n{\"rank\":")
		w.b = strconv.AppendInt(w.b, int64(i+1), 10)
		w.raw(`,"name":`)
		w.string(l.Customer.Name)
		w.field("revenue", l.Customer.Revenue)
		w.raw(`,"new":`)
		w.b = strconv.AppendBool(w.b, l.Customer.New)
		w.raw(`,"rule":`)
		w.string(l.Rule.name)
		w.field("revenueShare", l.RevenueShare)
		w.field("timeShare", l.TimeShare)
		w.field("amount", p.Lines[i].Amount)
		if p.Classes != nil {
			w.raw(`,"class":"A"`)
		}
		if n, ok := p.visits(p.Lines[i].Amount); ok {
			w.raw(`,"visits":`)
			w.b = strconv.AppendInt(w.b, n, 10)
		}
		if i < len(p.KeyPeriods) {
			w.list("periods", p.KeyPeriods[i])
		}
		w.raw("}")
		w.part()
	}
	w.raw("]")
	if p.Classes != nil {
		w.others(p)
	}
	if g.Review != nil && w.err == nil {
		r, err := g.Review.MarshalJSON()
		w.raw(`,"review":`)
		w.raw(string(r))
		w.err = err
	}
	w.raw("}")
}

// MarshalJSON returns s as a JSON object: groups, customers, keyCustomers,
// currency (where there is one), mixed, revenue, keyRevenue,
// keyRevenueShare, budget, key, rest, other, prospecting and keyTimeShare;
// review where s has one, and unplanned, in hours, where it is not zero;
// and capacity, with B, C, short, utilization and headcount, where a plan
// added was made by [Allocation.VisitPlan].
func (s Summary) MarshalJSON() ([]byte, error) {
	out := struct {
		Groups          int              `json:"groups"`
		Customers       int              `json:"customers"`
		KeyCustomers    int              `json:"keyCustomers"`
		Currency        string           `json:"currency,omitempty"`
		Mixed           bool             `json:"mixed"`
		Revenue         jsonDecimal      `json:"revenue"`
		KeyRevenue      jsonDecimal      `json:"keyRevenue"`
		KeyRevenueShare jsonDecimal      `json:"keyRevenueShare"`
		Budget          jsonDecimal      `json:"budget"`
		Key             jsonDecimal      `json:"key"`
		Rest            jsonDecimal      `json:"rest"`
		Other           jsonDecimal      `json:"other"`
		Prospecting     jsonDecimal      `json:"prospecting"`
		KeyTimeShare    jsonDecimal      `json:"keyTimeShare"`
		Review          *Review          `json:"review,omitempty"`
		Unplanned       *jsonHours       `json:"unplanned,omitempty"`
		Capacity        *teamCapacityOut `json:"capacity,omitempty"`
	}{
		s.Groups, s.Customers, s.KeyCustomers, s.Currency, s.Mixed,
		jsonDecimal(s.Revenue), jsonDecimal(s.KeyRevenue), jsonDecimal(s.KeyRevenueShare),
		jsonDecimal(s.Budget), jsonDecimal(s.Key), jsonDecimal(s.Rest), jsonDecimal(s.Other), jsonDecimal(s.Prospecting),
		jsonDecimal(s.KeyTimeShare), s.Review, nil, nil,
	}
	if s.visits {
		out.Capacity = &teamCapacityOut{jsonDecimal(s.B), jsonDecimal(s.C), jsonDecimal(s.Short), jsonDecimal(s.Utilization), jsonDecimal(s.Headcount)}
	}
	if s.Unplanned != 0 {
		u := jsonHours(s.Unplanned)
		out.Unplanned = &u
	}
	return json.Marshal(out)
}

// A jsonWriter appends JSON to b, and keeps the first error; with out, it
// writes b out as flush says.
type jsonWriter struct {
	b   []byte
	err error
	out io.Writer
}

// part writes out what w holds, where it writes out and holds a part.
func (w *jsonWriter) part() {
	if w.out != nil && len(w.b) >= jsonPart {
		w.flush()
	}
}

// others appends ,"others": and a record of each customer of the classes
// of p, a plan that VisitPlan makes.
func (w *jsonWriter) others(p Plan) {
	w.raw(`,"others":[`)
	first := true
	for _, class := range p.Classes {
		each := class.each()
		for _, c := range class.Customers {
			if !first {
				w.raw(",")
			}
			first = false
			w.raw("\n{\"name\":")
			w.string(c.Name)
			w.field("revenue", c.Revenue)
			w.raw(`,"new":`)
			w.b = strconv.AppendBool(w.b, c.New)
			w.raw(`,"class":`)
			w.string(class.Name)
			w.raw(`,"visits":`)
			w.b = strconv.AppendInt(w.b, int64(class.Visits), 10)
			w.field("amount", each)
			w.raw("}")
			w.part()
		}
	}
	w.raw("]")
}

// flush writes out what w holds, unless it has failed.
func (w *jsonWriter) flush() {
	if w.err == nil {
		_, w.err = w.out.Write(w.b)
	}
	w.b = w.b[:0]
}

func (w *jsonWriter) raw(s string) {
	w.b = append(w.b, s...)
}

// string appends s as a JSON string, as encoding/json writes it.
func (w *jsonWriter) string(s string) {
	w.b = appendJSONString(w.b, s)
}

// key appends ,"name":.
func (w *jsonWriter) key(name string) {
	w.b = append(append(append(w.b, ",\""...), name...), "\":"...)
}

// field appends ,"name": and d as a quoted decimal.
func (w *jsonWriter) field(name string, d decimal.Decimal) {
	w.key(name)
	w.decimal(d)
}

// list appends ,"name": and ds as an array of quoted decimals.
func (w *jsonWriter) list(name string, ds []decimal.Decimal) {
	w.key(name)
	w.decimals(ds)
}

// decimal appends d as jsonDecimal writes it, quoted; where d is out of
// bounds, the JSON stays whole and w keeps the error.
func (w *jsonWriter) decimal(d decimal.Decimal) {
	var err error
	w.b, err = appendText(append(w.b, '"'), d)
	w.b = append(w.b, '"')
	if w.err == nil {
		w.err = err
	}
}

// decimals appends ds as an array of quoted decimals.
func (w *jsonWriter) decimals(ds []decimal.Decimal) {
	w.b = append(w.b, '[')
	for i, d := range ds {
		if i > 0 {
			w.b = append(w.b, ',')
		}
		w.decimal(d)
	}
	w.b = append(w.b, ']')
}

// appendText appends d in plain notation with the places it was written
// with, whatever the decimal package's global settings say, or returns an
// error where d is outside the bounds [MaxPlaces] and [MaxIntegerDigits].
func appendText(b []byte, d decimal.Decimal) ([]byte, error) {
	if e := d.Exponent(); e < -MaxPlaces || e > 0 || d.NumDigits() > 18 { // else within the bounds
		if err := checkPlaces(d); err != nil {
			return b, fmt.Errorf("salestime: cannot write %w", err)
		}
	}
	return exact.AppendFixed(b, d, max(-d.Exponent(), 0)), nil
}

// appendJSONString appends s as a JSON string, as encoding/json writes it.
func appendJSONString(b []byte, s string) []byte {
	for i := range len(s) {
		if c := s[i]; c < ' ' || c >= 0x7f || c == '"' || c == '\\' || c == '<' || c == '>' || c == '&' {
			q, _ := json.Marshal(s) // a string always marshals
			return append(b, q...)
		}
	}
	return append(append(append(b, '"'), s...), '"')
}
