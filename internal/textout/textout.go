// Package textout writes what the command shows people: numbers in the
// style of the input, percentages, bars of block characters and tables
// of aligned columns, with names made safe for a terminal.
package textout

import (
	"bufio"
	"bytes"
	"fmt"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/shopspring/decimal"
	"golang.org/x/text/width"

	"github.com/salestime/salestime/internal/exact"
)

// sharePlaces are the places of every share the library makes.
const sharePlaces = exact.SharePlaces

// A numberStyle is how the text output writes numbers: its decimal mark,
// and the mark between groups of three digits.
type numberStyle struct {
	point byte
	group string
}

// styleOf returns the style of numbers of an input in the number format
// f: its own marks where it groups digits, and spaces between groups
// otherwise.
func styleOf(f string) numberStyle {
	switch f {
	case "1,234.56":
		return numberStyle{'.', ","}
	case "1.234,56":
		return numberStyle{',', "."}
	case "1'234.56":
		return numberStyle{'.', "'"}
	case "1 234,56", "1234,56":
		return numberStyle{',', " "}
	}
	return numberStyle{'.', " "}
}

// DecimalComma reports whether numbers in the format f, as the library
// names formats, have a decimal comma.
func DecimalComma(f string) bool {
	return styleOf(f).point == ','
}

// appendStyled appends d, with places decimal places, in style s: as in
// 1 234 567.50.
func appendStyled(b []byte, d decimal.Decimal, places int32, s numberStyle) []byte {
	var buf [32]byte
	plain := exact.AppendFixed(buf[:0], d, places)
	digits := plain
	if len(digits) > 0 && digits[0] == '-' {
		b, digits = append(b, '-'), digits[1:]
	}
	whole := len(digits)
	if i := bytes.IndexByte(digits, '.'); i >= 0 {
		whole = i
	}
	for i := range whole {
		if i > 0 && (whole-i)%3 == 0 {
			b = append(b, s.group...)
		}
		b = append(b, digits[i])
	}
	if whole < len(digits) {
		b = append(append(b, s.point), digits[whole+1:]...)
	}
	return b
}

// A Numbers writes the numbers of a plan in a style: amounts with the
// places of the plan's step, revenues with their own, and percentages with
// one decimal place.
type Numbers struct {
	style  numberStyle
	places int32
}

// NewNumbers returns the format of the numbers of plans in step for an
// input in the number format f.
func NewNumbers(f string, step decimal.Decimal) Numbers {
	return Numbers{style: styleOf(f), places: max(-step.Exponent(), 0)}
}

// Amount writes an amount, with the places of the step.
func (n Numbers) Amount(d decimal.Decimal) string {
	return string(n.AppendAmount(nil, d))
}

// AppendAmount appends an amount, as Amount writes it.
func (n Numbers) AppendAmount(b []byte, d decimal.Decimal) []byte {
	return appendStyled(b, d, n.places, n.style)
}

// Revenue writes a revenue, with its own places.
func (n Numbers) Revenue(d decimal.Decimal) string {
	return string(n.AppendRevenue(nil, d))
}

// AppendRevenue appends a revenue, as Revenue writes it.
func (n Numbers) AppendRevenue(b []byte, d decimal.Decimal) []byte {
	return appendStyled(b, d, max(-d.Exponent(), 0), n.style)
}

// Percent writes a share as a percentage with one place, as in 35.0%.
func (n Numbers) Percent(share decimal.Decimal) string {
	var buf [24]byte
	return string(n.AppendPercent(buf[:0], share))
}

// AppendPercent appends a share, as Percent writes it.
func (n Numbers) AppendPercent(b []byte, share decimal.Decimal) []byte {
	return n.point(AppendPercent(b, share), len(b))
}

// point gives the number appended to b after from the decimal mark of n.
func (n Numbers) point(b []byte, from int) []byte {
	if i := bytes.IndexByte(b[from:], '.'); i >= 0 {
		b[from+i] = n.style.point
	}
	return b
}

// WriteTable writes rows of cells in columns two spaces apart, each as wide
// as its widest cell, in characters; the cells of columns whose right is
// set are aligned to the right. The last cell of a row is not padded.
func WriteTable(w *bufio.Writer, rows [][]string, right []bool) {
	var widths []int
	var r Row
	for _, cells := range rows {
		widths = r.Set(cells...).Widen(widths)
	}
	for _, cells := range rows {
		WriteRow(w, r.Set(cells...), widths, right)
	}
}

// A Row holds the cells of a row of a table end to end in one buffer, so
// that a long table makes no string per cell.
type Row struct {
	B    []byte
	ends []int // where each cell ends in b
}

// Reset empties r for the next row.
func (r *Row) Reset() {
	r.B, r.ends = r.B[:0], r.ends[:0]
}

// End ends the cell appended to r.B since the last.
func (r *Row) End() {
	r.ends = append(r.ends, len(r.B))
}

// Add appends the cells.
func (r *Row) Add(cells ...string) {
	for _, c := range cells {
		r.B = append(r.B, c...)
		r.End()
	}
}

// Set sets r to the cells and returns it.
func (r *Row) Set(cells ...string) *Row {
	r.Reset()
	r.Add(cells...)
	return r
}

// Split sets r to the cells of s, which tabs separate, and returns it.
func (r *Row) Split(s []byte) *Row {
	r.Reset()
	for {
		i := bytes.IndexByte(s, '\t')
		if i < 0 {
			r.B = append(r.B, s...)
			r.End()
			return r
		}
		r.B = append(r.B, s[:i]...)
		r.End()
		s = s[i+1:]
	}
}

// cell returns the i-th cell.
func (r *Row) cell(i int) []byte {
	start := 0
	if i > 0 {
		start = r.ends[i-1]
	}
	return r.B[start:r.ends[i]]
}

// Widen returns widths, longer and wider where the cells of r need it.
func (r *Row) Widen(widths []int) []int {
	for i := range r.ends {
		if i == len(widths) {
			widths = append(widths, 0)
		}
		widths[i] = max(widths[i], Width(r.cell(i)))
	}
	return widths
}

// writeSpaces writes n spaces to w.
func writeSpaces(w *bufio.Writer, n int) {
	const spaces = "                                "
	for ; n > len(spaces); n -= len(spaces) {
		_, _ = w.WriteString(spaces)
	}
	_, _ = w.WriteString(spaces[:max(n, 0)])
}

// WriteRow writes one row of a table laid out in widths.
func WriteRow(w *bufio.Writer, r *Row, widths []int, right []bool) {
	last := len(r.ends) - 1
	for last > 0 && len(r.cell(last)) == 0 && (last >= len(right) || !right[last]) {
		last--
	}
	for i := range last + 1 {
		c := r.cell(i)
		pad := widths[i] - Width(c)
		if i < len(right) && right[i] {
			writeSpaces(w, pad)
			_, _ = w.Write(c)
		} else {
			_, _ = w.Write(c)
			if i < last {
				writeSpaces(w, pad)
			}
		}
		if i < last {
			_, _ = w.WriteString("  ")
		}
	}
	_ = w.WriteByte('\n')
}

// A Cumulative adds up shares, which have at most SharePlaces places, in
// an integer: a decimal addition for each line of a long table allocates.
type Cumulative struct {
	units int64           // of 10^-SharePlaces
	rest  decimal.Decimal // shares that do not fit units, which the library never makes
}

// Add adds a share.
func (c *Cumulative) Add(share decimal.Decimal) {
	if e := share.Exponent(); e <= 0 && e >= -sharePlaces && share.NumDigits() <= 13 {
		c.units += share.CoefficientInt64() * pow10[e+sharePlaces]
		return
	}
	c.rest = c.rest.Add(share)
}

// Value returns the sum.
func (c *Cumulative) Value() decimal.Decimal {
	return decimal.New(c.units, -sharePlaces).Add(c.rest)
}

// AppendPercent appends the sum as num writes percentages.
func (c *Cumulative) AppendPercent(b []byte, num Numbers) []byte {
	if c.rest.IsZero() {
		return num.point(appendPercentOf(b, c.units, -sharePlaces), len(b))
	}
	return num.AppendPercent(b, c.Value())
}

// pow10 holds 10^0 to 10^18.
var pow10 = func() (p [19]int64) {
	p[0] = 1
	for i := 1; i < len(p); i++ {
		p[i] = p[i-1] * 10
	}
	return p
}()

// AppendPercent appends a share, in [0, 1], as a percentage with one
// decimal place, rounded half to even, as in 35.0%.
func AppendPercent(b []byte, share decimal.Decimal) []byte {
	e := share.Exponent()
	if e > 0 || e < -18 || share.NumDigits() > 15 {
		return append(append(b, share.Shift(2).StringFixedBank(1)...), '%')
	}
	return appendPercentOf(b, share.CoefficientInt64(), e)
}

// appendPercentOf appends the share c x 10^e, with -18 <= e <= 0 and c of
// at most 15 digits, as appendPercent does.
func appendPercentOf(b []byte, c int64, e int32) []byte {
	var tenths int64 // of a percent: share x 1000
	if e >= -3 {
		tenths = c * pow10[e+3]
	} else {
		d := pow10[-(e + 3)]
		q, r := c/d, c%d
		if 2*r > d || 2*r == d && q%2 == 1 {
			q++
		}
		tenths = q
	}
	b = strconv.AppendInt(b, tenths/10, 10)
	return append(b, '.', byte('0'+tenths%10), '%')
}

// Percent returns a share as AppendPercent writes it.
func Percent(share decimal.Decimal) string {
	return string(AppendPercent(nil, share))
}

// barWidth is the width in characters of a bar for a share of 1.
const barWidth = 20

// BarParts are the characters of a bar's last eighths.
var BarParts = [8]string{"", "▏", "▎", "▍", "▌", "▋", "▊", "▉"}

// Bar draws a share as a bar of block characters, in eighths of a
// character, barWidth characters for a share of 1.
func Bar(share decimal.Decimal) string {
	return string(AppendBar(nil, share))
}

// AppendBar appends the bar of a share, as Bar draws it.
func AppendBar(b []byte, share decimal.Decimal) []byte {
	n := eighths(share)
	for range n / 8 {
		b = append(b, "█"...)
	}
	return append(b, BarParts[n%8]...)
}

// eighths returns a share, in [0, 1], in eighths of a character of a bar,
// rounded half away from zero.
func eighths(share decimal.Decimal) int {
	e := share.Exponent()
	if e > 0 || e < -18 || share.NumDigits() > 15 {
		return int(share.Mul(decimal.New(8*barWidth, 0)).Round(0).IntPart())
	}
	x := share.CoefficientInt64() * 8 * barWidth
	if e == 0 {
		return int(x)
	}
	d := pow10[-e]
	q, r := x/d, x%d
	if 2*r >= d {
		q++
	}
	return int(q)
}

// Shown returns s for a terminal: each control character, line break or
// character that reorders text as an escape such as \x1b or \u202e, so that
// nothing in a name can move the cursor, recolour the terminal or shift
// the table.
func Shown(s string) string {
	ascii := true // and printable, the common case, without decoding
	for i := 0; i < len(s) && ascii; i++ {
		ascii = s[i] >= ' ' && s[i] < 0x7f
	}
	if ascii || !strings.ContainsFunc(s, unsafeRune) {
		return s
	}
	var b strings.Builder
	for _, r := range s {
		switch {
		case !unsafeRune(r):
			b.WriteRune(r)
		case r < 0x100:
			fmt.Fprintf(&b, "\\x%02x", r)
		default:
			fmt.Fprintf(&b, "\\u%04x", r)
		}
	}
	return b.String()
}

func unsafeRune(r rune) bool {
	return unicode.IsControl(r) || unicode.In(r, unicode.Zl, unicode.Zp, unicode.Bidi_Control) || r == utf8.RuneError
}

// Width returns the columns s takes in a terminal: two for each
// character that East Asian scripts write wide, such as 東 or Ｔ, and one
// for any other.
func Width[S string | []byte](s S) int {
	n := 0
	for _, r := range string(s) {
		n++
		if r >= 0x1100 {
			switch width.LookupRune(r).Kind() {
			case width.EastAsianWide, width.EastAsianFullwidth:
				n++
			}
		}
	}
	return n
}
