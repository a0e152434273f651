package main

import (
	"bytes"
	"context"
	"crypto/rand"
	_ "embed"
	"encoding/hex"
	"errors"
	"fmt"
	"html/template"
	"io"
	"net"
	"net/http"
	"net/url"
	"os"
	"os/signal"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/salestime/salestime"
	"github.com/salestime/salestime/internal/textin"
)

// salestime -http ADDR serves the command as a page: a form whose fields
// are the command's flags, posted to /plan, which runs the command on the
// file posted with them. Where the command refuses the file, the page
// offers what the hint would have said to type: the columns, the number
// formats or the code pages to choose from.

//go:embed form.html
var formPage string

var form = template.Must(template.New("form").Parse(formPage))

// The limits of the page, beside -max-input for each upload.
const (
	httpMaxInput    = 64 << 20         // -max-input where -http is given without it
	requestTime     = 2 * time.Minute  // the longest a plan may take
	uploadKept      = 15 * time.Minute // how long an upload is kept for the next submit
	uploadsKept     = 8                // the most uploads kept at once
	plansAtOnce     = 2                // the forms read and planned at once; others wait
	formMemory      = 8 << 20          // a form's fields, beside its files
	maxFieldBytes   = 4096             // the longest value of a field: a flag's value is a line, not a file
	maxFieldValues  = 256              // the most values of the form's fields, repeated ones counted each
	securityPolicy  = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; form-action 'self'; base-uri 'none'; frame-ancestors 'none'"
	serveWithoutAll = "-http serves the command as a page, whose form gives the flags: give -http alone, or with -max-input"
)

// serve serves the page at addr until SIGINT or SIGTERM, when it stops
// taking requests and finishes those it has.
func serve(addr string, limit int64, stderr io.Writer) error {
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return fmt.Errorf("salestime: -http %s: %w", addr, err)
	}
	complain(stderr, "salestime: serving the page at http://%s/ (stop with Ctrl-C)\n", ln.Addr())
	if ip := ln.Addr().(*net.TCPAddr).IP; !ip.IsLoopback() {
		complain(stderr, "salestime: warning: %s is not this machine alone: anyone on the network can use the page and send it files\n", ln.Addr())
	}
	pg := newPage(limit, stderr)
	pg.loopback = ln.Addr().(*net.TCPAddr).IP.IsLoopback()
	srv := &http.Server{Handler: pg, ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout: requestTime, WriteTimeout: requestTime + time.Minute, IdleTimeout: time.Minute}
	signal.Reset(os.Interrupt, syscall.SIGTERM) // the server, not the command, stops on them
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	done := make(chan error, 1)
	go func() {
		<-ctx.Done()
		shutdown, cancel := context.WithTimeout(context.Background(), requestTime)
		defer cancel()
		done <- srv.Shutdown(shutdown)
	}()
	if err := srv.Serve(ln); !errors.Is(err, http.ErrServerClosed) {
		return fmt.Errorf("salestime: %w", err)
	}
	if err := <-done; err != nil {
		return fmt.Errorf("salestime: stopping the page: %w", err)
	}
	complain(stderr, "salestime: stopped\n")
	return nil
}

// A page is the handler of the page: its limit on an upload, the uploads
// kept for the next submit, and the plans being made.
type page struct {
	limit    int64
	log      io.Writer
	loopback bool // the page listens on this machine alone, and answers to its names alone
	mu       sync.Mutex
	uploads  map[string]upload
	plans    chan struct{}
	handler  http.Handler
}

// An upload is the files posted with the form, by field, kept for the next
// submit of the same page.
type upload struct {
	files   map[string]postedFile
	expires time.Time
}

type postedFile struct {
	name string
	data []byte
}

func newPage(limit int64, log io.Writer) *page {
	p := &page{limit: limit, log: log, uploads: map[string]upload{}, plans: make(chan struct{}, plansAtOnce)}
	mux := http.NewServeMux()
	mux.HandleFunc("GET /{$}", p.form)
	mux.HandleFunc("POST /plan", p.plan)
	p.handler = http.TimeoutHandler(mux, requestTime, "salestime: the plan took longer than "+requestTime.String()+": try a smaller file")
	return p
}

func (p *page) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	h := w.Header()
	h.Set("Content-Security-Policy", securityPolicy)
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Referrer-Policy", "same-origin") // no-referrer would make the browser's own posts of the form say Origin: null
	h.Set("Cache-Control", "no-store")
	defer func() {
		if v := recover(); v != nil {
			complain(p.log, "salestime: a request to %s failed: %v\n", r.URL.Path, v)
			p.fail(w, r, http.StatusInternalServerError, "The page failed to make this plan, and goes on: please send the file and the fields to the makers of salestime.", nil)
		}
	}()
	if host, _, err := net.SplitHostPort(r.Host); p.loopback && (err != nil || !loopbackName(host)) {
		// A site whose name a DNS answer points at this machine would be
		// of the same origin as the page; it is not one of its names.
		p.fail(w, r, http.StatusMisdirectedRequest, "salestime: the page answers to localhost alone, not to "+r.Host, nil)
		return
	}
	p.handler.ServeHTTP(w, r)
}

// loopbackName reports whether host names this machine alone: localhost,
// or a loopback address.
func loopbackName(host string) bool {
	ip := net.ParseIP(host)
	return host == "localhost" || ip != nil && ip.IsLoopback()
}

// field is a field of the form: a flag of the command.
type field struct {
	Name, Label, Default string
	Kind                 byte // as flagDef's, and 'f' for a file
	Value                string
	Values               []string // of a repeatable field
	Options              []string // of a field with a list of values
}

// choice is what the page offers in place of a hint: a value of a flag to
// pick from a list.
type choice struct {
	Label, Name string
	Options     []option
}

type option struct{ Value, Label string }

// formData is the data of the form template.
type formData struct {
	Fields      []field
	Error, Hint string
	Choices     []choice
	Token       string            // of the upload kept
	Kept        map[string]string // the names of its files, by field
}

// Downloads are the formats the report page links to.
func (formData) Downloads() []string { return []string{"csv", "json", "ics"} }

// fileFlags are the flags that name a file, which the form uploads beside
// the export, its field "file".
var fileFlags = []string{"budgets", "actual", "holidays"}

// notOnPage are the flags the page has no field for: -out writes files
// where the server runs, and -max-input is the server's.
var notOnPage = map[string]bool{"out": true, "max-input": true, "http": true}

// fields returns the fields of the form, with the values of a submitted
// one where v has them.
func fields(v url.Values) []field {
	var out []field
	for _, f := range flagDefs {
		if notOnPage[f.name] {
			continue
		}
		fd := field{Name: f.name, Label: f.usage, Default: f.value, Kind: f.kind, Value: v.Get(f.name), Values: v[f.name]}
		fd.Label = strings.ReplaceAll(fd.Label, "`", "")
		switch {
		case slices.Contains(fileFlags, f.name):
			fd.Kind = 'f'
		case f.name == "format":
			fd.Options = formats
		}
		if f.name == "format" && fd.Value == "" {
			fd.Value = "html" // the page's default, where the command's is text
		}
		out = append(out, fd)
	}
	return out
}

func (p *page) form(w http.ResponseWriter, _ *http.Request) {
	p.render(w, http.StatusOK, formData{Fields: fields(nil)})
}

// render writes the form with data.
func (p *page) render(w http.ResponseWriter, status int, data formData) {
	var b bytes.Buffer
	if err := form.Execute(&b, data); err != nil {
		panic(err) // a template that fails is the page's fault, which ServeHTTP reports
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.WriteHeader(status)
	_, _ = w.Write(b.Bytes()) // a client that has gone has no use for the rest
}

// fail writes an error: as the form with the message and its choices for
// a browser, or where the page was asked for, and as text for a program
// that asked for another format.
func (p *page) fail(w http.ResponseWriter, r *http.Request, status int, msg string, data *formData) {
	if data == nil {
		data = &formData{Fields: fields(nil)}
	}
	if data.Format() != "html" && !strings.Contains(r.Header.Get("Accept"), "text/html") {
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		w.WriteHeader(status)
		_, _ = io.WriteString(w, msg+"\n")
		return
	}
	data.Error = msg
	p.render(w, status, *data)
}

// Format returns the format the form asks for.
func (d formData) Format() string {
	for _, f := range d.Fields {
		if f.Name == "format" {
			return f.Value
		}
	}
	return "html"
}

// sameSite reports whether r comes from the page itself, or from a
// program, and not from a page of another site in a browser, which could
// post to a page on localhost.
func sameSite(r *http.Request) bool {
	switch r.Header.Get("Sec-Fetch-Site") {
	case "same-origin", "none":
		return true
	case "":
	default:
		return false
	}
	if origin := r.Header.Get("Origin"); origin != "" { // a browser that sends no Sec-Fetch-Site
		u, err := url.Parse(origin)
		return err == nil && u.Host == r.Host
	}
	return true
}

func (p *page) plan(w http.ResponseWriter, r *http.Request) {
	if !sameSite(r) {
		p.fail(w, r, http.StatusForbidden, "salestime: a page of another site may not post to this one", nil)
		return
	}
	select { // a form is held in memory, whole: two at once
	case p.plans <- struct{}{}:
		defer func() { <-p.plans }()
	case <-r.Context().Done():
		return
	}
	maxBody := int64(len(fileFlags)+1)*p.limit + formMemory // the export, the other files and the fields
	r.Body = http.MaxBytesReader(w, r.Body, maxBody)
	if err := r.ParseMultipartForm(maxBody); err != nil { // in memory: no file of the form goes to disk
		var tooLarge *http.MaxBytesError
		if errors.As(err, &tooLarge) {
			p.fail(w, r, http.StatusRequestEntityTooLarge, fmt.Sprintf("salestime: the files posted are larger than the page takes, %s: split the file, or start the page with a larger -max-input", textin.SizeText(p.limit)), nil)
			return
		}
		p.fail(w, r, http.StatusBadRequest, "salestime: the form is not one this page sent: "+err.Error(), nil)
		return
	}
	defer func() { _ = r.MultipartForm.RemoveAll() }() // the temporary files of the form, if any
	data := formData{Fields: fields(r.PostForm), Kept: map[string]string{}}
	if err := checkFields(r); err != nil { // before a file is kept, or a field read
		p.fail(w, r, http.StatusBadRequest, err.Error(), &data)
		return
	}
	files, err := p.upload(r)
	if err == nil && files["file"].data == nil {
		err = errors.New("salestime: choose the export to plan (file), or send it again: the page keeps a file for " + uploadKept.String())
	}
	var tooLarge tooLargeError
	switch {
	case errors.As(err, &tooLarge):
		p.fail(w, r, http.StatusRequestEntityTooLarge, err.Error(), &data)
		return
	case err != nil:
		p.fail(w, r, http.StatusBadRequest, err.Error(), &data)
		return
	}
	data.Token = p.keep(files)
	for f, pf := range files {
		data.Kept[f] = pf.name
	}
	dir, err := os.MkdirTemp("", "salestime-page-")
	if err != nil {
		p.fail(w, r, http.StatusInternalServerError, "salestime: "+err.Error(), &data)
		return
	}
	defer func() { _ = os.RemoveAll(dir) }() // the files of -budgets, -actual and -holidays, read
	args, err := argsOf(data.Fields, dir, files)
	if err != nil {
		p.fail(w, r, http.StatusBadRequest, err.Error(), &data)
		return
	}
	var out, notes bytes.Buffer
	o, err := parseArgs(args, io.Discard)
	if err == nil {
		o.notes, o.maxInput, o.inputName = &notes, min(o.maxInput, p.limit), filepath.Base(files["file"].name)
		err = o.do(bytes.NewReader(files["file"].data), &out)
	}
	if err != nil {
		status := http.StatusUnprocessableEntity
		var ue usageError
		if errors.As(err, &ue) {
			status = http.StatusBadRequest
		}
		msg := strings.ReplaceAll(err.Error(), dir+string(filepath.Separator), "") // the files as posted, not where they wait
		if o != nil {
			data.Hint = hint(err, o)
		}
		data.Choices = choices(err, o)
		p.fail(w, r, status, msg, &data)
		return
	}
	p.result(w, o.run.format, out.Bytes(), data)
}

// tooLargeError is the error of a file larger than the page takes.
type tooLargeError struct{ msg string }

func (e tooLargeError) Error() string { return e.msg }

// upload returns the files posted, by field, with those of the upload
// kept under the form's token for each field that posts none.
func (p *page) upload(r *http.Request) (map[string]postedFile, error) {
	files := map[string]postedFile{}
	p.mu.Lock()
	if u, ok := p.uploads[r.PostForm.Get("token")]; ok && time.Now().Before(u.expires) {
		for f, pf := range u.files {
			files[f] = pf
		}
	}
	p.mu.Unlock()
	for _, name := range append([]string{"file"}, fileFlags...) {
		f, h, err := r.FormFile(name)
		if errors.Is(err, http.ErrMissingFile) {
			continue
		}
		if err != nil {
			return nil, fmt.Errorf("salestime: the file of %s: %w", name, err)
		}
		data, err := io.ReadAll(io.LimitReader(f, p.limit+1))
		_ = f.Close() // read only
		if err == nil && int64(len(data)) > p.limit {
			err = tooLargeError{fmt.Sprintf("salestime: %s is larger than the page takes, %s: split the file, or start the page with a larger -max-input", h.Filename, textin.SizeText(p.limit))}
		}
		if err != nil {
			return nil, err
		}
		files[name] = postedFile{name: h.Filename, data: data}
	}
	return files, nil
}

// keep keeps files for the next submit, and returns their token; the
// oldest upload goes where the page keeps too many.
func (p *page) keep(files map[string]postedFile) string {
	var b [16]byte
	_, _ = rand.Read(b[:]) // crypto/rand never fails on the systems Go supports
	token := hex.EncodeToString(b[:])
	p.mu.Lock()
	defer p.mu.Unlock()
	now := time.Now()
	oldest := ""
	for t, u := range p.uploads {
		if now.After(u.expires) {
			delete(p.uploads, t)
		} else if oldest == "" || u.expires.Before(p.uploads[oldest].expires) {
			oldest = t
		}
	}
	if len(p.uploads) >= uploadsKept {
		delete(p.uploads, oldest)
	}
	p.uploads[token] = upload{files: files, expires: now.Add(uploadKept)}
	return token
}

// checkFields returns an error if a field of the form r posts has a value
// longer than a flag's, or the form too many values.
func checkFields(r *http.Request) error {
	values := 0
	for name, vs := range r.PostForm {
		for _, v := range vs {
			if values++; values > maxFieldValues || len(v) > maxFieldBytes {
				return fmt.Errorf("salestime: the field %s has a value of %d bytes, or the form more than %d values: a flag's value is at most %d bytes",
					q(name), len(v), maxFieldValues, maxFieldBytes)
			}
		}
	}
	return nil
}

// argsOf returns the command line of a form whose fields are fields: a flag for each field given, the files of -budgets, -actual and
// -holidays written to dir, and - for the export, which comes on standard
// input.
func argsOf(fields []field, dir string, files map[string]postedFile) ([]string, error) {
	var args []string
	for _, f := range fields {
		switch {
		case f.Kind == 'f':
			pf, ok := files[f.Name]
			if !ok {
				continue
			}
			path := filepath.Join(dir, safeName(filepath.Base(pf.name), "plan"))
			if err := os.WriteFile(path, pf.data, 0o600); err != nil {
				return nil, fmt.Errorf("salestime: %w", err)
			}
			args = append(args, "-"+f.Name, path)
		case f.Kind == 'c':
			for _, v := range f.Values {
				if strings.TrimSpace(v) != "" {
					args = append(args, "-"+f.Name, v)
				}
			}
		case f.Kind == 'b':
			if f.Value == "on" || f.Value == "true" {
				args = append(args, "-"+f.Name)
			}
		case strings.TrimSpace(f.Value) != "": // the first value of the field, as a flag that is not repeatable takes
			args = append(args, "-"+f.Name, f.Value)
		}
	}
	return append(args, "-"), nil
}

// choices returns the values the page offers for what err says is wrong:
// the columns a header lacks, the number formats, the code pages, filling
// an owner down or adding up a customer's rows.
func choices(err error, o *options) []choice {
	var out []choice
	var re *salestime.RowError
	if errors.As(err, &re) && len(re.Missing) > 0 && o != nil {
		flag := "col"
		switch re.File {
		case o.budgets.File:
			flag = "budgets-col"
		case o.actual.File:
			flag = "actual-col"
		}
		for _, f := range re.Missing {
			c := choice{Label: "Which column holds the " + f + "?", Name: flag}
			for _, h := range re.Headers {
				if strings.TrimSpace(h) != "" {
					c.Options = append(c.Options, option{Value: f + "=" + h, Label: h})
				}
			}
			out = append(out, c)
		}
	}
	var te *textin.Error
	if errors.As(err, &te) && len(te.Suggest) > 0 {
		c := choice{Label: "The file is not UTF-8: which code page is it in?", Name: "encoding"}
		for _, s := range te.Suggest { // as in "windows-1252 (Western European)"
			name, _, _ := strings.Cut(s, " ")
			c.Options = append(c.Options, option{Value: name, Label: s})
		}
		out = append(out, c)
	}
	switch {
	case errors.Is(err, salestime.ErrAmbiguousNumber):
		comma, point := "1.234,56: a decimal comma, as in Germany or Poland", "1,234.56: a decimal point, as in the UK or the US"
		if m := readings.FindStringSubmatch(err.Error()); m != nil { // the first value, read both ways
			comma, point = fmt.Sprintf("%s: %s is %s", comma, m[1], m[2]), fmt.Sprintf("%s: %s is %s", point, m[1], m[3])
		}
		out = append(out, choice{Label: "How does the file write its numbers?", Name: "numbers",
			Options: []option{{"1.234,56", comma}, {"1,234.56", point}}})
	case errors.Is(err, salestime.ErrBlankCell):
		out = append(out, choice{Label: "Blank owners, as a report grouped by owner writes them:", Name: "fill-down",
			Options: []option{{"owner", "fill each owner down to the rows below"}}})
	case errors.Is(err, salestime.ErrDuplicateCustomer):
		out = append(out, choice{Label: "A customer on several rows, as in a list of deals:", Name: "sum",
			Options: []option{{"on", "add up the rows of each customer"}}})
	}
	return out
}

// readings finds a value of a column of numbers and its two readings in
// the reader's message, as in: "126.500" is 126500 with a decimal comma
// and 126.500 with a decimal point.
var readings = regexp.MustCompile(`"([^"]+)" is (\S+) with a decimal comma and (\S+) with a decimal point`)

// result writes the plan out: the report page with links to the plan in
// the other formats, or the plan in the format asked for, to download.
func (p *page) result(w http.ResponseWriter, format string, out []byte, data formData) {
	types := map[string]string{"html": "text/html; charset=utf-8", "text": "text/plain; charset=utf-8",
		"csv": "text/csv; charset=utf-8", "json": "application/json", "ics": "text/calendar; charset=utf-8"}
	w.Header().Set("Content-Type", types[format])
	if format != "html" && format != "text" {
		w.Header().Set("Content-Disposition", `attachment; filename="plan.`+format+`"`)
	}
	if format == "html" {
		var links bytes.Buffer
		if err := form.ExecuteTemplate(&links, "links", data); err != nil {
			panic(err) // the page's fault, which ServeHTTP reports
		}
		out = bytes.Replace(out, []byte("<body>\n"), append([]byte("<body>\n"), links.Bytes()...), 1)
	}
	_, _ = w.Write(out) // a client that has gone has no use for the rest
}
