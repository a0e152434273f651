package salestime

// Tests that hold the engine's paths to the same results, through the
// rule: each portfolio is also given to the rule on another path.

import (
	"fmt"
	"math/big"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"github.com/shopspring/decimal"

	"github.com/salestime/salestime/internal/exact"
)

// asBig returns p with its revenues moved to the math/big path.
func asBig(p Portfolio) Portfolio {
	if p.d == nil {
		return p
	}
	d := &portfolioData{names: p.d.names, marks: p.d.marks, total: p.d.total, revenues: exact.ToBig(p.d.revenues)}
	return Portfolio{d}
}

// asWidePortfolio returns p with its revenues moved to the wide path.
func asWidePortfolio(p Portfolio) Portfolio {
	if p.d == nil {
		return p
	}
	d := &portfolioData{names: p.d.names, marks: p.d.marks, total: p.d.total}
	d.revenues, _ = exact.ToWide(p.d.revenues) // units of the fast path fit
	return Portfolio{d}
}

// The int64, wide and math/big paths give the same results, bit for bit.
func TestPathsAgree(t *testing.T) {
	r := rand.New(rand.NewPCG(7, 8))
	selectors := []Selector{TopN(3), TopShare(decimal.New(8, -1)), MinRevenue(decimal.New(5, 2)), Marked(), ABC()}
	for iter := range 500 {
		n := r.IntN(40)
		cs := make([]Customer, n)
		for i := range cs {
			rev := decimal.New(r.Int64N(1_000_000), -int32(r.IntN(4)))
			if r.IntN(5) == 0 {
				rev = decimal.New(int64(r.IntN(3)), 0) // zeros and ties
			}
			cs[i] = Customer{Name: string(rune('a'+i%26)) + string(rune('A'+i/26)), Revenue: rev, New: r.IntN(3) == 0, Key: r.IntN(3) == 0}
		}
		small, err := NewPortfolio(cs...)
		if err != nil {
			t.Fatal(err)
		}
		if n > 0 && !small.d.revenues.OnFastPath() {
			t.Fatalf("portfolio %d is not on the int64 path", iter)
		}
		budget := decimal.New(int64(r.IntN(100_000)), 0)
		step := decimal.New(1, -int32(r.IntN(3)))
		for _, big := range []Portfolio{asBig(small), asWidePortfolio(small)} {
			for _, key := range selectors {
				a1, err1 := Allocate(small, key)
				a2, err2 := Allocate(big, key)
				if err1 != nil || err2 != nil {
					t.Fatal(err1, err2)
				}
				if diff := cmp.Diff(a1, a2, cmpopts.IgnoreUnexported(Allocation{}, Rule{})); diff != "" {
					t.Fatalf("portfolio %d: Allocate mismatch (-int64 +big):\n%s", iter, diff)
				}
				p1, err1 := a1.Plan(budget, step)
				p2, err2 := a2.Plan(budget, step)
				if err1 != nil || err2 != nil {
					t.Fatal(err1, err2)
				}
				if diff := cmp.Diff(p1, p2); diff != "" {
					t.Fatalf("portfolio %d: Plan mismatch (-int64 +big):\n%s", iter, diff)
				}
				// Exponents too: the decimals are written alike.
				if a1.RestTimeShare.Exponent() != a2.RestTimeShare.Exponent() {
					t.Fatalf("portfolio %d: rest written differently: %v %v", iter, a1.RestTimeShare, a2.RestTimeShare)
				}
				for j := range a1.Lines {
					if a1.Lines[j].RevenueShare.Exponent() != a2.Lines[j].RevenueShare.Exponent() ||
						a1.Lines[j].TimeShare.Exponent() != a2.Lines[j].TimeShare.Exponent() {
						t.Fatalf("portfolio %d: line %d written differently: %v %v", iter, j, a1.Lines[j], a2.Lines[j])
					}
				}
			}
		}
	}
}

// printableASCII, which tests eight bytes at once, agrees with a test of
// each byte on every byte value in every position of a word and of the
// bytes after it.
func TestPrintableASCII(t *testing.T) {
	naive := func(s string) bool {
		for i := range len(s) {
			if s[i] < ' ' || s[i] > '~' {
				return false
			}
		}
		return true
	}
	base := []byte("abcdefghijk~ 0")
	for pos := range base {
		for b := range 256 {
			s := slices.Clone(base)
			s[pos] = byte(b)
			for _, cut := range []int{len(s), 8, 9} {
				if got, want := printableASCII(string(s[:cut])), naive(string(s[:cut])); got != want {
					t.Errorf("printableASCII(%q) = %t, want %t", s[:cut], got, want)
				}
			}
		}
	}
	r := rand.New(rand.NewPCG(3, 4))
	for range 100_000 {
		s := make([]byte, r.IntN(20))
		for i := range s {
			s[i] = byte(0x1e + r.IntN(4)) // around the bounds, two or more at once
			if r.IntN(2) == 0 {
				s[i] = byte(0x7c + r.IntN(6))
			}
			if r.IntN(3) == 0 {
				s[i] = 'a'
			}
		}
		if got, want := printableASCII(string(s)), naive(string(s)); got != want {
			t.Fatalf("printableASCII(%q) = %t, want %t", s, got, want)
		}
	}
}

// Revenues written with many places, 12.500000000000000000 for 12.5, stay
// on the int64 path, give the results of the math/big path and of the same
// revenues written plainly, and come back as they were given, the total
// with the places of the revenue that has the most.
func TestRevenuesWithZeros(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	for iter := range 200 {
		n := 1 + r.IntN(30)
		plain := make([]Customer, n)
		padded := make([]Customer, n)
		for i := range plain {
			rev := decimal.New(r.Int64N(10_000_000), -int32(r.IntN(3)))
			plain[i] = Customer{Name: fmt.Sprint("c", i), Revenue: rev, New: r.IntN(3) == 0}
			padded[i] = plain[i]
			if r.IntN(2) == 0 {
				k := 18 + rev.Exponent() - int32(r.IntN(3)) // at most MaxPlaces places
				padded[i].Revenue = decimal.NewFromBigInt(new(big.Int).Mul(rev.Coefficient(), exact.Pow10(int64(k))), rev.Exponent()-k)
			}
		}
		p, err := NewPortfolio(padded...)
		if err != nil {
			t.Fatal(err)
		}
		q, err := NewPortfolio(plain...)
		if err != nil {
			t.Fatal(err)
		}
		exactly := cmp.Comparer(func(x, y decimal.Decimal) bool { return x.Equal(y) && x.Exponent() == y.Exponent() })
		minExp := int32(0)
		for _, c := range padded {
			minExp = min(minExp, c.Revenue.Exponent())
		}
		if !p.Total().Equal(q.Total()) || p.Total().Exponent() != minExp {
			t.Fatalf("portfolio %d: total %s, want %s with exponent %d", iter, p.Total(), q.Total(), minExp)
		}
		got := p.Customers()
		for i, c := range got {
			want, _ := p.lookup(c.Name)
			if !cmp.Equal(c, want, exactly) || !cmp.Equal(c, padded[nameIndexOf(c.Name)], exactly) {
				t.Fatalf("portfolio %d: customer %d is %v, given %v", iter, i, c, padded[nameIndexOf(c.Name)])
			}
		}
		if !p.d.revenues.OnFastPath() {
			t.Fatalf("portfolio %d is not on the int64 path", iter)
		}
		budget, step := decimal.New(int64(r.IntN(10_000)), 0), decimal.New(25, -2)
		for _, key := range []Selector{TopShare(decimal.New(8, -1)), TopN(3), MinRevenue(decimal.New(5, 3))} {
			for _, other := range []Portfolio{asBig(p), q} {
				a1, err1 := Allocate(p, key)
				a2, err2 := Allocate(other, key)
				if err1 != nil || err2 != nil {
					t.Fatal(err1, err2)
				}
				lines := func(a Allocation) []Line { // customers aside: their revenues are written differently in q
					out := slices.Clone(a.Lines)
					for j := range out {
						out[j].Customer.Revenue = decimal.Decimal{}
					}
					return out
				}
				if diff := cmp.Diff(lines(a1), lines(a2), exactly, cmpopts.IgnoreUnexported(Rule{})); diff != "" {
					t.Fatalf("portfolio %d: lines differ:\n%s", iter, diff)
				}
				p1, err1 := a1.Plan(budget, step)
				p2, err2 := a2.Plan(budget, step)
				if err1 != nil || err2 != nil {
					t.Fatal(err1, err2)
				}
				for j := range p1.Lines {
					if !cmp.Equal(p1.Lines[j].Amount, p2.Lines[j].Amount, exactly) {
						t.Fatalf("portfolio %d: plan line %d: %v against %v", iter, j, p1.Lines[j], p2.Lines[j])
					}
				}
			}
		}
	}
}

// nameIndexOf returns i for the name "c<i>".
func nameIndexOf(name string) int {
	var i int
	_, _ = fmt.Sscanf(name, "c%d", &i)
	return i
}

// lookup finds every customer of a portfolio by its name, byte for byte,
// and no other name, on both sides of the sizes where the name index
// changes its way.
func TestLookup(t *testing.T) {
	for _, n := range []int{0, 1, 2, 63, 64, 65, 1024, 1025, 5000} {
		customers := make([]Customer, n)
		for i := range customers {
			customers[i] = Customer{Name: fmt.Sprintf("Customer %d", i), Revenue: decimal.New(int64(i%7), 0)}
		}
		p, err := NewPortfolio(customers...)
		if err != nil {
			t.Fatal(err)
		}
		for _, c := range customers {
			if got, ok := p.lookup(c.Name); !ok || got.Name != c.Name || !got.Revenue.Equal(c.Revenue) {
				t.Fatalf("n=%d: lookup(%q) = %+v, %t", n, c.Name, got, ok)
			}
		}
		for _, name := range []string{"", "customer 0", "Customer 0 ", "Customer", fmt.Sprintf("Customer %d", n)} {
			if got, ok := p.lookup(name); ok {
				t.Errorf("n=%d: lookup(%q) = %+v, true, want false", n, name, got)
			}
		}
	}
	if _, ok := (Portfolio{}).lookup(""); ok {
		t.Error("the zero Portfolio finds a customer")
	}
}
