package salestime

import (
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
)

// naiveFits is fitFormats as the formats are defined: the runs of digits
// and the marks between them, checked format by format.
func naiveFits(s string) formatSet {
	var runs []int
	var marks []rune
	run := 0
	for _, r := range s {
		if r >= '0' && r <= '9' {
			run++
			continue
		}
		if run == 0 {
			return 0
		}
		runs, marks, run = append(runs, run), append(marks, r), 0
	}
	if run == 0 {
		return 0
	}
	runs = append(runs, run)
	groups := map[byte]string{0: "", ',': ",", '.': ".", ' ': " \u00a0\u202f", '\'': "'\u2019"}
	var fits formatSet
	for i, f := range numberFormats {
		var g string
		switch f.name {
		case "1,234.56":
			g = groups[',']
		case "1.234,56":
			g = groups['.']
		case "1 234,56", "1 234.56":
			g = groups[' ']
		case "1'234.56":
			g = groups['\'']
		}
		groupMarks := len(marks)
		if groupMarks > 0 && marks[groupMarks-1] == rune(f.point) {
			groupMarks--
		}
		ok := !slices.ContainsFunc(marks[:groupMarks], func(m rune) bool { return !strings.ContainsRune(g, m) })
		for j := range groupMarks {
			ok = ok && runs[j+1] == 3
		}
		if ok && (groupMarks == 0 || runs[0] <= 3) {
			fits |= 1 << i
		}
	}
	return fits
}

// fitFormats, which gathers what the formats need in one pass, agrees with
// the formats checked one by one.
func TestFitFormats(t *testing.T) {
	r := rand.New(rand.NewPCG(5, 6))
	alphabet := []rune("0123456789012345678901234567890123456789.,  '\u2019\u00a0\u202fx")
	for range 200_000 {
		b := make([]rune, 1+r.IntN(14))
		for i := range b {
			b[i] = alphabet[r.IntN(len(alphabet))]
		}
		s := string(b)
		if got, _ := fitFormats(s); got != naiveFits(s) {
			t.Fatalf("fitFormats(%q) = %07b, want %07b", s, got, naiveFits(s))
		}
	}
}

func TestScientific(t *testing.T) {
	for s, want := range map[string]bool{
		"1.23457E+11": true, "1,5e3": true, "-2E-05": true, "7E10": true,
		"E5": false, "1.2.3E4": false, "1E": false, "1E+": false, "abcE5": false, "1.5": false, "Eon": false, "1E5x": false,
	} {
		if got := scientific(s); got != want {
			t.Errorf("scientific(%q) = %t, want %t", s, got, want)
		}
	}
}
