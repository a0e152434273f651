package salestime

import (
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/shopspring/decimal"
)

// JSON carries every decimal as a quoted string in plain notation, with the
// places it was written with ("0.50" stays "0.50"), whatever the decimal
// package's global settings say. Reading accepts a string or a number.

// jsonDecimal is a decimal.Decimal in JSON. It is written as text, which
// encoding/json quotes, and read as a string or a number.
type jsonDecimal decimal.Decimal

func (d jsonDecimal) MarshalText() ([]byte, error) {
	v := decimal.Decimal(d)
	if err := checkPlaces(v); err != nil {
		return nil, fmt.Errorf("salestime: cannot write %w", err)
	}
	return []byte(formatDecimal(v)), nil
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

// jsonError returns err, an error of encoding/json or of a decimal in the
// JSON of what, wrapped with ErrInvalidJSON.
func jsonError(what string, err error) error {
	return fmt.Errorf("%w: %s: %w", ErrInvalidJSON, what, err)
}

// The JSON written is made of plain structs, so that each MarshalJSON is
// one call of json.Marshal, with no marshalers nested in it.
type (
	customerOut struct {
		Name    string      `json:"name"`
		Revenue jsonDecimal `json:"revenue"`
		New     bool        `json:"new,omitempty"`
		Key     bool        `json:"key,omitempty"`
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
		Customer customerOut `json:"customer"`
		Amount   jsonDecimal `json:"amount"`
	}
	planOut struct {
		Budget      jsonDecimal   `json:"budget"`
		Step        jsonDecimal   `json:"step"`
		Lines       []planLineOut `json:"lines"`
		Rest        jsonDecimal   `json:"rest"`
		Other       *jsonDecimal  `json:"other,omitempty"`
		Prospecting *jsonDecimal  `json:"prospecting,omitempty"`
	}
)

func outCustomer(c Customer) customerOut {
	return customerOut{Name: c.Name, Revenue: jsonDecimal(c.Revenue), New: c.New, Key: c.Key}
}

func outRule(r Rule) ruleOut {
	return ruleOut{Name: r.name, Factor: jsonDecimal(r.factor)}
}

type customerJSON struct {
	Name    string       `json:"name"`
	Revenue *jsonDecimal `json:"revenue"`
	New     bool         `json:"new,omitempty"`
	Key     bool         `json:"key,omitempty"`
}

// MarshalJSON returns c as a JSON object with the fields name, revenue (a
// string), and new and key where they are true.
func (c Customer) MarshalJSON() ([]byte, error) {
	return json.Marshal(outCustomer(c))
}

// UnmarshalJSON reads c from a JSON object as [Customer.MarshalJSON] writes
// it; revenue may be a string or a number. It returns an error wrapping
// [ErrInvalidRevenue] if the revenue is missing, not a decimal number or
// outside the bounds [MaxPlaces] and [MaxIntegerDigits], and one wrapping
// [ErrInvalidJSON] if b is not such an object. The other checks of a
// customer are [NewPortfolio]'s.
func (c *Customer) UnmarshalJSON(b []byte) error {
	v, err := decodeCustomer(b, "customer")
	if err != nil {
		return err
	}
	*c = v
	return nil
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
	return Customer{Name: v.Name, Revenue: decimal.Decimal(*v.Revenue), New: v.New, Key: v.Key}, nil
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

// UnmarshalJSON reads p from a JSON array of customers, each as
// [Customer.UnmarshalJSON] reads it, and checks them as [NewPortfolio] does:
// its errors wrap the same sentinels and name the customer, and
// [ErrInvalidJSON] where b is not an array of customers. JSON null reads
// as the empty portfolio. On error p is left as it was.
func (p *Portfolio) UnmarshalJSON(b []byte) error {
	// At once, as plain structs; one by one only to name the customer at
	// fault.
	var in []customerJSON
	if err := json.Unmarshal(b, &in); err == nil && !slices.ContainsFunc(in, func(c customerJSON) bool { return c.Revenue == nil }) {
		customers := make([]Customer, len(in))
		for i, c := range in {
			customers[i] = Customer{Name: c.Name, Revenue: decimal.Decimal(*c.Revenue), New: c.New, Key: c.Key}
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

type ruleJSON struct {
	Name   string       `json:"name"`
	Factor *jsonDecimal `json:"factor"`
}

// MarshalJSON returns r as a JSON object with the fields name and factor (a
// string).
func (r Rule) MarshalJSON() ([]byte, error) {
	return json.Marshal(outRule(r))
}

// UnmarshalJSON reads r from a JSON object as [Rule.MarshalJSON] writes it,
// and checks it as [NewRule] does: its errors wrap [ErrInvalidRule].
func (r *Rule) UnmarshalJSON(b []byte) error {
	var v ruleJSON
	if err := json.Unmarshal(b, &v); err != nil {
		return fmt.Errorf("%w: %w", ErrInvalidRule, err)
	}
	if v.Factor == nil {
		return fmt.Errorf("%w: rule %q has no factor", ErrInvalidRule, v.Name)
	}
	rule, err := NewRule(v.Name, decimal.Decimal(*v.Factor))
	if err != nil {
		return err
	}
	*r = rule
	return nil
}

type lineJSON struct {
	Customer     Customer    `json:"customer"`
	Rule         Rule        `json:"rule"`
	RevenueShare jsonDecimal `json:"revenueShare"`
	TimeShare    jsonDecimal `json:"timeShare"`
}

// MarshalJSON returns l as a JSON object with the fields customer, rule,
// revenueShare and timeShare.
func (l Line) MarshalJSON() ([]byte, error) {
	return json.Marshal(outLine(l))
}

func outLine(l Line) lineOut {
	return lineOut{outCustomer(l.Customer), outRule(l.Rule), jsonDecimal(l.RevenueShare), jsonDecimal(l.TimeShare)}
}

// UnmarshalJSON reads l from a JSON object as [Line.MarshalJSON] writes it.
// It returns an error wrapping [ErrInvalidJSON] if b is not such an object,
// or a decimal in it is outside the bounds [MaxPlaces] and
// [MaxIntegerDigits].
func (l *Line) UnmarshalJSON(b []byte) error {
	var v lineJSON
	if err := json.Unmarshal(b, &v); err != nil {
		return jsonError("line", err)
	}
	*l = Line{v.Customer, v.Rule, decimal.Decimal(v.RevenueShare), decimal.Decimal(v.TimeShare)}
	return nil
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

// UnmarshalJSON returns an error wrapping [ErrInvalidJSON]: an Allocation
// is not read from JSON,
// since its plans need the revenue of the whole portfolio, which its JSON
// does not hold. Read the [Portfolio] and call [Allocate] instead.
func (a *Allocation) UnmarshalJSON([]byte) error {
	return fmt.Errorf("%w: an Allocation cannot be read from JSON: read the Portfolio and call Allocate", ErrInvalidJSON)
}

type planLineJSON struct {
	Customer Customer    `json:"customer"`
	Amount   jsonDecimal `json:"amount"`
}

// MarshalJSON returns l as a JSON object with the fields customer and
// amount.
func (l PlanLine) MarshalJSON() ([]byte, error) {
	return json.Marshal(planLineOut{outCustomer(l.Customer), jsonDecimal(l.Amount)})
}

// UnmarshalJSON reads l from a JSON object as [PlanLine.MarshalJSON] writes
// it. Its errors are those of [Line.UnmarshalJSON].
func (l *PlanLine) UnmarshalJSON(b []byte) error {
	var v planLineJSON
	if err := json.Unmarshal(b, &v); err != nil {
		return jsonError("plan line", err)
	}
	*l = PlanLine{v.Customer, decimal.Decimal(v.Amount)}
	return nil
}

type planJSON struct {
	Budget      jsonDecimal `json:"budget"`
	Step        jsonDecimal `json:"step"`
	Lines       []PlanLine  `json:"lines"`
	Rest        jsonDecimal `json:"rest"`
	Other       jsonDecimal `json:"other"`
	Prospecting jsonDecimal `json:"prospecting"`
}

// MarshalJSON returns p as a JSON object with the fields budget, step,
// lines and rest, and other and prospecting where the rest is split.
func (p Plan) MarshalJSON() ([]byte, error) {
	lines := make([]planLineOut, len(p.Lines))
	for i, l := range p.Lines {
		lines[i] = planLineOut{outCustomer(l.Customer), jsonDecimal(l.Amount)}
	}
	out := planOut{Budget: jsonDecimal(p.Budget), Step: jsonDecimal(p.Step), Lines: lines, Rest: jsonDecimal(p.Rest)}
	if p.Other.Sign() != 0 || p.Prospecting.Sign() != 0 {
		other, prospecting := jsonDecimal(p.Other), jsonDecimal(p.Prospecting)
		out.Other, out.Prospecting = &other, &prospecting
	}
	return json.Marshal(out)
}

// UnmarshalJSON reads p from a JSON object as [Plan.MarshalJSON] writes it.
// Its errors are those of [Line.UnmarshalJSON].
func (p *Plan) UnmarshalJSON(b []byte) error {
	var v planJSON
	if err := json.Unmarshal(b, &v); err != nil {
		return jsonError("plan", err)
	}
	*p = Plan{decimal.Decimal(v.Budget), decimal.Decimal(v.Step), v.Lines, decimal.Decimal(v.Rest),
		decimal.Decimal(v.Other), decimal.Decimal(v.Prospecting)}
	return nil
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
	}
	unmatchedOut struct {
		Name     string    `json:"name"`
		Time     jsonHours `json:"time"`
		NearMiss string    `json:"nearMiss,omitempty"`
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
		Unmatched      []unmatchedOut  `json:"unmatched"`
		KeyBudget      jsonHours       `json:"keyBudget"`
		Logged         jsonHours       `json:"logged"`
		Outside        int             `json:"outside"`
		Later          int             `json:"later"`
		ActualShare    jsonDecimal     `json:"actualShare"`
		PlanShare      jsonDecimal     `json:"planShare"`
	}
)

func outReviewLine(l ReviewLine) reviewLineOut {
	return reviewLineOut{l.Name, jsonHours(l.Planned), jsonHours(l.Actual), jsonHours(l.Difference), jsonDecimal(l.OfPlan)}
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
		Unassigned: jsonHours(r.Unassigned), Unmatched: make([]unmatchedOut, len(r.Unmatched)),
		KeyBudget: jsonHours(r.KeyBudget), Logged: jsonHours(r.Logged), Outside: r.Outside, Later: r.Later,
		ActualShare: jsonDecimal(r.ActualShare), PlanShare: jsonDecimal(r.PlanShare),
	}
	for i, l := range r.Lines {
		out.Lines[i] = outReviewLine(l)
	}
	for i, u := range r.Unmatched {
		out.Unmatched[i] = unmatchedOut{u.Name, jsonHours(u.Time), u.NearMiss}
	}
	return json.Marshal(out)
}

// MarshalJSON returns l as a JSON object, its durations as decimal numbers
// of hours in strings, as [Review.MarshalJSON] writes them.
func (l ReviewLine) MarshalJSON() ([]byte, error) {
	return json.Marshal(outReviewLine(l))
}

// MarshalJSON returns u as a JSON object, its time as a decimal number of
// hours in a string, as [Review.MarshalJSON] writes it.
func (u Unmatched) MarshalJSON() ([]byte, error) {
	return json.Marshal(unmatchedOut{u.Name, jsonHours(u.Time), u.NearMiss})
}
