package loadtest

import (
	"bytes"
	"image"
	"image/color"
	"image/png"
	"math"
	"testing"
	"time"
)

// colourRows are the rows of a region in which colour c appears, top
// to bottom.
func colourRows(img image.Image, r image.Rectangle, c color.RGBA) []int {
	var ys []int
	for y := r.Min.Y; y < r.Max.Y; y++ {
		for x := r.Min.X; x < r.Max.X; x++ {
			if color.RGBAModel.Convert(img.At(x, y)).(color.RGBA) == c {
				ys = append(ys, y)
				break
			}
		}
	}
	return ys
}

// topmost is the highest row at which c appears in a column band.
func topmost(t *testing.T, img image.Image, x0, x1, y0, y1 int, c color.RGBA) int {
	t.Helper()
	ys := colourRows(img, image.Rect(x0, y0, x1, y1), c)
	if len(ys) == 0 {
		t.Fatalf("colour %v not in x %d–%d, y %d–%d", c, x0, x1, y0, y1)
	}
	return ys[0]
}

func TestPlot(t *testing.T) {
	xs := []float64{0, 1, 2, 3, 4}
	rising := Series{Name: "rising", Color: red, Y: []float64{10, 20, 30, 40, 50}}
	flat := Series{Name: "flat", Color: blue, Y: []float64{5, 5, 5, 5, 5}}
	gappy := Series{Name: "right", Color: orange, Right: true, Y: []float64{1, math.NaN(), 1, 1, 1}}
	logged := Series{Name: "latency", Color: green, Y: []float64{1, 10, 100, 1000, 1000}}
	var b bytes.Buffer
	err := Plot(&b, "test figure", xs, []Panel{
		{Title: "first", Unit: "MB", Series: []Series{rising, flat}},
		{Title: "second", Unit: "ms", Log: true, Series: []Series{logged}},
		{Title: "third", Unit: "x", RightUnit: "y", Series: []Series{flat, gappy}},
	})
	if err != nil {
		t.Fatal(err)
	}
	img, err := png.Decode(&b)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := img.Bounds(), image.Rect(0, 0, plotWidth, plotTop+3*panelHeight); got != want {
		t.Fatalf("bounds %v, want %v", got, want)
	}
	panel := func(i int) (y0, y1 int) {
		return plotTop + i*panelHeight + panelPadTop, plotTop + (i+1)*panelHeight - panelPadBot
	}
	left, right := marginLeft+5, plotWidth-marginRight-5
	// The rising series climbs: near the right edge it is drawn higher
	// (a smaller y) than near the left; the flat one stays put, below it.
	y0, y1 := panel(0)
	startY := topmost(t, img, left, left+20, y0, y1+1, red)
	endY := topmost(t, img, right-20, right, y0, y1+1, red)
	if endY >= startY-50 {
		t.Errorf("rising series from y %d to %d: not climbing", startY, endY)
	}
	fa, fb := topmost(t, img, left, left+20, y0, y1+1, blue), topmost(t, img, right-20, right, y0, y1+1, blue)
	if d := fa - fb; d < -2 || d > 2 || fa <= endY {
		t.Errorf("flat series at y %d and %d (rising ends at %d)", fa, fb, endY)
	}
	// Lines stay in their own panel: no red in the second or third.
	y2, _ := panel(1)
	_, y3 := panel(2)
	if ys := colourRows(img, image.Rect(marginLeft, y2, plotWidth-marginRight, y3), red); len(ys) > 0 {
		t.Errorf("red drawn outside its panel at rows %v", ys[:min(5, len(ys))])
	}
	// On the log axis each tenfold step is the same height.
	y0, y1 = panel(1)
	w := float64(right - left + 10)
	col := func(m float64) int { return marginLeft + int(m/4*w) }
	h := func(m float64) int { return topmost(t, img, col(m)-1, col(m)+2, y0, y1+1, green) }
	if a, b := h(1)-h(2), h(0)-h(1); a < b-3 || a > b+3 || a < 20 {
		t.Errorf("decades %d and %d px high on the log axis", b, a)
	}
	// The right-hand series is drawn, and its NaN leaves a gap: nothing
	// orange between the first point's and the third's columns except
	// the legend above the plot area.
	y0, y1 = panel(2)
	if ys := colourRows(img, image.Rect(col(0)+4, y0, col(2)-4, y1+1), orange); len(ys) > 0 {
		t.Errorf("orange drawn across the gap at rows %v", ys)
	}
	if ys := colourRows(img, image.Rect(col(2), y0, col(4), y1+1), orange); len(ys) == 0 {
		t.Error("right-hand series not drawn")
	}
	// Text was drawn: the title's pixels are dark.
	if ys := colourRows(img, image.Rect(marginLeft, 8, marginLeft+100, 26), ink); len(ys) == 0 {
		// basicfont draws with the source colour through a mask, so
		// glyph pixels are exactly ink.
		t.Error("no title text")
	}
}

func TestPlotSoak(t *testing.T) {
	var r SoakResult
	for i := 1; i <= 30; i++ {
		r.Rows = append(r.Rows, Row{Elapsed: time.Duration(i) * 10 * time.Second, Reads: 3000, ReadsPerSec: 300,
			ReadP50: 2 * time.Millisecond, ReadP99: 20 * time.Millisecond, SearchP99: 800 * time.Millisecond,
			Posts: 50, PostsPerSec: 5, PostP99: 120 * time.Millisecond,
			HeapInuse: 500 << 20, HeapLive: 300 << 20, RSS: 750 << 20, Goroutines: 60, Articles: 20000})
	}
	var b bytes.Buffer
	if err := PlotSoak(&b, "soak", r); err != nil {
		t.Fatal(err)
	}
	img, err := png.Decode(&b)
	if err != nil {
		t.Fatal(err)
	}
	if img.Bounds().Dy() != plotTop+3*panelHeight {
		t.Errorf("height %d", img.Bounds().Dy())
	}
	// RSS (purple) is in the memory panel only, above the heap (blue).
	y0, y1 := plotTop+panelHeight+panelPadTop, plotTop+2*panelHeight-panelPadBot
	mid := plotWidth / 2
	rss := topmost(t, img, mid, mid+10, y0, y1+1, purple)
	heap := topmost(t, img, mid, mid+10, y0, y1+1, blue)
	if rss >= heap {
		t.Errorf("RSS at y %d not above heap at %d", rss, heap)
	}
}

func TestTicks(t *testing.T) {
	if got := ticks([2]float64{0, 1000}, false); len(got) < 4 || got[0] != 0 || got[len(got)-1] != 1000 {
		t.Errorf("linear ticks %v", got)
	}
	if got := ticks([2]float64{1, 100}, true); len(got) != 7 || got[0] != 1 || got[6] != 100 {
		t.Errorf("log ticks %v", got)
	}
	for v, want := range map[float64]float64{0.9: 1, 1.1: 2, 3: 5, 7: 10, 730: 1000, 1200: 2000} {
		if got := niceCeil(v); got != want {
			t.Errorf("niceCeil(%v) = %v, want %v", v, got, want)
		}
	}
}
