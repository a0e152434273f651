package salestime_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"github.com/shopspring/decimal"

	"github.com/salestime/salestime"
)

func TestMarshalJSON(t *testing.T) {
	p := portfolio(t, c("A", "700"), nc("B", "200.50"), salestime.Customer{Name: "C", Revenue: d("99.5"), Key: true})
	a, err := salestime.Allocate(p, salestime.TopN(2))
	if err != nil {
		t.Fatal(err)
	}
	plan, err := a.Plan(d("40"), d("0.5"))
	if err != nil {
		t.Fatal(err)
	}
	spread, err := salestime.Plan{Budget: d("2"), Step: d("1"), Lines: []salestime.PlanLine{{Customer: c("A", "1"), Amount: d("1")}}, Rest: d("1")}.
		Spread(salestime.Period{From: date("2027-01-04"), To: date("2027-01-05")}, "week", nil)
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		v    any
		want string
	}{
		{"portfolio", p, `[{"name":"A","revenue":"700"},{"name":"B","revenue":"200.50","new":true},{"name":"C","revenue":"99.5","key":true}]`},
		{"empty portfolio", salestime.Portfolio{}, `[]`},
		{"customer", c("A", "1.10"), `{"name":"A","revenue":"1.10"}`},
		{"zero customer", salestime.Customer{}, `{"name":"","revenue":"0"}`},
		{"rule", salestime.NewCustomers, `{"name":"new customers","factor":"0.75"}`},
		{"allocation", a, `{"lines":[` +
			`{"customer":{"name":"A","revenue":"700"},"rule":{"name":"existing customers","factor":"0.5"},"revenueShare":"0.7","timeShare":"0.35"},` +
			`{"customer":{"name":"B","revenue":"200.50","new":true},"rule":{"name":"new customers","factor":"0.75"},"revenueShare":"0.2005","timeShare":"0.150375"}],` +
			`"keyRevenueShare":"0.9005","keyTimeShare":"0.500375","restTimeShare":"0.499625"}`},
		{"zero allocation", salestime.Allocation{}, `{"lines":[],"keyRevenueShare":"0","keyTimeShare":"0","restTimeShare":"0"}`},
		{"plan", plan, `{"budget":"40","step":"0.5","lines":[` +
			`{"customer":{"name":"A","revenue":"700"},"amount":"14.0"},{"customer":{"name":"B","revenue":"200.50","new":true},"amount":"6.0"}],"rest":"20.0"}`},
		{"zero plan", salestime.Plan{}, `{"budget":"0","step":"0","lines":[],"rest":"0"}`},
		{"spread plan", spread, `{"budget":"2","step":"1","lines":[{"customer":{"name":"A","revenue":"1"},"amount":"1","periods":["1"]}],` +
			`"rest":"1","periods":["2027-W01"],"periodBudgets":["2"],"restPeriods":["1"]}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := json.Marshal(tt.v)
			if err != nil {
				t.Fatalf("json.Marshal() returned error %v", err)
			}
			if string(got) != tt.want {
				t.Errorf("json.Marshal() = %s, want %s", got, tt.want)
			}
		})
	}
}

// The JSON of every exported type that encoding/json can write quotes its
// decimals, as written, whatever the decimal package's global settings
// say: each is written the same with both settings flipped. Selector,
// Option and Team hold functions, which encoding/json refuses. A Line, a
// PlanLine, a Class and a Block are written by their allocation or plan,
// as here; on their own they are plain data, which encoding/json writes
// field by field.
func TestMarshalJSONIgnoresGlobals(t *testing.T) {
	p := portfolio(t, c("A", "700.50"), nc("B", "200.50"), c("C", "99.10"))
	a, err := salestime.Allocate(p, salestime.TopN(2))
	if err != nil {
		t.Fatal(err)
	}
	plan, err := a.SplitPlan(d("1600.0"), d("0.50"), d("0.40"))
	if err != nil {
		t.Fatal(err)
	}
	year := salestime.Period{From: date("2027-01-01"), To: date("2027-12-31")}
	spread, err := plan.Spread(year, "quarter", nil)
	if err != nil {
		t.Fatal(err)
	}
	r, err := salestime.NewReview(a, plan, []salestime.Activity{{Customer: "A", Duration: time.Hour}, {Customer: "Z", Duration: time.Minute}}, year, date("2027-03-01"))
	if err != nil {
		t.Fatal(err)
	}
	visits, err := a.VisitPlan(d("1600.0"), d("0.50"), salestime.TopN(3), 364, salestime.Class{Name: "A", Length: d("0.50")},
		salestime.Class{Name: "B", Every: 28, Length: d("1.50")})
	if err != nil {
		t.Fatal(err)
	}
	g := salestime.Group{Name: "Anna", Currency: "EUR", Portfolio: p, Allocation: a, Plan: spread, Review: &r}
	var s salestime.Summary
	s.Add(g)
	s.Add(g)
	s.Add(salestime.Group{Portfolio: p, Allocation: a, Plan: visits})
	values := map[string]any{
		"Customer": p.Customers()[0], "Portfolio": p, "Rule": salestime.NewCustomers, "Allocation": a,
		"Plan": spread, "Group": g, "Review": r, "ReviewLine": r.Lines[0], "Summary": s,
		"Accounts": salestime.Accounts{Currency: "EUR"}, "Activity": salestime.Activity{Customer: "A", Duration: time.Hour},
		"Period": year, "ReadOptions": salestime.ReadOptions{Columns: map[string]string{"name": "Account"}},
		"RowError": salestime.RowError{Line: 2, Err: salestime.ErrInvalidRevenue}, "VisitPlan": visits,
	}
	marshal := func() map[string]string {
		out := map[string]string{}
		for name, v := range values {
			b, err := json.Marshal(v)
			if err != nil {
				t.Fatalf("json.Marshal(%s) returned error %v", name, err)
			}
			out[name] = string(b)
		}
		return out
	}
	want := marshal()
	for _, name := range []string{"Customer", "Group", "VisitPlan"} {
		if !strings.Contains(want[name], `"700.50"`) {
			t.Errorf("the JSON of %s does not quote 700.50: %s", name, want[name])
		}
	}
	saved, savedTrim := decimal.MarshalJSONWithoutQuotes, decimal.TrimTrailingZeros
	t.Cleanup(func() { decimal.MarshalJSONWithoutQuotes, decimal.TrimTrailingZeros = saved, savedTrim })
	decimal.MarshalJSONWithoutQuotes, decimal.TrimTrailingZeros = !saved, !savedTrim
	if diff := cmp.Diff(want, marshal()); diff != "" {
		t.Errorf("JSON with the globals flipped mismatch (-want +got):\n%s", diff)
	}
	for _, v := range []any{salestime.Team{}, salestime.TopN(1), salestime.WithRules(salestime.ExistingCustomers, salestime.NewCustomers)} {
		if _, err := json.Marshal(v); err == nil {
			t.Errorf("json.Marshal(%T) wrote JSON, which the test above must then check", v)
		}
	}
}

// unmarshalPortfolioTests are JSON portfolios; FuzzUnmarshalPortfolio starts from them too.
var unmarshalPortfolioTests = []struct {
	name string
	in   string
	want []salestime.Customer
}{
	{"strings", `[{"name":"A","revenue":"1.50"},{"name":"B","revenue":"2","new":true,"key":true}]`,
		[]salestime.Customer{{Name: "B", Revenue: d("2"), New: true, Key: true}, c("A", "1.50")}},
	{"numbers", `[{"name":"A","revenue":1.5},{"name":"B","revenue":2e1},{"name":"C","revenue":-0}]`,
		[]salestime.Customer{c("B", "20"), c("A", "1.5"), c("C", "0")}},
	{"empty", `[]`, nil},
	{"null", `null`, nil},
	{"other fields", `[{"name":"A","revenue":"1","owner":"ann"}]`, []salestime.Customer{c("A", "1")}},
}

func TestUnmarshalPortfolio(t *testing.T) {
	tests := unmarshalPortfolioTests
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var p salestime.Portfolio
			if err := json.Unmarshal([]byte(tt.in), &p); err != nil {
				t.Fatalf("json.Unmarshal() returned error %v", err)
			}
			if diff := cmp.Diff(tt.want, p.Customers(), cmpopts.EquateEmpty()); diff != "" {
				t.Errorf("json.Unmarshal() mismatch (-want +got):\n%s", diff)
			}
		})
	}
}

// unmarshalPortfolioErrorTests are JSON portfolios refused; FuzzUnmarshalPortfolio starts from them too.
var unmarshalPortfolioErrorTests = []struct {
	name    string
	in      string
	want    error
	message string
}{
	{"blank name", `[{"name":" ","revenue":"1"}]`, salestime.ErrInvalidCustomer, "the name is blank"},
	{"duplicate", `[{"name":"A","revenue":"1"},{"name":"A","revenue":"2"}]`, salestime.ErrDuplicateCustomer, `"A"`},
	{"negative", `[{"name":"A","revenue":"-1"}]`, salestime.ErrInvalidRevenue, "negative"},
	{"no revenue", `[{"name":"A"},{"name":"B"}]`, salestime.ErrInvalidRevenue, `customers[0] "A" has no revenue`},
	{"null revenue", `[{"name":"A","revenue":null}]`, salestime.ErrInvalidRevenue, `no revenue`},
	{"bad string", `[{"name":"A","revenue":"1"},{"name":"B","revenue":"1,5"}]`, salestime.ErrInvalidRevenue, `customers[1] "B": revenue "1,5"`},
	{"empty string", `[{"name":"A","revenue":""}]`, salestime.ErrInvalidRevenue, `""`},
	{"bool", `[{"name":"A","revenue":true}]`, salestime.ErrInvalidRevenue, `"true"`},
	{"huge exponent", `[{"name":"A","revenue":1e999999999}]`, salestime.ErrInvalidRevenue, "exponent"},
	{"too many places", `[{"name":"A","revenue":"0.1234567890123456789"}]`, salestime.ErrInvalidRevenue, "19 decimal places"},
	{"too large", `[{"name":"A","revenue":1e30}]`, salestime.ErrInvalidRevenue, "31 digits"},
}

func TestUnmarshalPortfolioErrors(t *testing.T) {
	tests := unmarshalPortfolioErrorTests
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := portfolio(t, c("kept", "1"))
			err := json.Unmarshal([]byte(tt.in), &p)
			if !errors.Is(err, tt.want) {
				t.Fatalf("json.Unmarshal() = %v, want error %v", err, tt.want)
			}
			if !strings.Contains(err.Error(), tt.message) {
				t.Errorf("json.Unmarshal() error %q does not say %q", err, tt.message)
			}
			if diff := cmp.Diff([]salestime.Customer{c("kept", "1")}, p.Customers()); diff != "" {
				t.Errorf("json.Unmarshal() changed the portfolio on error (-want +got):\n%s", diff)
			}
		})
	}
	for _, in := range []string{`{}`, `"x"`, `[1]`, `[{"name":1,"revenue":"1"}]`, `[{"name":"a","revenue":"1","new":"true"}]`} {
		var p salestime.Portfolio
		if err := json.Unmarshal([]byte(in), &p); !errors.Is(err, salestime.ErrInvalidCustomer) {
			t.Errorf("json.Unmarshal(%s) = %v, want error %v", in, err, salestime.ErrInvalidCustomer)
		}
	}
}

func TestJSONRoundTrip(t *testing.T) {
	p := portfolio(t, c("A", "700.10"), nc("B", "200"), salestime.Customer{Name: "C", Revenue: d("0.000000000000000001"), Key: true})
	b, err := json.Marshal(p)
	if err != nil {
		t.Fatal(err)
	}
	var back salestime.Portfolio
	if err := json.Unmarshal(b, &back); err != nil {
		t.Fatal(err)
	}
	// Compare the decimals as written, not only as numbers.
	exact := cmp.Comparer(func(x, y decimal.Decimal) bool { return x.Equal(y) && x.Exponent() == y.Exponent() })
	if diff := cmp.Diff(p.Customers(), back.Customers(), exact); diff != "" {
		t.Errorf("portfolio round trip mismatch (-want +got):\n%s", diff)
	}

}

func TestMarshalOutOfBounds(t *testing.T) {
	if b, err := json.Marshal(salestime.Customer{Name: "A", Revenue: decimal.New(1, 2147483647)}); err == nil {
		t.Errorf("json.Marshal(huge revenue) = %s, want an error", b)
	}
}

func TestUnmarshalPortfolioNull(t *testing.T) {
	p := portfolio(t, c("A", "1"))
	if err := json.Unmarshal([]byte(`null`), &p); err != nil || p.Len() != 0 {
		t.Errorf("json.Unmarshal(null) = %v, leaving %d customers, want nil and the empty portfolio", err, p.Len())
	}
}

// WriteJSON writes the group whole, a part at a time, and stops at the
// first error of its writer.
func TestGroupWriteJSON(t *testing.T) {
	var cs []salestime.Customer
	for i := range 3000 {
		cs = append(cs, c(fmt.Sprintf("customer %d", i), fmt.Sprint(1+i)))
	}
	p := portfolio(t, cs...)
	a, err := salestime.Allocate(p, salestime.TopN(2000))
	if err != nil {
		t.Fatal(err)
	}
	plan, err := a.Plan(d("16000"), d("0.25"))
	if err != nil {
		t.Fatal(err)
	}
	g := salestime.Group{Name: "Anna", Portfolio: p, Allocation: a, Plan: plan}
	var got bytes.Buffer
	if err := g.WriteJSON(&got); err != nil {
		t.Fatal(err)
	}
	var decoded struct {
		Key []struct {
			Rank   int    `json:"rank"`
			Name   string `json:"name"`
			Amount string `json:"amount"`
		} `json:"key"`
	}
	if err := json.Unmarshal(got.Bytes(), &decoded); err != nil || len(decoded.Key) != 2000 {
		t.Fatalf("WriteJSON() wrote %d bytes that read as %d records, %v; want the 2000 key customers", got.Len(), len(decoded.Key), err)
	}
	for i, r := range decoded.Key {
		if l := plan.Lines[i]; r.Rank != i+1 || r.Name != l.Customer.Name || !decimal.RequireFromString(r.Amount).Equal(l.Amount) {
			t.Fatalf("record %d = %+v, want rank %d, %s, %s", i, r, i+1, l.Customer.Name, l.Amount)
		}
	}
	full := errors.New("disk full")
	if err := g.WriteJSON(failAfter{n: 1000, err: full}); !errors.Is(err, full) {
		t.Errorf("WriteJSON(a failing writer) = %v, want %v", err, full)
	}
	bad := g
	bad.Plan.Lines = bad.Plan.Lines[1:]
	if err := bad.WriteJSON(io.Discard); err == nil {
		t.Error("WriteJSON(a plan of other lines than its allocation's) = nil, want an error")
	}
}

// failAfter is a writer that fails once it has taken n bytes.
type failAfter struct {
	n   int
	err error
}

func (f failAfter) Write(p []byte) (int, error) {
	if len(p) > f.n {
		return f.n, f.err
	}
	return len(p), nil
}
