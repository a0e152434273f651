package salestime_test

import (
	"errors"
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/shopspring/decimal"

	"github.com/salestime/salestime"
)

func TestNewPortfolio(t *testing.T) {
	tests := []struct {
		name      string
		customers []salestime.Customer
		want      []string
		total     decimal.Decimal
	}{
		{"empty", nil, []string{}, d("0")},
		{"one", []salestime.Customer{c("Acme", "10")}, []string{"Acme"}, d("10")},
		{"sorted by revenue", []salestime.Customer{c("S", "1"), c("L", "100"), c("M", "10.5")}, []string{"L", "M", "S"}, d("111.5")},
		{"ties by name", []salestime.Customer{c("b", "5"), c("B", "5"), c("a", "5"), c("c", "9")}, []string{"c", "B", "a", "b"}, d("24")},
		{"equal values written differently", []salestime.Customer{c("y", "5.00"), c("x", "5")}, []string{"x", "y"}, d("10")},
		{"zero revenues", []salestime.Customer{c("z", "0"), c("a", "0")}, []string{"a", "z"}, d("0")},
		{"zero value revenue", []salestime.Customer{{Name: "z"}, c("a", "0.01")}, []string{"a", "z"}, d("0.01")},
		{"positive exponent", []salestime.Customer{{Name: "big", Revenue: decimal.New(3, 5)}, c("small", "0.5")}, []string{"big", "small"}, d("300000.5")},
		// Revenues too far apart to pack with their index in 64 bits.
		{"wide range", []salestime.Customer{c("s1", "1"), c("s2", "2"), c("s3", "2"), c("huge", "4611686018427387904"), c("s4", "0"), c("s5", "3"), c("s6", "1"), c("s7", "5")},
			[]string{"huge", "s7", "s5", "s2", "s3", "s1", "s6", "s4"}, d("4611686018427387918")},
		// Units of 128 bits each, whose total is not.
		{"beyond 128 bits together", []salestime.Customer{c("x", "150000000000000000000.000000000000000001"), c("z", "150000000000000000000.000000000000000003"),
			c("y", "150000000000000000000.000000000000000001")}, []string{"z", "x", "y"}, d("450000000000000000000.000000000000000005")},
		{"bounds", []salestime.Customer{c("max", strings.Repeat("9", 30)+"."+strings.Repeat("9", 18))}, []string{"max"}, d(strings.Repeat("9", 30) + "." + strings.Repeat("9", 18))},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, err := salestime.NewPortfolio(tt.customers...)
			if err != nil {
				t.Fatalf("NewPortfolio() returned error %v", err)
			}
			if diff := cmp.Diff(tt.want, names(p.Customers())); diff != "" {
				t.Errorf("NewPortfolio() order mismatch (-want +got):\n%s", diff)
			}
			if p.Len() != len(tt.want) {
				t.Errorf("Len() = %d, want %d", p.Len(), len(tt.want))
			}
			if !p.Total().Equal(tt.total) {
				t.Errorf("Total() = %v, want %v", p.Total(), tt.total)
			}
		})
	}
}

func TestNewPortfolioErrors(t *testing.T) {
	tests := []struct {
		name      string
		customers []salestime.Customer
		want      error
		message   string
	}{
		{"blank name", []salestime.Customer{c("a", "1"), c(" ", "1")}, salestime.ErrInvalidCustomer, `customers[1] " ": the name is blank`},
		{"empty name", []salestime.Customer{c("", "1")}, salestime.ErrInvalidCustomer, `customers[0] "": the name is blank`},
		{"leading space", []salestime.Customer{c(" lead", "1")}, salestime.ErrInvalidCustomer, `customers[0] " lead": the name begins or ends with white space`},
		{"trailing space", []salestime.Customer{c("trail ", "1")}, salestime.ErrInvalidCustomer, "begins or ends with white space"},
		{"non-breaking space", []salestime.Customer{c("nbsp\u00a0", "1")}, salestime.ErrInvalidCustomer, "begins or ends with white space"},
		{"line separator", []salestime.Customer{c("\u2028ls", "1")}, salestime.ErrInvalidCustomer, "control character U+2028 at byte 0"},
		{"tab", []salestime.Customer{c("a\tb", "1")}, salestime.ErrInvalidCustomer, "control character U+0009 at byte 1"},
		{"line break", []salestime.Customer{c("crlf\r\nbreak", "1")}, salestime.ErrInvalidCustomer, "control character U+000D at byte 4"},
		{"escape", []salestime.Customer{c("a\x1b[31m", "1")}, salestime.ErrInvalidCustomer, "control character U+001B"},
		{"delete", []salestime.Customer{c("a\x7f", "1")}, salestime.ErrInvalidCustomer, "control character U+007F"},
		{"C1 control", []salestime.Customer{c("a\u0085b", "1")}, salestime.ErrInvalidCustomer, "control character U+0085"},
		{"invalid UTF-8", []salestime.Customer{c("A\xff", "1")}, salestime.ErrInvalidCustomer, `customers[0] "A\xff": the name is not valid UTF-8 at byte 1`},
		{"long name", []salestime.Customer{c(strings.Repeat("x", 100)+"\x00", "1")}, salestime.ErrInvalidCustomer, `"` + strings.Repeat("x", 64) + `"...`},
		{"negative revenue", []salestime.Customer{c("a", "1"), c("Bad", "-0.01")}, salestime.ErrInvalidRevenue, `customer "Bad" has negative revenue -0.01`},
		{"too many places", []salestime.Customer{c("Bad", "0.1234567890123456789")}, salestime.ErrInvalidRevenue, `customer "Bad": revenue 0.1234567890123456789 has 19 decimal places, more than the 18 allowed`},
		{"too many digits", []salestime.Customer{c("Bad", "1"+strings.Repeat("0", 30))}, salestime.ErrInvalidRevenue, `has 31 digits before the decimal point, more than the 30 allowed`},
		{"huge exponent", []salestime.Customer{{Name: "Bad", Revenue: decimal.New(1, 2147483647)}}, salestime.ErrInvalidRevenue, `customer "Bad": revenue 1e2147483647 has`},
		{"tiny exponent", []salestime.Customer{{Name: "Bad", Revenue: decimal.New(1, -2147483648)}}, salestime.ErrInvalidRevenue, `revenue 1e-2147483648 has 2147483648 decimal places`},
		{"duplicate", []salestime.Customer{c("a", "1"), c("b", "2"), c("a", "3")}, salestime.ErrDuplicateCustomer, `customers[0] and customers[2] are both named "a"`},
		{"earliest duplicate", []salestime.Customer{c("z", "1"), c("a", "2"), c("a", "3"), c("z", "4")}, salestime.ErrDuplicateCustomer, `customers[1] and customers[2] are both named "a"`},
		{"first error wins", []salestime.Customer{c("a", "-1"), c("", "1")}, salestime.ErrInvalidRevenue, `customer "a"`},
		{"bad revenue before duplicate", []salestime.Customer{c("a", "1"), c("a", "2"), c("b", "-1")}, salestime.ErrInvalidRevenue, `customer "b"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, err := salestime.NewPortfolio(tt.customers...)
			if !errors.Is(err, tt.want) {
				t.Fatalf("NewPortfolio() = _, %v, want error %v", err, tt.want)
			}
			if !strings.Contains(err.Error(), tt.message) {
				t.Errorf("NewPortfolio() error %q does not say %q", err, tt.message)
			}
			if p.Len() != 0 {
				t.Errorf("NewPortfolio() returned %d customers with its error, want none", p.Len())
			}
		})
	}
}

func TestNewPortfolioCopies(t *testing.T) {
	in := []salestime.Customer{c("a", "1"), c("b", "2")}
	p, err := salestime.NewPortfolio(in...)
	if err != nil {
		t.Fatal(err)
	}
	in[0].Name, in[0].Revenue = "changed", d("100")
	out := p.Customers()
	out[0].Name = "changed too"
	want := []salestime.Customer{c("b", "2"), c("a", "1")}
	if diff := cmp.Diff(want, p.Customers()); diff != "" {
		t.Errorf("Customers() after changes to the input and output mismatch (-want +got):\n%s", diff)
	}
}

func TestPortfolioZeroValue(t *testing.T) {
	var p salestime.Portfolio
	if p.Len() != 0 || !p.Total().IsZero() || p.Customers() != nil {
		t.Errorf("Portfolio{} has Len %d, Total %v, Customers %v; want 0, 0, nil", p.Len(), p.Total(), p.Customers())
	}
	a, err := salestime.Allocate(p, salestime.TopShare(d("0.8")))
	if err != nil || len(a.Lines) != 0 || !a.RestTimeShare.Equal(d("1")) {
		t.Errorf("Allocate(Portfolio{}) = %+v, %v, want no lines and all time to the rest", a, err)
	}
}

// Duplicates in large portfolios, which take the radix path, are reported
// as in small ones: the earliest customer whose name came before. Sizes
// 1,024 and 1,025 are on both sides of the limit up to which NewPortfolio
// finds duplicates as it checks the customers, without sorting hashes;
// 2,047 and 2,048 on both sides of the radix sort's change of digit width.
func TestNewPortfolioDuplicatesLarge(t *testing.T) {
	r := rand.New(rand.NewPCG(9, 10))
	for _, n := range []int{10, 63, 64, 65, 1000, 1024, 1025, 2047, 2048, 20000} {
		for range 20 {
			cs := make([]salestime.Customer, n)
			for i := range cs {
				cs[i] = c(fmt.Sprintf("customer %d", i), "1")
			}
			for range 1 + r.IntN(3) {
				i, j := r.IntN(n), r.IntN(n)
				cs[i].Name = cs[j].Name
			}
			// The naive answer: the first index whose name was seen.
			seen := map[string]int{}
			first, dup := -1, -1
			for i, c := range cs {
				if f, ok := seen[c.Name]; ok {
					first, dup = f, i
					break
				}
				seen[c.Name] = i
			}
			_, err := salestime.NewPortfolio(cs...)
			if dup < 0 {
				if err != nil {
					t.Fatalf("n=%d: NewPortfolio() = %v, want no error", n, err)
				}
				continue
			}
			want := fmt.Sprintf("customers[%d] and customers[%d] are both named %q", first, dup, cs[dup].Name)
			if !errors.Is(err, salestime.ErrDuplicateCustomer) || !strings.Contains(err.Error(), want) {
				t.Fatalf("n=%d: NewPortfolio() = %v, want %s", n, err, want)
			}
		}
	}
}

// Portfolios long enough to be sorted by radix, and shorter ones, are in
// portfolio order.
func TestPortfolioOrderLarge(t *testing.T) {
	r := rand.New(rand.NewPCG(23, 24))
	for _, n := range []int{500, 1 << 14, 20000} {
		cs := make([]salestime.Customer, n)
		for i := range cs {
			rev := decimal.New(r.Int64N(1_000_000_000), -int32(r.IntN(3)))
			if r.IntN(4) == 0 {
				rev = decimal.New(r.Int64N(10), 0) // zeros and ties
			}
			cs[i] = salestime.Customer{Name: fmt.Sprintf("c%d", r.IntN(1_000_000_000)*100_000+i), Revenue: rev}
		}
		want := slices.Clone(cs)
		slices.SortFunc(want, func(a, b salestime.Customer) int {
			if c := b.Revenue.Cmp(a.Revenue); c != 0 {
				return c
			}
			return strings.Compare(a.Name, b.Name)
		})
		if diff := cmp.Diff(want, portfolio(t, cs...).Customers()); diff != "" {
			t.Fatalf("n=%d: Customers() not in portfolio order (-want +got):\n%s", n, diff)
		}
	}
}

// A portfolio gives back each customer as it was given: the revenue with
// the places it was written with, on the int64 path and on math/big, and
// zeros at any exponent.
func TestCustomersKeepPlaces(t *testing.T) {
	r := rand.New(rand.NewPCG(11, 12))
	for iter := range 200 {
		n := 1 + r.IntN(50)
		cs := make([]salestime.Customer, n)
		for i := range cs {
			rev := decimal.New(r.Int64N(1_000_000), int32(r.IntN(7)-4))
			switch r.IntN(6) {
			case 0:
				rev = decimal.New(0, int32(r.IntN(9)-4))
			case 1:
				rev = decimal.New(int64(r.IntN(3)), -int32(r.IntN(3)))
			}
			cs[i] = salestime.Customer{Name: fmt.Sprint("c", i), Revenue: rev, New: r.IntN(2) == 0, Key: r.IntN(2) == 0}
		}
		if iter%2 == 1 {
			cs[0].Revenue = d("12345678901234567890.5") // the math/big path
		}
		p, err := salestime.NewPortfolio(cs...)
		if err != nil {
			t.Fatal(err)
		}
		got := p.Customers()
		slices.SortFunc(got, func(a, b salestime.Customer) int { return strings.Compare(a.Name, b.Name) })
		want := slices.Clone(cs)
		slices.SortFunc(want, func(a, b salestime.Customer) int { return strings.Compare(a.Name, b.Name) })
		exactly := cmp.Comparer(func(x, y decimal.Decimal) bool { return x.Equal(y) && x.Exponent() == y.Exponent() })
		if diff := cmp.Diff(want, got, exactly); diff != "" {
			t.Fatalf("portfolio %d (-given +got):\n%s", iter, diff)
		}
	}
}
