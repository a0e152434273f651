package salestime_test

import (
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"strings"
	"testing"
	"testing/iotest"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"github.com/shopspring/decimal"

	"github.com/salestime/salestime"
)

// readAccountsTests are inputs ReadAccountsCSV reads; FuzzReadAccountsCSV
// starts from them too.
var readAccountsTests = []struct {
	name     string
	in       string
	opts     salestime.ReadOptions
	want     []group
	owners   bool
	currency string
	numbers  string
}{
	{
		name: "deals export with columns and sums",
		in: "\"Opportunity Owner\",\"Account Name\",\"Opportunity Name\",\"Amount\",\"Close Date\"\n" +
			"\"Anna\",\"Acme\",\"Renewal\",\"$1,250.00\",\"2026-03-01\"\n" +
			"\"Anna\",\"Acme\",\"Upsell\",\"$750.50\",\"2026-05-01\"\n" +
			"\"Bob\",\"Acme\",\"Pilot\",\"$100.00\",\"2026-05-01\"\n" +
			"\"Anna\",\"Beta\",\"New\",\"$3,000.00\",\"2026-06-01\"\n",
		opts: salestime.ReadOptions{
			Columns: map[string]string{"name": "account name", "revenue": " AMOUNT ", "owner": "Opportunity Owner"},
			Sum:     true,
		},
		want: []group{
			{"Anna", []salestime.Customer{c("Beta", "3000.00"), c("Acme", "2000.50")}},
			{"Bob", []salestime.Customer{c("Acme", "100.00")}},
		},
		owners: true, currency: "$", numbers: "1,234.56",
	},
	{
		name:    "sums of new and key",
		in:      "name,revenue,new,key\nA,1,,x\nA,2,WAHR,\nB,3,FAŁSZ,\n",
		opts:    salestime.ReadOptions{Sum: true, Columns: map[string]string{"key": "key"}},
		want:    []group{{"", []salestime.Customer{{Name: "A", Revenue: d("3"), New: true, Key: true}, c("B", "3")}}},
		numbers: "",
	},
	{
		name:    "German Excel",
		in:      "\ufeffName;Umsatz;Neu\r\nKowalski Bau;182.000,00 €;FALSCH\r\nMüller Stahl;126.500,00 €;WAHR\r\n",
		opts:    salestime.ReadOptions{Columns: map[string]string{"revenue": "Umsatz", "new": "Neu"}},
		want:    []group{{"", []salestime.Customer{c("Kowalski Bau", "182000.00"), nc("Müller Stahl", "126500.00")}}},
		numbers: "1.234,56", currency: "EUR",
	},
	{
		name:    "format given",
		in:      "Name;Revenue\nKowalski Bau;182000\nMüller Stahl;126.500\n",
		opts:    salestime.ReadOptions{Numbers: "1.234,56"},
		want:    []group{{"", []salestime.Customer{c("Kowalski Bau", "182000"), c("Müller Stahl", "126500")}}},
		numbers: "1.234,56",
	},
	{
		name:    "point format given",
		in:      "Name\tRevenue\nAcme\t1.250\n",
		opts:    salestime.ReadOptions{Numbers: "1234.56"},
		want:    []group{{"", []salestime.Customer{c("Acme", "1.250")}}},
		numbers: "1234.56",
	},
	{
		name:     "currency column and codes",
		in:       "name;revenue;currency\nA;1 234,00 zł;PLN\nB;PLN 12,50;\nC;7;pln\n",
		want:     []group{{"", []salestime.Customer{c("A", "1234.00"), c("B", "12.50"), c("C", "7")}}},
		currency: "PLN", numbers: "1 234,56",
	},
	{
		name:     "codes after the number",
		in:       "name;revenue\nA;1 234,00 EUR\nB;12EUR\nC;eur 5\n",
		want:     []group{{"", []salestime.Customer{c("A", "1234.00"), c("B", "12"), c("C", "5")}}},
		currency: "EUR", numbers: "1 234,56",
	},
	{
		name:     "a shared sign and a code",
		in:       "name,revenue,currency\nA,$5,CAD\nB,3 $,\n",
		want:     []group{{"", []salestime.Customer{c("A", "5"), c("B", "3")}}},
		currency: "CAD",
	},
	{
		name: "Excel booleans",
		in: "name,revenue,new\nA,1,VRAI\nB,2,verdadero\nC,3,Vero\nD,4,waar\nE,5,VERDADEIRO\nF,6,✓\nG,7,prawda\n" +
			"H,8,faux\nI,9,falso\nJ,10,onwaar\nK,11,no\n",
		want: []group{{"", []salestime.Customer{
			c("K", "11"), c("J", "10"), c("I", "9"), c("H", "8"),
			nc("G", "7"), nc("F", "6"), nc("E", "5"), nc("D", "4"), nc("C", "3"), nc("B", "2"), nc("A", "1"),
		}}},
	},
	{
		name: "marked key required and present",
		in:   "name,revenue,key\nA,1,yes\n",
		opts: salestime.ReadOptions{Require: []string{"key"}},
		want: []group{{"", []salestime.Customer{{Name: "A", Revenue: d("1"), Key: true}}}},
	},
	{
		name: "no rows",
		in:   "name,revenue\n",
		want: []group{{"", nil}},
	},
	{
		name:   "no rows with owners",
		in:     "owner,name,revenue\n",
		owners: true,
	},
	{
		// Rows of totals are refused only where both the name and the sum
		// say so: here one or the other does not.
		name: "names and sums that are not totals",
		in: "name,revenue\nTotal,300\nTotal Energies Marketing GmbH,100\nAcme,200\nAcme Total,150\nSum,0\n" +
			"Beta,50\nGamma,50\n",
		want: []group{{"", []salestime.Customer{c("Total", "300"), c("Acme", "200"), c("Acme Total", "150"),
			c("Total Energies Marketing GmbH", "100"), c("Beta", "50"), c("Gamma", "50"), c("Sum", "0")}}},
	},
	{
		name:     "accounting zeros",
		in:       "name,revenue\nAcme,\"$ 1,250.00 \"\nBeta,\" $ -   \"\n",
		want:     []group{{"", []salestime.Customer{c("Acme", "1250.00"), c("Beta", "0")}}},
		currency: "$", numbers: "1,234.56",
	},
	{
		name:     "accounting zeros after the sign",
		in:       "name;revenue\nAcme;1.250,00 €\nBeta;- €\n",
		want:     []group{{"", []salestime.Customer{c("Acme", "1250.00"), c("Beta", "0")}}},
		currency: "EUR", numbers: "1.234,56",
	},
	{
		name: "credit notes added up",
		in:   "name,amount\nAcme,1000\nAcme,(200.00)\nBeta,-40\nBeta,50\nGamma,-0\n",
		opts: salestime.ReadOptions{Columns: map[string]string{"revenue": "amount"}, Sum: true},
		want: []group{{"", []salestime.Customer{c("Acme", "800.00"), c("Beta", "10"), c("Gamma", "0")}}}, numbers: "1234.56",
	},
	{
		name: "a total of nothing",
		in:   "name,revenue\nA,0\nTotal,0\n",
		want: []group{{"", []salestime.Customer{c("A", "0"), c("Total", "0")}}},
	},
	{
		name: "a report grouped by owner, filled down",
		in:   "Account Owner,Account Name,Amount\nAnn,Acme,10\n,Beta,20\n,Gamma,5\nBob,Delta,7\n,Epsilon,1\n",
		opts: salestime.ReadOptions{Columns: map[string]string{"owner": "Account Owner", "name": "Account Name", "revenue": "Amount"},
			FillDown: []string{"owner"}},
		want: []group{
			{"Ann", []salestime.Customer{c("Beta", "20"), c("Acme", "10"), c("Gamma", "5")}},
			{"Bob", []salestime.Customer{c("Delta", "7"), c("Epsilon", "1")}},
		},
		owners: true,
	},
	{
		name: "deals grouped by account, filled down and added up",
		in:   "owner,name,revenue\nAnn,Acme,10\nAnn,,20\nAnn,Beta,5\nBob,Acme,1\n",
		opts: salestime.ReadOptions{FillDown: []string{" Name "}, Sum: true},
		want: []group{
			{"Ann", []salestime.Customer{c("Acme", "30"), c("Beta", "5")}},
			{"Bob", []salestime.Customer{c("Acme", "1")}},
		},
		owners: true,
	},
	{
		name:   "no owner at all",
		in:     "owner,name,revenue\n,Acme,10\n,Beta,20\n",
		want:   []group{{"", []salestime.Customer{c("Beta", "20"), c("Acme", "10")}}},
		owners: true,
	},
	{
		name: "owners in currencies of their own",
		in:   "owner,name,revenue\nAnn,Acme,$10\nBerta,Beta,20 €\nAnn,Gamma,USD 5\n",
		want: []group{
			{"Ann", []salestime.Customer{c("Acme", "10"), c("Gamma", "5")}},
			{"Berta", []salestime.Customer{c("Beta", "20")}},
		},
		owners: true, currency: "",
	},
	{
		name: "UTF-16 big-endian, tabs",
		in:   "\xfe\xff\x00n\x00a\x00m\x00e\x00\t\x00r\x00e\x00v\x00e\x00n\x00u\x00e\x00\n\x00\xfc\x00\t\x002\x00,\x005\x00\n",
		want: []group{{"", []salestime.Customer{c("ü", "2.5")}}}, numbers: "1234,56",
	},
}

func TestReadAccountsCSV(t *testing.T) {
	tests := readAccountsTests
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			acc, err := salestime.ReadAccounts(salestime.CSVRows(strings.NewReader(tt.in)), tt.opts)
			if err != nil {
				t.Fatalf("ReadAccountsCSV() returned error %v", err)
			}
			if diff := cmp.Diff(tt.want, groupsOf(t, acc), cmpopts.EquateEmpty(), exactDecimals); diff != "" {
				t.Errorf("ReadAccountsCSV() mismatch (-want +got):\n%s", diff)
			}
			if acc.Owners != tt.owners || acc.Currency != tt.currency || acc.Numbers != tt.numbers {
				t.Errorf("ReadAccountsCSV() = owners %t, currency %q, numbers %q; want %t, %q, %q",
					acc.Owners, acc.Currency, acc.Numbers, tt.owners, tt.currency, tt.numbers)
			}
		})
	}
}

// readAccountsErrorTests are inputs ReadAccountsCSV refuses.
var readAccountsErrorTests = []struct {
	name    string
	in      string
	opts    salestime.ReadOptions
	want    error
	message string
}{
	{"unknown field", "name,revenue\n", salestime.ReadOptions{Columns: map[string]string{"turnover": "x"}},
		salestime.ErrInvalidOption, `"turnover" is not a field`},
	{"blank header", "name,revenue\n", salestime.ReadOptions{Columns: map[string]string{"name": " "}},
		salestime.ErrInvalidOption, "blank header"},
	{"one column for two fields", "name,revenue\n", salestime.ReadOptions{Columns: map[string]string{"owner": "Name"}},
		salestime.ErrInvalidOption, `name and owner are both read from the column "name"`},
	{"unknown required field", "name,revenue\n", salestime.ReadOptions{Require: []string{"keys"}},
		salestime.ErrInvalidOption, `"keys" is not a field`},
	{"unknown number format", "name,revenue\n", salestime.ReadOptions{Numbers: "1_234.56"},
		salestime.ErrInvalidOption, `"1_234.56"`},
	{"key required", "name,revenue\nA,1\n", salestime.ReadOptions{File: "a.csv", Require: []string{"key"}},
		salestime.ErrInvalidCSV, `salestime: a.csv, line 1: no column "key" for the key; the header has "name", "revenue"`},
	{"mapped column missing", "name,revenue\nA,1\n", salestime.ReadOptions{Columns: map[string]string{"owner": "Owner Name"}},
		salestime.ErrInvalidCSV, `no column "owner name" for the owner`},
	{"Salesforce report without mapping", "\"Account Name\",\"Amount\",\"Description\"\n\"Acme\",\"1\",\"say \"\"hi\"\"; now\"\n",
		salestime.ReadOptions{}, salestime.ErrInvalidCSV,
		`no column "name" for the name, "revenue" for the revenue; the header has "Account Name", "Amount", "Description"`},
	{"value against the given format", "name;revenue\nA;1,5\n", salestime.ReadOptions{Numbers: "1,234.56"},
		salestime.ErrInvalidRevenue, `revenue "1,5" is not a number in the format 1,234.56`},
	{"duplicate within an owner", "owner,name,revenue\nann,A,1\nbob,A,2\nann,A,3\n", salestime.ReadOptions{},
		salestime.ErrDuplicateCustomer, `line 4, customer "A": the name is also on line 2`},
	{"sum beyond the bounds", "name,revenue\nA,999999999999999999999999999999\nA,1\n", salestime.ReadOptions{Sum: true},
		salestime.ErrInvalidRevenue, `line 3, customer "A": the revenues up to this row add up to more than the bounds allow`},
	{"bad currency", "name,revenue,currency\nA,1,Euro\n", salestime.ReadOptions{},
		salestime.ErrInvalidRevenue, `column 3 "currency", customer "A": currency "Euro" is not`},
	{"currency column against sign", "name,revenue,currency\nA,€1,USD\n", salestime.ReadOptions{},
		salestime.ErrInvalidRevenue, "the currency is EUR, and on line 2, column 3, USD"},
	{"bad UTF-16", "\xff\xfen\x00a\x00m\x00e\x00,\x00r\x00e\x00v\x00e\x00n\x00u\x00e\x00\n\x00\x00\xd8,\x001\x00\n\x00", salestime.ReadOptions{},
		salestime.ErrInvalidEncoding, "line 2, column 1: the text is not UTF-16"},
	{"cp1250 header", "Nazwa;Przych\xf3d\n", salestime.ReadOptions{}, salestime.ErrInvalidEncoding, "line 1"},
	{"a credit note without Sum", "name,revenue\nAcme,1000\nBeta,(200.00)\n", salestime.ReadOptions{},
		salestime.ErrInvalidRevenue, `line 3, column 2 "revenue", customer "Beta": revenue "(200.00)" is negative`},
	{"a long credit note alone", "name,revenue\nAcme,1000\nBeta,-1234567890123456789.5\n", salestime.ReadOptions{Sum: true},
		salestime.ErrInvalidRevenue, `line 3, column 2 "revenue", customer "Beta": revenue -1234567890123456789.5 is negative`},
	{"a credit note alone", "name,revenue\nAcme,1000\nBeta,(200.00)\n", salestime.ReadOptions{Sum: true},
		salestime.ErrInvalidRevenue, `line 3, column 2 "revenue", customer "Beta": revenue -200.00 is negative`},
	{"credit notes above the sales", "name,revenue\nAcme,-5\nBeta,1\nAcme,4.50\n", salestime.ReadOptions{Sum: true},
		salestime.ErrInvalidRevenue, `line 4, customer "Acme": the customer's rows, the last of them this one, add up to -0.50, below zero`},
	{"a dash", "name;revenue\nA;1,5\nB;–\n", salestime.ReadOptions{},
		salestime.ErrInvalidRevenue, `line 3, column 2 "revenue", customer "B": revenue "–" is a dash, which a spreadsheet's accounting format writes for zero`},
	{"scientific notation", "name,revenue\nA,1.23457E+11\n", salestime.ReadOptions{},
		salestime.ErrInvalidRevenue, `revenue "1.23457E+11" is in scientific notation, which a spreadsheet writes, rounded, for a number too wide for its column`},
	{"a report's total", "name,revenue\nAcme,1\nBeta,2.5\nTotal:,3.50\n", salestime.ReadOptions{File: "r.csv"},
		salestime.ErrInvalidCustomer, `r.csv, line 4, column 1 "name", customer "Total:": the row looks like a row of totals: ` +
			`its revenue 3.50 is the sum of the other rows; remove it, or rename the customer if it is one`},
	{"a total of long revenues", "name,revenue\nAcme,12345678901234567890.5\nBeta,1.25\nTotal,12345678901234567891.75\n", salestime.ReadOptions{},
		salestime.ErrInvalidCustomer, `line 4, column 1 "name", customer "Total": the row looks like a row of totals: its revenue 12345678901234567891.75 is the sum of the other rows`},
	{"a total with a count, first", "name,revenue\nGRAND TOTALS (2 records),3\nAcme,1\nBeta,2\n", salestime.ReadOptions{},
		salestime.ErrInvalidCustomer, `line 2, column 1 "name", customer "GRAND TOTALS (2 records)": the row looks like a row of totals`},
	{"a pivot table's total in German", "Name;Umsatz\nMüller;1.000,50\nWeiß;2.000,00\nGesamtergebnis;3.000,50\n",
		salestime.ReadOptions{Columns: map[string]string{"revenue": "Umsatz"}},
		salestime.ErrInvalidCustomer, `customer "Gesamtergebnis": the row looks like a row of totals: its revenue 3000.50 is the sum`},
	{"a total in French", "name;revenue\nA;1\nB;2\nTOTAL GÉNÉRAL;3\n", salestime.ReadOptions{},
		salestime.ErrInvalidCustomer, `customer "TOTAL GÉNÉRAL": the row looks like a row of totals`},
	{"a total in Hungarian", "name;revenue\nA;1\nÖsszesen;3\nB;2\n", salestime.ReadOptions{},
		salestime.ErrInvalidCustomer, `customer "Összesen": the row looks like a row of totals`},
	{"an owner's subtotal", "owner,name,revenue\nAnn,A,1\nBob,B,5\nAnn,C,2\nAnn,Total,3\nBob,D,1\n", salestime.ReadOptions{},
		salestime.ErrInvalidCustomer, `line 5, column 2 "name", customer "Total": the row looks like a row of totals: its revenue 3 is the sum of the other rows of its owner`},
	{"a blank owner among owners", "owner,name,revenue\nAnn,A,1\n,B,2\nBob,C,3\n", salestime.ReadOptions{File: "deals.csv"},
		salestime.ErrBlankCell, `deals.csv, line 3, column 1 "owner", customer "B": the owner is blank, and line 2 has one: ` +
			`a report grouped by owner writes the owner on each group's first row only; fill the column down, or write the owner on every row`},
	{"a blank owner above the first", "owner,name,revenue\n,A,1\nAnn,B,2\n,C,3\n", salestime.ReadOptions{FillDown: []string{"owner"}},
		salestime.ErrBlankCell, `line 2, column 1 "owner", customer "A": the owner is blank, and line 3 has one`},
	{"a grand total without an owner", "owner,name,revenue\nAnn,A,1\nBob,B,2\n,Grand Total,3\n", salestime.ReadOptions{},
		salestime.ErrInvalidCustomer, `line 4, column 2 "name", customer "Grand Total": the row looks like a row of totals: its revenue 3 is the sum of the other rows`},
	{"a blank owner named as a total", "owner,name,revenue\nAnn,A,1\nBob,B,2\n,Total,5\n", salestime.ReadOptions{},
		salestime.ErrBlankCell, `line 4, column 1 "owner", customer "Total": the owner is blank, and line 2 has one`},
	{"owners spelled three ways", "owner,name,revenue\nAlex Rivera,A,1\nalex  rivera,B,2\nÁlex Rivera,C,3\nBob,D,4\n", salestime.ReadOptions{},
		salestime.ErrAmbiguousName, `line 3, column 1 "owner": the owners "Alex Rivera" on line 2, "alex  rivera" on line 3, "Álex Rivera" on line 4 ` +
			`differ only in case, accents or spaces: write each salesperson's name one way`},
	{"owners spelled two ways, one in lower case", "owner,name,revenue\nann@acme.com,A,1\nBob,B,2\nAnn@Acme.com,C,3\nbob,D,4\n", salestime.ReadOptions{},
		salestime.ErrAmbiguousName, `line 4, column 1 "owner": the owners "ann@acme.com" on line 2, "Ann@Acme.com" on line 4 ` +
			`differ only in case, accents or spaces: write each salesperson's name one way`},
	{"customers spelled two ways, added up", "name,revenue\nMüller Stahl,1\nMuller Stahl,2\nMüller Stahl,3\n", salestime.ReadOptions{Sum: true},
		salestime.ErrAmbiguousName, `line 3, column 1 "name", customer "Muller Stahl": the name differs from "Müller Stahl" on line 2 only in case, accents or spaces`},
	{"an owner with an escape", "owner,name,revenue\n\x1b[31mAnn,A,1\n", salestime.ReadOptions{},
		salestime.ErrInvalidCustomer, `line 2, column 1 "owner", customer "A": owner "\x1b[31mAnn": the name has the control character U+001B at byte 0`},
	{"two currencies of one owner", "owner,name,revenue\nAnn,A,$1\nBob,B,€1\nAnn,C,€2\n", salestime.ReadOptions{},
		salestime.ErrInvalidRevenue, `line 4, column 3 "revenue", customer "C": the currency is EUR, and on line 2, column 3, $: revenues of one owner in two currencies do not add up`},
	{"fill down a revenue", "name,revenue\n", salestime.ReadOptions{FillDown: []string{"revenue"}},
		salestime.ErrInvalidOption, `"revenue" cannot be filled down: only name and owner can`},
	{"fill down an owner without a column", "name,revenue\nA,1\n", salestime.ReadOptions{FillDown: []string{"owner"}},
		salestime.ErrInvalidCSV, `no column "owner" for the owner`},
	{"subtotals of deals", "name,revenue\nAcme,1\nAcme,2\nAcme Total,3\nTotal Beta,7\nBeta,7\n", salestime.ReadOptions{Sum: true},
		salestime.ErrInvalidCustomer, `line 4, column 1 "name", customer "Acme Total": the row looks like a row of totals: its revenue 3 is the sum of the rows of "Acme"`},
}

func TestReadAccountsCSVErrors(t *testing.T) {
	tests := readAccountsErrorTests
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			acc, err := salestime.ReadAccounts(salestime.CSVRows(strings.NewReader(tt.in)), tt.opts)
			if !errors.Is(err, tt.want) {
				t.Fatalf("ReadAccountsCSV() = _, %v, want error %v", err, tt.want)
			}
			if !strings.Contains(err.Error(), tt.message) {
				t.Errorf("ReadAccountsCSV() error %q does not say %q", err, tt.message)
			}
			if groupCount(acc) != 0 {
				t.Errorf("ReadAccountsCSV() returned %d groups with its error, want none", groupCount(acc))
			}
		})
	}
}

// A table with subtotals, totals of each owner and a grand total has each
// refused once, and nothing else: each sum leaves out the totals found
// before it.
func TestReadAccountsTotals(t *testing.T) {
	in := "owner,name,revenue\n" +
		"Ann,Acme,1\nAnn,Acme,2\nAnn,Acme Total,3\nAnn,Beta,4\nAnn,Total,7\n" +
		"Bob,Gamma,5\nBob,Total,5\n" +
		"Cid,Delta,1\nCid,Delta,2\nCid,Delta Total,3\nCid,Eta,3\n" + // Eta as large as Delta: no total
		",Grand Total,18\n"
	_, err := salestime.ReadAccounts(salestime.CSVRows(strings.NewReader(in)), salestime.ReadOptions{Sum: true})
	joined, ok := err.(interface{ Unwrap() []error })
	if !ok {
		t.Fatalf("ReadAccountsCSV() = %v, want joined errors", err)
	}
	var got []string
	for _, e := range joined.Unwrap() {
		var re *salestime.RowError
		if !errors.As(e, &re) || !errors.Is(e, salestime.ErrInvalidCustomer) || re.Column != 2 {
			t.Errorf("error %v is not a RowError of column 2 that wraps ErrInvalidCustomer", e)
			continue
		}
		_, sum, _ := strings.Cut(re.Err.Error(), "is the sum ")
		got = append(got, fmt.Sprintf("%d %s: %s", re.Line, re.Customer, sum))
	}
	want := []string{
		`4 Acme Total: of the rows of "Acme"; remove it, or rename the customer if it is one`,
		"6 Total: of the other rows of its owner; remove it, or rename the customer if it is one",
		"8 Total: of the other rows of its owner; remove it, or rename the customer if it is one",
		`11 Delta Total: of the rows of "Delta"; remove it, or rename the customer if it is one`,
		"13 Grand Total: of the other rows; remove it, or rename the customer if it is one",
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("ReadAccountsCSV() refused (-want +got):\n%s", diff)
	}
	// Under another bad row, the total waits: its sum needs every revenue.
	_, err = salestime.ReadAccounts(salestime.CSVRows(strings.NewReader("name,revenue\nAcme,1\nBeta,2x\nTotal,1\n")), salestime.ReadOptions{})
	var re *salestime.RowError
	if !errors.As(err, &re) || re.Line != 3 || strings.Contains(err.Error(), "totals") {
		t.Errorf("ReadAccountsCSV(a bad row and a total) = %v, want the bad row alone", err)
	}
}

// A report that opens with its title and filters is read from its header,
// the first row with every column the reader needs, among the first 20;
// lines keep their numbers. Where no row has them all, the error is that
// of the first.
func TestReadAccountsUnderATitle(t *testing.T) {
	title := "Accounts by revenue, 2026\nFiltered by: Region equals DE\n\n" // a comma, and no semicolon
	acc, err := salestime.ReadAccounts(salestime.CSVRows(strings.NewReader(title+"Name;Revenue;New\nMüller;1.250,00;FALSCH\nWeiß;2.000,50;WAHR\n")), salestime.ReadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	want := []group{{"", []salestime.Customer{c("Weiß", "2000.50"), c("Müller", "1250.00")}}}
	want[0].Customers[0].New = true
	if diff := cmp.Diff(want, groupsOf(t, acc), exactDecimals); diff != "" {
		t.Errorf("ReadAccountsCSV() mismatch (-want +got):\n%s", diff)
	}
	_, err = salestime.ReadAccounts(salestime.CSVRows(strings.NewReader(title+"Name;Revenue\nMüller;1.250,00\nWeiß;zwei\n")), salestime.ReadOptions{File: "r.csv"})
	var bad *salestime.RowError
	if !errors.As(err, &bad) || !errors.Is(err, salestime.ErrInvalidRevenue) ||
		bad.File != "r.csv" || bad.Line != 6 || bad.Column != 2 || bad.Header != "Revenue" || bad.Customer != "Weiß" {
		t.Errorf("ReadAccounts(a bad row under a title) = %v, want a bad revenue of Weiß at r.csv, line 6, column 2", err)
	}
	far := strings.Repeat("a title line\n", 20) + "name,revenue\nA,1\n"
	_, err = salestime.ReadAccounts(salestime.CSVRows(strings.NewReader(far)), salestime.ReadOptions{})
	var ce *salestime.RowError
	if !errors.As(err, &ce) || ce.Line != 1 || len(ce.Missing) == 0 {
		t.Errorf("ReadAccounts(a header on line 21) = %v, want the columns missing on line 1", err)
	}
	sheet := &sheetRows{rows: [][]string{{"Accounts by revenue"}, {"", ""}, {"Account Name", "Amount"}, {"Acme", "7"}}}
	acc, err = salestime.ReadAccounts(sheet, salestime.ReadOptions{Columns: map[string]string{"name": "Account Name", "revenue": "Amount"}})
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]group{{"", []salestime.Customer{c("Acme", "7")}}}, groupsOf(t, acc), exactDecimals); diff != "" {
		t.Errorf("ReadAccounts(a sheet under a title) mismatch (-want +got):\n%s", diff)
	}
}

// Every bad row is reported, up to 20, in the order of the file, then how
// many more there are; each is a RowError.
func TestReadAccountsEveryBadRow(t *testing.T) {
	var in strings.Builder
	in.WriteString("name,revenue,new\n")
	for i := range 30 {
		if i%2 == 0 {
			fmt.Fprintf(&in, "c%d,%dx,\n", i, i) // a bad revenue
		} else {
			fmt.Fprintf(&in, "c%d,%d,maybe\n", i, i) // a bad boolean
		}
	}
	_, err := salestime.ReadAccounts(salestime.CSVRows(strings.NewReader(in.String())), salestime.ReadOptions{File: "big.csv"})
	joined, ok := err.(interface{ Unwrap() []error })
	if !ok {
		t.Fatalf("ReadAccountsCSV() = %v, want joined errors", err)
	}
	errs := joined.Unwrap()
	if len(errs) != 21 {
		t.Fatalf("ReadAccountsCSV() reported %d errors, want 20 and a count:\n%v", len(errs), err)
	}
	for i, e := range errs[:20] {
		var re *salestime.RowError
		if !errors.As(e, &re) {
			t.Fatalf("error %d = %v, want a *RowError", i, e)
		}
		want := &salestime.RowError{File: "big.csv", Line: i + 2, Column: 2, Header: "revenue", Customer: fmt.Sprintf("c%d", i)}
		wantKind := salestime.ErrInvalidRevenue
		if i%2 == 1 {
			want.Column, want.Header, wantKind = 3, "new", salestime.ErrInvalidCustomer
		}
		if diff := cmp.Diff(want, re, cmpopts.IgnoreFields(salestime.RowError{}, "Err")); diff != "" {
			t.Errorf("error %d mismatch (-want +got):\n%s", i, diff)
		}
		if !errors.Is(re, wantKind) {
			t.Errorf("error %d = %v, want it to wrap %v", i, re, wantKind)
		}
	}
	if got, want := errs[20].Error(), "salestime: big.csv: and 10 more bad rows"; got != want {
		t.Errorf("last error = %q, want %q", got, want)
	}
}

func TestReadAccountsSheet(t *testing.T) {
	rows := [][]string{
		{"Account", "Amount", "New"},
		{},
		{"Acme", "1250.5", "1"}, // a boolean cell reads 1
		{"Beta", "700"},         // the empty cells at the end of a row are not written
		{"Gamma", "100", "", "note in a column without a header"},
	}
	opts := salestime.ReadOptions{Sheet: "Accounts", Numbers: "1234.56", Columns: map[string]string{"name": "Account", "revenue": "Amount"}}
	acc, err := salestime.ReadAccounts(&sheetRows{rows: rows}, opts)
	if err != nil {
		t.Fatal(err)
	}
	want := []group{{"", []salestime.Customer{nc("Acme", "1250.5"), c("Beta", "700"), c("Gamma", "100")}}}
	if diff := cmp.Diff(want, groupsOf(t, acc), exactDecimals); diff != "" {
		t.Errorf("ReadAccounts() mismatch (-want +got):\n%s", diff)
	}

	rows = append(rows, []string{"Delta", "1.234,50"})
	opts.File = "accounts.xlsx"
	_, err = salestime.ReadAccounts(&sheetRows{rows: rows}, opts)
	wantMsg := `salestime: accounts.xlsx, sheet "Accounts", row 6, column B "Amount", customer "Delta": revenue "1.234,50" is not a number in the format 1234.56`
	if err == nil || err.Error() != wantMsg {
		t.Errorf("ReadAccounts() = %v, want %s", err, wantMsg)
	}
	var re *salestime.RowError
	if !errors.As(err, &re) || re.Line != 6 || re.Column != 2 {
		t.Errorf("ReadAccounts() = %#v, want a RowError at row 6, column 2", err)
	}

	_, err = salestime.ReadAccounts(&sheetRows{rows: [][]string{{"Name", "Sales"}}}, salestime.ReadOptions{File: "a.xlsx", Sheet: "S"})
	var ce *salestime.RowError
	if !errors.As(err, &ce) || !errors.Is(err, salestime.ErrInvalidCSV) {
		t.Fatalf("ReadAccounts() without a revenue column = %v, want a RowError", err)
	}
	if diff := cmp.Diff(&salestime.RowError{File: "a.xlsx", Sheet: "S", Line: 1, Missing: []string{"revenue"}, Headers: []string{"Name", "Sales"}},
		ce, cmpopts.IgnoreFields(salestime.RowError{}, "Err")); diff != "" {
		t.Errorf("RowError mismatch (-want +got):\n%s", diff)
	}
	if want := `salestime: a.xlsx, sheet "S", row 1: no column "revenue" for the revenue; the header has "Name", "Sales"`; err.Error() != want {
		t.Errorf("RowError = %q, want %q", err, want)
	}
}

func TestReadAccountsReadError(t *testing.T) {
	failure := errors.New("disk gone")
	rows := &sheetRows{rows: [][]string{{"name", "revenue"}, {" ", "1"}}, fail: failure}
	_, err := salestime.ReadAccounts(rows, salestime.ReadOptions{})
	if !errors.Is(err, failure) || !errors.Is(err, salestime.ErrInvalidCustomer) {
		t.Errorf("ReadAccounts(failing rows) = %v, want the failure and the bad row before it", err)
	}
	_, err = salestime.ReadAccounts(salestime.CSVRows(iotest.ErrReader(failure)), salestime.ReadOptions{})
	if !errors.Is(err, failure) {
		t.Errorf("ReadAccountsCSV(failing reader) = %v, want %v", err, failure)
	}
	in := io.MultiReader(strings.NewReader("name,revenue\nA,1\n"), iotest.ErrReader(failure))
	_, err = salestime.ReadAccounts(salestime.CSVRows(in), salestime.ReadOptions{})
	if !errors.Is(err, failure) {
		t.Errorf("ReadAccountsCSV(reader failing after the header) = %v, want %v", err, failure)
	}
}

// ReadOptions.Numbers names a format as its list writes it, with any
// space or apostrophe; any other is an error.
func TestReadOptionsNumbers(t *testing.T) {
	tests := []struct {
		in   string
		want string
	}{
		{"", ""}, {"auto", ""}, {" 1.234,56 ", "1.234,56"}, {"1\u00a0234,56", "1 234,56"}, {"1’234.56", "1'234.56"},
		{"1234.56", "1234.56"}, {"1234,56", "1234,56"}, {"1,234.56", "1,234.56"}, {"1 234.56", "1 234.56"},
	}
	for _, tt := range tests {
		acc, err := salestime.ReadAccounts(salestime.CSVRows(strings.NewReader("name,revenue\nA,1\n")), salestime.ReadOptions{Numbers: tt.in})
		if err != nil || acc.Numbers != tt.want && tt.want != "" {
			t.Errorf("ReadAccounts(Numbers %q) = %q, %v, want %q, nil", tt.in, acc.Numbers, err, tt.want)
		}
	}
	for _, in := range []string{"1_234.56", "de", "1.234.56"} {
		if _, err := salestime.ReadAccounts(salestime.CSVRows(strings.NewReader("name,revenue\n")), salestime.ReadOptions{Numbers: in}); !errors.Is(err, salestime.ErrInvalidOption) {
			t.Errorf("ReadAccounts(Numbers %q) = _, %v, want ErrInvalidOption", in, err)
		}
	}
}

func TestColumnLetters(t *testing.T) {
	rows := make([]string, 28)
	for i := range rows {
		rows[i] = fmt.Sprintf("h%d", i)
	}
	rows[27] = "revenue"
	rows[0] = "name"
	data := append([]string(nil), rows...)
	data[0], data[27] = "A", "x"
	_, err := salestime.ReadAccounts(&sheetRows{rows: [][]string{rows, data}}, salestime.ReadOptions{Sheet: "S"})
	var re *salestime.RowError
	if !errors.As(err, &re) || !errors.Is(err, salestime.ErrInvalidRevenue) || re.Sheet != "S" || re.Line != 2 || re.Column != 28 ||
		!strings.Contains(err.Error(), `row 2, column AB "revenue"`) {
		t.Errorf("ReadAccounts() = %v, want a bad revenue on row 2 of sheet S, in column AB", err)
	}
}

// TestReaderPortfolioMatchesNewPortfolio holds the reader's portfolios,
// made on the engine's fast path, to those NewPortfolio makes of the same
// customers: the same customers in the same order, revenues with the
// places they were written with, and the same total. Revenues tie often,
// have from 0 to 4 places, and with Sum repeat names that add up, credit
// notes among them (-12.50 or (12.50)), a table with a customer whose
// rows add up below zero refused; some have 21 digits, and some add up
// beyond an int64, where the reader falls back to NewPortfolio.
func TestReaderPortfolioMatchesNewPortfolio(t *testing.T) {
	r := rand.New(rand.NewPCG(5, 6))
	for range 300 {
		n := 1 + r.IntN(60)
		sum := r.IntN(2) == 0
		var in strings.Builder
		in.WriteString("owner,name,revenue,new\n")
		want := map[string]map[string]salestime.Customer{}
		for range n {
			owner := fmt.Sprintf("o%d", r.IntN(3))
			name := fmt.Sprintf("c%d", r.IntN(40))
			if !sum {
				name = fmt.Sprintf("c%d-%d", r.IntN(1000), len(want[owner]))
			}
			places := r.IntN(5)
			coef := int64(r.IntN(6)) * pow(10, r.IntN(3)) // ties and zeros
			switch r.IntN(40) {
			case 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12:
				coef = r.Int64N(1e12)
			case 13:
				coef = 9e17 + r.Int64N(1e17) // totals beyond int64: math/big
			}
			rev := decimal.New(coef, -int32(places))
			if r.IntN(60) == 0 {
				rev = decimal.RequireFromString("123456789012345678901").Shift(-int32(places)) // 21 digits
			}
			isNew := r.IntN(4) == 0
			c, ok := want[owner][name]
			written := rev.StringFixed(int32(places))
			if sum && ok && r.IntN(5) == 0 { // a credit note, mostly of no more than the customer's sales
				if r.IntN(10) != 0 && rev.Cmp(c.Revenue) > 0 {
					rev = c.Revenue
					written = rev.String()
				}
				rev = rev.Neg()
				if r.IntN(2) == 0 {
					written = "-" + written
				} else {
					written = "(" + written + ")"
				}
			}
			fmt.Fprintf(&in, "%s,%s,%s,%t\n", owner, name, written, isNew)
			if want[owner] == nil {
				want[owner] = map[string]salestime.Customer{}
			}
			if !ok {
				c = salestime.Customer{Name: name}
			}
			c.Revenue, c.New = c.Revenue.Add(rev), c.New || isNew
			if !ok {
				c.Revenue = rev
			}
			want[owner][name] = c
		}
		below := false // a customer whose rows add up below zero
		for _, cs := range want {
			for _, c := range cs {
				below = below || c.Revenue.Sign() < 0
			}
		}
		acc, err := salestime.ReadAccounts(salestime.CSVRows(strings.NewReader(in.String())), salestime.ReadOptions{Sum: sum, Numbers: "1234.56"})
		switch {
		case err != nil && !sum && errors.Is(err, salestime.ErrDuplicateCustomer),
			err != nil && below && errors.Is(err, salestime.ErrInvalidRevenue):
			continue
		case err != nil:
			t.Fatalf("%v\n%s", err, in.String())
		case below:
			t.Fatalf("ReadAccountsCSV() read a customer below zero:\n%s", in.String())
		}
		for g := range acc.Groups() {
			var cs []salestime.Customer
			for _, c := range want[g.Name] {
				cs = append(cs, c)
			}
			p, err := salestime.NewPortfolio(cs...)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(p.Customers(), g.Portfolio.Customers(), samePlaces); diff != "" {
				t.Fatalf("owner %s (-NewPortfolio +reader):\n%s\n%s", g.Name, diff, in.String())
			}
			if !cmp.Equal(p.Total(), g.Portfolio.Total(), samePlaces) {
				t.Fatalf("owner %s: total %v, want %v", g.Name, g.Portfolio.Total(), p.Total())
			}
		}
	}
}

func pow(b, e int) int64 {
	p := int64(1)
	for range e {
		p *= int64(b)
	}
	return p
}

// Each owner's revenues are in one currency, which may be another
// owner's: a US and a German team in one file.
func TestReadAccountsCurrencies(t *testing.T) {
	tests := []struct {
		name  string
		in    string
		table string
		want  map[string]string
	}{
		{"one each", "owner,name,revenue\nAnn,Acme,$10\nBerta,Beta,20 €\nAnn,Gamma,USD 5\n", "", map[string]string{"Ann": "USD", "Berta": "EUR"}},
		{"one for all", "owner,name,revenue\nAnn,Acme,$10\nBerta,Beta,$20\n", "$", map[string]string{"Ann": "$", "Berta": "$"}},
		{"one named, one not", "owner,name,revenue\nAnn,Acme,$10\nBerta,Beta,20\n", "$", map[string]string{"Ann": "$", "Berta": ""}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			acc, err := salestime.ReadAccounts(salestime.CSVRows(strings.NewReader(tt.in)), salestime.ReadOptions{})
			if err != nil {
				t.Fatal(err)
			}
			got := map[string]string{}
			for g := range acc.Groups() {
				got[g.Name] = g.Currency
			}
			if acc.Currency != tt.table {
				t.Errorf("Accounts.Currency = %q, want %q", acc.Currency, tt.table)
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("Group.Currency mismatch (-want +got):\n%s", diff)
			}
		})
	}
}

// A nil reader is an error, never a panic, and so is printing a nil error
// of the package's types.
func TestNilInputs(t *testing.T) {
	calls := map[string]func() error{
		"ReadCSV": func() error { _, err := salestime.ReadCSV(nil); return err },
		"ReadAccounts(CSV)": func() error {
			_, err := salestime.ReadAccounts(salestime.CSVRows(nil), salestime.ReadOptions{})
			return err
		},
		"ReadAccounts": func() error { _, err := salestime.ReadAccounts(nil, salestime.ReadOptions{}); return err },
		"ReadActivities(CSV)": func() error {
			_, err := salestime.ReadActivities(salestime.CSVRows(nil), salestime.ReadOptions{})
			return err
		},
		"ReadActivities": func() error { _, err := salestime.ReadActivities(nil, salestime.ReadOptions{}); return err },
		"ReadBudgets(CSV)": func() error {
			_, err := salestime.ReadBudgets(salestime.CSVRows(nil), salestime.ReadOptions{}, decimal.Decimal{})
			return err
		},
		"ReadBudgets": func() error {
			_, err := salestime.ReadBudgets(nil, salestime.ReadOptions{}, decimal.Decimal{})
			return err
		},
	}
	for name, call := range calls {
		if err := call(); !errors.Is(err, salestime.ErrInvalidOption) {
			t.Errorf("%s(nil) = %v, want %v", name, err, salestime.ErrInvalidOption)
		}
	}
	var re *salestime.RowError
	if re.Error() != "salestime: <nil>" || re.Unwrap() != nil {
		t.Errorf("a nil RowError prints as %q", re.Error())
	}
}

// A row, or a name, too long for a customer's is refused before it is
// held whole, whatever the input: a line without end, a quoted field of
// many lines, a stream of zeros.
func TestReadLimits(t *testing.T) {
	long := strings.Repeat("a", salestime.MaxRecordBytes)
	tests := []struct {
		name string
		in   io.Reader
		kind error
		line int
	}{
		{"a long line", strings.NewReader("name,revenue\nAcme,1\n" + long + ",1\n"), salestime.ErrInvalidCSV, 3},
		{"a quoted field of many lines", strings.NewReader("name,revenue\n\"" + strings.Repeat("ab\n", salestime.MaxRecordBytes/3+1) + "\",1\n"),
			salestime.ErrInvalidCSV, 2},
		{"zeros", io.LimitReader(zeros{}, 64<<20), salestime.ErrInvalidCSV, 1},
		{"a long name", strings.NewReader("name,revenue\n" + strings.Repeat("n", salestime.MaxNameBytes+1) + ",1\n"), salestime.ErrInvalidCustomer, 2},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := salestime.ReadAccounts(salestime.CSVRows(tt.in), salestime.ReadOptions{})
			var re *salestime.RowError
			if !errors.As(err, &re) || !errors.Is(err, tt.kind) || re.Line != tt.line {
				t.Errorf("ReadAccounts() = %v, want %v on line %d", err, tt.kind, tt.line)
			}
		})
	}
	if _, err := salestime.NewPortfolio(salestime.Customer{Name: long[:salestime.MaxNameBytes+1]}); !errors.Is(err, salestime.ErrInvalidCustomer) {
		t.Errorf("NewPortfolio(a name of %d bytes) = %v, want %v", salestime.MaxNameBytes+1, err, salestime.ErrInvalidCustomer)
	}
}

// zeros reads as an endless stream of zero bytes, as /dev/zero does.
type zeros struct{}

func (zeros) Read(p []byte) (int, error) {
	clear(p)
	return len(p), nil
}
