package loadtest

import (
	"fmt"
	"image"
	"image/color"
	"image/draw"
	"image/png"
	"io"
	"math"
	"slices"
	"strconv"
	"time"

	"golang.org/x/image/font"
	"golang.org/x/image/font/basicfont"
	"golang.org/x/image/math/fixed"
)

// Series is one line of a panel: a value per x, NaN for none.
type Series struct {
	Name  string
	Color color.RGBA
	Y     []float64
	// Right puts the series on the panel's right-hand axis, for a
	// figure of another scale (posts/s next to reads/s).
	Right bool
}

// Panel is one chart of a figure, sharing the figure's x axis.
type Panel struct {
	Title           string
	Unit, RightUnit string
	Log             bool // logarithmic left axis, for latencies spanning decades
	Series          []Series
}

// Plot sizes, in pixels.
const (
	plotWidth     = 1200
	panelHeight   = 260
	plotTop       = 34 // the figure's title
	marginLeft    = 78
	marginRight   = 70
	panelPadTop   = 24 // the panel's title and legend
	panelPadBot   = 30 // the x axis labels
	lineHalfWidth = 1  // lines are drawn 2 px wide
)

var (
	white     = color.RGBA{255, 255, 255, 255}
	ink       = color.RGBA{40, 40, 40, 255}
	gridColor = color.RGBA{225, 225, 225, 255}
)

// Plot draws panels stacked over a shared x axis of minutes and writes
// a PNG. Text is drawn in a 7×13 bitmap font of ASCII only. It uses only the standard library's image packages and the
// x/image bitmap font, so that the figure in docs/ is reproducible by a
// command in the repository with no plotting tool installed.
func Plot(w io.Writer, title string, minutes []float64, panels []Panel) error {
	img := image.NewRGBA(image.Rect(0, 0, plotWidth, plotTop+len(panels)*panelHeight))
	draw.Draw(img, img.Bounds(), image.NewUniform(white), image.Point{}, draw.Src)
	text(img, marginLeft, 22, title, ink)
	xmax := 0.0
	for _, m := range minutes {
		xmax = math.Max(xmax, m)
	}
	if xmax == 0 {
		xmax = 1
	}
	for i, p := range panels {
		drawPanel(img, image.Rect(marginLeft, plotTop+i*panelHeight+panelPadTop, plotWidth-marginRight, plotTop+(i+1)*panelHeight-panelPadBot), minutes, xmax, p)
	}
	return png.Encode(w, img)
}

func drawPanel(img *image.RGBA, area image.Rectangle, xs []float64, xmax float64, p Panel) {
	// Title and legend above the plot area.
	x := area.Min.X
	text(img, x, area.Min.Y-8, p.Title, ink)
	x += 7*len(p.Title) + 24
	for _, s := range p.Series {
		fill(img, image.Rect(x, area.Min.Y-14, x+14, area.Min.Y-10), s.Color)
		label := s.Name
		if s.Right {
			label += " (right)"
		}
		text(img, x+18, area.Min.Y-8, label, ink)
		x += 18 + 7*len(label) + 16
	}
	left, right := axisRange(p, false), axisRange(p, true)
	yOf := func(v float64, rng [2]float64, log bool) (int, bool) {
		if math.IsNaN(v) || (log && v <= 0) {
			return 0, false
		}
		lo, hi := rng[0], rng[1]
		if log {
			v, lo, hi = math.Log10(v), math.Log10(lo), math.Log10(hi)
		}
		f := (v - lo) / (hi - lo)
		return area.Max.Y - int(math.Round(f*float64(area.Dy()))), true
	}
	xOf := func(m float64) int { return area.Min.X + int(math.Round(m/xmax*float64(area.Dx()))) }
	// Grid and tick labels: left axis on the left, right on the right,
	// minutes below.
	for _, t := range ticks(left, p.Log) {
		y, _ := yOf(t, left, p.Log)
		hline(img, area.Min.X, area.Max.X, y, gridColor)
		s := tickLabel(t)
		text(img, area.Min.X-8-7*len(s), y+4, s, ink)
	}
	text(img, 6, area.Min.Y+area.Dy()/2, p.Unit, ink)
	if hasRight(p) {
		for _, t := range ticks(right, false) {
			y, _ := yOf(t, right, false)
			text(img, area.Max.X+8, y+4, tickLabel(t), ink)
		}
		text(img, plotWidth-4-7*len(p.RightUnit), area.Min.Y-8, p.RightUnit, ink)
	}
	for _, t := range ticks([2]float64{0, xmax}, false) {
		vline(img, xOf(t), area.Min.Y, area.Max.Y, gridColor)
		s := tickLabel(t)
		text(img, xOf(t)-7*len(s)/2, area.Max.Y+16, s, ink)
	}
	text(img, area.Max.X-7*len("minutes")+2, area.Max.Y+28, "minutes", ink)
	hline(img, area.Min.X, area.Max.X, area.Max.Y, ink)
	vline(img, area.Min.X, area.Min.Y, area.Max.Y, ink)
	if hasRight(p) {
		vline(img, area.Max.X, area.Min.Y, area.Max.Y, ink)
	}
	for _, s := range p.Series {
		rng, log := left, p.Log
		if s.Right {
			rng, log = right, false
		}
		px, py, have := 0, 0, false
		for i, v := range s.Y {
			if i >= len(xs) {
				break
			}
			y, ok := yOf(v, rng, log)
			if !ok {
				have = false
				continue
			}
			x := xOf(xs[i])
			if have {
				line(img, px, py, x, y, s.Color)
			} else {
				fill(img, image.Rect(x-1, y-1, x+2, y+2), s.Color)
			}
			px, py, have = x, y, true
		}
	}
}

func hasRight(p Panel) bool {
	for _, s := range p.Series {
		if s.Right {
			return true
		}
	}
	return false
}

// axisRange is the span of one axis: from 0 (or, on a log axis, the
// decade below the smallest value) to a little above the largest, so
// that a flat line sits mid-panel rather than on the frame.
func axisRange(p Panel, right bool) [2]float64 {
	lo, hi := math.Inf(1), math.Inf(-1)
	for _, s := range p.Series {
		if s.Right != right {
			continue
		}
		for _, v := range s.Y {
			if math.IsNaN(v) || (p.Log && !right && v <= 0) {
				continue
			}
			lo, hi = math.Min(lo, v), math.Max(hi, v)
		}
	}
	if math.IsInf(hi, -1) {
		lo, hi = 0, 1
	}
	if p.Log && !right {
		return [2]float64{math.Pow(10, math.Floor(math.Log10(lo))), math.Pow(10, math.Ceil(math.Log10(hi*1.2)))}
	}
	if hi <= 0 {
		hi = 1
	}
	return [2]float64{0, niceCeil(hi * 1.15)}
}

// niceCeil rounds v up to 1, 2 or 5 times a power of ten.
func niceCeil(v float64) float64 {
	e := math.Pow(10, math.Floor(math.Log10(v)))
	for _, m := range []float64{1, 2, 5, 10} {
		if m*e >= v {
			return m * e
		}
	}
	return 10 * e
}

// ticks are round values across rng: 1, 2, 5 per decade on a log axis,
// four to eight steps of 1, 2 or 5 times a power of ten otherwise.
func ticks(rng [2]float64, log bool) []float64 {
	var out []float64
	if log {
		for d := rng[0]; d <= rng[1]*1.0001; d *= 10 {
			for _, m := range []float64{1, 2, 5} {
				if v := d * m; v <= rng[1]*1.0001 {
					out = append(out, v)
				}
			}
		}
		return out
	}
	span := rng[1] - rng[0]
	step := niceCeil(span / 8)
	for v := math.Ceil(rng[0]/step) * step; v <= rng[1]+step/1000; v += step {
		out = append(out, v)
	}
	return out
}

func tickLabel(v float64) string {
	switch {
	case v >= 1e4 && math.Mod(v, 1000) == 0:
		return strconv.FormatFloat(v/1000, 'f', -1, 64) + "k"
	case v == math.Trunc(v):
		return strconv.FormatFloat(v, 'f', 0, 64)
	}
	return strconv.FormatFloat(v, 'g', 3, 64)
}

func text(img *image.RGBA, x, y int, s string, c color.RGBA) {
	d := font.Drawer{Dst: img, Src: image.NewUniform(c), Face: basicfont.Face7x13, Dot: fixed.P(x, y)}
	d.DrawString(s)
}

func fill(img *image.RGBA, r image.Rectangle, c color.RGBA) {
	draw.Draw(img, r, image.NewUniform(c), image.Point{}, draw.Src)
}

func hline(img *image.RGBA, x0, x1, y int, c color.RGBA) {
	for x := x0; x <= x1; x++ {
		img.SetRGBA(x, y, c)
	}
}

func vline(img *image.RGBA, x, y0, y1 int, c color.RGBA) {
	for y := y0; y <= y1; y++ {
		img.SetRGBA(x, y, c)
	}
}

// line draws a 2-pixel-wide segment (Bresenham, with a square pen).
func line(img *image.RGBA, x0, y0, x1, y1 int, c color.RGBA) {
	dx, dy := abs(x1-x0), -abs(y1-y0)
	sx, sy := sign(x1-x0), sign(y1-y0)
	e := dx + dy
	for {
		fill(img, image.Rect(x0-lineHalfWidth+1, y0-lineHalfWidth+1, x0+lineHalfWidth+1, y0+lineHalfWidth+1), c)
		if x0 == x1 && y0 == y1 {
			return
		}
		if e2 := 2 * e; e2 >= dy {
			e += dy
			x0 += sx
		} else {
			e += dx
			y0 += sy
		}
	}
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}

func sign(x int) int {
	switch {
	case x < 0:
		return -1
	case x > 0:
		return 1
	}
	return 0
}

// Soak plot colours: reads blue, posts orange, p99 darker than p50,
// errors red.
var (
	blue      = color.RGBA{31, 119, 180, 255}
	lightBlue = color.RGBA{130, 180, 225, 255}
	orange    = color.RGBA{230, 120, 20, 255}
	green     = color.RGBA{44, 160, 44, 255}
	purple    = color.RGBA{148, 103, 189, 255}
	red       = color.RGBA{214, 39, 40, 255}
)

// PlotSoak draws a soak's three panels: latency (reads p50 and p99,
// posts p99, log scale), memory (heap in use, live heap, RSS) and
// throughput with errors.
func PlotSoak(w io.Writer, title string, r SoakResult) error {
	n := len(r.Rows)
	minutes := make([]float64, n)
	col := func(f func(Row) float64) []float64 {
		out := make([]float64, n)
		for i, x := range r.Rows {
			out[i] = f(x)
		}
		return out
	}
	ms := func(d time.Duration) float64 { return float64(d) / 1e6 }
	mb := func(v float64) float64 {
		if v < 0 {
			return math.NaN()
		}
		return v / (1 << 20)
	}
	for i, x := range r.Rows {
		minutes[i] = x.Elapsed.Minutes()
	}
	postP99 := col(func(x Row) float64 {
		if x.Posts == 0 {
			return math.NaN()
		}
		return ms(x.PostP99)
	})
	latency := []Series{
		{Name: "read p50", Color: lightBlue, Y: col(func(x Row) float64 { return ms(x.ReadP50) })},
		{Name: "read p99", Color: blue, Y: col(func(x Row) float64 { return ms(x.ReadP99) })},
	}
	if slices.ContainsFunc(r.Rows, func(x Row) bool { return x.SearchP99 > 0 }) {
		latency = append(latency, Series{Name: "search p99", Color: green, Y: col(func(x Row) float64 { return ms(x.SearchP99) })})
	}
	latency = append(latency, Series{Name: "post p99", Color: orange, Y: postP99})
	panels := []Panel{
		{Title: "Latency per interval (reads: pages and API but search)", Unit: "ms", Log: true, Series: latency},
		// The stored articles on the right, both axes from 0: memory
		// that follows the data rises by the same share as they do.
		{Title: "Server memory, and the articles stored (right)", Unit: "MB", RightUnit: "articles", Series: []Series{
			{Name: "RSS", Color: purple, Y: col(func(x Row) float64 { return mb(x.RSS) })},
			{Name: "heap in use", Color: blue, Y: col(func(x Row) float64 { return mb(x.HeapInuse) })},
			{Name: "live heap", Color: green, Y: col(func(x Row) float64 { return mb(x.HeapLive) })},
			{Name: "stored articles", Color: ink, Right: true, Y: col(func(x Row) float64 {
				switch {
				case x.Stored > 0:
					return x.Stored
				case x.Articles >= 0:
					return x.Articles // the server's count, lagging
				}
				return math.NaN()
			})},
		}},
		{Title: fmt.Sprintf("Throughput and errors (total errors: %d reads, %d posts)", r.ReadErrors, r.PostErrors), Unit: "req/s", RightUnit: "posts/s, errors", Series: []Series{
			{Name: "reads/s", Color: blue, Y: col(func(x Row) float64 { return x.ReadsPerSec })},
			{Name: "posts/s", Color: orange, Right: true, Y: col(func(x Row) float64 { return x.PostsPerSec })},
			{Name: "errors", Color: red, Right: true, Y: col(func(x Row) float64 { return float64(x.ReadErrors + x.PostErrors + x.ScrapeErrors) })},
		}},
	}
	return Plot(w, title, minutes, panels)
}
