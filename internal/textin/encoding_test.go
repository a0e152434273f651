package textin

import (
	"slices"
	"strings"
	"testing"

	"golang.org/x/text/encoding/htmlindex"
)

func TestFindEncoding(t *testing.T) {
	tests := []struct {
		name  string
		want  string // the web's name of the code page, "" for none
		ascii bool
	}{
		{"windows-1252", "windows-1252", false},
		{"cp1250", "windows-1250", false},
		{"CP932", "shift_jis", false},
		{"ms932", "shift_jis", false},
		{"windows-31j", "shift_jis", false},
		{"cp936", "gbk", false},
		{"cp949", "euc-kr", false},
		{"cp950", "big5", false},
		{"utf-8", "", false},
		{"UTF8", "", false},
		{"unicode-1-1-utf-8", "", false},
		{"ascii", "", true},
		{"US-ASCII", "", true},
		{"ANSI_X3.4-1968", "", true},
	}
	for _, tt := range tests {
		e, err := Find(tt.name)
		if err != nil {
			t.Errorf("Find(%q) = %v", tt.name, err)
			continue
		}
		got := ""
		if e.code != nil {
			got, _ = htmlindex.Name(e.code)
		}
		if got != tt.want || e.ascii != tt.ascii {
			t.Errorf("Find(%q) = %q, ascii %v; want %q, ascii %v", tt.name, got, e.ascii, tt.want, tt.ascii)
		}
	}
	if _, err := Find("klingon"); err == nil {
		t.Error("Find(klingon) = nil error")
	}
}

// The hint names the code page a file was written in, among the first it
// names, from its bytes.
func TestSuggestCodePages(t *testing.T) {
	tests := []struct {
		code, text string
	}{
		{"windows-1252", "Kunde;Umsatz\nMüller Stahl GmbH;182.000,00 €\nWeiß & Söhne KG;94.000,00 €\n"},
		{"windows-1250", "Klient;Przychód\nZakład Łódź;182 000,00 zł\nŻabka Sp. z o.o.;49 999,99 zł\n"},
		{"windows-1251", "Имя;Выручка\nПродажи Москва;1 000,00\n"},
		{"shift_jis", "顧客名,売上\n株式会社サクラ,1000\n東京商事,2000\n"},
		{"windows-1253", "Πελάτης;Έσοδα\nΑθήνα Α.Ε.;1.000,00\n"},
		{"gbk", "客户,收入\n北京贸易公司,1000\n"},
		{"windows-1254", "Müşteri;Gelir\nİstanbul Ticaret Şirketi;1.000,00\n"},
	}
	for _, tt := range tests {
		e, err := htmlindex.Get(tt.code)
		if err != nil {
			t.Fatal(err)
		}
		data, err := e.NewEncoder().Bytes([]byte(tt.text))
		if err != nil {
			t.Fatal(err)
		}
		got := Suggest(data)
		if !slices.ContainsFunc(got, func(s string) bool { return strings.HasPrefix(s, tt.code+" (") }) {
			t.Errorf("Suggest(%s text) = %q, want it among them", tt.code, got)
		}
	}
	if got := Suggest([]byte("name,revenue\nAcme,1\n")); got != nil {
		t.Errorf("Suggest(ASCII) = %q, want none", got)
	}
}
