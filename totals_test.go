package salestime

import (
	"strings"
	"testing"
)

// Every name of totals is one that totalName knows, in any case, with a
// colon or a count after it; the words of subtotals make subtotals of any
// name; and the quick test lets all of them through.
func TestTotalNames(t *testing.T) {
	for name := range totalNames {
		rs := []rune(name)
		capital := strings.ToUpper(string(rs[:1])) + string(rs[1:])
		for _, written := range []string{name, strings.ToUpper(name), capital + ":", name + " (12 records)"} {
			if of, ok := totalName(written); !ok || of != "" {
				t.Errorf("totalName(%q) = %q, %t, want a total", written, of, ok)
			}
		}
	}
	for _, w := range subtotalWords.after {
		if of, ok := totalName("Acme GmbH " + strings.ToUpper(w)); !ok || of != "Acme GmbH" {
			t.Errorf("totalName(Acme GmbH %s) = %q, %t, want a subtotal of Acme GmbH", w, of, ok)
		}
	}
	for _, w := range subtotalWords.before {
		if of, ok := totalName(w + " Acme GmbH"); !ok || of != "Acme GmbH" {
			t.Errorf("totalName(%s Acme GmbH) = %q, %t, want a subtotal of Acme GmbH", w, of, ok)
		}
	}
	for _, name := range []string{"Acme", "Totality Inc", "Summit", "Müller", "Stadtwerke Total Energies", "Insurance Group", "Tot", "ab"} {
		if of, ok := totalName(name); ok {
			t.Errorf("totalName(%q) = %q, true, want no total", name, of)
		}
	}
}
