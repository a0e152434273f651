package salestime_test

import (
	"encoding/json"
	"errors"
	"strings"
	"testing"

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

// JSON output does not depend on the decimal package's global settings.
func TestMarshalJSONIgnoresGlobals(t *testing.T) {
	saved, savedTrim := decimal.MarshalJSONWithoutQuotes, decimal.TrimTrailingZeros
	t.Cleanup(func() { decimal.MarshalJSONWithoutQuotes, decimal.TrimTrailingZeros = saved, savedTrim })
	decimal.MarshalJSONWithoutQuotes, decimal.TrimTrailingZeros = true, false
	got, err := json.Marshal(portfolio(t, c("A", "1.50")))
	if want := `[{"name":"A","revenue":"1.50"}]`; err != nil || string(got) != want {
		t.Errorf("json.Marshal() = %s, %v, want %s", got, err, want)
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
		if err := json.Unmarshal([]byte(in), &p); !errors.Is(err, salestime.ErrInvalidJSON) {
			t.Errorf("json.Unmarshal(%s) = %v, want error %v", in, err, salestime.ErrInvalidJSON)
		}
	}
}

func TestUnmarshalRule(t *testing.T) {
	var r salestime.Rule
	if err := json.Unmarshal([]byte(`{"name":"half","factor":"0.50"}`), &r); err != nil || r.String() != "half (0.50)" {
		t.Errorf("json.Unmarshal(rule) = %v, rule %v, want nil, half (0.50)", err, r)
	}
	for _, in := range []string{`{"name":"","factor":"0.5"}`, `{"name":"x","factor":"2"}`, `{"name":"x"}`, `{"name":"x","factor":"y"}`, `[]`} {
		if err := json.Unmarshal([]byte(in), &r); !errors.Is(err, salestime.ErrInvalidRule) {
			t.Errorf("json.Unmarshal(%s) = %v, want error %v", in, err, salestime.ErrInvalidRule)
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

	a, err := salestime.Allocate(p, salestime.Marked())
	if err != nil {
		t.Fatal(err)
	}
	plan, err := a.Plan(d("7.5"), d("0.25"))
	if err != nil {
		t.Fatal(err)
	}
	b, err = json.Marshal(plan)
	if err != nil {
		t.Fatal(err)
	}
	var planBack salestime.Plan
	if err := json.Unmarshal(b, &planBack); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(plan, planBack, exact); diff != "" {
		t.Errorf("plan round trip mismatch (-want +got):\n%s", diff)
	}
	var lines []salestime.Line
	b, err = json.Marshal(a.Lines)
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(b, &lines); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(a.Lines, lines); diff != "" {
		t.Errorf("lines round trip mismatch (-want +got):\n%s", diff)
	}
}

func TestUnmarshalAllocation(t *testing.T) {
	var a salestime.Allocation
	if err := json.Unmarshal([]byte(`{"lines":[],"keyRevenueShare":"0"}`), &a); !errors.Is(err, salestime.ErrInvalidJSON) {
		t.Errorf("json.Unmarshal(allocation) = %v, want error %v", err, salestime.ErrInvalidJSON)
	}
}

// Every error of reading a line, a plan line or a plan wraps ErrInvalidJSON,
// and what MarshalJSON refuses to write is not read.
func TestUnmarshalPlanErrors(t *testing.T) {
	tests := []struct {
		name string
		in   string
		into any
	}{
		{"plan of a wrong type", `[]`, new(salestime.Plan)},
		{"budget of a wrong type", `{"budget":true}`, new(salestime.Plan)},
		{"budget beyond the bounds", `{"budget":"1e96","step":"1","lines":[],"rest":"0"}`, new(salestime.Plan)},
		{"step with too many places", `{"budget":"1","step":"0.0000000000000000001"}`, new(salestime.Plan)},
		{"line of a wrong type", `"x"`, new(salestime.Line)},
		{"share not a number", `{"revenueShare":"lots"}`, new(salestime.Line)},
		{"plan line of a wrong type", `1`, new(salestime.PlanLine)},
		{"amount beyond the bounds", `{"amount":1e31}`, new(salestime.PlanLine)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if err := json.Unmarshal([]byte(tt.in), tt.into); !errors.Is(err, salestime.ErrInvalidJSON) {
				t.Errorf("json.Unmarshal(%s) = %v, want error %v", tt.in, err, salestime.ErrInvalidJSON)
			}
		})
	}
	var c salestime.Customer
	if err := json.Unmarshal([]byte(`{"name":"A","revenue":"1","new":"yes"}`), &c); !errors.Is(err, salestime.ErrInvalidJSON) {
		t.Errorf("json.Unmarshal(customer with a string for new) = %v, want error %v", err, salestime.ErrInvalidJSON)
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
