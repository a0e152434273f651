package salestime

import (
	"fmt"
	"hash/maphash"
	"math"
	"math/big"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"github.com/shopspring/decimal"
)

// asBig returns p with its revenues moved to the math/big path.
func asBig(p Portfolio) Portfolio {
	r := p.revenues()
	if p.d == nil || r.bigUnits != nil {
		return p
	}
	d := &portfolioData{names: p.d.names, marks: p.d.marks, total: p.d.total}
	d.revenues = revenues{exp: r.exp, positive: r.positive, given: r.given, exps: r.exps, bigTotal: new(big.Int).SetUint64(r.total), bigUnits: make([]*big.Int, len(r.units))}
	for i, u := range r.units {
		d.revenues.bigUnits[i] = new(big.Int).SetUint64(u)
	}
	return Portfolio{d}
}

// The int64 and math/big paths give the same results, bit for bit.
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
		if n > 0 && small.d.revenues.units == nil {
			t.Fatalf("portfolio %d is not on the int64 path", iter)
		}
		big := asBig(small)
		budget := decimal.New(int64(r.IntN(100_000)), 0)
		step := decimal.New(1, -int32(r.IntN(3)))
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

// nameSet tells names that only share the bit of their hashes from names
// that are the same.
func TestNameSetCollisions(t *testing.T) {
	// 1,024 names share a bit with probability 1 - e^-8; try a few seeds.
	for range 10 {
		set := &nameSet{seed: maphash.MakeSeed()}
		var customers []Customer
		byBit := map[uint16]bool{}
		collided := false
		for i := 0; i < stackCustomers-1 && !collided; i++ {
			name := fmt.Sprint("customer ", i)
			customers = append(customers, Customer{Name: name})
			bit := uint16(maphash.String(set.seed, name))
			collided = byBit[bit]
			byBit[bit] = true
			if got := set.add(customers, i); got != -1 {
				t.Fatalf("add(%q) = %d, want -1", name, got)
			}
		}
		if !collided {
			continue
		}
		// The same name again, after the collision.
		i := len(customers)
		customers = append(customers, Customer{Name: customers[0].Name})
		if got := set.add(customers, i); got != 0 {
			t.Fatalf("add(%q) = %d, want 0", customers[i].Name, got)
		}
		return
	}
	t.Fatal("no two names shared a bit")
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

func TestWithoutZeros(t *testing.T) {
	tests := []struct {
		in    string
		unit  uint64
		zeros int32
		ok    bool
	}{
		{"12.500000000000000000", 125, 17, true},
		{"1000000000000000000000000000000", 1, 30, true},
		{"9223372036854775807000", math.MaxInt64, 3, true},
		{"9223372036854775808000", 0, 0, false},      // beyond 63 bits without its zeros
		{"123456789012345678901", 0, 0, false},       // no zeros
		{"1" + strings.Repeat("0", 40), 0, 0, false}, // beyond 128 bits
	}
	for _, tt := range tests {
		d := decimal.RequireFromString(tt.in)
		u, zeros, ok := withoutZeros(d)
		if ok != tt.ok || ok && (u != tt.unit || zeros != tt.zeros) {
			t.Errorf("withoutZeros(%s) = %d, %d, %t; want %d, %d, %t", tt.in, u, zeros, ok, tt.unit, tt.zeros, tt.ok)
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
				padded[i].Revenue = decimal.NewFromBigInt(new(big.Int).Mul(rev.Coefficient(), pow10(int64(k))), rev.Exponent()-k)
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
			want, _ := p.Lookup(c.Name)
			if !cmp.Equal(c, want, exactly) || !cmp.Equal(c, padded[nameIndexOf(c.Name)], exactly) {
				t.Fatalf("portfolio %d: customer %d is %v, given %v", iter, i, c, padded[nameIndexOf(c.Name)])
			}
		}
		if p.d.revenues.units == nil {
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

// atMostOne agrees with Cmp on numbers around 1 at every exponent.
func TestAtMostOne(t *testing.T) {
	for _, s := range []string{"1", "1.0", "0.999999999999999999", "1.000000000000000001", "0.8", "2", "10", "-3",
		"1000000000000000000e-18", "1000000000000000001e-18", "999999999999999999e-18", "0", "0e5", "1e1", "12345678901234567890e-19"} {
		d := decimal.RequireFromString(s)
		if got, want := atMostOne(d), d.Cmp(decimal.New(1, 0)) <= 0; got != want {
			t.Errorf("atMostOne(%s) = %t, want %t", s, got, want)
		}
	}
}
