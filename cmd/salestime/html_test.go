package main

import (
	"bytes"
	"context"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// The report page is one file: it loads nothing, runs nothing, and shows
// names as text, whatever they hold.
func TestHTML(t *testing.T) {
	in := "owner,name,revenue\n<b>ann</b>,\"<script>alert(1)</script>\",10\nann,\"Ünïcödé & Co\",5\nbob,=HYPERLINK(1),1\n"
	stdout, stderr, code := runCommand(t, in, "-format", "html", "-key", "top:1", "-")
	if code != 0 || stderr != "" {
		t.Fatalf("salestime -format html exited %d with %q", code, stderr)
	}
	for _, bad := range []string{"<script", "<b>", "http:", "https:", "url(", "@import", "<img", "<link"} {
		if strings.Contains(stdout, bad) {
			t.Errorf("the page has %q:\n%s", bad, stdout)
		}
	}
	for _, want := range []string{"&lt;script&gt;alert(1)&lt;/script&gt;", "&lt;b&gt;ann&lt;/b&gt;", "Ünïcödé &amp; Co", "=HYPERLINK(1)",
		`<th scope="col">Owner</th>`, "<title>Cumulative share of revenue by customer rank</title>", `role="img"`, "@media print"} {
		if !strings.Contains(stdout, want) {
			t.Errorf("the page does not have %q:\n%s", want, stdout)
		}
	}
	empty, _, code := runCommand(t, "name,revenue\n", "-format", "html", "-")
	if code != 0 || !strings.Contains(empty, "No customers: all 1 600 hours go to prospecting.") || !strings.HasSuffix(empty, "</html>\n") {
		t.Errorf("salestime -format html without customers exited %d with\n%s", code, empty)
	}
}

// browser returns the path of a Chromium, or skips the test where there is
// none; on CI, where .ci/run installs one, that is a failure.
func browser(t *testing.T) string {
	t.Helper()
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome", "google-chrome-stable"} {
		if path, err := exec.LookPath(name); err == nil {
			return path
		}
	}
	const msg = "no Chromium found (chromium, chromium-browser or google-chrome on PATH): " +
		"install Debian's chromium package (apt-get install chromium) to render the report page"
	if os.Getenv("CI") == "true" {
		t.Fatal(msg)
	}
	t.Skip(msg)
	return ""
}

// The report page renders in a real browser: the screenshot has the size
// asked for and is not blank, and the browser's DOM has the page's text.
func TestReportInBrowser(t *testing.T) {
	chromium := browser(t)
	tests := []struct {
		name string
		args []string
		text []string // in the DOM the browser built
		docs string   // where -update keeps the screenshot, or ""
	}{
		{"sample", nil, []string{"Key customers bring 80.5% of revenue", "Nordwind Logistics", "Other customers and prospecting: 55.0% of your time, 881 hours."}, ""},
		{"team of twenty", teamArgs, []string{"Summary of the team's plans", "Urszula Baran", "Zofia Nowa", "12,926", "No customers: all 1,600 hours go to prospecting."}, ""},
		{"team of twenty by visits", append(teamArgs[:len(teamArgs)-3:len(teamArgs)-3], "-key", "share:80%", "-b", "share:95%", "-cadence", "B=1w:2h,C=4w:1h", "testdata/team.csv"),
			[]string{"The budgets of the first 20 of 21 salespeople, and of the team", "<title>short: 220</title>",
				"The team's visits need 322 hours more than its plans leave them: 0.21 salespeople at the team's average budget."}, "../../docs/report.png"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			page := filepath.Join(dir, "report.html")
			stdout, stderr, code := runCommand(t, "", append([]string{"-format", "html"}, tt.args...)...)
			if code != 0 || stderr != "" {
				t.Fatalf("salestime -format html %q exited %d with %q", tt.args, code, stderr)
			}
			if err := os.WriteFile(page, []byte(stdout), 0o644); err != nil {
				t.Fatal(err)
			}
			const width, height = 1000, 1400
			shot := filepath.Join(dir, "report.png")
			flags := []string{"--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
				"--disable-sync", "--no-first-run", "--hide-scrollbars", "--user-data-dir=" + filepath.Join(dir, "profile"),
				"--window-size=1000,1400", "--virtual-time-budget=2000"}
			ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
			defer cancel()
			url := "file://" + page
			if out, err := exec.CommandContext(ctx, chromium, append(flags, "--screenshot="+shot, url)...).CombinedOutput(); err != nil {
				t.Fatalf("chromium --screenshot: %v\n%s", err, out)
			}
			img := readPNG(t, shot)
			if b := img.Bounds(); b.Dx() != width || b.Dy() != height {
				t.Errorf("screenshot is %dx%d, want %dx%d", b.Dx(), b.Dy(), width, height)
			}
			if n := inked(img); n < width*height/100 {
				t.Errorf("screenshot has %d pixels that are not white, want at least 1%% of them", n)
			}
			var dom bytes.Buffer
			dump := exec.CommandContext(ctx, chromium, append(flags, "--dump-dom", url)...)
			dump.Stdout = &dom
			if err := dump.Run(); err != nil {
				t.Fatalf("chromium --dump-dom: %v", err)
			}
			for _, want := range append(tt.text, "</svg>", "</table>") {
				if !strings.Contains(dom.String(), want) {
					t.Errorf("the browser's DOM does not have %q", want)
				}
			}
			if *update && tt.docs != "" {
				data, err := os.ReadFile(shot)
				if err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(tt.docs, data, 0o644); err != nil {
					t.Fatal(err)
				}
			}
		})
	}
}

// The page keeps its numbers on the page: a long legal name wraps, or is
// cut in the chart with the whole name in its title; the chart says when
// it shows the first of many key customers, as -top asks; the line of the
// others carries their sums. A script added to a copy of the page, which
// has none of its own, measures the layout in the browser.
func TestReportLayout(t *testing.T) {
	chromium := browser(t)
	var in strings.Builder
	in.WriteString("name,revenue\n")
	long := "Przedsiębiorstwo Produkcyjno-Handlowo-Usługowe Kowalski i Wspólnicy Spółka Komandytowo-Akcyjna w Likwidacji"
	fmt.Fprintf(&in, "%q,900000\n", long)
	for i := range 57 {
		fmt.Fprintf(&in, "Customer %02d,%d\n", i, 10000-i)
	}
	stdout, stderr, code := runCommand(t, in.String(), "-format", "html", "-key", "top:58", "-top", "5", "-")
	if code != 0 {
		t.Fatalf("salestime -format html exited %d with %q", code, stderr)
	}
	for _, want := range []string{
		"of the first 5 of 58 key customers",
		`<figcaption class="legend">The first 5 of 58 key customers.<span`,
		"<title>" + long + "</title>Przedsiębiorstwo Prod…</text>",
		"<th scope=\"row\">53 more key customers</th><td class=\"n\">528 410</td>",
	} {
		if !strings.Contains(stdout, want) {
			t.Errorf("the page does not have %q", want)
		}
	}
	const measure = `<script>
const width = document.documentElement.clientWidth, out = [];
for (const t of document.querySelectorAll("table")) {
  if (t.getBoundingClientRect().right > width + 1) out.push("a table ends at " + t.getBoundingClientRect().right + " of " + width);
}
for (const c of document.querySelectorAll("td.n")) {
  if (c.scrollWidth > c.clientWidth + 1) out.push("a number is clipped: " + c.textContent);
}
document.body.setAttribute("data-layout", out.length ? out.join("; ") : "fits");
</script>`
	dir := t.TempDir()
	page := filepath.Join(dir, "report.html")
	if err := os.WriteFile(page, []byte(strings.Replace(stdout, "</body>", measure+"</body>", 1)), 0o644); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	for _, size := range []string{"1000,1400", "700,1400"} {
		var dom bytes.Buffer
		dump := exec.CommandContext(ctx, chromium, "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
			"--disable-component-update", "--disable-sync", "--no-first-run", "--user-data-dir="+filepath.Join(dir, "profile"),
			"--window-size="+size, "--virtual-time-budget=2000", "--dump-dom", "file://"+page)
		dump.Stdout = &dom
		if err := dump.Run(); err != nil {
			t.Fatalf("chromium --dump-dom: %v", err)
		}
		if !strings.Contains(dom.String(), `data-layout="fits"`) {
			i := strings.Index(dom.String(), "data-layout=")
			t.Errorf("at %s, the page does not fit: %.300s", size, dom.String()[max(i, 0):])
		}
	}
}

// readPNG reads the PNG image at path.
func readPNG(t *testing.T, path string) image.Image {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer func() { _ = f.Close() }() // read only
	img, err := png.Decode(f)
	if err != nil {
		t.Fatalf("the screenshot is not a PNG: %v", err)
	}
	return img
}

// inked counts the pixels of img that are not white.
func inked(img image.Image) int {
	n := 0
	b := img.Bounds()
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			if c := color.GrayModel.Convert(img.At(x, y)).(color.Gray); c.Y < 0xf0 {
				n++
			}
		}
	}
	return n
}

// The team's summary alone, by visits, still draws each salesperson's
// budget beside the team's.
func TestSummaryPageByVisits(t *testing.T) {
	stdout, stderr, code := runCommand(t, "", "-summary", "-format", "html", "-budget", "800", "-key", "top:1", "-b", "marked",
		"-col", "b=Class B", "-col", "owner=Owner", "-col", "name=Account", "-cadence", "B=1w:2h,C=4w:1h", "testdata/visits-team.csv")
	if code != 0 {
		t.Fatalf("salestime -summary -format html exited %d with %q", code, stderr)
	}
	for _, want := range []string{"The budgets of the salespeople and of the team", ">Anna<", ">Bartek<", ">Team<"} {
		if !strings.Contains(stdout, want) {
			t.Errorf("the summary page does not have %q", want)
		}
	}
}
