package exact

// The wide path of the engine: revenues whose units each fit 128 bits,
// kept in two words, and the shares and plans of those whose total fits
// 128 bits too, in integers of two and three words rather than math/big.
// A reader of the rule can skip this file; exact.go says when it runs.

import (
	"cmp"
	"encoding/binary"
	"math"
	"math/big"
	"math/bits"
	"slices"
	"strings"

	"github.com/shopspring/decimal"
)

// A u128 is a number of at most 128 bits, in two words.
type u128 struct{ hi, lo uint64 }

// cmp compares x and y as cmp.Compare does.
func (x u128) cmp(y u128) int {
	if x.hi != y.hi {
		return cmp.Compare(x.hi, y.hi)
	}
	return cmp.Compare(x.lo, y.lo) // not cmp.Or, which compares the low words always: 10-16% slower (BenchmarkCliffs)
}

// add returns x + y, which must fit 128 bits.
func (x u128) add(y u128) u128 {
	lo, c := bits.Add64(x.lo, y.lo, 0)
	return u128{x.hi + y.hi + c, lo}
}

// words128 returns x, for x >= 0, as a u128, and reports whether it fits.
func words128(x *big.Int) (u128, bool) {
	if x.Sign() < 0 || x.BitLen() > 128 {
		return u128{}, false
	}
	var b [16]byte
	x.FillBytes(b[:])
	return u128{binary.BigEndian.Uint64(b[:8]), binary.BigEndian.Uint64(b[8:])}, true
}

// setBig sets z to x and returns z.
func (x u128) setBig(z *big.Int) *big.Int {
	var b [16]byte
	binary.BigEndian.PutUint64(b[:8], x.hi)
	binary.BigEndian.PutUint64(b[8:], x.lo)
	return z.SetBytes(b[:])
}

// sortWide is sortBig for revenues whose units at exponent exp each fit
// 128 bits, and reports whether they do, having placed no one if not. It
// keeps the units in two words side by side, which sort several times
// faster than big.Ints (BenchmarkCliffs, places=12,digits), and adds
// their total in words where it fits them.
func sortWide(n int, revenue func(i int) decimal.Decimal, exp int32, name func(int) string, place func(pos, i int)) (Revenues, bool) {
	type key struct {
		unit u128
		i    int32
	}
	keys := make([]key, n)
	var total u128
	fits := true
	for i := range keys {
		w, ok := scaledWide(revenue(i), exp)
		if !ok {
			return Revenues{}, false
		}
		keys[i] = key{w, int32(i)}
		lo, c := bits.Add64(total.lo, w.lo, 0)
		hi, c := bits.Add64(total.hi, w.hi, c)
		total, fits = u128{hi, lo}, fits && c == 0
	}
	slices.SortFunc(keys, func(a, b key) int { return cmp.Or(b.unit.cmp(a.unit), cmp.Compare(a.i, b.i)) })
	// Units that are equal, now side by side, go in name order.
	for start, j := 0, 1; j <= len(keys); j++ {
		if j < len(keys) && keys[j].unit == keys[start].unit {
			continue
		}
		if j-start > 1 {
			slices.SortFunc(keys[start:j], func(a, b key) int { return strings.Compare(name(int(a.i)), name(int(b.i))) })
		}
		start = j
	}
	r := Revenues{exp: exp, wideUnits: make([]u128, len(keys))}
	for pos, k := range keys {
		place(pos, int(k.i))
		r.wideUnits[pos] = k.unit
	}
	if fits {
		r.bigTotal = total.setBig(new(big.Int))
	} else {
		r.bigTotal = new(big.Int)
		var z big.Int
		for _, w := range r.wideUnits {
			r.bigTotal.Add(r.bigTotal, w.setBig(&z))
		}
	}
	return r, true
}

// scaledWide is scaled for a unit that fits 128 bits, and reports whether
// it does. A coefficient of up to 18 digits is scaled in words.
func scaledWide(d decimal.Decimal, exp int32) (u128, bool) {
	if shift := d.Exponent() - exp; shift < int32(len(pow10s)) && d.NumDigits() <= 18 {
		hi, lo := bits.Mul64(uint64(d.CoefficientInt64()), pow10s[shift])
		return u128{hi, lo}, true
	}
	return words128(Scaled(d, exp))
}

// A u192 is a number of at most 192 bits, in three words, high first.
type u192 struct{ w2, w1, w0 uint64 }

// mul128 returns x × m.
func mul128(x u128, m uint64) u192 {
	h0, l0 := bits.Mul64(x.lo, m)
	h1, l1 := bits.Mul64(x.hi, m)
	w1, c := bits.Add64(h0, l1, 0)
	return u192{h1 + c, w1, l0}
}

// add returns x + y, which must fit 192 bits.
func (x u192) add(y u192) u192 {
	w0, c := bits.Add64(x.w0, y.w0, 0)
	w1, c := bits.Add64(x.w1, y.w1, c)
	return u192{x.w2 + y.w2 + c, w1, w0}
}

// sub returns x - y, for y <= x.
func (x u192) sub(y u192) u192 {
	w0, b := bits.Sub64(x.w0, y.w0, 0)
	w1, b := bits.Sub64(x.w1, y.w1, b)
	return u192{x.w2 - y.w2 - b, w1, w0}
}

// cmp compares x and y as cmp.Compare does.
func (x u192) cmp(y u192) int {
	return cmp.Or(cmp.Compare(x.w2, y.w2), cmp.Compare(x.w1, y.w1), cmp.Compare(x.w0, y.w0))
}

// divWide returns n / d and n mod d, for d > 0 and n < d × 2^64, so that
// the quotient fits a word: one step of long division by two words
// (Knuth's algorithm D).
func divWide(n u192, d u128) (uint64, u128) {
	if d.hi == 0 {
		// n < d.lo × 2^64: the top word is zero and the next below d.lo.
		q, r := bits.Div64(n.w1, n.w0, d.lo)
		return q, u128{lo: r}
	}
	// Shifted so that the divisor's top bit is set, the quotient of the
	// top words is at most two above the true one.
	s := uint(bits.LeadingZeros64(d.hi))
	dn := u128{d.hi<<s | d.lo>>(64-s), d.lo << s}
	nn := u192{n.w2<<s | n.w1>>(64-s), n.w1<<s | n.w0>>(64-s), n.w0 << s}
	q := uint64(math.MaxUint64)
	if nn.w2 < dn.hi {
		q, _ = bits.Div64(nn.w2, nn.w1, dn.hi)
	}
	p := mul128(dn, q)
	for p.cmp(nn) > 0 {
		q--
		p = p.sub(u192{0, dn.hi, dn.lo})
	}
	r := nn.sub(p) // below dn: two words
	return q, u128{r.w1 >> s, r.w0>>s | r.w1<<(64-s)}
}

// roundWide returns n / d rounded to the nearest integer, ties to even,
// under the conditions of divWide.
func roundWide(n u192, d u128) uint64 {
	q, r := divWide(n, d)
	// Compare r with d - r rather than 2r with d, which may not fit.
	lo, b := bits.Sub64(d.lo, r.lo, 0)
	rest := u128{d.hi - r.hi - b, lo}
	if c := r.cmp(rest); c > 0 || c == 0 && q&1 == 1 {
		q++
	}
	return q
}

// sharesWide is shares on the wide path where the total fits 128 bits and
// the factors have at most SharePlaces places; it reports whether they
// do. Each share's numerator, a unit of 128 bits times at most
// 10^SharePlaces, fits three words, and its quotient one.
func (r *Revenues) sharesWide(keys []int, marks []Mark, f Factors, set func(j int, revenue, time decimal.Decimal)) (KeyShares, bool) {
	if r.wideUnits == nil || f.exp < -SharePlaces {
		return KeyShares{}, false
	}
	t, ok := words128(r.bigTotal)
	if !ok {
		return KeyShares{}, false
	}
	if t == (u128{}) {
		return KeyShares{Rest: one}, true
	}
	k := len(keys)
	var unitSum u128
	for _, i := range keys {
		unitSum = unitSum.add(r.wideUnits[i]) // at most the total
	}
	// As on the fast path: a revenue share is unit x 10^SharePlaces / t,
	// and a time share g x unit / t, with g the factor x 10^SharePlaces.
	g := Factors{
		existing: f.existing * pow10s[SharePlaces+f.exp],
		new:      f.new * pow10s[SharePlaces+f.exp],
	}
	rev, tim := make([]uint64, k), make([]uint64, k)
	items := make([]wideRemainder, k)
	for j, i := range keys {
		q, rem := divWide(mul128(r.wideUnits[i], shareScale), t)
		rev[j], items[j] = q, wideRemainder{rem, q, j}
	}
	keyRev := roundWide(mul128(unitSum, shareScale), t)
	apportionWide(rev, items, keyRev)

	var timSum u192
	for j, i := range keys {
		n := mul128(r.wideUnits[i], g.of(marks[i]))
		q, rem := divWide(n, t)
		tim[j], items[j] = q, wideRemainder{rem, q, j}
		timSum = timSum.add(n)
	}
	keyTime := roundWide(timSum, t)
	apportionWide(tim, items, keyTime)

	for j := range keys {
		set(j, share64(rev[j]), share64(tim[j]))
	}
	return KeyShares{KeyRevenue: share64(keyRev), KeyTime: share64(keyTime), Rest: share64(shareScale - keyTime)}, true
}

// A wideRemainder is a remainder of the wide path, the floor it is left
// over from, and the party's place.
type wideRemainder struct {
	rem   u128
	floor uint64
	j     int
}

// apportionWide adds one to the floors of the shares with the largest
// remainders, until they add up to total, by the rule of apportionFast:
// ties go to the larger floor, then to the earlier party.
func apportionWide(floors []uint64, items []wideRemainder, total uint64) {
	left := total
	for _, f := range floors {
		left -= f
	}
	if left == 0 {
		return
	}
	slices.SortFunc(items, func(a, b wideRemainder) int {
		return cmp.Or(b.rem.cmp(a.rem), cmp.Compare(b.floor, a.floor), cmp.Compare(a.j, b.j))
	})
	for _, it := range items[:left] {
		floors[it.j]++
	}
}

// splitWide is split on the wide path where the total, in the units of the
// factors, fits 128 bits; it sets counts, of length len(keys)+1, to the
// steps of the key customers, then of the rest, and reports whether the
// numbers fit. A quota's numerator, steps x factor x unit, is at most
// steps x that total: three words, and its quotient one.
func (r *Revenues) splitWide(steps Steps, keys []int, marks []Mark, f Factors, counts []uint64) bool {
	if r.wideUnits == nil {
		return false
	}
	t, ok := words128(r.bigTotal)
	if !ok {
		return false
	}
	// Quotas are m x f x unit / den, with den = total x 10^-exp.
	d := mul128(t, pow10s[-f.exp])
	if d.w2 != 0 {
		return false
	}
	den := u128{d.w1, d.w0}
	m := uint64(steps)
	k := len(keys)
	if den == (u128{}) {
		clear(counts[:k])
		counts[k] = m
		return true
	}
	items := make([]wideRemainder, k+1)
	rest := mul128(den, m)
	for j, i := range keys {
		fu := mul128(r.wideUnits[i], f.of(marks[i])) // at most den
		quota := mul128(u128{fu.w1, fu.w0}, m)
		rest = rest.sub(quota)
		counts[j], items[j].rem = divWide(quota, den)
	}
	counts[k], items[k].rem = divWide(rest, den)
	for j := range items {
		items[j].floor, items[j].j = counts[j], j
	}
	apportionWide(counts, items, m)
	return true
}
