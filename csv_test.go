package salestime_test

import (
	"bytes"
	"errors"
	"strings"
	"testing"
	"testing/iotest"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/salestime/salestime"
)

// readCSVTests are inputs ReadCSV reads; FuzzReadCSV starts from them too.
var readCSVTests = []struct {
	name string
	in   string
	want []salestime.Customer
}{
	{"plain", "name,revenue\nAcme,700\nBeta,200.50\n", []salestime.Customer{c("Acme", "700"), c("Beta", "200.50")}},
	{"all columns", "name,revenue,new,key\nA,1,true,false\nB,2,no,YES\nC,3,1,\nD,4,0,1\n", []salestime.Customer{
		{Name: "D", Revenue: d("4"), Key: true}, {Name: "C", Revenue: d("3"), New: true}, {Name: "B", Revenue: d("2"), Key: true}, {Name: "A", Revenue: d("1"), New: true},
	}},
	{"header case and spaces, other columns", " Owner , NAME ,Revenue\t,Notes\nann, Acme , 5 ,x\n", []salestime.Customer{c("Acme", "5")}},
	{"byte-order mark", "\ufeffname,revenue\r\nAcme,1\r\n", []salestime.Customer{c("Acme", "1")}},
	{"classic Mac line ends", "name,revenue\rAcme,1\r\rBeta,\"2\"\r", []salestime.Customer{c("Beta", "2"), c("Acme", "1")}},
	{"Excel's sep line", "sep=;\r\nname;revenue\r\nAcme;1,5\r\n", []salestime.Customer{c("Acme", "1.5")}},
	{"sep line, commas", "SEP=,\nname,revenue,new\n\"sep=,\",1,\n", []salestime.Customer{c("sep=,", "1")}},
	{"blank lines", "\n\nname,revenue\n\nAcme,1\n , \nBeta,2\n\n", []salestime.Customer{c("Beta", "2"), c("Acme", "1")}},
	{"quoted", "name,revenue\n\"Acme, Inc.\",\"1.5\"\n", []salestime.Customer{c("Acme, Inc.", "1.5")}},
	{"semicolons, decimal comma", "name;revenue\nAcme;1234,50\nBeta;0,5\n", []salestime.Customer{c("Acme", "1234.50"), c("Beta", "0.5")}},
	{"semicolons, groups", "name;revenue\nAcme;1 234 567,50\nBeta;12\u00a0345\nGamma;-0\n", []salestime.Customer{c("Acme", "1234567.50"), c("Beta", "12345"), c("Gamma", "0")}},
	{"semicolons, narrow space, point", "name;revenue\nAcme;1\u202f234.5\n", []salestime.Customer{c("Acme", "1234.5")}},
	{"German grouping", "name;revenue\nA;1.126.500,00\nB;126.500\nC;7,5\n", []salestime.Customer{c("A", "1126500.00"), c("B", "126500"), c("C", "7.5")}},
	{"English grouping", "name,revenue\nA,\"1,126,500.00\"\nB,\"1,250\"\n", []salestime.Customer{c("A", "1126500.00"), c("B", "1250")}},
	{"decimal comma in a comma file", "name,revenue\nA,\"1,5\"\n", []salestime.Customer{c("A", "1.5")}},
	{"Swiss", "name;revenue\nA;CHF 1'234.50\nB;1\u2019000\n", []salestime.Customer{c("A", "1234.50"), c("B", "1000")}},
	{"currencies", "name;revenue\nA;$1,250.00\nB;USD 3.5\nC;-0 $\n", []salestime.Customer{c("A", "1250.00"), c("B", "3.5"), c("C", "0")}},
	{"whole numbers only", "name;revenue\nA;1 000\nB;12\n", []salestime.Customer{c("A", "1000"), c("B", "12")}},
	{"UTF-16", "\xff\xfen\x00a\x00m\x00e\x00\t\x00r\x00e\x00v\x00e\x00n\x00u\x00e\x00\n\x00\xfc\x00\t\x001\x00\n\x00",
		[]salestime.Customer{c("ü", "1")}},
	{"tabs", "name\trevenue\tnew\nAcme\t1 000,25\tTRUE\n", []salestime.Customer{{Name: "Acme", Revenue: d("1000.25"), New: true}}},
	{"header only", "name,revenue\n", nil},
	{"zero and bounds", "name,revenue\nz,0\nmax,999999999999999999999999999999.999999999999999999\n",
		[]salestime.Customer{c("max", "999999999999999999999999999999.999999999999999999"), c("z", "0")}},
}

func TestReadCSV(t *testing.T) {
	tests := readCSVTests
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, err := salestime.ReadCSV(strings.NewReader(tt.in))
			if err != nil {
				t.Fatalf("ReadCSV() returned error %v", err)
			}
			if diff := cmp.Diff(tt.want, p.Customers(), cmpopts.EquateEmpty()); diff != "" {
				t.Errorf("ReadCSV() mismatch (-want +got):\n%s", diff)
			}
		})
	}
}

// readCSVErrorTests are inputs ReadCSV refuses; FuzzReadCSV starts from them too.
var readCSVErrorTests = []struct {
	name    string
	in      string
	want    error
	message string
}{
	{"empty", "", salestime.ErrInvalidCSV, "no header row"},
	{"blank", "\n \n", salestime.ErrInvalidCSV, "no header row"},
	{"no revenue column", "name,turnover\nA,1\n", salestime.ErrInvalidCSV, `line 1: no column "revenue" for the revenue; the header has "name", "turnover"`},
	{"column twice", "name,revenue,Revenue\nA,1,2\n", salestime.ErrInvalidCSV, `line 1, column 3 "Revenue": the header names the column "Revenue" twice`},
	{"short row", "name,revenue,new\nA,1\n", salestime.ErrInvalidCSV, `line 2, customer "A": the row has 2 cells, the header 3`},
	{"bad quotes", "name,revenue\nA,1\n\"B,2\n", salestime.ErrInvalidCSV, "line 3"},
	{"bad row below a sep line", "sep=;\nname;revenue\nA;1\nB;x\n", salestime.ErrInvalidRevenue, `line 4, column 2 "revenue", customer "B"`},
	{"sep line alone", "sep=;\n", salestime.ErrInvalidCSV, "no header row"},
	{"bad row, classic Mac line ends", "name,revenue\rA,1\rB,x\r", salestime.ErrInvalidRevenue, `line 3, column 2 "revenue", customer "B"`},
	{"blank name", "name,revenue\nA,1\n  ,2\n", salestime.ErrInvalidCustomer, `line 3, column 1 "name": the name is blank`},
	{"bad new", "name,revenue,new\nA,1,maybe\n", salestime.ErrInvalidCustomer, `line 2, column 3 "new", customer "A": new "maybe" is not`},
	{"bad key", "name,revenue,key\nA,1,2\n", salestime.ErrInvalidCustomer, `column 3 "key"`},
	{"negative", "name,revenue\nA,1\n\nB,-2\n", salestime.ErrInvalidRevenue, `line 4, column 2 "revenue", customer "B": revenue "-2" is negative`},
	{"not a number", "name,revenue\nA,12 EURO\n", salestime.ErrInvalidRevenue, `line 2, column 2 "revenue", customer "A": revenue "12 EURO" is not a number`},
	{"empty revenue", "name,revenue\nA,\n", salestime.ErrInvalidRevenue, `line 2, column 2 "revenue", customer "A": the revenue is blank`},
	{"exponent", "name,revenue\nA,1e3\n", salestime.ErrInvalidRevenue, `"1e3"`},
	{"plus sign", "name,revenue\nA,+3\n", salestime.ErrInvalidRevenue, `"+3"`},
	{"two commas", "name;revenue\nA;1,234,50\n", salestime.ErrInvalidRevenue, `"1,234,50" is not a number`},
	{"bad groups", "name;revenue\nA;12 34\n", salestime.ErrInvalidRevenue, `"12 34" is not a number`},
	{"first group too long", "name;revenue\nA;1234 567\n", salestime.ErrInvalidRevenue, "not a number"},
	{"two spaces", "name;revenue\nA;1  234\n", salestime.ErrInvalidRevenue, "not a number"},
	{"space in fraction", "name;revenue\nA;1,234 5\n", salestime.ErrInvalidRevenue, "not a number"},
	{"point before comma", "name;revenue\nA;1,234.5\nB;1.234,5\n", salestime.ErrInvalidRevenue,
		`line 3, column 2 "revenue", customer "B": revenue "1.234,5" does not fit the number format that line 2, "1,234.5", shows (1,234.56)`},
	{"German thousands", "Name;Revenue\nKowalski Bau;182000\nMüller Stahl;126.500\n", salestime.ErrAmbiguousNumber,
		`line 3, column 2 "Revenue", customer "Müller Stahl": revenue "126.500" is 126500 with a decimal comma and 126.500 with a decimal point`},
	{"US thousands", "Name\tRevenue\nAcme\t1,250\nBeta\t3000\n", salestime.ErrAmbiguousNumber, `line 2, column 2 "Revenue", customer "Acme": revenue "1,250"`},
	{"two currencies", "name,revenue\nA,$5\nB,€3\n", salestime.ErrInvalidRevenue,
		`line 3, column 2 "revenue", customer "B": the currency is EUR, and on line 2, column 2, $`},
	{"too many places", "name,revenue\nA,0.1234567890123456789\n", salestime.ErrInvalidRevenue, "19 decimal places"},
	{"too many digits", "name,revenue\nA,1234567890123456789012345678901\n", salestime.ErrInvalidRevenue, "31 digits"},
	{"far too many digits", "name,revenue\nA," + strings.Repeat("9", 1000) + "\n", salestime.ErrInvalidRevenue, "has more than 96 digits"},
	{"duplicate", "name,revenue\nA,1\nB,2\n A ,3\n", salestime.ErrDuplicateCustomer, `line 4, customer "A": the name is also on line 2`},
	{"not UTF-8", "name,revenue\nM\xfcller,1\n", salestime.ErrInvalidEncoding, `line 2, column 1: the text is not UTF-8`},
}

func TestReadCSVErrors(t *testing.T) {
	tests := readCSVErrorTests
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, err := salestime.ReadCSV(strings.NewReader(tt.in))
			if !errors.Is(err, tt.want) {
				t.Fatalf("ReadCSV() = _, %v, want error %v", err, tt.want)
			}
			if !strings.Contains(err.Error(), tt.message) {
				t.Errorf("ReadCSV() error %q does not say %q", err, tt.message)
			}
			if p.Len() != 0 {
				t.Errorf("ReadCSV() returned %d customers with its error, want none", p.Len())
			}
		})
	}
}

func TestReadCSVReadError(t *testing.T) {
	want := errors.New("disk gone")
	_, err := salestime.ReadCSV(iotest.ErrReader(want))
	if !errors.Is(err, want) {
		t.Errorf("ReadCSV(failing reader) = _, %v, want error %v", err, want)
	}
}

func TestReadCSVGroups(t *testing.T) {
	in := "owner;name;revenue;new\nbob;Acme;10;\nann;Acme;20;yes\n  ;Orphan;1;\nann;Beta;5,5;\n"
	groups, found, err := salestime.ReadCSVGroups(strings.NewReader(in), " Owner ")
	if err != nil || !found {
		t.Fatalf("ReadCSVGroups() = _, %t, %v, want true, nil", found, err)
	}
	type group struct {
		Name      string
		Customers []salestime.Customer
	}
	var got []group
	for _, g := range groups {
		got = append(got, group{g.Name, g.Portfolio.Customers()})
	}
	want := []group{
		{"", []salestime.Customer{c("Orphan", "1")}},
		{"ann", []salestime.Customer{nc("Acme", "20"), c("Beta", "5.5")}},
		{"bob", []salestime.Customer{c("Acme", "10")}},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("ReadCSVGroups() mismatch (-want +got):\n%s", diff)
	}

	groups, found, err = salestime.ReadCSVGroups(strings.NewReader("name,revenue\nA,1\n"), "owner")
	if err != nil || found || groups != nil {
		t.Errorf("ReadCSVGroups() without the column = %v, %t, %v, want nil, false, nil", groups, found, err)
	}
	tests := []struct {
		name   string
		in     string
		column string
		want   error
	}{
		{"duplicate in a group", "owner,name,revenue\nann,A,1\nann,A,2\n", "owner", salestime.ErrDuplicateCustomer},
		{"bad revenue", "owner,name,revenue\nann,A,x\n", "owner", salestime.ErrInvalidRevenue},
		{"blank column", "owner,name,revenue\n", " ", salestime.ErrInvalidCSV},
		{"a column ReadCSV reads", "owner,name,revenue\n", "Name", salestime.ErrInvalidCSV},
		{"column twice", "owner,name,revenue,OWNER\n", "owner", salestime.ErrInvalidCSV},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, _, err := salestime.ReadCSVGroups(strings.NewReader(tt.in), tt.column)
			if !errors.Is(err, tt.want) {
				t.Errorf("ReadCSVGroups() = _, _, %v, want error %v", err, tt.want)
			}
		})
	}
}

func TestWriteCSV(t *testing.T) {
	p := portfolio(t, c("Acme, Inc.", "700.50"), salestime.Customer{Name: "\"Quoted\"", Revenue: d("0"), New: true, Key: true})
	var b bytes.Buffer
	if err := salestime.WriteCSV(&b, p); err != nil {
		t.Fatal(err)
	}
	want := "name,revenue,new,key\n\"Acme, Inc.\",700.50,false,false\n\"\"\"Quoted\"\"\",0,true,true\n"
	if got := b.String(); got != want {
		t.Errorf("WriteCSV() = %q, want %q", got, want)
	}
	back, err := salestime.ReadCSV(&b)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(p.Customers(), back.Customers()); diff != "" {
		t.Errorf("ReadCSV(WriteCSV()) mismatch (-want +got):\n%s", diff)
	}
	if err := salestime.WriteCSV(failingWriter{}, p); err == nil {
		t.Errorf("WriteCSV(failing writer) = nil, want an error")
	}
}
