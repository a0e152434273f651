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
	{"blank lines", "\n\nname,revenue\n\nAcme,1\n , \nBeta,2\n\n", []salestime.Customer{c("Beta", "2"), c("Acme", "1")}},
	{"quoted", "name,revenue\n\"Acme, Inc.\",\"1.5\"\n", []salestime.Customer{c("Acme, Inc.", "1.5")}},
	{"semicolons, decimal comma", "name;revenue\nAcme;1234,50\nBeta;0,5\n", []salestime.Customer{c("Acme", "1234.50"), c("Beta", "0.5")}},
	{"semicolons, groups", "name;revenue\nAcme;1 234 567,50\nBeta;12\u00a0345\nGamma;-0\n", []salestime.Customer{c("Acme", "1234567.50"), c("Beta", "12345"), c("Gamma", "0")}},
	{"semicolons, narrow space, point", "name;revenue\nAcme;1\u202f234.5\n", []salestime.Customer{c("Acme", "1234.5")}},
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
	{"no revenue column", "name,turnover\nA,1\n", salestime.ErrInvalidCSV, `"name" and "revenue"`},
	{"column twice", "name,revenue,Revenue\nA,1,2\n", salestime.ErrInvalidCSV, `column "revenue" twice`},
	{"short row", "name,revenue,new\nA,1\n", salestime.ErrInvalidCSV, "line 2 has 2 fields, the header has 3"},
	{"bad quotes", "name,revenue\nA,1\n\"B,2\n", salestime.ErrInvalidCSV, "line 3"},
	{"blank name", "name,revenue\nA,1\n  ,2\n", salestime.ErrInvalidCustomer, `line 3, column "name"`},
	{"bad new", "name,revenue,new\nA,1,maybe\n", salestime.ErrInvalidCustomer, `line 2, column "new", customer "A": "maybe"`},
	{"bad key", "name,revenue,key\nA,1,2\n", salestime.ErrInvalidCustomer, `column "key"`},
	{"negative", "name,revenue\nA,1\n\nB,-2\n", salestime.ErrInvalidRevenue, `line 4, column "revenue", customer "B": -2 is negative`},
	{"not a number", "name,revenue\nA,12 EUR\n", salestime.ErrInvalidRevenue, `line 2, column "revenue"`},
	{"empty revenue", "name,revenue\nA,\n", salestime.ErrInvalidRevenue, `line 2`},
	{"decimal comma in a comma file", "name,revenue\nA,\"1,5\"\n", salestime.ErrInvalidRevenue, `"1,5"`},
	{"groups in a comma file", "name,revenue\nA,1 234\n", salestime.ErrInvalidRevenue, `"1 234"`},
	{"exponent", "name,revenue\nA,1e3\n", salestime.ErrInvalidRevenue, `"1e3"`},
	{"plus sign", "name,revenue\nA,+3\n", salestime.ErrInvalidRevenue, `"+3"`},
	{"comma and point", "name;revenue\nA;1.234,50\n", salestime.ErrInvalidRevenue, "both a decimal comma and a decimal point"},
	{"two commas", "name;revenue\nA;1,234,50\n", salestime.ErrInvalidRevenue, `"1,234,50"`},
	{"bad groups", "name;revenue\nA;12 34\n", salestime.ErrInvalidRevenue, "grouped other than by three"},
	{"first group too long", "name;revenue\nA;1234 567\n", salestime.ErrInvalidRevenue, "grouped other than by three"},
	{"two spaces", "name;revenue\nA;1  234\n", salestime.ErrInvalidRevenue, "misplaced space"},
	{"space in fraction", "name;revenue\nA;1,234 5\n", salestime.ErrInvalidRevenue, "misplaced space"},
	{"too many places", "name,revenue\nA,0.1234567890123456789\n", salestime.ErrInvalidRevenue, "19 decimal places"},
	{"too many digits", "name,revenue\nA,1234567890123456789012345678901\n", salestime.ErrInvalidRevenue, "31 digits"},
	{"far too many digits", "name,revenue\nA," + strings.Repeat("9", 1000) + "\n", salestime.ErrInvalidRevenue, "more than 96 digits"},
	{"duplicate", "name,revenue\nA,1\nB,2\n A ,3\n", salestime.ErrDuplicateCustomer, `line 4: customer "A" is also on line 2`},
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

type failingWriter struct{}

func (failingWriter) Write([]byte) (int, error) { return 0, errors.New("disk full") }
