package main

import (
	"context"
	"io"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// The page in a real browser: a sales-ops analyst drops a German export in
// Windows-1252 on it, is offered the code pages, then the columns, picks
// them, and reads the key customers' hours off the report. With -update,
// the form and the first choice are screenshots in docs/.
func TestPageInBrowser(t *testing.T) {
	chromium := browser(t)
	srv := httptest.NewServer(newPage(httpMaxInput, io.Discard))
	defer srv.Close()
	export, err := filepath.Abs("testdata/german-cp1252.csv")
	if err != nil {
		t.Fatal(err)
	}
	opts := append(chromedp.DefaultExecAllocatorOptions[:], chromedp.ExecPath(chromium), chromedp.NoSandbox,
		chromedp.WindowSize(1000, 1300), chromedp.UserDataDir(t.TempDir()))
	allocCtx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	defer cancelAlloc()
	ctx, cancel := chromedp.NewContext(allocCtx)
	defer cancel()
	ctx, cancelTime := context.WithTimeout(ctx, time.Minute)
	defer cancelTime()
	if err != nil {
		t.Fatal(err)
	}

	step := func(what string, steps ...chromedp.Action[chromedp.Void]) {
		t.Helper()
		if err := chromedp.Do(ctx, steps...); err != nil {
			t.Fatalf("%s in Chromium: %v", what, err)
		}
	}
	read := func(what string, a chromedp.Action[string]) string {
		t.Helper()
		s, err := chromedp.Run(ctx, a)
		if err != nil {
			t.Fatalf("%s in Chromium: %v", what, err)
		}
		return s
	}
	shot := func(what string, a chromedp.Action[[]byte]) []byte {
		t.Helper()
		b, err := chromedp.Run(ctx, a)
		if err != nil {
			t.Fatalf("%s in Chromium: %v", what, err)
		}
		return b
	}
	step("opening the page", chromedp.Navigate(srv.URL+"/"), chromedp.WaitVisible("#file"))
	form := shot("a screenshot of the form", chromedp.FullScreenshot(90))
	step("dropping the export on it", chromedp.SetUploadFiles("#file", []string{export}), chromedp.ScrollIntoView("#plan"),
		chromedp.Click("#plan"), chromedp.WaitVisible("#choice-0"))
	codePages := read("reading the choice", chromedp.Text(".choices"))
	choices := shot("a screenshot of the choice", chromedp.CaptureScreenshot())
	step("choosing the code page", chromedp.SetValue("#choice-0", "windows-1252"), chromedp.ScrollIntoView(".choices button"),
		chromedp.Click(".choices button"), chromedp.WaitVisible("#choice-1"))
	columns := read("reading the columns", chromedp.Text(".choices"))
	step("choosing the columns", chromedp.SetValue("#choice-0", "name=Kunde"), chromedp.SetValue("#choice-1", "revenue=Umsatz"),
		chromedp.ScrollIntoView(".choices button"), chromedp.Click(".choices button"), chromedp.WaitVisible("nav.downloads"))
	report := read("reading the report", chromedp.Text("body"))
	if !strings.Contains(codePages, "windows-1252 (Western European)") {
		t.Errorf("the first choice offers %q, want the code pages", codePages)
	}
	if !strings.Contains(columns, "Which column holds the name?") || !strings.Contains(columns, "Umsatz") {
		t.Errorf("the second choice offers %q, want the columns", columns)
	}
	for _, want := range []string{"Müller Stahl GmbH", "346", "Key customers bring 95,8% of revenue"} {
		if !strings.Contains(report, want) {
			t.Errorf("the report does not say %q:\n%s", want, cut(report, 2000))
		}
	}
	if *update {
		for name, png := range map[string][]byte{"../../docs/page-form.png": form, "../../docs/page-choice.png": choices} {
			if err := os.WriteFile(name, png, 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
}
