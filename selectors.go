package salestime

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/salestime/salestime/internal/exact"
	"github.com/shopspring/decimal"
)

// A Selector picks the key customers of a portfolio. It returns one mark per
// customer of p in portfolio order: marks[i] reports whether the i-th
// customer of p.Customers() is key. [Allocate] calls it once.
//
// The selectors of this package pick by revenue ([TopN], [TopShare],
// [MinRevenue], [ABC]) or by hand ([Marked]). The ones that pick by revenue
// never pick a customer with zero revenue, and never split customers with
// equal revenue: both are key or neither is. Since the portfolio is sorted
// by revenue, they pick a run of its first customers.
//
// Any function of this type is a selector; one written for a program should
// return an error wrapping [ErrInvalidSelector] when its arguments are bad.
// A nil Selector makes [Allocate] return [ErrInvalidSelector].
type Selector func(p Portfolio) (marks []bool, err error)

// TopN returns a selector of the n largest customers, and any customer tied
// with the n-th. TopN(0) picks no one. A negative n is an error wrapping
// [ErrInvalidSelector].
func TopN(n int) Selector {
	return func(p Portfolio) ([]bool, error) {
		if err := checkTopN(n); err != nil {
			return nil, err
		}
		return firstMarks(p, min(n, p.revenues().Positives())), nil
	}
}

// checkTopN returns the error of TopN for n, or nil.
func checkTopN(n int) error {
	if n < 0 {
		return fmt.Errorf("%w: TopN(%d): n is negative", ErrInvalidSelector, n)
	}
	return nil
}

// TopShare returns a selector of the fewest largest customers whose revenue
// together reaches at least share of the total: customers are taken largest
// first until their revenue reaches the share, so the one that crosses the
// line is in, and then any customer tied with the last one taken.
// TopShare(decimal.RequireFromString("0.8")) picks the customers who bring
// 80% of the revenue, the Pareto rule. It picks no one from a portfolio
// without revenue.
//
// A share that is not greater than 0 and at most 1, or that has more than
// [MaxPlaces] decimal places, is an error wrapping [ErrInvalidSelector].
func TopShare(share decimal.Decimal) Selector {
	return func(p Portfolio) ([]bool, error) {
		if err := checkTopShare(share); err != nil {
			return nil, err
		}
		return firstMarks(p, p.revenues().Reach(share)), nil
	}
}

// checkTopShare returns the error of TopShare for share, or nil.
func checkTopShare(share decimal.Decimal) error {
	if err := checkBounds(share, 1); err != nil {
		return fmt.Errorf("%w: TopShare: share %w", ErrInvalidSelector, err)
	}
	if share.Sign() <= 0 || !exact.AtMostOne(share) {
		return fmt.Errorf("%w: TopShare(%s): share must be greater than 0 and at most 1",
			ErrInvalidSelector, formatDecimal(share))
	}
	return nil
}

// MinRevenue returns a selector of the customers whose revenue is at least
// min and not zero. A negative min, or one outside the bounds [MaxPlaces]
// and [MaxIntegerDigits], is an error wrapping [ErrInvalidSelector].
func MinRevenue(min decimal.Decimal) Selector { //nolint:revive // the parameter name is that of the documented API
	return func(p Portfolio) ([]bool, error) {
		if err := checkMinRevenue(min); err != nil {
			return nil, err
		}
		return firstMarks(p, p.revenues().AtLeast(min)), nil
	}
}

// checkMinRevenue returns the error of MinRevenue for m, or nil.
func checkMinRevenue(m decimal.Decimal) error {
	if err := checkPlaces(m); err != nil {
		return fmt.Errorf("%w: MinRevenue: minimum %w", ErrInvalidSelector, err)
	}
	if m.Sign() < 0 {
		return fmt.Errorf("%w: MinRevenue(%s): minimum is negative", ErrInvalidSelector, formatDecimal(m))
	}
	return nil
}

// Marked returns a selector of the customers marked by hand, those whose
// [Customer.Key] is set, whatever their revenue.
func Marked() Selector {
	return func(p Portfolio) ([]bool, error) {
		marks := make([]bool, p.Len())
		for i, m := range p.marksOf() {
			marks[i] = m&exact.MarkKey != 0
		}
		return marks, nil
	}
}

// ABC returns a selector of class A of a computed ABC analysis (Ultsch and
// Lötsch, PLoS ONE 2015), done exactly on the unsmoothed curve of revenue.
//
// Take the n customers with revenue, largest first; T their total and Y(i)
// the share of T that the first i bring. The Pareto point is the smallest i
// in 1..n that minimises (i/n)^2 + (1 - Y(i))^2, the point of the curve
// nearest the ideal of all revenue from no customers. The break-even point
// is the largest i whose revenue is at least the mean, T/n. Class A is the
// first min(Pareto point, break-even point) customers, and any customer tied
// with the last of them. Distances are compared exactly, in integers.
//
// Unlike [TopShare], ABC needs no threshold: it finds where the few large
// customers end in the data. It picks no one from a portfolio without
// revenue.
func ABC() Selector {
	return func(p Portfolio) ([]bool, error) {
		return firstMarks(p, p.revenues().ClassA()), nil
	}
}

// firstMarks marks the first k customers of p, and any customer tied with
// the k-th.
func firstMarks(p Portfolio, k int) []bool {
	marks := make([]bool, p.Len())
	if k == 0 {
		return marks
	}
	for k < p.Len() && p.revenues().Tied(k, k-1) {
		k++
	}
	for i := range k {
		marks[i] = true
	}
	return marks
}

// ParseSelector returns the selector that s names, as a command line or a
// configuration file writes it, and s as written, without surrounding
// spaces and with its kind in lower case, to name the selector in reports
// and logs:
//   - top:N is [TopN](N), as in top:5;
//   - share:S is [TopShare](S), with S a share such as 0.8 or a percentage
//     such as 80%;
//   - min:R is [MinRevenue](R), as in min:10000, with R written as the
//     revenues are, in the number format numbers, as [ReadOptions.Numbers]
//     names formats: 100.000 is 100000 in "1.234,56" and 100 in
//     "1,234.56". With the empty format, or "auto", R must read one way in
//     every format, as 100000 and 100.5 do;
//   - marked is [Marked] and abc is [ABC].
//
// ParseSelector returns an error wrapping [ErrInvalidSelector] if s is
// none of these, or its argument is not a number or out of the range of
// the selector; for a revenue R that reads two ways, it wraps
// [ErrAmbiguousNumber] too. It returns an error wrapping [ErrInvalidOption]
// for a number format that [ReadOptions.Numbers] does not list.
func ParseSelector(s string, numbers string) (sel Selector, name string, err error) {
	if numbers, err = parseNumberFormat(numbers); err != nil {
		return nil, "", err
	}
	kind, arg, hasArg := strings.Cut(strings.TrimSpace(s), ":")
	kind, arg = strings.ToLower(strings.TrimSpace(kind)), strings.TrimSpace(arg)
	name = kind
	if hasArg {
		name += ":" + arg
	}
	bad := func(want string) (Selector, string, error) {
		return nil, "", fmt.Errorf("%w: %s: want %s", ErrInvalidSelector, quoteText(s), want)
	}
	switch kind {
	case "top":
		n, err := strconv.Atoi(arg)
		if err != nil {
			return bad("top:N with N a whole number, as in top:5")
		}
		if err := checkTopN(n); err != nil {
			return nil, "", err
		}
		return TopN(n), name, nil
	case "share":
		number, percent := strings.CutSuffix(arg, "%")
		share, err := parseNumber(strings.TrimSpace(number))
		if err != nil {
			return bad("share:S with S a share, as in share:0.8 or share:80%")
		}
		if percent {
			share = share.Shift(-2) // parseNumber bounds the exponent
		}
		if err := checkTopShare(share); err != nil {
			return nil, "", err
		}
		return TopShare(share), name, nil
	case "min":

		if arg == "" {
			return bad("min:R with R a revenue, as in min:10000")
		}
		m, err := readNumber(arg, numbers)
		if err != nil {
			return nil, "", fmt.Errorf("%w: %s: %w", ErrInvalidSelector, quoteText(s), err)
		}
		if err := checkMinRevenue(m); err != nil {
			return nil, "", err
		}
		return MinRevenue(m), name, nil
	case "marked", "abc":
		if hasArg {
			return bad(kind + " without an argument")
		}
		if kind == "abc" {
			return ABC(), name, nil
		}
		return Marked(), name, nil
	}
	return bad("top:N, share:S, min:R, marked or abc")
}
