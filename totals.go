package salestime

import (
	"math/big"
	"strings"
	"unicode/utf8"

	"github.com/salestime/salestime/internal/exact"
)

// Reports and spreadsheets often carry rows of totals: "Total" or "Grand
// Total" under the rows, "Gesamtergebnis" under a German pivot table, or
// "Acme Total" under the rows of Acme where Excel adds subtotals. Read as a
// customer, such a row is the largest one and doubles the total revenue:
// every share would be wrong and nothing would say so. The reader refuses
// a row as a total where its name says so and its revenue, above zero, is
// exactly the sum of the rows it would add up: the other rows of its owner,
// or of the file, or, for a name such as "Acme Total", the rows of Acme.
// Neither is enough alone: a customer may be called Total, and one
// customer may bring as much as all the others together.

// totalNames are the names, in lower case, that report tools and
// spreadsheets in the languages of the code pages the reader knows write
// on a row of totals.
var totalNames = map[string]bool{
	"total": true, "totals": true, "grand total": true, "grand totals": true, "subtotal": true,
	"sub-total": true, "sum": true, "overall total": true,
	"gesamt": true, "summe": true, "gesamtsumme": true, "gesamtergebnis": true, "ergebnis": true,
	"endsumme": true, "zwischensumme": true, "insgesamt": true,
	"total général": true, "sous-total": true, "somme": true,
	"total general": true, "suma": true, "suma total": true,
	"totale": true, "totale complessivo": true, "subtotale": true,
	"totaal": true, "eindtotaal": true, "subtotaal": true, "total geral": true,
	"totalt": true, "summa": true, "totalsumma": true, "i alt": true,
	"razem": true, "suma końcowa": true, "celkem": true, "celkový součet": true,
	"összesen": true, "végösszeg": true,
}

// subtotalWords are the words that spreadsheets write after (English,
// German, Dutch, Polish) or before (French, Spanish, Italian) the name of
// the rows a subtotal adds up: "Acme Total", "Acme Ergebnis", "Total Acme".
var subtotalWords = struct{ after, before []string }{
	after:  []string{"total", "ergebnis", "totaal", "suma"},
	before: []string{"total", "totale"},
}

// totalName reports whether name is that of a row of totals, and for a
// subtotal the name of the rows it adds up, else "". A name is taken as it
// is written, less a count in brackets ("Grand Totals (25 records)") and a
// colon at its end. It is cheap enough for every row: most names fail
// totalStart at once.
func totalName(name string) (of string, ok bool) {
	if strings.HasSuffix(name, ")") {
		if i := strings.LastIndexByte(name, '('); i > 0 {
			name = strings.TrimSpace(name[:i])
		}
	}
	name = strings.TrimSuffix(name, ":")
	i := strings.LastIndexByte(name, ' ')
	first, last := totalStart(name), i > 0 && totalStart(name[i+1:])
	if first && isTotal(name) {
		return "", true
	}
	if last {
		for _, w := range subtotalWords.after {
			if strings.EqualFold(name[i+1:], w) {
				return strings.TrimSpace(name[:i]), true
			}
		}
	}
	if i := strings.IndexByte(name, ' '); first && i > 0 {
		for _, w := range subtotalWords.before {
			if strings.EqualFold(name[:i], w) {
				return strings.TrimSpace(name[i+1:]), true
			}
		}
	}
	return "", false
}

// isTotal reports whether name, in lower case, is one of totalNames.
func isTotal(name string) bool {
	if len(name) > 24 {
		return false
	}
	var buf [24]byte
	b := buf[:0]
	for i := range len(name) {
		c := name[i]
		if c >= utf8.RuneSelf {
			return totalNames[strings.ToLower(name)]
		}
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		b = append(b, c)
	}
	return totalNames[string(b)]
}

// totalStart reports whether s begins, in any case, with the first three
// letters of a name of totalNames or a word of subtotalWords, or with a
// letter that is not ASCII.
func totalStart(s string) bool {
	if len(s) < 3 {
		return false
	}
	if s[0] >= utf8.RuneSelf || s[0]|0x20 == 'v' && s[1] >= utf8.RuneSelf { // "összesen", "végösszeg"
		return true
	}
	switch string([]byte{s[0] | 0x20, s[1] | 0x20, s[2] | 0x20}) { // | 0x20 lowers ASCII letters only
	case "tot", "gra", "sub", "sum", "ove", "ges", "erg", "end", "zwi", "ins", "sou", "som", "ein", "i a", "raz", "cel":
		return true
	}
	return false
}

// A totalRow is a row whose name is that of a row of totals.
type totalRow struct {
	row int    // in the store
	of  string // for a subtotal, the name of the rows it adds up
}

// findTotals refuses the rows of totals among the rows of the store,
// given the rows whose names are those of totals and the column of names,
// counted from 1, among headers. Subtotals are found first, then the
// totals of an owner's rows, then those of the file, each sum without the
// rows found to be totals before it. The sums are added up in units of
// the least exponent of the rows, in place: a decimal for each row of a
// long export cost it a fifth of its time.
func (st *accountStore) findTotals(t *table, nameCol int, headers []string, candidates []totalRow) (found []bool) {
	if len(candidates) == 0 {
		return nil
	}
	exp := int32(0)
	for i := range st.rows.len() {
		if row := st.rows.at(i); row.flags&rowBig != 0 {
			exp = min(exp, st.big[i].Exponent())
		} else {
			exp = min(exp, int32(row.pointExp))
		}
	}
	// unit sets z to the revenue of the i-th row in units and returns it.
	unit := func(z *big.Int, i int) *big.Int {
		row := st.rows.at(i)
		if row.flags&rowBig != 0 {
			return z.Set(exact.Scaled(st.big[i], exp))
		}
		return exact.Shifted(z.SetInt64(row.coef), int64(row.pointExp)-int64(exp))
	}
	groups := map[int32]*big.Int{}               // the sum of the rows of each group that has a candidate
	subtotals := map[int32]map[string]*big.Int{} // by group: the sum of the rows of each name a subtotal names
	for _, c := range candidates {
		g := st.rows.at(c.row).group
		groups[g] = new(big.Int)
		if c.of != "" {
			if subtotals[g] == nil {
				subtotals[g] = map[string]*big.Int{}
			}
			subtotals[g][c.of] = new(big.Int)
		}
	}
	file := new(big.Int)
	var z big.Int
	for i := range st.rows.len() {
		row := st.rows.at(i)
		u := unit(&z, i)
		file.Add(file, u)
		if s, ok := groups[row.group]; ok {
			s.Add(s, u)
		}
		if s, ok := subtotals[row.group][st.name(row.name)]; ok {
			s.Add(s, u)
		}
	}
	found = make([]bool, len(candidates))
	// isSum reports whether the revenue of the k-th candidate is above zero
	// and the rest of sum, which holds it unless holds is false.
	isSum := func(k int, sum *big.Int, holds bool) bool {
		u := unit(&z, candidates[k].row)
		if found[k] || u.Sign() <= 0 {
			return false
		}
		if holds {
			return new(big.Int).Sub(sum, u).Cmp(u) == 0
		}
		return sum.Cmp(u) == 0
	}
	refuse := func(k int, what string) {
		row := st.rows.at(candidates[k].row)
		u := unit(&z, candidates[k].row)
		groups[row.group].Sub(groups[row.group], u)
		file.Sub(file, u)
		found[k] = true
		t.fail(t.rowError(int(row.line), nameCol, headers, st.name(row.name), ErrInvalidCustomer,
			totalRowText, "revenue", formatDecimal(st.revenue(candidates[k].row)), what, "customer"))
	}
	for k, c := range candidates {
		if s, ok := subtotals[st.rows.at(c.row).group][c.of]; ok && c.of != "" && isSum(k, s, false) {
			refuse(k, "of the rows of "+quoteText(c.of))
		}
	}
	if len(st.groups) > 1 {
		for k, c := range candidates {
			if isSum(k, groups[st.rows.at(c.row).group], true) {
				refuse(k, "of the other rows of its owner")
			}
		}
	}
	for k := range candidates {
		if isSum(k, file, true) {
			refuse(k, "of the other rows")
		}
	}
	return found
}

// totalRowText is the error of a row of totals: its amount's kind and
// value, the rows it adds up, and what it would be were it not a total.
const totalRowText = "the row looks like a row of totals: its %s %s is the sum %s; remove it, or rename the %s if it is one"
