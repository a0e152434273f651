package salestime

import (
	"fmt"
	"math/big"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/shopspring/decimal"
	"golang.org/x/text/currency"
)

// numberFormats are the formats a column can have, plainest first.
var numberFormats = [...]struct {
	name       string
	point      byte  // the decimal mark
	groupKinds uint8 // the kinds of marks that group digits
}{
	{"1234.56", '.', 0},
	{"1234,56", ',', 0},
	{"1,234.56", '.', markComma},
	{"1.234,56", ',', markPoint},
	{"1 234,56", ',', markSpace},
	{"1 234.56", '.', markSpace},
	{"1'234.56", '.', markApostrophe},
}

// formatSet is a set of numberFormats, bit i for numberFormats[i].
type formatSet uint8

const allFormats = formatSet(1<<len(numberFormats) - 1)

// pointFormats are the formats with a decimal point, the others those with
// a decimal comma.
var pointFormats = func() (s formatSet) {
	for i, f := range numberFormats {
		if f.point == '.' {
			s |= 1 << i
		}
	}
	return s
}()

// parseNumberFormat returns the number format s names, as written in
// [ReadOptions.Numbers]' list, or the empty format for "" and "auto". It
// returns an error wrapping [ErrInvalidOption] for any other s.
func parseNumberFormat(s string) (string, error) {
	set, ok := formatOf(s)
	switch {
	case set == allFormats:
		return "", nil
	case !ok:
		return "", fmt.Errorf("%w: number format %q is not one of auto, 1234.56, 1234,56, 1,234.56, 1.234,56, 1 234,56, 1 234.56 and 1'234.56",
			ErrInvalidOption, s)
	}
	return set.plainest(), nil
}

// formatOf returns the set that holds f alone, the set of all formats for
// the empty format, and reports whether f is one of them. A format named
// with another space than U+0020 or apostrophe than U+0027 is the same.
func formatOf(f string) (formatSet, bool) {
	s := strings.NewReplacer("\u00a0", " ", "\u202f", " ", "\u2019", "'").Replace(strings.TrimSpace(f))
	if s == "" || s == "auto" {
		return allFormats, true
	}
	for i, nf := range numberFormats {
		if nf.name == s {
			return 1 << i, true
		}
	}
	return 0, false
}

// plainest returns the first format of s in numberFormats' order, or the
// empty format if s is empty or holds formats with both decimal marks.
func (s formatSet) plainest() string {
	if s == 0 || s&pointFormats != 0 && s&^pointFormats != 0 {
		return ""
	}
	for i, f := range numberFormats {
		if s&(1<<i) != 0 {
			return f.name
		}
	}
	return ""
}

// names lists the formats of s, for messages.
func (s formatSet) names() string {
	var list []string
	for i, f := range numberFormats {
		if s&(1<<i) != 0 {
			list = append(list, f.name)
		}
	}
	return strings.Join(list, ", ")
}

// An amount is a number as a table writes it, taken apart: an optional
// minus sign, digits with marks between them, and a currency.
type amount struct {
	text     string // as written, trimmed
	currency string // the ISO 4217 code, or the sign where it names no one currency; "" for none
	neg      bool
	digits   string    // the digits and marks, without sign or currency
	fits     formatSet // the formats the digits fit
	marked   bool      // whether the digits have a mark: a decimal or a group mark
}

// scientific reports whether s is a number in scientific notation, as in
// 1.23457E+11 or, with a decimal comma, 1,23457E+11: a spreadsheet writes a
// number so where it is too wide for its column in the General format,
// rounded to fit.
func scientific(s string) bool {
	if !strings.ContainsAny(s, "eE") {
		return false
	}
	_, err := parseNumber(strings.Replace(s, ",", ".", 1))
	return err == nil
}

// readAmount takes text apart, as in "-1 234,50 zł", "$1,250.00" or "CHF
// 1'234.50". A text that fits no format has an empty fits.
func readAmount(text string) amount {
	a := amount{text: trimSpace(text)}
	s := a.text
	if s != "" && isDigit(s[0]) && isDigit(s[len(s)-1]) {
		// No sign and no currency, as in nearly every export.
		a.digits = s
		a.fits, a.marked = fitFormats(s)
		return a
	}
	if rest, ok := cutMinus(s); ok {
		a.neg, s = true, trimSpace(rest)
	}
	if cur, rest := cutCurrencyPrefix(s); cur != "" {
		a.currency, s = cur, trimSpace(rest)
	} else if cur, rest := cutCurrencySuffix(s); cur != "" {
		a.currency, s = cur, trimSpace(rest)
	}
	if rest, ok := cutMinus(s); ok && !a.neg {
		a.neg, s = true, rest
	}
	if a.neg && s == "" && a.currency != "" {
		// "$ -" or "- €": a spreadsheet's accounting format writes zero so.
		a.neg, s = false, "0"
	}
	a.digits = s
	a.fits, a.marked = fitFormats(s)
	return a
}

// cutMinus returns s without its minus sign, or without the brackets that
// accounting formats write around a negative number, as in (1,250.00),
// and reports whether it had either.
func cutMinus(s string) (string, bool) {
	if rest, ok := strings.CutPrefix(s, "-"); ok {
		return rest, true
	}
	if len(s) > 2 && s[0] == '(' && s[len(s)-1] == ')' {
		return trimSpace(s[1 : len(s)-1]), true
	}
	return s, false
}

// trimSpace trims white space from both ends of s, including the
// non-breaking spaces that spreadsheets write.
func trimSpace(s string) string {
	if s == "" || isPrintable(s[0]) && isPrintable(s[len(s)-1]) {
		return s // the common case, without decoding
	}
	return strings.TrimFunc(s, unicode.IsSpace)
}

// isPrintable reports whether c is printable ASCII other than the space.
func isPrintable(c byte) bool {
	return c > ' ' && c < 0x7f
}

// fitFormats returns the formats that s, digits with marks between them,
// fits, and whether it has marks. A format fits if every mark is its
// decimal mark or one of its group marks; there is at most one decimal
// mark, after every group mark and followed by at least one digit; and if
// there are group marks, the digits before the first are one to three and
// those between two marks, or between a group mark and the decimal mark,
// are three.
func fitFormats(s string) (formatSet, bool) {
	// What the formats need of the marks, gathered in one pass: the kinds
	// of every mark but the last, the kind of the last, and the runs of
	// digits around them.
	var inner uint8 // the kinds of the marks before the last
	var last uint8  // the kind of the last mark
	marks, run, first := 0, 0, 0
	innerThrees := true // every run between two marks has three digits
	for _, r := range s {
		if r >= '0' && r <= '9' {
			run++
			continue
		}
		if run == 0 {
			return 0, true // a mark first, or two together
		}
		switch marks {
		case 0:
			first = run
		default:
			inner |= last
			innerThrees = innerThrees && run == 3
		}
		last = markKind(r)
		marks, run = marks+1, 0
	}
	switch {
	case run == 0:
		return 0, marks > 0 // empty, or ends in a mark
	case marks == 0:
		return allFormats, false
	}
	var fits formatSet
	for i, f := range numberFormats {
		point, groups := markKind(rune(f.point)), f.groupKinds
		groupMarks := inner
		lastIsGroup := last != point
		if lastIsGroup {
			groupMarks |= last
		}
		switch {
		case groupMarks&^groups != 0 || !innerThrees:
		case lastIsGroup && run != 3:
		case groupMarks != 0 && first > 3:
		default:
			fits |= 1 << i
		}
	}
	return fits, true
}

// The kinds of marks between digits, as bits.
const (
	markPoint = 1 << iota
	markComma
	markSpace
	markApostrophe
	markOther
)

// markKind returns the kind of the mark r.
func markKind(r rune) uint8 {
	switch r {
	case '.':
		return markPoint
	case ',':
		return markComma
	case ' ', '\u00a0', '\u202f':
		return markSpace
	case '\'', '\u2019':
		return markApostrophe
	}
	return markOther
}

// value returns the number a reads as in the format of decimal mark point,
// which a fits. It returns an error for a number with far more digits than
// the bounds allow.
func (a amount) value(point byte) (decimal.Decimal, error) {
	var buf [maxNumberDigits]byte
	digits := buf[:0]
	exp := int32(0)
	for i := range len(a.digits) {
		switch c := a.digits[i]; {
		case c >= '0' && c <= '9':
			if len(digits) == 0 && c == '0' {
				break // a leading zero
			}
			if len(digits) == len(buf) {
				return decimal.Decimal{}, fmt.Errorf("%s has more than %d digits", quoteText(a.text), maxNumberDigits)
			}
			digits = append(digits, c)
		case c == point:
			exp = -int32(len(a.digits) - i - 1)
		}
	}
	if -exp > maxNumberDigits {
		return decimal.Decimal{}, fmt.Errorf("%s has more than %d decimal places", quoteText(a.text), maxNumberDigits)
	}
	if len(digits) <= 18 {
		var c int64
		for _, d := range digits {
			c = c*10 + int64(d-'0')
		}
		if a.neg {
			c = -c
		}
		return decimal.New(c, exp), nil
	}
	c, _ := new(big.Int).SetString(string(digits), 10)
	if a.neg {
		c.Neg(c)
	}
	return decimal.NewFromBigInt(c, exp), nil
}

// readNumber reads text, a number a person gives, such as a threshold, in
// the style of the number format f: with f's decimal mark, its digits
// grouped or not. The empty format takes a number that reads one way in
// every format, as 100000 and 1.5 do. It returns an error wrapping
// ErrAmbiguousNumber for one that reads two ways there, and an error that
// says how to write it for one that does not fit f.
func readNumber(text string, f string) (decimal.Decimal, error) {
	allowed, _ := formatOf(f)
	if allowed != allFormats {
		// Every format with f's decimal mark reads a number as f does.
		if allowed&pointFormats != 0 {
			allowed = pointFormats
		} else {
			allowed = allFormats &^ pointFormats
		}
	}
	a := readAmount(text)
	switch {
	case a.fits == 0 || a.currency != "":
		return decimal.Decimal{}, fmt.Errorf("%s is not a number", quoteText(text))
	case a.fits&allowed == 0:
		mark := "a decimal point"
		if allowed&pointFormats == 0 {
			mark = "a decimal comma"
		}
		return decimal.Decimal{}, fmt.Errorf("%s is not a number as the file writes them, in the format %s: write it with %s",
			quoteText(text), f, mark)
	}
	fits := a.fits & allowed
	point := byte('.')
	if fits&pointFormats == 0 {
		point = ','
	}
	v, err := a.value(point)
	if err != nil {
		return decimal.Decimal{}, err
	}
	if fits&pointFormats != 0 && fits&^pointFormats != 0 {
		c, err := a.value(',')
		if err == nil && !c.Equal(v) {
			return decimal.Decimal{}, &problem{kind: ErrAmbiguousNumber, msg: fmt.Sprintf("%s is %s with a decimal comma and %s with a decimal point, "+
				"and the file does not say which: write it without a group mark, as %s or %s", quoteText(text), c, v, c, v)}
		}
	}
	return v, nil
}

// A numberColumn decides the number format of a column of a table from
// all its values, never value by value: each value narrows the formats
// left, and a value that reads as two numbers while formats with both
// decimal marks are left leaves the column undecided.
type numberColumn struct {
	set       formatSet // the formats every value so far fits
	ambiguous amount    // the first value that reads as two numbers
	line      int       // and its line
}

// add narrows the column to the formats of a, read on line, and reports
// whether a fits one of the formats left; if not, it changes nothing.
func (c *numberColumn) add(a amount, line int) bool {
	if a.fits&c.set == 0 {
		return false
	}
	c.set &= a.fits
	if c.ambiguous.text == "" && a.fits&pointFormats != 0 && a.fits&^pointFormats != 0 {
		if coef, pe, ce, ok := a.readings(); ok && coef != 0 && pe != ce {
			c.ambiguous, c.line = a, line
		}
	}
	return true
}

// point returns the decimal mark of the column: a comma where every format
// left has one, and otherwise a point.
func (c *numberColumn) point() byte {
	if c.set&pointFormats == 0 {
		return ','
	}
	return '.'
}

// undecided returns the first value that reads as two numbers, and its
// line, where formats with both decimal marks are left; ok is false where
// the column tells which mark it has.
func (c *numberColumn) undecided() (a amount, line int, ok bool) {
	if c.set&pointFormats == 0 || c.set&^pointFormats == 0 || c.ambiguous.text == "" {
		return amount{}, 0, false
	}
	return c.ambiguous, c.line, true
}

// isZero reports whether every digit of a is zero.
func (a amount) isZero() bool {
	return strings.Trim(a.digits, "0.,'\u2019 \u00a0\u202f") == ""
}

// readings returns the coefficient of a, a number that fits some format,
// with the exponent it has in the formats with a decimal point and in
// those with a decimal comma, and reports whether the coefficient has at
// most 18 digits; if not, it returns 0, 0, 0, false.
func (a amount) readings() (coef int64, pointExp, commaExp int, ok bool) {
	var last byte // the last mark, if it is a point or a comma
	after := 0    // the digits after it
	digits := 0
	for i := range len(a.digits) {
		switch c := a.digits[i]; {
		case c >= '0' && c <= '9':
			after++
			if coef == 0 && c == '0' {
				break // a leading zero
			}
			if digits++; digits > 18 {
				return 0, 0, 0, false
			}
			coef = coef*10 + int64(c-'0')
		case c == '.' || c == ',':
			last, after = c, 0
		default:
			last, after = 0, 0 // a space or an apostrophe, which only groups
		}
	}
	if a.neg {
		coef = -coef
	}
	switch last {
	case '.':
		pointExp = -after
	case ',':
		commaExp = -after
	}
	return coef, pointExp, commaExp, true
}

// currencySigns are the signs written for currencies, with the ISO 4217
// code of the one currency each names, or the sign itself where it is
// used for several (the dollar, the yen and yuan, the crowns). Longer
// signs come before the shorter ones they start or end with.
var currencySigns = []struct{ sign, code string }{
	{"US$", "USD"}, {"CA$", "CAD"}, {"C$", "CAD"}, {"A$", "AUD"}, {"AU$", "AUD"}, {"NZ$", "NZD"},
	{"HK$", "HKD"}, {"R$", "BRL"}, {"$", "$"},
	{"€", "EUR"}, {"£", "GBP"}, {"zł", "PLN"}, {"Kč", "CZK"}, {"Ft", "HUF"}, {"lei", "RON"},
	{"₹", "INR"}, {"₩", "KRW"}, {"₺", "TRY"}, {"₴", "UAH"}, {"₪", "ILS"}, {"₽", "RUB"},
	{"¥", "¥"}, {"￥", "¥"}, {"円", "JPY"}, {"kr", "kr"},
}

// sharedSigns are the currencies of the signs that several currencies
// use.
var sharedSigns = map[string][]string{
	"$":  {"USD", "CAD", "AUD", "NZD", "HKD", "SGD", "MXN", "ARS", "CLP", "COP", "TWD"},
	"¥":  {"JPY", "CNY"},
	"kr": {"SEK", "NOK", "DKK", "ISK"},
}

// sameCurrency returns the currency that a and b both name, the code
// where one is a code and the other a sign that it uses, and reports
// whether there is one. An empty a names any currency.
func sameCurrency(a, b string) (string, bool) {
	switch {
	case a == "" || a == b:
		return b, true
	case slices.Contains(sharedSigns[a], b):
		return b, true
	case slices.Contains(sharedSigns[b], a):
		return a, true
	}
	return "", false
}

// cutCurrencyPrefix returns the currency that s starts with, and the rest
// of s; or "" and s.
func cutCurrencyPrefix(s string) (code, rest string) {
	for _, c := range currencySigns {
		if rest, ok := strings.CutPrefix(s, c.sign); ok {
			return c.code, rest
		}
	}
	if len(s) > 3 && isLetters(s[:3]) && !isLetter(s[3]) {
		if code := isoCode(s[:3]); code != "" {
			return code, s[3:]
		}
	}
	return "", s
}

// cutCurrencySuffix returns the currency that s ends with, and the rest of
// s; or "" and s.
func cutCurrencySuffix(s string) (code, rest string) {
	for _, c := range currencySigns {
		if rest, ok := strings.CutSuffix(s, c.sign); ok {
			return c.code, rest
		}
	}
	if n := len(s); n > 3 && isLetters(s[n-3:]) && !isLetter(s[n-4]) {
		if code := isoCode(s[n-3:]); code != "" {
			return code, s[:n-3]
		}
	}
	return "", s
}

// readCurrency returns the currency s names, as a sign or an ISO 4217 code
// in any case, and reports whether it names one; "" names none.
func readCurrency(s string) (string, bool) {
	s = trimSpace(s)
	if s == "" {
		return "", true
	}
	for _, c := range currencySigns {
		if s == c.sign {
			return c.code, true
		}
	}
	if len(s) == 3 && isLetters(s) {
		if code := isoCode(s); code != "" {
			return code, true
		}
	}
	return "", false
}

// isoCode returns s in upper case if it is an ISO 4217 currency code, or "".
func isoCode(s string) string {
	u, err := currency.ParseISO(s)
	if err != nil || u == (currency.Unit{}) {
		return ""
	}
	return u.String()
}

func isDigit(c byte) bool {
	return c >= '0' && c <= '9'
}

func isLetters(s string) bool {
	for i := range len(s) {
		if !isLetter(s[i]) {
			return false
		}
	}
	return true
}

func isLetter(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z'
}

// quoteText quotes a value read from input for a message, cut to 64 bytes.
func quoteText(s string) string {
	const limit = 64
	if len(s) <= limit {
		return fmt.Sprintf("%q", s)
	}
	cut := limit
	for cut > 0 && !utf8.RuneStart(s[cut]) {
		cut--
	}
	return fmt.Sprintf("%q...", s[:cut])
}
