package eval

import (
	"context"
	"fmt"
	"io"
	"math"
	"os"
	"slices"
	"strings"
	"time"

	"github.com/dossier-news/dossier/internal/eval/rouge"
	"github.com/dossier-news/dossier/internal/summarize"
)

// Targets of the timeline evaluation on Timeline17 (issue 8): the
// published DATEWISE figures (Ghalandari & Ifrim 2020) on all 19
// timelines are AR1-F 0.120, AR2-F 0.035, date F1 0.544.
const (
	TargetTimelineAR1F  = 0.12
	TargetTimelineAR2F  = 0.035
	TargetTimelineDateF = 0.55
)

// TimelinePRF is a precision, recall and F1.
type TimelinePRF struct{ P, R, F float64 }

func tlPRF(p, r float64) TimelinePRF {
	s := TimelinePRF{P: p, R: r}
	if p+r > 0 {
		s.F = 2 * p * r / (p + r)
	}
	return s
}

// TimelineScores are one system's figures on one task, or averaged.
// AR1 and AR2 are tilse's alignment-based many-to-one ROUGE-1 and -2
// with the Perl-equivalent ROUGE (stemming, stopwords removed), the
// figures papers report; the Reimpl pair is tilse's Python
// re-implementation, for comparison with papers that used it.
type TimelineScores struct {
	AR1, AR2, Date       TimelinePRF
	AR1Reimpl, AR2Reimpl TimelinePRF
}

// TimelineTask is one reference timeline and both systems' scores.
type TimelineTask struct {
	Topic, Timeline string
	// Articles are the topic's articles published within the
	// reference's first and last day; Dates and PerDate what the
	// systems were asked for.
	Articles, Dates, PerDate int
	Ours, Baseline           TimelineScores
	// Elapsed is BuildTimeline's time on the task, corpus preparation
	// (time tagging included) and all.
	Elapsed time.Duration
}

// TimelinesReport is the Timeline17 evaluation of summarize.BuildTimeline
// and of a publication-count baseline.
type TimelinesReport struct {
	Tasks []TimelineTask
	// Ours and Baseline average the tasks as news-tls does: precision and
	// recall are each averaged over tasks and F is computed from the two
	// means ("F of mean P/R"). MeanF* are the plain means of per-task F.
	Ours, Baseline              TimelineScores
	MeanFOurs, MeanFBaseline    TimelineScores
	Topics, Articles, Timelines int
	Elapsed                     time.Duration
	Notes                       []string
}

// Timelines runs the Timeline17 evaluation found under sharedDir with
// the news-tls protocol: a topic's articles are pooled across its
// source folders; each reference timeline is a task restricted to the
// articles published from its first to its last date, asking for as
// many dates as it has and round(mean sentences per date) sentences per
// date. Dates come from our own time tagger, not from the set's
// HeidelTime annotations. Progress lines go to progress if not nil.
func Timelines(ctx context.Context, sharedDir string, progress io.Writer) (TimelinesReport, error) {
	var rep TimelinesReport
	dir := t17Path(sharedDir)
	if _, err := os.Stat(dir); err != nil {
		rep.Notes = append(rep.Notes, fmt.Sprintf("timeline17 skipped: %v", err))
		return rep, nil
	}
	start := time.Now()
	topics, err := loadTimeline17(dir)
	if err != nil {
		return rep, err
	}
	type job struct {
		topic *tlTopic
		ref   tlRef
	}
	var jobs []job
	for i := range topics {
		rep.Articles += len(topics[i].docs)
		for _, r := range topics[i].refs {
			jobs = append(jobs, job{&topics[i], r})
		}
	}
	rep.Topics, rep.Timelines = len(topics), len(jobs)
	rep.Tasks = make([]TimelineTask, len(jobs))
	errs := make([]error, len(jobs))
	err = forEach(ctx, "timeline17", len(jobs), nil, func(i int) {
		rep.Tasks[i], errs[i] = runTimelineTask(jobs[i].topic, jobs[i].ref)
	})
	if err != nil {
		return rep, err
	}
	for i, t := range rep.Tasks {
		if errs[i] != nil {
			return rep, fmt.Errorf("timeline17 %s: %w", t.Timeline, errs[i])
		}
		if progress != nil {
			fmt.Fprintf(progress, "%s %s: AR1-F %.3f AR2-F %.3f date F1 %.3f\n", t.Topic, t.Timeline, t.Ours.AR1.F, t.Ours.AR2.F, t.Ours.Date.F)
		}
	}
	rep.Ours, rep.MeanFOurs = averageTimelineScores(rep.Tasks, func(t TimelineTask) TimelineScores { return t.Ours })
	rep.Baseline, rep.MeanFBaseline = averageTimelineScores(rep.Tasks, func(t TimelineTask) TimelineScores { return t.Baseline })
	rep.Elapsed = time.Since(start)
	rep.Notes = append(rep.Notes,
		"this copy of Timeline17 holds 15 of the 19 reference timelines (8 of 9 topics, no SyrianCrisis); the published figures are over 19",
		"AR1/AR2 are tilse's align+ m:1 ROUGE with the Perl-equivalent counts (-a -n 2 -x -m -s -f A -t 2); reimpl is tilse's Python ROUGE",
		"every system gives each date the reference's mean sentences per date, k (readers of the API get 1 to 3)",
		"baseline: the days with most articles published, each with the first sentence of its first k articles")
	return rep, nil
}

// runTimelineTask builds our timeline and the baseline's for one
// reference and scores both.
func runTimelineTask(t *tlTopic, ref tlRef) (TimelineTask, error) {
	days := make([]string, 0, len(ref.tl))
	sents := 0
	for d, ss := range ref.tl {
		days = append(days, d)
		sents += len(ss)
	}
	slices.Sort(days)
	first, _ := time.Parse(time.DateOnly, days[0])
	last, _ := time.Parse(time.DateOnly, days[len(days)-1])
	var docs []summarize.Doc
	for _, d := range t.docs {
		if !d.Published.Before(first) && !d.Published.After(last) {
			docs = append(docs, d)
		}
	}
	per := int(math.Round(float64(sents) / float64(len(days))))
	task := TimelineTask{Topic: t.name, Timeline: ref.name, Articles: len(docs), Dates: len(days), PerDate: per}
	start := time.Now()
	tl := summarize.BuildTimeline(docs, summarize.TimelineOptions{Dates: len(days), PerDate: per, From: first, To: last})
	task.Elapsed = time.Since(start)
	pred := map[string][]string{}
	for _, e := range tl.Entries {
		for _, s := range e.Sentences {
			pred[e.Date.Format(time.DateOnly)] = append(pred[e.Date.Format(time.DateOnly)], s.Text)
		}
	}
	var err error
	if task.Ours, err = scoreTimeline(pred, ref.tl); err != nil {
		return task, err
	}
	task.Baseline, err = scoreTimeline(leadBaseline(docs, t.lines, len(days), per), ref.tl)
	return task, err
}

// leadBaseline is the simplest timeline: the days on which most
// articles were published (ties to the earlier day), each with the
// first sentence of its first articles in ID order, one per article.
func leadBaseline(docs []summarize.Doc, lines map[string][]string, dates, per int) map[string][]string {
	byDay := map[string][]string{}
	for _, d := range docs {
		k := d.Published.Format(time.DateOnly)
		byDay[k] = append(byDay[k], d.ID)
	}
	days := make([]string, 0, len(byDay))
	for d := range byDay {
		days = append(days, d)
	}
	slices.SortFunc(days, func(a, b string) int {
		if n, m := len(byDay[a]), len(byDay[b]); n != m {
			return m - n
		}
		return strings.Compare(a, b)
	})
	out := map[string][]string{}
	for _, d := range days[:min(dates, len(days))] {
		ids := slices.Clone(byDay[d])
		slices.Sort(ids)
		for _, id := range ids {
			if len(out[d]) == per {
				break
			}
			if ls := lines[id]; len(ls) > 0 {
				out[d] = append(out[d], ls[0])
			}
		}
	}
	return out
}

// scoreTimeline scores a predicted timeline against one reference with
// tilse's metrics, under both ROUGE implementations.
func scoreTimeline(pred, ref map[string][]string) (TimelineScores, error) {
	var s TimelineScores
	orig, err := rouge.TLS(pred, []rouge.Timeline{ref}, true)
	if err != nil {
		return s, err
	}
	re, err := rouge.TLS(pred, []rouge.Timeline{ref}, false)
	if err != nil {
		return s, err
	}
	conv := func(r rouge.Score) TimelinePRF { return TimelinePRF{P: r.Precision, R: r.Recall, F: r.F} }
	s.AR1, s.AR2 = conv(orig.AlignManyToOne[0]), conv(orig.AlignManyToOne[1])
	s.AR1Reimpl, s.AR2Reimpl = conv(re.AlignManyToOne[0]), conv(re.AlignManyToOne[1])
	s.Date = conv(orig.Date)
	return s, nil
}

// averageTimelineScores averages tasks both ways: news-tls's F of the
// mean precision and recall, and the mean of per-task F.
func averageTimelineScores(tasks []TimelineTask, get func(TimelineTask) TimelineScores) (ofMeans, meanF TimelineScores) {
	if len(tasks) == 0 {
		return
	}
	fields := func(s *TimelineScores) []*TimelinePRF {
		return []*TimelinePRF{&s.AR1, &s.AR2, &s.Date, &s.AR1Reimpl, &s.AR2Reimpl}
	}
	n := float64(len(tasks))
	var sum TimelineScores
	for _, t := range tasks {
		s := get(t)
		src, dst := fields(&s), fields(&sum)
		for k := range src {
			dst[k].P += src[k].P / n
			dst[k].R += src[k].R / n
			dst[k].F += src[k].F / n
		}
	}
	meanF = sum
	src, dst := fields(&sum), fields(&ofMeans)
	for k := range src {
		*dst[k] = tlPRF(src[k].P, src[k].R)
	}
	return ofMeans, meanF
}

// WriteText prints the per-task table and the averages with their
// targets.
func (r TimelinesReport) WriteText(w io.Writer) {
	if len(r.Tasks) > 0 {
		fmt.Fprintf(w, "Timeline17: %d topics, %d articles, %d timelines (%s)\n", r.Topics, r.Articles, r.Timelines, round(r.Elapsed))
		fmt.Fprintf(w, "  %-48s %5s %5s %3s   %-17s   %-17s\n", "task", "docs", "dates", "k", "ours AR1 AR2 date", "base AR1 AR2 date")
		for _, t := range r.Tasks {
			fmt.Fprintf(w, "  %-48s %5d %5d %3d   %.3f %.3f %.3f   %.3f %.3f %.3f  %s\n", t.Topic+" "+t.Timeline, t.Articles, t.Dates, t.PerDate,
				t.Ours.AR1.F, t.Ours.AR2.F, t.Ours.Date.F, t.Baseline.AR1.F, t.Baseline.AR2.F, t.Baseline.Date.F, round(t.Elapsed))
		}
		line := func(name string, s TimelineScores) {
			fmt.Fprintf(w, "  %-26s AR1-F %.3f  AR2-F %.3f  date F1 %.3f   (reimpl AR1-F %.3f AR2-F %.3f)\n",
				name, s.AR1.F, s.AR2.F, s.Date.F, s.AR1Reimpl.F, s.AR2Reimpl.F)
		}
		line("ours, F of mean P/R", r.Ours)
		line("ours, mean of task F", r.MeanFOurs)
		line("baseline, F of mean P/R", r.Baseline)
		line("baseline, mean of task F", r.MeanFBaseline)
		fmt.Fprintf(w, "  targets (F of mean P/R, as news-tls reports): AR1-F >= %.3f %s, AR2-F >= %.3f %s, date F1 >= %.2f %s\n",
			TargetTimelineAR1F, verdict(r.Ours.AR1.F >= TargetTimelineAR1F), TargetTimelineAR2F, verdict(r.Ours.AR2.F >= TargetTimelineAR2F),
			TargetTimelineDateF, verdict(r.Ours.Date.F >= TargetTimelineDateF))
	}
	for _, n := range r.Notes {
		fmt.Fprintf(w, "note: %s\n", n)
	}
}
