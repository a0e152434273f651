package exact

import (
	"encoding/binary"
	"fmt"
	"hash/maphash"
	"math"
	"math/big"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/shopspring/decimal"
)

// nameSet tells names that only share the bit of their hashes from names
// that are the same.
func TestNameSetCollisions(t *testing.T) {
	// 1,024 names share a bit with probability 1 - e^-8; try a few seeds.
	for range 10 {
		set := &nameSet{seed: maphash.MakeSeed()}
		var names []string
		name := func(i int) string { return names[i] }
		byBit := map[uint16]bool{}
		collided := false
		for i := 0; i < stackCustomers-1 && !collided; i++ {
			names = append(names, fmt.Sprint("customer ", i))
			bit := uint16(maphash.String(set.seed, names[i]))
			collided = byBit[bit]
			byBit[bit] = true
			if got := set.add(name, i); got != -1 {
				t.Fatalf("add(%q) = %d, want -1", names[i], got)
			}
		}
		if !collided {
			continue
		}
		// The same name again, after the collision.
		i := len(names)
		names = append(names, names[0])
		if got := set.add(name, i); got != 0 {
			t.Fatalf("add(%q) = %d, want 0", names[i], got)
		}
		return
	}
	t.Fatal("no two names shared a bit")
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

// atMostOne agrees with Cmp on numbers around 1 at every exponent.
func TestAtMostOne(t *testing.T) {
	for _, s := range []string{"1", "1.0", "0.999999999999999999", "1.000000000000000001", "0.8", "2", "10", "-3",
		"1000000000000000000e-18", "1000000000000000001e-18", "999999999999999999e-18", "0", "0e5", "1e1", "12345678901234567890e-19"} {
		d := decimal.RequireFromString(s)
		if got, want := AtMostOne(d), d.Cmp(decimal.New(1, 0)) <= 0; got != want {
			t.Errorf("atMostOne(%s) = %t, want %t", s, got, want)
		}
	}
}

// share64 writes every share of up to SharePlaces places without the
// zeros at its end, however many there are.
func TestShare64(t *testing.T) {
	for zeros := range SharePlaces + 1 {
		for _, digits := range []uint64{1, 3, 7, 25, 999} {
			q := digits * pow10s[zeros]
			if q > shareScale {
				continue
			}
			got := share64(q)
			want := decimal.New(int64(q), -SharePlaces)
			if got.Cmp(want) != 0 || got.Coefficient().Int64()%10 == 0 && got.Exponent() < 0 || got.Exponent() > 0 {
				t.Errorf("share64(%d) = %s (%se%d), want %s without its zeros", q, got, got.Coefficient(), got.Exponent(), want)
			}
		}
	}
	if got := share64(0); !got.IsZero() {
		t.Errorf("share64(0) = %s", got)
	}
}

// amount returns count x step whether it comes from a shared table, the
// plan's cache or is made anew.
func TestAmounts(t *testing.T) {
	for _, step := range []string{"0.25", "7.5", "0.001", "100", "1e-18", "9223372036854775807"} {
		s := decimal.RequireFromString(step)
		of := NewAmounts(s)
		for _, count := range []uint64{0, 1, 2, 63, 64, 81, 82, 2047, 1 << 40, 1 << 62} {
			for range 2 { // the second time from the table or cache
				want := decimal.NewFromBigInt(new(big.Int).Mul(new(big.Int).SetUint64(count), s.Coefficient()), s.Exponent())
				if got := of.Amount(count); got.Cmp(want) != 0 || got.Exponent() != s.Exponent() {
					t.Errorf("step %s: amount(%d) = %s, want %s", step, count, got, want)
				}
			}
		}
	}
}

// divWide divides as math/big does, at the edges of its words too.
func TestDivWide(t *testing.T) {
	r := rand.New(rand.NewPCG(29, 30))
	bigOf := func(ws ...uint64) *big.Int {
		x := new(big.Int)
		for _, w := range ws {
			x.Lsh(x, 64).Or(x, new(big.Int).SetUint64(w))
		}
		return x
	}
	randBits := func(n int) *big.Int {
		x := randomBits(r, n)
		return x.SetBit(x, n-1, 1) // exactly n bits
	}
	for iter := range 100_000 {
		d := randBits(1 + r.IntN(128))
		q := new(big.Int).SetUint64(r.Uint64())
		switch iter % 4 {
		case 0:
			q.SetUint64(math.MaxUint64)
		case 1:
			q.SetUint64(r.Uint64N(1000))
		}
		rem := randomBits(r, d.BitLen())
		rem.Mod(rem, d)
		if iter%5 == 0 {
			rem.Sub(d, big.NewInt(1))
		}
		n := new(big.Int).Mul(q, d)
		n.Add(n, rem)
		dw, _ := words128(d)
		nb := make([]byte, 24)
		n.FillBytes(nb)
		nw := u192{binary.BigEndian.Uint64(nb[:8]), binary.BigEndian.Uint64(nb[8:16]), binary.BigEndian.Uint64(nb[16:])}
		gotQ, gotR := divWide(nw, dw)
		if gotQ != q.Uint64() || bigOf(gotR.hi, gotR.lo).Cmp(rem) != 0 {
			t.Fatalf("divWide(%v, %v) = %d, %v; want %v, %v", n, d, gotQ, bigOf(gotR.hi, gotR.lo), q, rem)
		}
		// A quotient of all ones rounded up does not fit a word; the
		// shares, at most 10^12, never are.
		if want := roundHalfEven(n, d); want.IsUint64() {
			if got := roundWide(nw, dw); got != want.Uint64() {
				t.Fatalf("roundWide(%v, %v) = %d, want %v", n, d, got, want)
			}
		}
	}
}

// The wide path gives the shares the big path gives, bit for bit, and
// leaves to it totals beyond 128 bits and factors of more places.
func TestSharesWideAgree(t *testing.T) {
	r := rand.New(rand.NewPCG(31, 32))
	type shares struct {
		lines      [][2]decimal.Decimal
		KeyShares  KeyShares
		reportedOK bool
	}
	run := func(f func(set func(j int, revenue, time decimal.Decimal)) (KeyShares, bool), k int) shares {
		s := shares{lines: make([][2]decimal.Decimal, k)}
		s.KeyShares, s.reportedOK = f(func(j int, revenue, time decimal.Decimal) { s.lines[j] = [2]decimal.Decimal{revenue, time} })
		return s
	}
	exactly := cmp.Comparer(func(x, y decimal.Decimal) bool { return x.Equal(y) && x.Exponent() == y.Exponent() })
	wide := 0
	for iter := range 3000 {
		rv, keys, marks := randomKeyed(r, []int{20, 64, 100, 123, 130}[r.IntN(5)])
		places := int32(r.IntN(4))
		if r.IntN(10) == 0 {
			places = 15 // more than the wide path takes
		}
		factor := func() decimal.Decimal { return decimal.New(1+r.Int64N(int64(pow10s[places])), -places) }
		f := NewFactors(factor(), factor())
		rw, ok := asWide(rv)
		if !ok {
			continue // a unit beyond 128 bits: the big path
		}
		want := run(func(set func(int, decimal.Decimal, decimal.Decimal)) (KeyShares, bool) {
			return rv.sharesBig(keys, marks, f, set), true
		}, len(keys))
		// The big path reads the wide units too.
		if diff := cmp.Diff(want, run(func(set func(int, decimal.Decimal, decimal.Decimal)) (KeyShares, bool) {
			return rw.sharesBig(keys, marks, f, set), true
		}, len(keys)), exactly, cmp.AllowUnexported(shares{}, KeyShares{})); diff != "" {
			t.Fatalf("%d: sharesBig of wide units mismatch (-big +wide):\n%s", iter, diff)
		}
		got := run(func(set func(int, decimal.Decimal, decimal.Decimal)) (KeyShares, bool) {
			return rw.sharesWide(keys, marks, f, set)
		}, len(keys))
		fits := rv.bigTotal.BitLen() <= 128 && f.exp >= -SharePlaces
		if got.reportedOK != fits {
			t.Fatalf("%d: sharesWide reported %t for a total of %d bits and factors at 10^%d", iter, got.reportedOK, rv.bigTotal.BitLen(), f.exp)
		}
		if !fits {
			continue
		}
		wide++
		want.reportedOK = true
		if diff := cmp.Diff(want, got, exactly, cmp.AllowUnexported(shares{}, KeyShares{})); diff != "" {
			t.Fatalf("%d: sharesWide mismatch (-big +wide):\n%s", iter, diff)
		}
	}
	if wide < 1000 {
		t.Fatalf("only %d of the portfolios took the wide path", wide)
	}
}

// randomKeyed returns up to 30 revenues on the big path, their units of
// at most width bits, with ties and zeros, the positions of about two
// thirds of them as key customers, and marks, a third of them new.
func randomKeyed(r *rand.Rand, width int) (rv Revenues, keys []int, marks []Mark) {
	n := 1 + r.IntN(30)
	rv = Revenues{bigUnits: make([]*big.Int, n), bigTotal: new(big.Int)}
	for i := range rv.bigUnits {
		u := randomBits(r, width)
		switch r.IntN(6) {
		case 0:
			u.SetInt64(0)
		case 1:
			if i > 0 {
				u.Set(rv.bigUnits[i-1]) // a tie
			}
		}
		rv.bigUnits[i] = u
		rv.bigTotal.Add(rv.bigTotal, u)
	}
	marks = make([]Mark, n)
	for i := range n {
		if r.IntN(3) > 0 {
			keys = append(keys, i)
		}
		if r.IntN(3) == 0 {
			marks[i] = MarkNew
		}
	}
	return rv, keys, marks
}

// randomBits returns a random number of at most n bits.
func randomBits(r *rand.Rand, n int) *big.Int {
	x := new(big.Int)
	words := (n + 63) / 64
	for range words {
		x.Lsh(x, 64).Or(x, new(big.Int).SetUint64(r.Uint64()))
	}
	return x.Rsh(x, uint(words*64-n))
}

// apportionWide gives the steps left to the largest remainders, ties to
// the larger floor, then to the earlier party, as apportionFast does.
func TestApportionWide(t *testing.T) {
	high := u128{hi: 1}
	tests := []struct {
		floors []uint64
		rems   []u128
		total  uint64
		want   []uint64
	}{
		{[]uint64{1, 5, 3}, []u128{high, high, high}, 10, []uint64{1, 6, 3}},
		{[]uint64{2, 2, 2}, []u128{high, high, high}, 8, []uint64{3, 3, 2}},
		{[]uint64{2, 2, 2}, []u128{{lo: 1}, high, {hi: 1, lo: 1}}, 7, []uint64{2, 2, 3}},
		{[]uint64{4, 0}, []u128{{}, {lo: 9}}, 4, []uint64{4, 0}},
	}
	for _, tt := range tests {
		floors := slices.Clone(tt.floors)
		items := make([]wideRemainder, len(floors))
		for j := range items {
			items[j] = wideRemainder{tt.rems[j], floors[j], j}
		}
		apportionWide(floors, items, tt.total)
		if !slices.Equal(floors, tt.want) {
			t.Errorf("apportionWide(%v, %v, %d) = %v, want %v", tt.floors, tt.rems, tt.total, floors, tt.want)
		}
	}
}

// The wide path splits a plan as the big path does, and leaves to it
// totals beyond 128 bits in the units of the factors.
func TestSplitWideAgree(t *testing.T) {
	// Quotas of 0.75, 1.75, 2.75 and, for the rest, 3.75 steps: the three
	// steps left go to the larger quotas, the first key customer's least.
	x := new(big.Int).Lsh(big.NewInt(1), 90)
	tie := Revenues{bigTotal: new(big.Int)}
	for _, m := range []int64{3, 7, 11, 15} {
		u := new(big.Int).Mul(x, big.NewInt(m))
		tie.bigUnits = append(tie.bigUnits, u)
		tie.bigTotal.Add(tie.bigTotal, u)
	}
	tie, _ = asWide(tie)
	counts := make([]uint64, 4)
	ok := tie.splitWide(9, []int{0, 1, 2}, make([]Mark, 4), NewFactors(one, one), counts)
	if want := []uint64{0, 2, 3, 4}; !ok || !slices.Equal(counts, want) {
		t.Errorf("splitWide of tied remainders = %v, %t; want %v", counts, ok, want)
	}

	r := rand.New(rand.NewPCG(33, 34))
	wide := 0
	for iter := range 3000 {
		rv, keys, marks := randomKeyed(r, []int{20, 64, 100, 115, 130}[r.IntN(5)])
		places := int32(r.IntN(19))
		factor := func() decimal.Decimal { return decimal.New(1+r.Int64N(int64(pow10s[places])), -places) }
		f := NewFactors(factor(), factor())
		steps := Steps(r.Uint64N(MaxSteps + 1))
		if r.IntN(2) == 0 {
			steps = Steps(r.IntN(10_000))
		}
		rw, ok := asWide(rv)
		if !ok {
			continue // a unit beyond 128 bits: the big path
		}
		want := rv.splitBig(steps, keys, marks, f)
		if wideBig := rw.splitBig(steps, keys, marks, f); !slices.Equal(wideBig, want) {
			t.Fatalf("%d: splitBig of wide units = %v, of big ones %v", iter, wideBig, want)
		}
		got := make([]uint64, len(keys)+1)
		ok = rw.splitWide(steps, keys, marks, f, got)
		den := new(big.Int).Mul(rv.bigTotal, Pow10(int64(-f.exp)))
		if fits := den.BitLen() <= 128; ok != fits {
			t.Fatalf("%d: splitWide reported %t for a total of %d bits in the units of the factors", iter, ok, den.BitLen())
		}
		if !ok {
			continue
		}
		wide++
		if !slices.Equal(got, want) {
			t.Fatalf("%d: splitWide = %v, splitBig = %v", iter, got, want)
		}
	}
	if wide < 1000 {
		t.Fatalf("only %d of the plans took the wide path", wide)
	}
}
