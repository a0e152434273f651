package main

import (
	"bufio"
	"bytes"
	"io"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"regexp"
	"strings"
	"syscall"
	"testing"
	"time"
)

// post posts a form to the page at url/plan: fields, each NAME=VALUE, and
// files, each FIELD=PATH, as curl -F does.
func post(t *testing.T, url string, header http.Header, fields, files []string) (int, http.Header, string) {
	t.Helper()
	var body bytes.Buffer
	mw := multipart.NewWriter(&body)
	for _, f := range fields {
		name, value, _ := strings.Cut(f, "=")
		if err := mw.WriteField(name, value); err != nil {
			t.Fatal(err)
		}
	}
	for _, f := range files {
		name, path, _ := strings.Cut(f, "=")
		data, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		w, err := mw.CreateFormFile(name, path)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := w.Write(data); err != nil {
			t.Fatal(err)
		}
	}
	if err := mw.Close(); err != nil {
		t.Fatal(err)
	}
	req, err := http.NewRequest(http.MethodPost, url+"/plan", &body)
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Content-Type", mw.FormDataContentType())
	for k, v := range header {
		req.Header[k] = v
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer func() { _ = resp.Body.Close() }()
	out, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp.StatusCode, resp.Header, string(out)
}

// newTestPage serves the page in the test, with the limit on a file.
func newTestPage(t *testing.T, limit int64) (*page, string) {
	t.Helper()
	p := newPage(limit, io.Discard)
	srv := httptest.NewServer(p)
	t.Cleanup(srv.Close)
	return p, srv.URL
}

// The page is the command over HTTP: each format posted is the command's
// output for the same flags, byte for byte; the report page with links to
// the others.
func TestPageIsTheCommand(t *testing.T) {
	_, url := newTestPage(t, httpMaxInput)
	tests := []struct {
		fields, files, args []string
	}{
		{[]string{"key=top:3", "format=csv"}, []string{"file=testdata/semicolon.csv"}, []string{"-key", "top:3", "-format", "csv", "testdata/semicolon.csv"}},
		{[]string{"key=top:1", "format=json", "prospecting=40%"}, []string{"file=testdata/owners.csv", "budgets=testdata/budgets.csv"},
			[]string{"-key", "top:1", "-format", "json", "-prospecting", "40%", "-budgets", "testdata/budgets.csv", "testdata/owners.csv"}},
		{[]string{"format=text", "col=name=Account Name", "col=revenue=Amount", "col=owner=Opportunity Owner", "sum=on", "key=top:2"},
			[]string{"file=testdata/deals.csv"}, []string{"-format", "text", "-col", "name=Account Name", "-col", "revenue=Amount",
				"-col", "owner=Opportunity Owner", "-sum", "-key", "top:2", "testdata/deals.csv"}},
		{[]string{"format=ics", "period=2027-03-01..2027-03-12", "budget=60", "tz=UTC"}, []string{"file=testdata/semicolon.csv"},
			[]string{"-format", "ics", "-period", "2027-03-01..2027-03-12", "-budget", "60", "-tz", "UTC", "testdata/semicolon.csv"}},
		{[]string{"key=top:2"}, []string{"file=testdata/owners.csv"}, []string{"-format", "html", "-key", "top:2", "testdata/owners.csv"}},
	}
	for _, tt := range tests {
		t.Run(strings.Join(tt.fields, " "), func(t *testing.T) {
			code, header, got := post(t, url, nil, tt.fields, tt.files)
			want, stderr, exit := runCommand(t, "", tt.args...)
			if code != http.StatusOK || exit != 0 {
				t.Fatalf("the page answered %d with %q; the command exited %d with %q", code, got, exit, stderr)
			}
			if strings.Contains(tt.args[1], "ics") || tt.args[1] == "ics" {
				got, want = dtstamp.ReplaceAllString(got, ""), dtstamp.ReplaceAllString(want, "")
			}
			if header.Get("Content-Type") == "text/html; charset=utf-8" {
				links := regexp.MustCompile(`(?s)<nav class="downloads".*?</nav>\n`)
				if !links.MatchString(got) || !strings.Contains(got, `value="csv"`) {
					t.Errorf("the report page has no links to the plan as CSV, JSON and iCalendar")
				}
				got = links.ReplaceAllString(got, "")
			}
			if got != want {
				t.Errorf("the page's output differs from the command's:\npage:\n%s\ncommand:\n%s", cut(got, 2000), cut(want, 2000))
			}
		})
	}
}

// A refusal becomes a choice: a German export in a Windows code page gets
// the code pages to choose from, then its columns, and the file is kept
// between the submits.
func TestPageChoices(t *testing.T) {
	_, url := newTestPage(t, httpMaxInput)
	code, _, page := post(t, url, nil, nil, []string{"file=testdata/german-cp1252.csv"})
	token := regexp.MustCompile(`name="token" value="([0-9a-f]{32})"`)
	if code != http.StatusUnprocessableEntity || !strings.Contains(page, `<option value="windows-1252">windows-1252 (Western European)</option>`) || !token.MatchString(page) {
		t.Fatalf("a cp1252 file: %d, want 422 and the code pages to choose from:\n%s", code, page)
	}
	code, _, page = post(t, url, nil, []string{"token=" + token.FindStringSubmatch(page)[1], "encoding=windows-1252"}, nil)
	for _, want := range []string{`<option value="name=Kunde">Kunde</option>`, `<option value="revenue=Umsatz">Umsatz</option>`} {
		if code != http.StatusUnprocessableEntity || !strings.Contains(page, want) {
			t.Fatalf("the columns: %d, want 422 and %s:\n%s", code, want, page)
		}
	}
	code, _, page = post(t, url, nil, []string{"token=" + token.FindStringSubmatch(page)[1], "encoding=windows-1252", "col=name=Kunde", "col=revenue=Umsatz"}, nil)
	if code != http.StatusOK || !strings.Contains(page, "Müller Stahl GmbH") {
		t.Errorf("the choices made: %d, want the report:\n%s", code, cut(page, 3000))
	}
	code, _, page = post(t, url, nil, []string{"token=0123456789abcdef0123456789abcdef"}, nil)
	if code != http.StatusBadRequest || !strings.Contains(page, "choose the export to plan") {
		t.Errorf("an unknown token: %d, want 400 and a request for the file", code)
	}
	for f, want := range map[string]string{
		"deals":  "add up the rows of each customer",
		"blank":  "fill each owner down",
		"number": "1.234,56: a decimal comma, as in Germany or Poland: 126.500 is 126500",
	} {
		input := map[string]string{"deals": "name,revenue\nA,1\nA,2\n", "blank": "owner,name,revenue\nAnn,A,1\n,B,2\n",
			"number": "Name;Revenue\nKowalski Bau;182000\nMüller Stahl;126.500\n"}[f]
		path := writeTemp(t, input)
		if code, _, page := post(t, url, nil, nil, []string{"file=" + path}); code != http.StatusUnprocessableEntity || !strings.Contains(page, want) {
			t.Errorf("%s: %d, want 422 and the choice %q", f, code, want)
		}
	}
}

func writeTemp(t *testing.T, text string) string {
	t.Helper()
	f, err := os.CreateTemp(t.TempDir(), "*.csv")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.WriteString(text); err != nil {
		t.Fatal(err)
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
	return f.Name()
}

// The page is safe by default: its headers, cross-site posts refused, an
// upload over the limit refused with 413, a hostile workbook with a 4xx
// page and the next request served, a panic an error page.
func TestPageSafe(t *testing.T) {
	p, url := newTestPage(t, 4096)
	resp, err := http.Get(url + "/")
	if err != nil {
		t.Fatal(err)
	}
	_ = resp.Body.Close()
	if resp.StatusCode != http.StatusOK || !strings.Contains(resp.Header.Get("Content-Security-Policy"), "default-src 'none'") ||
		resp.Header.Get("X-Content-Type-Options") != "nosniff" {
		t.Errorf("GET / = %d with headers %v, want 200, a strict CSP and nosniff", resp.StatusCode, resp.Header)
	}
	for _, h := range []http.Header{{"Origin": {"http://evil.example"}}, {"Sec-Fetch-Site": {"cross-site"}}} {
		if code, _, _ := post(t, url, h, []string{"key=top:1"}, []string{"file=testdata/owners.csv"}); code != http.StatusForbidden {
			t.Errorf("a post with %v = %d, want 403", h, code)
		}
	}
	big := writeTemp(t, "name,revenue\n"+strings.Repeat("Customer,1\n", 1000))
	if code, _, page := post(t, url, nil, nil, []string{"file=" + big}); code != http.StatusRequestEntityTooLarge || !strings.Contains(page, "4K") {
		t.Errorf("a file over the limit = %d, want 413 and the limit:\n%s", code, cut(page, 500))
	}
	hostile := writeTemp(t, "PK\x03\x04 this is no workbook")
	if code, _, page := post(t, url, nil, nil, []string{"file=" + hostile}); code < 400 || code >= 500 || !strings.Contains(page, "salestime:") {
		t.Errorf("a hostile workbook = %d, want a 4xx page that says why:\n%s", code, cut(page, 500))
	}
	if code, _, page := post(t, url, nil, []string{"key=top:1", "format=csv"}, []string{"file=testdata/owners.csv"}); code != http.StatusOK || !strings.Contains(page, "Kowalski Bau") {
		t.Errorf("the request after it = %d, want the plan", code)
	}
	// A download button of the report asks for a calendar without a period:
	// the browser gets the page, a program the message.
	for accept, want := range map[string]string{"text/html,application/xhtml+xml": "text/html; charset=utf-8", "*/*": "text/plain; charset=utf-8"} {
		code, header, _ := post(t, url, http.Header{"Accept": {accept}}, []string{"format=ics"}, []string{"file=testdata/owners.csv"})
		if code != http.StatusBadRequest || header.Get("Content-Type") != want {
			t.Errorf("a calendar without a period, Accept %s = %d, %s; want 400, %s", accept, code, header.Get("Content-Type"), want)
		}
	}
	// A flag's value of megabytes, as a number of a million digits would be,
	// is refused before anything reads it.
	if code, _, page := post(t, url, nil, []string{"budget=" + strings.Repeat("9", 1<<20)}, []string{"file=testdata/owners.csv"}); code != http.StatusBadRequest ||
		!strings.Contains(page, "a flag&#39;s value is at most 4096 bytes") {
		t.Errorf("a value of a megabyte = %d, want 400 and the limit:\n%s", code, cut(page, 500))
	}
	p.handler = http.HandlerFunc(func(http.ResponseWriter, *http.Request) { panic("a bug") })
	if code, _, page := post(t, url, nil, nil, nil); code != http.StatusInternalServerError || !strings.Contains(page, "goes on") {
		t.Errorf("a panic = %d, want 500 and an error page", code)
	}
}

// The page keeps a few uploads, for a while: the oldest goes first.
func TestPageKeepsFewUploads(t *testing.T) {
	p := newPage(1<<20, io.Discard)
	first := p.keep(map[string]postedFile{"file": {name: "a.csv", data: []byte("x")}})
	for range uploadsKept {
		p.keep(map[string]postedFile{"file": {name: "b.csv", data: []byte("y")}})
	}
	if _, ok := p.uploads[first]; ok || len(p.uploads) != uploadsKept {
		t.Errorf("after %d uploads the page keeps %d and the first: %v; want %d without it", uploadsKept+1, len(p.uploads), ok, uploadsKept)
	}
}

// salestime -http serves until SIGINT, and then stops cleanly; it takes
// no flags but -max-input.
func TestServeAndStop(t *testing.T) {
	if _, stderr, code := runCommand(t, "", "-http", "127.0.0.1:0", "-key", "top:1"); code != 2 || !strings.Contains(stderr, "give -http alone") {
		t.Errorf("-http with -key exited %d with %q, want 2", code, stderr)
	}
	cmd := exec.Command(binary, "-http", "127.0.0.1:0")
	stderr, err := cmd.StderrPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	lines := bufio.NewScanner(stderr)
	if !lines.Scan() {
		t.Fatal("salestime -http said nothing")
	}
	addr := regexp.MustCompile(`http://[0-9.:]+/`).FindString(lines.Text())
	resp, err := http.Get(addr)
	if err != nil {
		t.Fatalf("GET %s (from %q): %v", addr, lines.Text(), err)
	}
	_ = resp.Body.Close()
	if err := cmd.Process.Signal(syscall.SIGINT); err != nil {
		t.Fatal(err)
	}
	rest, _ := io.ReadAll(stderr)
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	select {
	case err := <-done:
		if err != nil || !strings.Contains(string(rest), "stopped") {
			t.Errorf("salestime -http after SIGINT: %v, %q; want exit 0 and stopped", err, rest)
		}
	case <-time.After(20 * time.Second):
		_ = cmd.Process.Kill()
		t.Fatal("salestime -http did not stop on SIGINT")
	}
}

// A page on this machine alone answers to its names alone: a site whose
// name a DNS answer points at 127.0.0.1 gets nothing from it.
func TestPageAnswersToLocalhost(t *testing.T) {
	p := newPage(httpMaxInput, io.Discard)
	p.loopback = true
	for host, want := range map[string]int{"localhost:8080": http.StatusOK, "127.0.0.1:8080": http.StatusOK, "[::1]:8080": http.StatusOK,
		"evil.example:8080": http.StatusMisdirectedRequest, "evil.example": http.StatusMisdirectedRequest} {
		req := httptest.NewRequest(http.MethodGet, "/", nil)
		req.Host = host
		rec := httptest.NewRecorder()
		p.ServeHTTP(rec, req)
		if rec.Code != want {
			t.Errorf("GET / with Host %s = %d, want %d", host, rec.Code, want)
		}
	}
}
