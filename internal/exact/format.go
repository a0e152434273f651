package exact

import (
	"strconv"

	"github.com/shopspring/decimal"
)

// AppendFixed appends d with places decimal places, as d.StringFixed(places)
// writes it, whatever the decimal package's global settings say. Where d
// fits an int64, as nearly every amount and share does, it writes the
// integer itself: StringFixed allocates twice a value (BenchmarkAppendFixed).
func AppendFixed(b []byte, d decimal.Decimal, places int32) []byte {
	e := d.Exponent()
	if e > 0 || -e > places || places > 18 || d.NumDigits()+int(places+e) > 18 {
		return append(b, d.StringFixed(places)...)
	}
	c := d.CoefficientInt64() * int64(pow10s[places+e]) // the value in units of 10^-places
	if c < 0 {
		b, c = append(b, '-'), -c
	}
	start := len(b)
	b = strconv.AppendInt(b, c, 10)
	if places == 0 {
		return b
	}
	// Zeros before the digits up to one before the point, then the point.
	for len(b)-start <= int(places) {
		b = append(b, 0)
		copy(b[start+1:], b[start:])
		b[start] = '0'
	}
	b = append(b, 0)
	point := len(b) - 1 - int(places)
	copy(b[point+1:], b[point:])
	b[point] = '.'
	return b
}
