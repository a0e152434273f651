package salestime_test

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"github.com/shopspring/decimal"

	"github.com/salestime/salestime"
)

// Key customers who bring 70% of turnover get half of it, 35% of the time.
func ExampleExistingCustomerTime() {
	share := decimal.RequireFromString("0.70")
	fmt.Println(salestime.ExistingCustomerTime(share))
	// Output: 0.35 <nil>
}

// New large customers expected to bring 80% of turnover get three quarters
// of it: 75% of 80% is 60% of the time.
func ExampleNewCustomerTime() {
	share := decimal.RequireFromString("0.80")
	fmt.Println(salestime.NewCustomerTime(share))
	// Output: 0.6 <nil>
}

func ExampleNewRule() {
	twoThirds, err := salestime.NewRule("strategic accounts", decimal.RequireFromString("0.6667"))
	fmt.Println(twoThirds, err)
	_, err = salestime.NewRule("too much", decimal.RequireFromString("1.5"))
	fmt.Println(err)
	// Output:
	// strategic accounts (0.6667) <nil>
	// salestime: invalid rule: rule "too much" has factor 1.5, want greater than 0 and at most 1
}

func ExampleRule_TimeShare() {
	fmt.Println(salestime.ExistingCustomers.TimeShare(decimal.RequireFromString("0.7")))
	fmt.Println(salestime.NewCustomers.TimeShare(decimal.RequireFromString("0.8")))
	fmt.Println(salestime.ExistingCustomers.TimeShare(decimal.RequireFromString("1.2")))
	// Output:
	// 0.35 <nil>
	// 0.6 <nil>
	// 0 salestime: invalid share: share 1.2 is outside [0, 1]
}

func ExampleRule_Name() {
	fmt.Println(salestime.ExistingCustomers.Name())
	fmt.Println(salestime.NewCustomers.Name())
	// Output:
	// existing customers
	// new customers
}

func ExampleRule_Factor() {
	fmt.Println(salestime.ExistingCustomers.Factor())
	fmt.Println(salestime.NewCustomers.Factor())
	// Output:
	// 0.5
	// 0.75
}

func ExampleRule_String() {
	fmt.Println(salestime.NewCustomers.String())
	// Output: new customers (0.75)
}

func ExampleRule_Equal() {
	half, _ := salestime.NewRule("existing customers", decimal.RequireFromString("0.50"))
	fmt.Println(half.Equal(salestime.ExistingCustomers))
	fmt.Println(half.Equal(salestime.NewCustomers))
	// Output:
	// true
	// false
}

func ExampleNewPortfolio() {
	p, err := salestime.NewPortfolio(
		salestime.Customer{Name: "Beta", Revenue: decimal.NewFromInt(200)},
		salestime.Customer{Name: "Acme", Revenue: decimal.NewFromInt(700)},
		salestime.Customer{Name: "Gamma", Revenue: decimal.NewFromInt(200)},
	)
	fmt.Println(err)
	for _, c := range p.Customers() {
		fmt.Println(c.Name, c.Revenue)
	}
	// Output:
	// <nil>
	// Acme 700
	// Beta 200
	// Gamma 200
}

func ExampleNewPortfolio_errors() {
	_, err := salestime.NewPortfolio(
		salestime.Customer{Name: "Acme", Revenue: decimal.NewFromInt(700)},
		salestime.Customer{Name: "Acme", Revenue: decimal.NewFromInt(200)},
	)
	fmt.Println(err)
	_, err = salestime.NewPortfolio(salestime.Customer{Name: "Beta", Revenue: decimal.NewFromInt(-5)})
	fmt.Println(err)
	// Output:
	// salestime: duplicate customer: customers[0] and customers[1] are both named "Acme"
	// salestime: invalid revenue: customer "Beta" has negative revenue -5
}

func ExamplePortfolio_Len() {
	p, _ := salestime.NewPortfolio(
		salestime.Customer{Name: "Acme", Revenue: decimal.NewFromInt(700)},
		salestime.Customer{Name: "Beta", Revenue: decimal.NewFromInt(300)},
	)
	fmt.Println(p.Len(), salestime.Portfolio{}.Len())
	// Output: 2 0
}

func ExamplePortfolio_Total() {
	p, _ := salestime.NewPortfolio(
		salestime.Customer{Name: "Acme", Revenue: decimal.RequireFromString("700.25")},
		salestime.Customer{Name: "Beta", Revenue: decimal.RequireFromString("299.75")},
	)
	fmt.Println(p.Total())
	fmt.Println(-p.Total().Exponent(), "places, as the revenues have")
	// Output:
	// 1000
	// 2 places, as the revenues have
}

func ExamplePortfolio_Customers() {
	p, _ := salestime.NewPortfolio(
		salestime.Customer{Name: "Small", Revenue: decimal.RequireFromString("10.50")},
		salestime.Customer{Name: "Large", Revenue: decimal.NewFromInt(90), New: true},
	)
	for _, c := range p.Customers() {
		// Each revenue keeps the places it was given with.
		fmt.Println(c.Name, c.Revenue.StringFixed(-c.Revenue.Exponent()), c.New)
	}
	// Output:
	// Large 90 true
	// Small 10.50 false
}

// sample is a portfolio of six customers that bring 1,000 in all.
func sample() salestime.Portfolio {
	p, err := salestime.NewPortfolio(
		salestime.Customer{Name: "Acme", Revenue: decimal.NewFromInt(400)},
		salestime.Customer{Name: "Beta", Revenue: decimal.NewFromInt(250)},
		salestime.Customer{Name: "Gamma", Revenue: decimal.NewFromInt(150), New: true},
		salestime.Customer{Name: "Delta", Revenue: decimal.NewFromInt(100), Key: true},
		salestime.Customer{Name: "Epsilon", Revenue: decimal.NewFromInt(60)},
		salestime.Customer{Name: "Zeta", Revenue: decimal.NewFromInt(40)},
	)
	if err != nil {
		panic(err)
	}
	return p
}

// printKeys prints the names of the key customers of an allocation.
func printKeys(a salestime.Allocation, err error) {
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, l := range a.Lines {
		fmt.Print(l.Customer.Name, " ")
	}
	fmt.Println(a.KeyRevenueShare)
}

func ExampleTopN() {
	printKeys(salestime.Allocate(sample(), salestime.TopN(2)))
	printKeys(salestime.Allocate(sample(), salestime.TopN(-1)))
	// Output:
	// Acme Beta 0.65
	// salestime: invalid selector: TopN(-1): n is negative
}

func ExampleTopShare() {
	printKeys(salestime.Allocate(sample(), salestime.TopShare(decimal.RequireFromString("0.8"))))
	printKeys(salestime.Allocate(sample(), salestime.TopShare(decimal.RequireFromString("0.5"))))
	// Output:
	// Acme Beta Gamma 0.8
	// Acme Beta 0.65
}

func ExampleMinRevenue() {
	printKeys(salestime.Allocate(sample(), salestime.MinRevenue(decimal.NewFromInt(100))))
	// Output: Acme Beta Gamma Delta 0.9
}

func ExampleMarked() {
	printKeys(salestime.Allocate(sample(), salestime.Marked()))
	// Output: Delta 0.1
}

func ExampleABC() {
	printKeys(salestime.Allocate(sample(), salestime.ABC()))
	// Output: Acme Beta 0.65
}

// A Selector is a function: this one picks the customers whose names a
// sales manager listed.
func ExampleSelector() {
	named := func(names ...string) salestime.Selector {
		return func(p salestime.Portfolio) ([]bool, error) {
			marks := make([]bool, p.Len())
			for i, c := range p.Customers() {
				for _, name := range names {
					marks[i] = marks[i] || c.Name == name
				}
			}
			return marks, nil
		}
	}
	printKeys(salestime.Allocate(sample(), named("Zeta", "Acme")))
	// Output: Acme Zeta 0.44
}

func ExampleAllocate() {
	p, _ := salestime.NewPortfolio(
		salestime.Customer{Name: "Acme", Revenue: decimal.NewFromInt(700)},
		salestime.Customer{Name: "Beta", Revenue: decimal.NewFromInt(200)},
		salestime.Customer{Name: "Gamma", Revenue: decimal.NewFromInt(100)},
	)
	a, err := salestime.Allocate(p, salestime.TopN(1))
	fmt.Println(a.KeyRevenueShare, a.KeyTimeShare, a.RestTimeShare, err)
	// Output: 0.7 0.35 0.65 <nil>
}

// New customers get three quarters of their share, existing ones half.
func ExampleAllocate_newCustomers() {
	p, _ := salestime.NewPortfolio(
		salestime.Customer{Name: "N1", Revenue: decimal.NewFromInt(500), New: true},
		salestime.Customer{Name: "E1", Revenue: decimal.NewFromInt(300)},
		salestime.Customer{Name: "E2", Revenue: decimal.NewFromInt(200)},
	)
	a, _ := salestime.Allocate(p, salestime.TopN(2))
	for _, l := range a.Lines {
		fmt.Println(l.Customer.Name, l.Rule.Name(), l.RevenueShare, l.TimeShare)
	}
	fmt.Println(a.KeyTimeShare, a.RestTimeShare)
	// Output:
	// N1 new customers 0.5 0.375
	// E1 existing customers 0.3 0.15
	// 0.525 0.475
}

// Three customers of equal revenue share a third each: the shares are
// rounded so that they add up exactly to the total.
func ExampleAllocate_rounding() {
	p, _ := salestime.NewPortfolio(
		salestime.Customer{Name: "A", Revenue: decimal.NewFromInt(1)},
		salestime.Customer{Name: "B", Revenue: decimal.NewFromInt(1)},
		salestime.Customer{Name: "C", Revenue: decimal.NewFromInt(1)},
	)
	a, _ := salestime.Allocate(p, salestime.TopN(3))
	for _, l := range a.Lines {
		fmt.Println(l.Customer.Name, l.RevenueShare, l.TimeShare)
	}
	fmt.Println(a.KeyRevenueShare, a.KeyTimeShare)
	// Output:
	// A 0.333333333334 0.166666666667
	// B 0.333333333333 0.166666666667
	// C 0.333333333333 0.166666666666
	// 1 0.5
}

func ExampleWithRules() {
	strict, _ := salestime.NewRule("strict", decimal.RequireFromString("0.4"))
	a, err := salestime.Allocate(sample(), salestime.TopN(1), salestime.WithRules(strict, salestime.NewCustomers))
	fmt.Println(a.Lines[0].Rule, a.KeyTimeShare, err)
	_, err = salestime.Allocate(sample(), salestime.TopN(1), salestime.WithRules(salestime.Rule{}, salestime.NewCustomers))
	fmt.Println(err)
	// Output:
	// strict (0.4) 0.16 <nil>
	// salestime: invalid rule: existing-customer rule with factor 0 has a blank name
}

func ExampleAllocation_Plan() {
	p, _ := salestime.NewPortfolio(
		salestime.Customer{Name: "A", Revenue: decimal.NewFromInt(700)},
		salestime.Customer{Name: "B", Revenue: decimal.NewFromInt(200)},
		salestime.Customer{Name: "C", Revenue: decimal.NewFromInt(100)},
	)
	a, _ := salestime.Allocate(p, salestime.TopN(1))
	plan, err := a.Plan(decimal.NewFromInt(1600), decimal.NewFromInt(1))
	fmt.Println(plan.Lines[0].Customer.Name, plan.Lines[0].Amount, "hours")
	fmt.Println("rest", plan.Rest, "hours", err)
	// Output:
	// A 560 hours
	// rest 1040 hours <nil>
}

// A year of selling time, 1,600 hours planned in quarter hours, for a
// salesperson whose two largest customers are new.
func Example_yearPlan() {
	p, _ := salestime.NewPortfolio(
		salestime.Customer{Name: "N1", Revenue: decimal.NewFromInt(500), New: true},
		salestime.Customer{Name: "N2", Revenue: decimal.NewFromInt(300), New: true},
		salestime.Customer{Name: "E1", Revenue: decimal.NewFromInt(120)},
		salestime.Customer{Name: "E2", Revenue: decimal.NewFromInt(80)},
	)
	a, _ := salestime.Allocate(p, salestime.TopShare(decimal.RequireFromString("0.8")))
	plan, _ := a.Plan(decimal.NewFromInt(1600), decimal.RequireFromString("0.25"))
	for _, l := range plan.Lines {
		fmt.Printf("%-4s %8s hours\n", l.Customer.Name, l.Amount.StringFixed(2))
	}
	fmt.Printf("rest %8s hours\n", plan.Rest.StringFixed(2))
	// Output:
	// N1     600.00 hours
	// N2     360.00 hours
	// rest   640.00 hours
}

// visitPortfolio is the portfolio of the examples of VisitPlan: two key
// customers who bring 80% of revenue, three more who bring the next 16%,
// and five small ones.
func visitPortfolio() salestime.Portfolio {
	var customers []salestime.Customer
	for _, c := range []struct {
		name    string
		revenue int64
	}{{"A1", 50000}, {"A2", 30000}, {"B1", 8000}, {"B2", 5000}, {"B3", 3000},
		{"C1", 1500}, {"C2", 1000}, {"C3", 800}, {"C4", 400}, {"C5", 300}} {
		customers = append(customers, salestime.Customer{Name: c.name, Revenue: decimal.NewFromInt(c.revenue)})
	}
	p, _ := salestime.NewPortfolio(customers...)
	return p
}

// The key customers get what the rule gives them; class B, the customers
// that with them bring 96% of revenue, is visited for an hour every four
// weeks, and class C for an hour every thirteen weeks, over 2027: what the
// visits leave of 1,600 hours is for finding new customers.
func ExampleAllocation_VisitPlan() {
	a, _ := salestime.Allocate(visitPortfolio(), salestime.TopShare(decimal.RequireFromString("0.8")))
	hour := decimal.NewFromInt(1)
	plan, err := a.VisitPlan(decimal.NewFromInt(1600), hour, salestime.TopShare(decimal.RequireFromString("0.96")), 365,
		salestime.Class{Name: "B", Every: 28, Length: hour}, salestime.Class{Name: "C", Every: 91, Length: hour})
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, l := range plan.Lines {
		fmt.Println("A", l.Customer.Name, l.Amount, "h")
	}
	for _, c := range plan.Classes {
		fmt.Printf("%s: %d customers x %d visits x %s h = %s h\n", c.Name, len(c.Customers), c.Visits, c.Length, c.Workload)
	}
	fmt.Println("prospecting", plan.Prospecting, "h; short", plan.Short, "h; utilization", plan.Utilization)
	// Output:
	// A A1 400 h
	// A A2 240 h
	// B: 3 customers x 14 visits x 1 h = 42 h
	// C: 5 customers x 5 visits x 1 h = 25 h
	// prospecting 893 h; short 0 h; utilization 0.441875
}

// The same customers with 600 hours, class B seen for two hours every
// week and class C for an hour every four weeks, over 52 weeks: the
// visits need 17 hours more than the budget has.
func ExampleAllocation_VisitPlan_short() {
	a, _ := salestime.Allocate(visitPortfolio(), salestime.TopShare(decimal.RequireFromString("0.8")))
	hour := decimal.NewFromInt(1)
	plan, _ := a.VisitPlan(decimal.NewFromInt(600), hour, salestime.TopShare(decimal.RequireFromString("0.96")), 364,
		salestime.Class{Name: "B", Every: 7, Length: decimal.NewFromInt(2)}, salestime.Class{Name: "C", Every: 28, Length: hour})
	fmt.Println("key", plan.Budget.Sub(plan.Rest), "h; B", plan.Classes[0].Workload, "h; C", plan.Classes[1].Workload, "h")
	fmt.Println("short", plan.Short, "h; prospecting", plan.Prospecting, "h")
	fmt.Println("other customers", plan.Other, "h of the rest,", plan.Rest, "h")
	// Output:
	// key 240 h; B 312 h; C 65 h
	// short 17 h; prospecting 0 h
	// other customers 360 h of the rest, 360 h
}

// The second worked example of the plan: 40 hours in half hours.
func ExampleAllocation_Plan_halfHours() {
	p, _ := salestime.NewPortfolio(
		salestime.Customer{Name: "N1", Revenue: decimal.NewFromInt(500), New: true},
		salestime.Customer{Name: "N2", Revenue: decimal.NewFromInt(300), New: true},
		salestime.Customer{Name: "E1", Revenue: decimal.NewFromInt(120)},
		salestime.Customer{Name: "E2", Revenue: decimal.NewFromInt(80)},
	)
	a, _ := salestime.Allocate(p, salestime.TopShare(decimal.RequireFromString("0.8")))
	plan, _ := a.Plan(decimal.NewFromInt(40), decimal.RequireFromString("0.5"))
	for _, l := range plan.Lines {
		fmt.Println(l.Customer.Name, l.Amount.StringFixed(1))
	}
	fmt.Println("rest", plan.Rest.StringFixed(1))
	// Output:
	// N1 15.0
	// N2 9.0
	// rest 16.0
}

func ExampleReadCSV() {
	in := "name,revenue,new\nAcme,700,\nBeta,200.50,yes\nGamma,99.50,\n"
	p, err := salestime.ReadCSV(strings.NewReader(in))
	fmt.Println(p.Len(), p.Total(), err)
	// Output: 3 1000 <nil>
}

// Excel in a Polish, German or French locale writes semicolons, decimal
// commas and grouped digits.
func ExampleReadCSV_europeanLocale() {
	in := "\ufeffName;Revenue;New\r\nKowalski Bau;182 000,00;\r\nNowak Trans;\"94 000,50\";TRUE\r\n"
	p, err := salestime.ReadCSV(strings.NewReader(in))
	for _, c := range p.Customers() {
		fmt.Println(c.Name, c.Revenue, c.New)
	}
	fmt.Println(err)
	// Output:
	// Kowalski Bau 182000 false
	// Nowak Trans 94000.5 true
	// <nil>
}

// Every bad row is reported, each with its line, column and customer.
func ExampleReadCSV_error() {
	in := "name,revenue\nAcme,700\nBeta,12x\nGamma,-5\n"
	_, err := salestime.ReadCSV(strings.NewReader(in))
	fmt.Println(err)
	fmt.Println(errors.Is(err, salestime.ErrInvalidRevenue))
	// Output:
	// salestime: line 3, column 2 "revenue", customer "Beta": revenue "12x" is not a number
	// salestime: line 4, column 2 "revenue", customer "Gamma": revenue "-5" is negative
	// true
}

// A list of deals from a CRM: the columns have headers of their own, each
// account has several rows, one of them a credit note in brackets, and
// the amounts carry a currency.
func ExampleReadAccounts() {
	in := `"Opportunity Owner","Account Name","Amount"
"Anna","Acme","$1,250.00"
"Anna","Acme","$750.50"
"Anna","Acme","($250.50)"
"Bob","Beta","$3,000.00"
`
	acc, err := salestime.ReadAccounts(salestime.CSVRows(strings.NewReader(in)), salestime.ReadOptions{
		Columns: map[string]string{"name": "Account Name", "revenue": "Amount", "owner": "Opportunity Owner"},
		Sum:     true,
	})
	for g := range acc.Groups() {
		for _, c := range g.Portfolio.Customers() {
			fmt.Println(g.Name, c.Name, c.Revenue.StringFixed(2))
		}
	}
	fmt.Println(acc.Currency, acc.Numbers, err)
	// Output:
	// Anna Acme 1750.00
	// Bob Beta 3000.00
	// $ 1,234.56 <nil>
}

// The number format is decided from the whole column: 7,5 shows that the
// comma is the decimal mark, so 126.500 is 126500.
func ExampleReadAccounts_numberFormat() {
	in := "Name;Revenue\nKowalski Bau;182.000\nMüller Stahl;126.500\nCafé Paris;7,5\n"
	acc, err := salestime.ReadAccounts(salestime.CSVRows(strings.NewReader(in)), salestime.ReadOptions{})
	g, _ := firstGroup(acc)
	for _, c := range g.Portfolio.Customers() {
		fmt.Println(c.Name, c.Revenue)
	}
	fmt.Println(acc.Numbers, err)
	// Output:
	// Kowalski Bau 182000
	// Müller Stahl 126500
	// Café Paris 7.5
	// 1.234,56 <nil>
}

// Where nothing in the column tells the format, the file is refused rather
// than read one way or the other.
func ExampleReadAccounts_ambiguous() {
	in := "Name;Revenue\nKowalski Bau;182000\nMüller Stahl;126.500\n"
	_, err := salestime.ReadAccounts(salestime.CSVRows(strings.NewReader(in)), salestime.ReadOptions{File: "accounts.csv"})
	fmt.Println(errors.Is(err, salestime.ErrAmbiguousNumber))
	acc, err := salestime.ReadAccounts(salestime.CSVRows(strings.NewReader(in)), salestime.ReadOptions{Numbers: "1.234,56"})
	g, _ := firstGroup(acc)
	fmt.Println(g.Portfolio.Total(), err)
	// Output:
	// true
	// 308500 <nil>
}

// rows is a salestime.RowReader over a sheet's rows, as a program reads
// them from a workbook or a database.
type rows struct {
	cells [][]string
	next  int
}

func (r *rows) Read() ([]string, error) {
	if r.next == len(r.cells) {
		return nil, io.EOF
	}
	r.next++
	return r.cells[r.next-1], nil
}

func (r *rows) FieldPos(int) (line, column int) { return r.next, 1 }

func ExampleReadAccounts_sheet() {
	sheet := &rows{cells: [][]string{
		{"Account", "Revenue", "New"},
		{"Acme", "700", "TRUE"},
		{"Beta", "300.5"},
	}}
	acc, err := salestime.ReadAccounts(sheet, salestime.ReadOptions{
		Sheet:   "Accounts",
		Columns: map[string]string{"name": "Account"},
		Numbers: "1234.56",
	})
	g, _ := firstGroup(acc)
	fmt.Println(g.Portfolio.Customers(), err)
	// Output: [{Acme 700 true false false} {Beta 300.5 false false false}] <nil>
}

// Each bad row is a RowError, which says where it is.
func ExampleRowError() {
	in := "name,revenue\nAcme,700\nBeta,12x\n"
	_, err := salestime.ReadAccounts(salestime.CSVRows(strings.NewReader(in)), salestime.ReadOptions{File: "accounts.csv"})
	var re *salestime.RowError
	if errors.As(err, &re) {
		fmt.Println(re.File, re.Line, re.Column, re.Header, re.Customer)
		fmt.Println(errors.Is(re, salestime.ErrInvalidRevenue))
	}
	// Output:
	// accounts.csv 3 2 revenue Beta
	// true
}

// A header that lacks a column is a RowError that names the fields it
// lacks and the headers it has, for a program to offer them.
func ExampleRowError_missing() {
	in := "Account Name,Amount\nAcme,700\n"
	_, err := salestime.ReadAccounts(salestime.CSVRows(strings.NewReader(in)), salestime.ReadOptions{})
	var re *salestime.RowError
	if errors.As(err, &re) {
		fmt.Println(re.Missing, re.Headers)
	}
	fmt.Println(err)
	// Output:
	// [name revenue] [Account Name Amount]
	// salestime: line 1: no column "name" for the name, "revenue" for the revenue; the header has "Account Name", "Amount"
}

func ExampleCustomer_MarshalJSON() {
	b, err := json.Marshal(salestime.Customer{Name: "Acme", Revenue: decimal.RequireFromString("700.50"), New: true})
	fmt.Println(string(b), err)
	// Output: {"name":"Acme","revenue":"700.50","new":true} <nil>
}

func ExamplePortfolio_MarshalJSON() {
	p, _ := salestime.NewPortfolio(
		salestime.Customer{Name: "Beta", Revenue: decimal.NewFromInt(200)},
		salestime.Customer{Name: "Acme", Revenue: decimal.RequireFromString("700.50")},
	)
	b, err := json.Marshal(p)
	fmt.Println(string(b), err)
	// Output: [{"name":"Acme","revenue":"700.50"},{"name":"Beta","revenue":"200"}] <nil>
}

func ExamplePortfolio_UnmarshalJSON() {
	var p salestime.Portfolio
	err := json.Unmarshal([]byte(`[{"name":"Acme","revenue":"700"},{"name":"Acme","revenue":"200"}]`), &p)
	fmt.Println(err)
	err = json.Unmarshal([]byte(`[{"name":"Acme","revenue":"700"},{"name":"Beta","revenue":200}]`), &p)
	fmt.Println(p.Len(), p.Total(), err)
	// Output:
	// salestime: duplicate customer: customers[0] and customers[1] are both named "Acme"
	// 2 900 <nil>
}

func ExampleRule_MarshalJSON() {
	b, err := json.Marshal(salestime.NewCustomers)
	fmt.Println(string(b), err)
	// Output: {"name":"new customers","factor":"0.75"} <nil>
}

func ExampleAllocation_MarshalJSON() {
	p, _ := salestime.NewPortfolio(
		salestime.Customer{Name: "A", Revenue: decimal.NewFromInt(700)},
		salestime.Customer{Name: "B", Revenue: decimal.NewFromInt(300)},
	)
	a, _ := salestime.Allocate(p, salestime.TopN(1))
	b, err := json.Marshal(a)
	fmt.Println(string(b), err)
	// Output: {"lines":[{"customer":{"name":"A","revenue":"700"},"rule":{"name":"existing customers","factor":"0.5"},"revenueShare":"0.7","timeShare":"0.35"}],"keyRevenueShare":"0.7","keyTimeShare":"0.35","restTimeShare":"0.65"} <nil>
}

func ExamplePlan_MarshalJSON() {
	p, _ := salestime.NewPortfolio(
		salestime.Customer{Name: "A", Revenue: decimal.NewFromInt(700)},
		salestime.Customer{Name: "B", Revenue: decimal.NewFromInt(300)},
	)
	a, _ := salestime.Allocate(p, salestime.TopN(1))
	plan, _ := a.Plan(decimal.NewFromInt(40), decimal.RequireFromString("0.5"))
	b, err := json.Marshal(plan)
	fmt.Println(string(b), err)
	// Output: {"budget":"40","step":"0.5","lines":[{"customer":{"name":"A","revenue":"700"},"amount":"14.0"}],"rest":"26.0"} <nil>
}

// A command line or a configuration file names its selector as text.
func ExampleParseSelector() {
	key, name, err := salestime.ParseSelector("share:80%", "")
	fmt.Println(name, err)
	a, err := salestime.Allocate(sample(), key)
	fmt.Println(len(a.Lines), a.KeyRevenueShare, err)
	_, _, err = salestime.ParseSelector("share:120%", "")
	fmt.Println(err)
	// Output:
	// share:80% <nil>
	// 3 0.8 <nil>
	// salestime: invalid selector: TopShare(1.20): share must be greater than 0 and at most 1
}

// firstGroup returns the first group of acc.
func firstGroup(acc salestime.Accounts) (salestime.Group, error) {
	for g := range acc.Groups() {
		return g, nil
	}
	return salestime.Group{}, nil
}

// Each salesperson's portfolio is made as the loop reaches it.
func ExampleAccounts_Groups() {
	in := "owner,name,revenue\nann,Acme,700\nbob,Beta,200\nann,Gamma,100\n"
	acc, err := salestime.ReadAccounts(salestime.CSVRows(strings.NewReader(in)), salestime.ReadOptions{})
	if err != nil {
		fmt.Println(err)
		return
	}
	for g := range acc.Groups() {
		fmt.Println(g.Name, g.Portfolio.Len(), g.Portfolio.Total())
	}
	// Output:
	// ann 2 800
	// bob 1 200
}

// The article's numbers: the rule gives the key customer 35% of the time,
// and the log shows 58% went to it.
func ExampleNewReview() {
	p, _ := salestime.NewPortfolio(
		salestime.Customer{Name: "Acme", Revenue: decimal.NewFromInt(700)},
		salestime.Customer{Name: "Beta", Revenue: decimal.NewFromInt(200)},
		salestime.Customer{Name: "Gamma", Revenue: decimal.NewFromInt(100)},
	)
	a, _ := salestime.Allocate(p, salestime.TopN(1))
	plan, _ := a.Plan(decimal.NewFromInt(100), decimal.NewFromInt(1))
	log := []salestime.Activity{
		{Customer: "Acme", Duration: 58 * time.Hour},
		{Customer: "Beta", Duration: 20 * time.Hour},
		{Customer: "Delta Ltd", Duration: 12 * time.Hour},
		{Customer: "", Duration: 10 * time.Hour},
	}
	r, err := salestime.NewReview(a, plan, log, salestime.Period{}, time.Time{})
	fmt.Println(r.ActualShare, r.PlanShare, err)
	fmt.Println(r.Lines[0].Name, r.Lines[0].Planned, r.Lines[0].Actual, r.Lines[0].Difference, r.Lines[0].OfPlan)
	fmt.Println(r.Rest.Planned, r.OtherCustomers, r.Prospects, r.Unassigned, r.Unmatched[0].Name)
	// Output:
	// 0.58 0.35 <nil>
	// Acme 35h0m0s 58h0m0s 23h0m0s 1.657142857143
	// 65h0m0s 20h0m0s 12h0m0s 10h0m0s Delta Ltd
}

func ExampleReadActivities() {
	in := "Account,Duration,Date\nAcme,1:30,2027-03-04\nBeta,0.25,2027-03-05\n,2,2027-03-05\n"
	log, err := salestime.ReadActivities(salestime.CSVRows(strings.NewReader(in)), salestime.ReadOptions{
		Columns: map[string]string{"customer": "Account"},
	})
	for _, a := range log {
		fmt.Printf("%q %v %s\n", a.Customer, a.Duration, a.Date.Format(time.DateOnly))
	}
	fmt.Println(err)
	// Output:
	// "Acme" 1h30m0s 2027-03-04
	// "Beta" 15m0s 2027-03-05
	// "" 2h0m0s 2027-03-05
	// <nil>
}

func ExampleReadActivities_minutes() {
	sheet := &rows{cells: [][]string{{"customer", "duration"}, {"Acme", "90"}}}
	log, err := salestime.ReadActivities(sheet, salestime.ReadOptions{Minutes: true})
	fmt.Println(log[0].Duration, err)
	// Output: 1h30m0s <nil>
}

func ExampleParsePeriod() {
	p, err := salestime.ParsePeriod("2027-01-01..2027-03-31")
	fmt.Println(p.From.Format(time.DateOnly), p.To.Format(time.DateOnly), err)
	_, err = salestime.ParsePeriod("2027-03-31..2027-01-01")
	fmt.Println(err)
	// Output:
	// 2027-01-01 2027-03-31 <nil>
	// salestime: invalid option: the period ends on 2027-01-01, before it starts on 2027-03-31
}

// A team's summary adds up the plans, and the reviews, of its
// salespeople.
func ExampleSummary() {
	in := "owner,name,revenue\nAnna,Acme,700\nAnna,Beta,300\nBartek,Gamma,600\nBartek,Delta,400\n"
	acc, err := salestime.ReadAccounts(salestime.CSVRows(strings.NewReader(in)), salestime.ReadOptions{})
	if err != nil {
		fmt.Println(err)
		return
	}
	team := salestime.Team{Key: salestime.TopN(1), Budget: decimal.NewFromInt(100), Step: decimal.NewFromInt(1)}
	log := []salestime.Activity{{Owner: "Anna", Customer: "Acme", Duration: 50 * time.Hour}, {Owner: "Bartek", Customer: "Delta", Duration: 50 * time.Hour}}
	var total salestime.Summary
	for g, err := range team.Reviews(acc, log, time.Time{}) {
		if err != nil {
			fmt.Println(err)
			return
		}
		var row salestime.Summary
		row.Add(g)
		fmt.Println(g.Name, row.KeyRevenueShare, row.KeyTimeShare, row.Key, row.Review.Key.Actual)
		total.Add(g)
	}
	fmt.Println("team", total.KeyRevenueShare, total.KeyTimeShare, total.Key, total.Review.Key.Actual, total.Review.ActualShare)
	// Output:
	// Anna 0.7 0.35 35 50h0m0s
	// Bartek 0.6 0.3 30 0s
	// team 0.65 0.325 65 50h0m0s 0.5
}

func ExampleReview_MarshalJSON() {
	p, _ := salestime.NewPortfolio(salestime.Customer{Name: "Acme", Revenue: decimal.NewFromInt(700)}, salestime.Customer{Name: "Beta", Revenue: decimal.NewFromInt(300)})
	a, _ := salestime.Allocate(p, salestime.TopN(1))
	plan, _ := a.Plan(decimal.NewFromInt(10), decimal.NewFromInt(1))
	r, _ := salestime.NewReview(a, plan, []salestime.Activity{{Customer: "Acme", Duration: 90 * time.Minute}}, salestime.Period{}, time.Time{})
	b, err := json.Marshal(r.Lines[0])
	fmt.Println(string(b), err)
	b, err = json.Marshal(r)
	fmt.Println(len(b) > 0, err)
	// Output:
	// {"name":"Acme","planned":"3","actual":"1.5","difference":"-1.5","ofPlan":"0.5"} <nil>
	// true <nil>
}

func ExampleReviewLine_MarshalJSON() {
	b, err := json.Marshal(salestime.ReviewLine{Name: "Acme", Planned: time.Hour, Actual: 80 * time.Minute,
		Difference: 20 * time.Minute, OfPlan: decimal.RequireFromString("1.333333333333")})
	fmt.Println(string(b), err)
	// Output: {"name":"Acme","planned":"1","actual":"1.333333333333","difference":"0.333333333333","ofPlan":"1.333333333333"} <nil>
}

// Of the 65 hours left after the key customer's 35, 40% go to finding new
// customers.
func ExampleAllocation_SplitPlan() {
	p, _ := salestime.NewPortfolio(
		salestime.Customer{Name: "Acme", Revenue: decimal.NewFromInt(700)},
		salestime.Customer{Name: "Beta", Revenue: decimal.NewFromInt(300)},
	)
	a, _ := salestime.Allocate(p, salestime.TopN(1))
	plan, err := a.SplitPlan(decimal.NewFromInt(100), decimal.NewFromInt(1), decimal.RequireFromString("0.4"))
	fmt.Println(plan.Lines[0].Amount, plan.Other, plan.Prospecting, plan.Rest, err)
	// Output: 35 39 26 65 <nil>
}

func ExampleReadBudgets() {
	in := "Salesperson;Hours\nAnna;1 600\nBartek;1 200,5\n"
	budgets, err := salestime.ReadBudgets(salestime.CSVRows(strings.NewReader(in)), salestime.ReadOptions{
		Columns: map[string]string{"owner": "Salesperson", "budget": "Hours"},
	}, decimal.RequireFromString("0.5"))
	fmt.Println(budgets["Anna"], budgets["Bartek"], err)
	// Output: 1600 1200.5 <nil>
}

// The article's key customers with 70% of revenue get 35% of the time,
// here 560 of 1,600 hours, spread over the months of 2027 in proportion to
// their working days: every month and every party adds up.
func ExamplePlan_Spread() {
	p, _ := salestime.NewPortfolio(
		salestime.Customer{Name: "Key customers", Revenue: decimal.NewFromInt(700)},
		salestime.Customer{Name: "Others", Revenue: decimal.NewFromInt(300)},
	)
	a, _ := salestime.Allocate(p, salestime.TopN(1))
	plan, _ := a.Plan(decimal.NewFromInt(1600), decimal.NewFromInt(1))
	year, _ := salestime.ParsePeriod("2027-01-01..2027-12-31")
	s, err := plan.Spread(year, "month", nil)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(s.Periods[0], s.Periods[11])
	fmt.Println("budget", s.PeriodBudgets)
	fmt.Println("key   ", s.KeyPeriods[0], "=", s.Lines[0].Amount)
	fmt.Println("rest  ", s.RestPeriods, "=", s.Rest)
	// Output:
	// 2027-01 2027-12
	// budget [129 122 141 135 129 135 135 135 135 128 135 141]
	// key    [45 43 50 47 45 47 47 47 47 45 47 50] = 560
	// rest   [84 79 91 88 84 88 88 88 88 83 88 91] = 1040
}

// A sales team's plans, one per owner, each with the owner's budget; Ben
// has a budget and no accounts yet.
func ExampleTeam_Plans() {
	in := "owner,name,revenue\nAnna,Acme,700\nAnna,Beta,300\nCarla,Gamma,100\n"
	acc, err := salestime.ReadAccounts(salestime.CSVRows(strings.NewReader(in)), salestime.ReadOptions{})
	if err != nil {
		fmt.Println(err)
		return
	}
	team := salestime.Team{
		Key:     salestime.TopN(1),
		Step:    decimal.NewFromInt(1),
		Budgets: map[string]decimal.Decimal{"Anna": decimal.NewFromInt(1600), "Ben": decimal.NewFromInt(800), "Carla": decimal.NewFromInt(1200)},
	}
	for g, err := range team.Plans(acc) {
		if err != nil {
			fmt.Println(err)
			return
		}
		fmt.Println(g.Name, g.Portfolio.Len(), g.Plan.Budget, len(g.Plan.Lines), g.Plan.Rest)
	}
	// Output:
	// Anna 2 1600 1 1040
	// Ben 0 800 0 800
	// Carla 1 1200 1 600
}

// The command writes each plan as its group's JSON: one record per key
// customer.
func ExampleGroup_WriteJSON() {
	p, _ := salestime.NewPortfolio(
		salestime.Customer{Name: "Acme", Revenue: decimal.NewFromInt(700)},
		salestime.Customer{Name: "Beta", Revenue: decimal.NewFromInt(300)},
	)
	a, _ := salestime.Allocate(p, salestime.TopN(1))
	plan, _ := a.Plan(decimal.NewFromInt(100), decimal.NewFromInt(1))
	err := salestime.Group{Name: "Anna", Portfolio: p, Allocation: a, Plan: plan}.WriteJSON(os.Stdout)
	fmt.Println("", err)
	// Output:
	// {"owner":"Anna","customers":2,"keyCustomers":1,"keyRevenueShare":"0.7","keyTimeShare":"0.35","restTimeShare":"0.65","budget":"100","step":"1","keyAmount":"35","rest":"65","key":[
	// {"rank":1,"name":"Acme","revenue":"700","new":false,"rule":"existing customers","revenueShare":"0.7","timeShare":"0.35","amount":"35"}]} <nil>
}

// A week of 24 hours in the calendar, nine to five with an hour for lunch:
// prospecting first each day, then the key customer, then the others.
func ExamplePlan_Blocks() {
	p, _ := salestime.NewPortfolio(
		salestime.Customer{Name: "Kowalski Bau", Revenue: decimal.NewFromInt(700)},
		salestime.Customer{Name: "Lis i Syn", Revenue: decimal.NewFromInt(300)},
	)
	a, _ := salestime.Allocate(p, salestime.TopN(1))
	plan, _ := a.SplitPlan(decimal.NewFromInt(24), decimal.NewFromInt(1), decimal.RequireFromString("0.5"))
	week := salestime.Period{From: time.Date(2027, 3, 1, 0, 0, 0, 0, time.UTC), To: time.Date(2027, 3, 5, 0, 0, 0, 0, time.UTC)}
	day := []time.Duration{9 * time.Hour, 12 * time.Hour, 13 * time.Hour, 17 * time.Hour}
	blocks, err := plan.Blocks(week, nil, day, time.UTC)
	for _, b := range blocks {
		fmt.Println(strings.TrimSpace(fmt.Sprintf("%s %s-%s %s %s", b.Start.Format("Mon"), b.Start.Format("15:04"), b.End.Format("15:04"), b.Kind, b.Customer)))
	}
	fmt.Println(err)
	// Output:
	// Mon 09:00-11:00 prospecting
	// Mon 11:00-12:00 key Kowalski Bau
	// Mon 13:00-17:00 key Kowalski Bau
	// Tue 09:00-11:00 prospecting
	// Tue 11:00-12:00 key Kowalski Bau
	// Tue 13:00-15:00 key Kowalski Bau
	// Tue 15:00-17:00 other
	// Wed 09:00-11:00 prospecting
	// Wed 11:00-12:00 other
	// Wed 13:00-17:00 other
	// Thu 09:00-10:00 prospecting
	// Thu 10:00-11:00 other
	// Fri 09:00-10:00 prospecting
	// <nil>
}
