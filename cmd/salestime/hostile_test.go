package main

import (
	"archive/zip"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"
)

// sheetOf returns a worksheet part whose sheetData holds rows.
func sheetOf(rows string) string {
	return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` +
		`<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>` + rows + `</sheetData></worksheet>`
}

// workbookWith returns a workbook, as excelize writes one, whose first
// sheet is the part sheet, and whose parts other than the sheet may each
// claim to unpack to claim bytes, where claim is not 0.
func workbookWith(t *testing.T, sheet string, claim uint64) []byte {
	t.Helper()
	f := excelize.NewFile()
	if err := f.SetCellValue("Sheet1", "A1", "placeholder"); err != nil {
		t.Fatal(err)
	}
	var base bytes.Buffer
	if err := f.Write(&base); err != nil {
		t.Fatal(err)
	}
	_ = f.Close() // written
	zr, err := zip.NewReader(bytes.NewReader(base.Bytes()), int64(base.Len()))
	if err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	zw := zip.NewWriter(&out)
	for _, part := range zr.File {
		if part.Name == "xl/worksheets/sheet1.xml" {
			w, err := zw.Create(part.Name)
			if err == nil {
				_, err = io.WriteString(w, sheet)
			}
			if err != nil {
				t.Fatal(err)
			}
			continue
		}
		h := part.FileHeader
		if claim != 0 {
			h.UncompressedSize64 = claim
		}
		w, err := zw.CreateRaw(&h)
		if err != nil {
			t.Fatal(err)
		}
		raw, err := part.OpenRaw()
		if err == nil {
			_, err = io.Copy(w, raw)
		}
		if err != nil {
			t.Fatal(err)
		}
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return out.Bytes()
}

// A hostile workbook, given as the accounts, the budgets or the activity
// log, is refused with its place, at once and at a bounded cost: never
// read in part, never a crash, never a loop.
func TestHostileWorkbooks(t *testing.T) {
	dir := t.TempDir()
	bomb := sheetOf(`<row r="1"><c r="A1" t="inlineStr"><is><t>` + strings.Repeat("a", 64<<20) + `</t></is></c></row>`)
	tests := []struct {
		name  string
		data  []byte
		want  string
		where string // what follows the file's name: the sheet and row, or nothing for the whole workbook
	}{
		{"cut XML", workbookWith(t, strings.TrimSuffix(sheetOf(`<row r="1"><c r="A1" t="inlineStr"><is><t>name</t></is></c><c r="B1" t="inlineStr"><is><t>revenue</t></is></c></row>`+
			`<row r="2"><c r="A2" t="inlineStr"><is><t>Acme</t></is></c><c r="B2"><v>10</v></c></row><row r="3"><c r="A3" t="inlineStr"><is><t>Beta`), "</sheetData></worksheet>"), 0),
			"the sheet's XML is broken in row 3", `, sheet "Sheet1", row 3`},
		{"an undefined entity", workbookWith(t, sheetOf(`<row r="1"><c r="A1" t="inlineStr"><is><t>&evil;</t></is></c></row>`), 0),
			"invalid character entity &evil;", `, sheet "Sheet1", row 1`},
		{"a shared string of -1", workbookWith(t, sheetOf(`<row r="1"><c r="A1" t="s"><v>-1</v></c></row>`), 0),
			"the cell refers to shared string -1, and the workbook has 1", `, sheet "Sheet1", row 1, column A`},
		{"a shared string far away", workbookWith(t, sheetOf(`<row r="1"><c r="A1" t="s"><v>99999999</v></c></row>`), 0),
			"the cell refers to shared string 99999999, and the workbook has 1", `, sheet "Sheet1", row 1, column A`},
		{"a row at 9e18", workbookWith(t, sheetOf(`<row r="9000000000000000000"/>`), 0), "row 9000000000000000000 is past Excel's last row, 1048576", `, sheet "Sheet1"`},
		{"a row at 1e9", workbookWith(t, sheetOf(`<row r="1"><c r="A1"><v>1</v></c></row><row r="1000000000"/>`), 0),
			"row 1000000000 is past Excel's last row, 1048576", `, sheet "Sheet1", row 1`},
		{"a column past XFD", workbookWith(t, sheetOf(`<row r="1"><c r="XFE1"><v>1</v></c></row>`), 0), `cell "XFE1" is past Excel's last column, XFD`, `, sheet "Sheet1", row 1`},
		{"a zip bomb", workbookWith(t, bomb, 0), "it unpacks to more than", ""},
		{"parts that claim 4 GiB", workbookWith(t, sheetOf(""), 4<<30), "it unpacks to more than", ""},
	}
	for _, tt := range tests {
		path := filepath.Join(dir, strings.ReplaceAll(tt.name, " ", "-")+".xlsx")
		if err := os.WriteFile(path, tt.data, 0o644); err != nil {
			t.Fatal(err)
		}
		for _, as := range [][]string{{path}, {"-budgets", path, "testdata/owners.csv"}, {"-actual", path, "testdata/semicolon.csv"}} {
			t.Run(tt.name+" "+as[0], func(t *testing.T) {
				stdout, stderr, code := runBounded(t, as...)
				where := path + tt.where + ": "
				if code != 1 || stdout != "" || !strings.Contains(stderr, tt.want) || !strings.Contains(stderr, where) {
					t.Errorf("salestime %q = %q, exit %d, stderr %q; want exit 1 saying %q after %q", as, stdout, code, stderr, tt.want, where)
				}
				if strings.Contains(stderr, "goroutine") {
					t.Errorf("salestime %q crashed:\n%s", as, stderr)
				}
			})
		}
		// What reading it costs, in this process: a bomb is refused before
		// it is unpacked.
		var err error
		allocated := allocatedBy(func() {
			_, err = readAccounts(path, bytes.NewReader(tt.data), &options{notes: io.Discard, maxInput: 1 << 30})
		})
		if err == nil || allocated > 64<<20 {
			t.Errorf("reading %s = %v, allocating %d MiB; want an error and at most 64 MiB", tt.name, err, allocated>>20)
		}
	}
}

// allocatedBy returns the bytes that f allocates.
func allocatedBy(f func()) uint64 {
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	f()
	runtime.ReadMemStats(&after)
	return after.TotalAlloc - before.TotalAlloc
}

// runBounded runs the command with args, stopped if it runs for more than
// a minute (a loop, not a measure of speed), and returns its output and
// exit status.
func runBounded(t *testing.T, args ...string) (stdout, stderr string, code int) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	stdout, stderr, code = runWith(t, exec.CommandContext(ctx, binary, args...), args)
	if ctx.Err() != nil {
		t.Fatalf("salestime %q did not end within a minute", args)
	}
	return stdout, stderr, code
}

// A sheet as wide as Excel allows is read, its last column too.
func TestWideWorkbook(t *testing.T) {
	path := filepath.Join(t.TempDir(), "wide.xlsx")
	f := excelize.NewFile()
	defer func() { _ = f.Close() }()
	for i, row := range [][]any{{"name", "revenue"}, {"Acme", 100}, {"Beta", 50}} {
		if err := f.SetCellValue("Sheet1", fmt.Sprintf("A%d", i+1), row[0]); err != nil {
			t.Fatal(err)
		}
		if err := f.SetCellValue("Sheet1", fmt.Sprintf("XFD%d", i+1), row[1]); err != nil {
			t.Fatal(err)
		}
	}
	if err := f.SaveAs(path); err != nil {
		t.Fatal(err)
	}
	stdout, stderr, code := runCommand(t, "", "-key", "top:1", path)
	if code != 0 || stderr != "" || !strings.Contains(stdout, "Key customers bring 66.7% of revenue") {
		t.Errorf("salestime wide.xlsx = %q, exit %d, stderr %q", stdout, code, stderr)
	}
}

// A workbook is read as Excel shows it: the sheet it opens on, never a
// hidden one, and each number as Excel shows it, so that a subtotal whose
// stored double carries noise is still seen to be the sum of its rows.
func TestWorkbookAsShown(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "hidden.xlsx")
	f := excelize.NewFile()
	defer func() { _ = f.Close() }()
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	must(f.SetSheetName("Sheet1", "2025"))
	_, err := f.NewSheet("2026")
	must(err)
	for _, s := range []struct {
		sheet string
		rows  [][]any
	}{
		{"2025", [][]any{{"name", "revenue"}, {"Old Co", 999999}, {"Acme", 1}}},
		{"2026", [][]any{{"name", "revenue"}, {"Acme", 700}, {"Beta", 300}}},
	} {
		for i, row := range s.rows {
			must(f.SetSheetRow(s.sheet, fmt.Sprintf("A%d", i+1), &row))
		}
	}
	f.SetActiveSheet(1)
	must(f.SetSheetVisible("2025", false))
	must(f.SaveAs(path))
	stdout, stderr, code := runCommand(t, "", "-key", "top:1", "-format", "csv", path)
	note := `salestime: ` + path + `: reading sheet "2026", the one Excel opens on, of "2025" (hidden), "2026"; -sheet names another` + "\n"
	if code != 0 || stderr != note || !strings.Contains(stdout, "Acme,700,") || strings.Contains(stdout, "Old Co") {
		t.Errorf("salestime hidden.xlsx = %q, exit %d, stderr %q; want Acme of 2026 and %q", stdout, code, stderr, note)
	}
	if stdout, _, code := runCommand(t, "", "-key", "top:1", "-format", "csv", "-sheet", "2025", path); code != 0 || !strings.Contains(stdout, "Old Co") {
		t.Errorf("salestime -sheet 2025 hidden.xlsx = %q, exit %d; want the hidden sheet, named", stdout, code)
	}

	noise := filepath.Join(dir, "noise.xlsx")
	rows := `<row r="1"><c r="A1" t="inlineStr"><is><t>name</t></is></c><c r="B1" t="inlineStr"><is><t>revenue</t></is></c></row>` +
		`<row r="2"><c r="A2" t="inlineStr"><is><t>Acme</t></is></c><c r="B2"><v>725450.29000000004</v></c></row>` +
		`<row r="3"><c r="A3" t="inlineStr"><is><t>Beta</t></is></c><c r="B3"><v>7949.4999999999991</v></c></row>`
	if err := os.WriteFile(noise, workbookWith(t, sheetOf(rows), 0), 0o644); err != nil {
		t.Fatal(err)
	}
	stdout, stderr, code = runCommand(t, "", "-key", "top:2", "-format", "csv", noise)
	if code != 0 || !strings.Contains(stdout, ",Acme,725450.29,") || !strings.Contains(stdout, ",Beta,7949.5,") {
		t.Errorf("salestime noise.xlsx = %q, exit %d, stderr %q; want 725450.29 and 7949.5", stdout, code, stderr)
	}
	total := rows + `<row r="4"><c r="A4" t="inlineStr"><is><t>Total</t></is></c><c r="B4"><f>SUBTOTAL(9,B2:B3)</f><v>733399.78999999992</v></c></row>`
	if err := os.WriteFile(noise, workbookWith(t, sheetOf(total), 0), 0o644); err != nil {
		t.Fatal(err)
	}
	_, stderr, code = runCommand(t, "", noise)
	if code != 1 || !strings.Contains(stderr, `row 4, column A "name", customer "Total": the row looks like a row of totals: its revenue 733399.79 is the sum of the other rows`) {
		t.Errorf("salestime noise.xlsx with its subtotal exited %d with %q, want the total refused", code, stderr)
	}
}

// Endless input, as /dev/zero is, is refused at a row's limit, from a
// file, standard input, the budgets or the log, with -encoding too.
func TestEndlessInput(t *testing.T) {
	if _, err := os.Stat("/dev/zero"); err != nil {
		t.Skip("no /dev/zero here")
	}
	for _, args := range [][]string{
		{"/dev/zero"}, {"-"}, {"-encoding", "windows-1252", "/dev/zero"}, {"-encoding", "ascii", "/dev/zero"},
		{"-budgets", "/dev/zero", "testdata/owners.csv"}, {"-actual", "/dev/zero", "testdata/semicolon.csv"},
	} {
		ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
		cmd := exec.CommandContext(ctx, binary, args...)
		var f *os.File
		if args[0] == "-" {
			var err error
			if f, err = os.Open("/dev/zero"); err != nil {
				t.Fatal(err)
			}
			cmd.Stdin = f
		}
		stdout, stderr, code := runWith(t, cmd, args)
		cancel()
		if f != nil {
			_ = f.Close() // read only
		}
		if code != 1 || stdout != "" || !strings.Contains(stderr, "line 1: the row is longer than 1048576 bytes, the most a row may be") {
			t.Errorf("salestime %q = %q, exit %d, stderr %q; want the row refused", args, stdout, code, stderr)
		}
	}
	// -max-input bounds the input itself.
	_, stderr, code := runCommand(t, "", "-max-input", "100", "testdata/owners.csv")
	if code != 1 || stderr != "salestime: testdata/owners.csv: the input is larger than -max-input 100 allows\n"+
		"salestime: raise the limit with -max-input, as in -max-input 284\n" {
		t.Errorf("salestime -max-input 100 owners.csv exited %d with %q", code, stderr)
	}
}

// A run that fails writes nothing to standard output, even after plans of
// owners before the one that fails were made.
func TestAllOrNothing(t *testing.T) {
	var in strings.Builder
	in.WriteString("owner,name,revenue\nAnna,A1,10\nAnna,A2,5\n")
	for i := range 20_000 {
		fmt.Fprintf(&in, "Zed,Z%05d,%d\n", i, 100000-i)
	}
	for _, format := range []string{"text", "csv", "json"} {
		args := []string{"-format", format, "-key", "top:20000", "-by", "week", "-period", "2027-01-01..2036-12-31", "-"}
		stdout, stderr, code := runCommand(t, in.String(), args...)
		if code != 1 || stdout != "" || !strings.Contains(stderr, "more than the 10000000 a plan may be spread into") ||
			!strings.Contains(stderr, "spread the plans over other periods: fewer, as with -by month") {
			t.Errorf("salestime %q = %d bytes, exit %d, stderr %q; want nothing, and the schedule refused", args, len(stdout), code, stderr)
		}
	}
}

// Stopped by a signal, the command removes its temporary files.
func TestSignalRemovesTemporaryFiles(t *testing.T) {
	tmp := t.TempDir()
	input := filepath.Join(tmp, "accounts.csv")
	var in strings.Builder
	in.WriteString("name,revenue\n")
	for i := range 200_000 {
		fmt.Fprintf(&in, "Customer number %06d,%d.25\n", i, 1000000-i)
	}
	if err := os.WriteFile(input, []byte(in.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, sig := range []syscall.Signal{syscall.SIGINT, syscall.SIGTERM} {
		spools := filepath.Join(tmp, sig.String())
		if err := os.Mkdir(spools, 0o755); err != nil {
			t.Fatal(err)
		}
		cmd := exec.Command(binary, "-format", "csv", "-key", "min:0", input)
		cmd.Env = append(os.Environ(), "TMPDIR="+spools)
		out, err := cmd.StdoutPipe() // not read until the signal: the command waits to write
		if err != nil {
			t.Fatal(err)
		}
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		deadline := time.Now().Add(time.Minute)
		for {
			if names, _ := os.ReadDir(spools); len(names) > 0 {
				break
			}
			if time.Now().After(deadline) {
				t.Fatal("the command made no temporary file within a minute")
			}
			time.Sleep(10 * time.Millisecond)
		}
		if err := cmd.Process.Signal(sig); err != nil {
			t.Fatal(err)
		}
		_, _ = io.Copy(io.Discard, out)
		err = cmd.Wait()
		var exit *exec.ExitError
		if !errors.As(err, &exit) || exit.ExitCode() != 128+int(sig) {
			t.Errorf("after %v, the command ended with %v, want exit status %d", sig, err, 128+int(sig))
		}
		if names, _ := os.ReadDir(spools); len(names) > 0 {
			t.Errorf("after %v, the command left %d temporary files, such as %s", sig, len(names), names[0].Name())
		}
	}
}

// A flag's value of a hundred thousand digits is not written back whole.
func TestLongFlagValue(t *testing.T) {
	for _, value := range []string{strings.Repeat("9", 100_000), strings.Repeat("x", 100_000)} {
		_, stderr, code := runCommand(t, "", "-budget", value)
		if code != 2 || len(stderr) > 500 || !strings.Contains(stderr, "-budget") {
			t.Errorf("salestime -budget of %d bytes exited %d with %d bytes: %.200q", len(value), code, len(stderr), stderr)
		}
	}
}
