package salestime_test

// Helpers shared by the black-box tests and examples.

import (
	"errors"
	"io"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/shopspring/decimal"

	"github.com/salestime/salestime"
)

// nc makes a new customer with a revenue written as a string.
func nc(name, revenue string) salestime.Customer {
	return salestime.Customer{Name: name, Revenue: d(revenue), New: true}
}

// line makes the line of an allocation, its shares written as strings.
func line(c salestime.Customer, r salestime.Rule, revenueShare, timeShare string) salestime.Line {
	return salestime.Line{Customer: c, Rule: r, RevenueShare: d(revenueShare), TimeShare: d(timeShare)}
}

// pl makes the line of a plan, its amount written as a string.
func pl(c salestime.Customer, amount string) salestime.PlanLine {
	return salestime.PlanLine{Customer: c, Amount: d(amount)}
}

// c makes a customer with a revenue written as a string.
func c(name, revenue string) salestime.Customer {
	return salestime.Customer{Name: name, Revenue: d(revenue)}
}

// names returns the names of customers, in order.
func names(cs []salestime.Customer) []string {
	out := make([]string, len(cs))
	for i, c := range cs {
		out[i] = c.Name
	}
	return out
}

// d parses a decimal written in a test.
func d(s string) decimal.Decimal {
	return decimal.RequireFromString(s)
}

// exactDecimals compares decimals as written: 1.5 and 1.50 differ.
var exactDecimals = cmp.Comparer(func(x, y decimal.Decimal) bool {
	return x.Equal(y) && x.Exponent() == y.Exponent()
})

// checkReadError checks that a reader's error wraps one of the sentinels.
func checkReadError(t *testing.T, err error, sentinels ...error) {
	t.Helper()
	for _, s := range sentinels {
		if errors.Is(err, s) {
			return
		}
	}
	t.Fatalf("error %v wraps none of %v", err, sentinels)
}

// readSentinels are the sentinels that the errors of the readers wrap.
var readSentinels = []error{salestime.ErrInvalidCSV, salestime.ErrInvalidCustomer, salestime.ErrInvalidRevenue,
	salestime.ErrDuplicateCustomer, salestime.ErrInvalidEncoding, salestime.ErrAmbiguousNumber, salestime.ErrBlankCell,
	salestime.ErrAmbiguousName}

// samePlaces compares decimals by value and by the places they are written
// with: 0.50 is not 0.5, but 246e8 is 24600000000, which is how every
// format writes it.
var samePlaces = cmp.Comparer(func(x, y decimal.Decimal) bool {
	return x.Equal(y) && max(-x.Exponent(), 0) == max(-y.Exponent(), 0)
})

// group is a Group as tests compare it.
type group struct {
	Name      string
	Customers []salestime.Customer
}

// groupsOf returns the groups of acc as tests compare them.
func groupsOf(t *testing.T, acc salestime.Accounts) []group {
	t.Helper()
	var got []group
	for g := range acc.Groups() {
		got = append(got, group{g.Name, g.Portfolio.Customers()})
	}
	return got
}

// sheetRows is a RowReader over rows of cells, numbered from 1, with a
// failure after them if fail is set.
type sheetRows struct {
	rows [][]string
	next int
	fail error
}

func (s *sheetRows) Read() ([]string, error) {
	if s.next == len(s.rows) {
		if s.fail != nil {
			return nil, s.fail
		}
		return nil, io.EOF
	}
	s.next++
	return s.rows[s.next-1], nil
}

func (s *sheetRows) FieldPos(int) (line, column int) { return s.next, 1 }

// keyNames returns the names of the key customers that key picks from p.
func keyNames(t *testing.T, p salestime.Portfolio, key salestime.Selector) []string {
	t.Helper()
	a, err := salestime.Allocate(p, key)
	if err != nil {
		t.Fatalf("Allocate() returned error %v", err)
	}
	out := []string{}
	for _, l := range a.Lines {
		out = append(out, l.Customer.Name)
	}
	return out
}

// portfolio returns the portfolio of customers, or fails the test.
func portfolio(t *testing.T, customers ...salestime.Customer) salestime.Portfolio {
	t.Helper()
	p, err := salestime.NewPortfolio(customers...)
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// groupCount returns the number of groups of acc.
func groupCount(acc salestime.Accounts) int {
	n := 0
	for range acc.Groups() {
		n++
	}
	return n
}
