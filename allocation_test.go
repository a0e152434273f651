package salestime_test

import (
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"github.com/shopspring/decimal"

	"github.com/salestime/salestime"
)

// ignoreState leaves out what an Allocation keeps for its plans.
var ignoreState = cmpopts.IgnoreUnexported(salestime.Allocation{})

func TestAllocate(t *testing.T) {
	ex, nw := salestime.ExistingCustomers, salestime.NewCustomers
	strict, err := salestime.NewRule("strict", d("0.4"))
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name      string
		customers []salestime.Customer
		key       salestime.Selector
		opts      []salestime.Option
		want      salestime.Allocation
	}{
		{
			name:      "worked example: 70% of turnover, 35% of time",
			customers: []salestime.Customer{c("A", "700"), c("B", "200"), c("C", "100")},
			key:       salestime.TopN(1),
			want: salestime.Allocation{
				Lines:           []salestime.Line{line(c("A", "700"), ex, "0.7", "0.35")},
				KeyRevenueShare: d("0.7"), KeyTimeShare: d("0.35"), RestTimeShare: d("0.65"),
			},
		},
		{
			name:      "worked example: new customers, 75% of 80%",
			customers: []salestime.Customer{nc("N1", "500"), nc("N2", "300"), c("E1", "120"), c("E2", "80")},
			key:       salestime.TopShare(d("0.8")),
			want: salestime.Allocation{
				Lines: []salestime.Line{
					line(nc("N1", "500"), nw, "0.5", "0.375"),
					line(nc("N2", "300"), nw, "0.3", "0.225"),
				},
				KeyRevenueShare: d("0.8"), KeyTimeShare: d("0.6"), RestTimeShare: d("0.4"),
			},
		},
		{
			name:      "mixed rules",
			customers: []salestime.Customer{nc("N", "50"), c("E", "30"), c("R", "20")},
			key:       salestime.TopN(2),
			want: salestime.Allocation{
				Lines: []salestime.Line{
					line(nc("N", "50"), nw, "0.5", "0.375"),
					line(c("E", "30"), ex, "0.3", "0.15"),
				},
				KeyRevenueShare: d("0.8"), KeyTimeShare: d("0.525"), RestTimeShare: d("0.475"),
			},
		},
		{
			name:      "rounded shares add up",
			customers: []salestime.Customer{c("a", "1"), c("b", "1"), c("c", "1")},
			key:       salestime.TopN(3),
			want: salestime.Allocation{
				Lines: []salestime.Line{
					line(c("a", "1"), ex, "0.333333333334", "0.166666666667"),
					line(c("b", "1"), ex, "0.333333333333", "0.166666666667"),
					line(c("c", "1"), ex, "0.333333333333", "0.166666666666"),
				},
				KeyRevenueShare: d("1"), KeyTimeShare: d("0.5"), RestTimeShare: d("0.5"),
			},
		},
		{
			// 2/3 and 1/3 of the time: the total is rounded half to even.
			name:      "rounded total",
			customers: []salestime.Customer{c("a", "2"), c("b", "1")},
			key:       salestime.TopN(1),
			want: salestime.Allocation{
				Lines:           []salestime.Line{line(c("a", "2"), ex, "0.666666666667", "0.333333333333")},
				KeyRevenueShare: d("0.666666666667"), KeyTimeShare: d("0.333333333333"), RestTimeShare: d("0.666666666667"),
			},
		},
		{
			// The exact revenue share is 0.9999999999985: half a unit,
			// rounded to the even 0.999999999998.
			name:      "half a unit rounds to even",
			customers: []salestime.Customer{c("a", "1999999999997"), c("b", "3")},
			key:       salestime.TopN(1),
			want: salestime.Allocation{
				Lines:           []salestime.Line{line(c("a", "1999999999997"), ex, "0.999999999998", "0.499999999999")},
				KeyRevenueShare: d("0.999999999998"), KeyTimeShare: d("0.499999999999"), RestTimeShare: d("0.500000000001"),
			},
		},
		{
			name:      "own rules",
			customers: []salestime.Customer{c("E", "60"), nc("N", "40")},
			key:       salestime.TopN(2),
			opts:      []salestime.Option{salestime.WithRules(strict, ex), nil},
			want: salestime.Allocation{
				Lines: []salestime.Line{
					line(c("E", "60"), strict, "0.6", "0.24"),
					line(nc("N", "40"), ex, "0.4", "0.2"),
				},
				KeyRevenueShare: d("1"), KeyTimeShare: d("0.44"), RestTimeShare: d("0.56"),
			},
		},
		{
			name:      "marked without revenue",
			customers: []salestime.Customer{{Name: "z", Key: true}, c("a", "10")},
			key:       salestime.Marked(),
			want: salestime.Allocation{
				Lines:           []salestime.Line{{Customer: salestime.Customer{Name: "z", Key: true}, Rule: ex}},
				KeyRevenueShare: d("0"), KeyTimeShare: d("0"), RestTimeShare: d("1"),
			},
		},
		{
			name:      "no revenue at all",
			customers: []salestime.Customer{{Name: "z", Key: true}},
			key:       salestime.Marked(),
			want: salestime.Allocation{
				Lines:           []salestime.Line{{Customer: salestime.Customer{Name: "z", Key: true}, Rule: ex}},
				KeyRevenueShare: d("0"), KeyTimeShare: d("0"), RestTimeShare: d("1"),
			},
		},
		{
			name:      "no key customers",
			customers: []salestime.Customer{c("a", "10")},
			key:       salestime.TopN(0),
			want:      salestime.Allocation{KeyRevenueShare: d("0"), KeyTimeShare: d("0"), RestTimeShare: d("1")},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := salestime.Allocate(portfolio(t, tt.customers...), tt.key, tt.opts...)
			if err != nil {
				t.Fatalf("Allocate() returned error %v", err)
			}
			if diff := cmp.Diff(tt.want, got, ignoreState, cmpopts.EquateEmpty()); diff != "" {
				t.Errorf("Allocate() mismatch (-want +got):\n%s", diff)
			}
		})
	}
}

func TestAllocateRuleErrors(t *testing.T) {
	tests := []struct {
		name    string
		opt     salestime.Option
		message string
	}{
		{"zero existing rule", salestime.WithRules(salestime.Rule{}, salestime.NewCustomers), "existing-customer rule"},
		{"zero new rule", salestime.WithRules(salestime.ExistingCustomers, salestime.Rule{}), "new-customer rule"},
	}
	p := portfolio(t, c("a", "1"))
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := salestime.Allocate(p, salestime.TopN(1), tt.opt)
			if !errors.Is(err, salestime.ErrInvalidRule) {
				t.Fatalf("Allocate() = _, %v, want error %v", err, salestime.ErrInvalidRule)
			}
			if !strings.Contains(err.Error(), tt.message) {
				t.Errorf("Allocate() error %q does not say %q", err, tt.message)
			}
		})
	}
}

// The defaults of Allocate do not change when a program assigns to the
// exported rules.
func TestAllocateDefaultsFixed(t *testing.T) {
	saved := salestime.ExistingCustomers
	t.Cleanup(func() { salestime.ExistingCustomers = saved })
	salestime.ExistingCustomers = salestime.Rule{}
	a, err := salestime.Allocate(portfolio(t, c("a", "7"), c("b", "3")), salestime.TopN(1))
	if err != nil || !a.KeyTimeShare.Equal(d("0.35")) {
		t.Errorf("Allocate() after ExistingCustomers changed = %v, %v, want 0.35, nil", a.KeyTimeShare, err)
	}
	if got, err := salestime.ExistingCustomerTime(d("0.7")); err != nil || !got.Equal(d("0.35")) {
		t.Errorf("ExistingCustomerTime(0.7) after ExistingCustomers changed = %v, %v, want 0.35, nil", got, err)
	}
}

// planTests are plans of small portfolios; FuzzAllocate starts from them too.
var planTests = []struct {
	name      string
	customers []salestime.Customer
	key       salestime.Selector
	budget    string
	step      string
	want      []salestime.PlanLine
	rest      string
}{
	{
		name:      "worked example: 1600 hours",
		customers: []salestime.Customer{c("A", "700"), c("B", "200"), c("C", "100")},
		key:       salestime.TopN(1),
		budget:    "1600", step: "1",
		want: []salestime.PlanLine{pl(c("A", "700"), "560")}, rest: "1040",
	},
	{
		name:      "worked example: 40 hours in half hours",
		customers: []salestime.Customer{nc("N1", "500"), nc("N2", "300"), c("E1", "120"), c("E2", "80")},
		key:       salestime.TopShare(d("0.8")),
		budget:    "40", step: "0.5",
		want: []salestime.PlanLine{pl(nc("N1", "500"), "15"), pl(nc("N2", "300"), "9")}, rest: "16",
	},
	{
		// Quotas 0.6, 0.6 and 1.8 steps: remainders 0.6, 0.6 and 0.8.
		// The two steps left over go to the rest, then to the first of
		// the tied lines.
		name:      "leftover steps to the largest remainders",
		customers: []salestime.Customer{c("a", "2"), c("b", "2"), c("c", "1")},
		key:       salestime.TopN(2),
		budget:    "3", step: "1",
		want: []salestime.PlanLine{pl(c("a", "2"), "1"), pl(c("b", "2"), "0")}, rest: "2",
	},
	{
		// Quotas 0.5, 0.5 and 1: equal remainders and equal quotas,
		// so the step left over goes to the first line.
		name:      "tie goes to the first line",
		customers: []salestime.Customer{c("a", "1"), c("b", "1")},
		key:       salestime.TopN(2),
		budget:    "2", step: "1",
		want: []salestime.PlanLine{pl(c("a", "1"), "1"), pl(c("b", "1"), "0")}, rest: "1",
	},
	{
		// Quotas 1.5 for a and 2.5 for the rest: equal remainders, the
		// larger quota wins.
		name:      "tie goes to the larger quota",
		customers: []salestime.Customer{c("a", "3"), c("b", "1")},
		key:       salestime.TopN(1),
		budget:    "4", step: "1",
		want: []salestime.PlanLine{pl(c("a", "3"), "1")}, rest: "3",
	},
	{
		// Quotas 13 1/3 and 26 2/3 quarter hours.
		name:      "quarter hours",
		customers: []salestime.Customer{c("a", "2"), c("b", "1")},
		key:       salestime.TopN(1),
		budget:    "10", step: "0.25",
		want: []salestime.PlanLine{pl(c("a", "2"), "3.25")}, rest: "6.75",
	},
	{
		name:      "zero budget",
		customers: []salestime.Customer{c("a", "1")},
		key:       salestime.TopN(1),
		budget:    "0", step: "1",
		want: []salestime.PlanLine{pl(c("a", "1"), "0")}, rest: "0",
	},
	{
		name:      "no revenue",
		customers: []salestime.Customer{{Name: "z", Key: true}},
		key:       salestime.Marked(),
		budget:    "8", step: "2",
		want: []salestime.PlanLine{pl(salestime.Customer{Name: "z", Key: true}, "0")}, rest: "8",
	},
	{
		name:      "marked without revenue gets nothing",
		customers: []salestime.Customer{{Name: "z", Key: true}, {Name: "a", Revenue: d("3"), Key: true}},
		key:       salestime.Marked(),
		budget:    "7", step: "1",
		want: []salestime.PlanLine{
			pl(salestime.Customer{Name: "a", Revenue: d("3"), Key: true}, "4"),
			pl(salestime.Customer{Name: "z", Key: true}, "0"),
		},
		rest: "3",
	},
	{
		name:      "days of calls",
		customers: []salestime.Customer{c("a", "1000000.01"), c("b", "0.01")},
		key:       salestime.TopN(1),
		budget:    "220", step: "20",
		want: []salestime.PlanLine{pl(c("a", "1000000.01"), "100")}, rest: "120",
	},
}

func TestPlan(t *testing.T) {
	tests := planTests
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a, err := salestime.Allocate(portfolio(t, tt.customers...), tt.key)
			if err != nil {
				t.Fatal(err)
			}
			got, err := a.Plan(d(tt.budget), d(tt.step))
			if err != nil {
				t.Fatalf("Plan(%s, %s) returned error %v", tt.budget, tt.step, err)
			}
			want := salestime.Plan{Budget: d(tt.budget), Step: d(tt.step), Lines: tt.want, Rest: d(tt.rest)}
			if diff := cmp.Diff(want, got, cmpopts.EquateEmpty()); diff != "" {
				t.Errorf("Plan(%s, %s) mismatch (-want +got):\n%s", tt.budget, tt.step, diff)
			}
		})
	}
}

func TestPlanErrors(t *testing.T) {
	tests := []struct {
		name   string
		budget decimal.Decimal
		step   decimal.Decimal
	}{
		{"negative budget", d("-1"), d("1")},
		{"zero step", d("10"), d("0")},
		{"zero value step", d("10"), decimal.Decimal{}},
		{"negative step", d("10"), d("-1")},
		{"not whole steps", d("10"), d("3")},
		{"not whole quarter hours", d("10.1"), d("0.25")},
		{"too many steps", d("1000000000000000001"), d("1")},
		{"too many budget places", d("1.0000000000000000000"), d("1")},
		{"too many step places", d("1"), d("0.0000000000000000001")},
		{"huge budget", decimal.New(1, 2147483647), d("1")},
		{"huge step", d("1"), decimal.New(1, 2147483647)},
		{"tiny budget", decimal.New(1, -2147483648), d("1")},
		{"zero step with a huge exponent", d("1"), decimal.New(0, 2147483586)},
	}
	a, err := salestime.Allocate(portfolio(t, c("a", "2"), c("b", "1")), salestime.TopN(1))
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := a.Plan(tt.budget, tt.step)
			if !errors.Is(err, salestime.ErrInvalidBudget) {
				t.Errorf("Plan(%s) = %v, %v, want error %v", tt.name, got, err, salestime.ErrInvalidBudget)
			}
		})
	}
}

func TestPlanMostSteps(t *testing.T) {
	a, err := salestime.Allocate(portfolio(t, c("a", "2"), c("b", "1")), salestime.TopN(1))
	if err != nil {
		t.Fatal(err)
	}
	plan, err := a.Plan(d("1000000000000000000"), d("1"))
	if err != nil {
		t.Fatalf("Plan(10^18, 1) returned error %v", err)
	}
	if want := d("333333333333333333"); !plan.Lines[0].Amount.Equal(want) || !plan.Rest.Equal(d("666666666666666667")) {
		t.Errorf("Plan(10^18, 1) = %v and rest %v, want %v and 666666666666666667", plan.Lines[0].Amount, plan.Rest, want)
	}
}

func TestAllocationZeroValue(t *testing.T) {
	var a salestime.Allocation
	plan, err := a.Plan(d("1600"), d("1"))
	want := salestime.Plan{Budget: d("1600"), Step: d("1"), Rest: d("1600")}
	if diff := cmp.Diff(want, plan, cmpopts.EquateEmpty()); err != nil || diff != "" {
		t.Errorf("Allocation{}.Plan(1600, 1) = _, %v, mismatch (-want +got):\n%s", err, diff)
	}
}

// Plan uses the allocation as it was made, whatever is later written to its
// exported fields.
func TestPlanIgnoresChangedFields(t *testing.T) {
	a, err := salestime.Allocate(portfolio(t, c("A", "700"), c("B", "200"), c("C", "100")), salestime.TopN(1))
	if err != nil {
		t.Fatal(err)
	}
	a.Lines[0].Customer.Name = "changed"
	a.Lines[0].Customer.Revenue = d("1")
	a.Lines = append(a.Lines, salestime.Line{})
	plan, err := a.Plan(d("1600"), d("1"))
	if err != nil {
		t.Fatal(err)
	}
	want := salestime.Plan{Budget: d("1600"), Step: d("1"), Lines: []salestime.PlanLine{pl(c("A", "700"), "560")}, Rest: d("1040")}
	if diff := cmp.Diff(want, plan); diff != "" {
		t.Errorf("Plan() after the lines changed mismatch (-want +got):\n%s", diff)
	}
}

// The zero Plan is the plan of no time: a review sets time against it,
// and it cannot be spread, having no step.
func TestPlanZeroValue(t *testing.T) {
	var p salestime.Plan
	r, err := salestime.NewReview(salestime.Allocation{}, p, []salestime.Activity{{Customer: "Acme", Duration: time.Hour}}, salestime.Period{}, time.Time{})
	if err != nil || r.Logged != time.Hour || r.Rest.Planned != 0 || r.Prospects != time.Hour {
		t.Errorf("NewReview(Plan{}) = %+v, %v; want an hour of prospects against no plan", r, err)
	}
	if _, err := p.Spread(salestime.Period{From: date("2027-01-01"), To: date("2027-01-31")}, "month", nil); !errors.Is(err, salestime.ErrInvalidBudget) {
		t.Errorf("Plan{}.Spread() = %v, want %v", err, salestime.ErrInvalidBudget)
	}
}

// Every amount is its number of steps times the step, written with the
// step's places, whichever way Plan makes it: from the shared tables, once
// per plan, or one by one.
func TestPlanAmounts(t *testing.T) {
	// Revenues 1 to 40, so the quotas take many sizes, some repeated.
	var cs []salestime.Customer
	for i := 1; i <= 40; i++ {
		cs = append(cs, c(strings.Repeat("x", i), strings.Repeat("1", 1+i%3)))
	}
	a, err := salestime.Allocate(portfolio(t, cs...), salestime.TopN(40))
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct{ budget, step string }{
		{"1600", "0.25"},    // shared table
		{"160000", "1"},     // shared table, and counts past it
		{"16.000", "0.125"}, // an exponent without a table
		{"99999999999999999900", "99999999999999999.9"},   // counts x coefficient past 63 bits
		{"3999999999999999996000", "3999999999999999996"}, // a step of 19 digits
	} {
		budget, step := d(tt.budget), d(tt.step)
		plan, err := a.Plan(budget, step)
		if err != nil {
			t.Fatalf("Plan(%s, %s) returned error %v", tt.budget, tt.step, err)
		}
		sum := plan.Rest
		for _, l := range append(plan.Lines, salestime.PlanLine{Amount: plan.Rest}) {
			q, r := l.Amount.QuoRem(step, 0)
			if r.Sign() != 0 || l.Amount.Exponent() != step.Exponent() || !step.Mul(q).Equal(l.Amount) {
				t.Errorf("Plan(%s, %s): amount %s is not a whole number of steps written with the step's places",
					tt.budget, tt.step, l.Amount.String())
			}
		}
		for _, l := range plan.Lines {
			sum = sum.Add(l.Amount)
		}
		if !sum.Equal(budget) {
			t.Errorf("Plan(%s, %s): amounts add up to %s", tt.budget, tt.step, sum.String())
		}
	}
}

// Long portfolios reuse scratch space that earlier calls gave back; what
// those calls left in it must not change a result. Here every remainder is
// the same, so only the documented tie rule, the earlier line first, says
// which shares are rounded up.
func TestScratchReuse(t *testing.T) {
	varied := make([]salestime.Customer, 400)
	for i := range varied {
		varied[i] = c(fmt.Sprintf("varied %03d", i), fmt.Sprint(1+i*i%997))
	}
	alike := make([]salestime.Customer, 300)
	for i := range alike {
		alike[i] = c(fmt.Sprintf("alike %03d", i), "1")
	}
	// 10^12 / 300 = 3,333,333,333.33...: the first 100 lines get the 100
	// leftover units.
	up, down := d("0.003333333334"), d("0.003333333333")
	for range 10 {
		// Leave remainders with their floors in the scratch space: a plan
		// of 401 parties.
		p, err := salestime.NewPortfolio(varied...)
		if err != nil {
			t.Fatal(err)
		}
		a, err := salestime.Allocate(p, salestime.TopN(len(varied)))
		if err != nil {
			t.Fatal(err)
		}
		if _, err := a.Plan(d("1000000"), d("1")); err != nil {
			t.Fatal(err)
		}

		p, err = salestime.NewPortfolio(alike...)
		if err != nil {
			t.Fatal(err)
		}
		a, err = salestime.Allocate(p, salestime.TopN(len(alike)))
		if err != nil {
			t.Fatal(err)
		}
		for j, l := range a.Lines {
			want := down
			if j < 100 {
				want = up
			}
			if !l.RevenueShare.Equal(want) {
				t.Fatalf("line %d (%s): revenue share %s, want %s", j, l.Customer.Name, l.RevenueShare, want)
			}
		}
	}
}

// Shares and plans break ties between equal remainders by one rule: the
// larger quota, then the earlier line. A (existing) and B (new) have equal
// remainders of time share, and B's quota is the larger.
func TestAllocateTieRule(t *testing.T) {
	for _, scale := range []int32{0, 18} { // the int64 and the math/big path
		t.Run(fmt.Sprintf("revenues x 10^%d", scale), func(t *testing.T) {
			p := portfolio(t,
				salestime.Customer{Name: "A", Revenue: decimal.New(10, scale), Key: true},
				salestime.Customer{Name: "B", Revenue: decimal.New(9, scale), New: true, Key: true},
				salestime.Customer{Name: "O", Revenue: decimal.New(9, scale)},
			)
			a, err := salestime.Allocate(p, salestime.Marked())
			if err != nil {
				t.Fatal(err)
			}
			want := []salestime.Line{
				line(salestime.Customer{Name: "A", Revenue: decimal.New(10, scale), Key: true}, salestime.ExistingCustomers, "0.357142857143", "0.178571428571"),
				line(salestime.Customer{Name: "B", Revenue: decimal.New(9, scale), New: true, Key: true}, salestime.NewCustomers, "0.321428571428", "0.241071428572"),
			}
			if diff := cmp.Diff(want, a.Lines); diff != "" {
				t.Errorf("Allocate() lines mismatch (-want +got):\n%s", diff)
			}
		})
	}
}
