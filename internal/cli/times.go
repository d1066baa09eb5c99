package cli

import (
	"fmt"
	"io"
	"time"

	"github.com/dossier-news/dossier/internal/news"
)

// printTimes lists an article's time expressions with their byte spans
// and values, then the event dates of each dated sentence.
func printTimes(w io.Writer, xs []news.TimeExpression) {
	if len(xs) == 0 {
		return
	}
	fmt.Fprintf(w, "Time expressions (%d)\n", len(xs))
	for _, x := range xs {
		value := x.Value
		if x.Mod != "" {
			value += " " + x.Mod
		}
		fmt.Fprintf(w, "  %5d-%-5d %-28q %-8s %s%s\n", x.Span.Start, x.Span.End, oneLine(x.Text, 26), x.Type, value, calendarNote(x))
	}
	fmt.Fprintln(w)
}

// calendarNote spells out the days a value such as 2015-W50 covers.
func calendarNote(x news.TimeExpression) string {
	if x.First.IsZero() || x.Value == x.First.Format(time.DateOnly) {
		return ""
	}
	if x.First.Equal(x.Last) {
		return "  (" + x.First.Format(time.DateOnly) + ")"
	}
	return "  (" + x.First.Format(time.DateOnly) + " to " + x.Last.Format(time.DateOnly) + ")"
}
