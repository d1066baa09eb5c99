package store

import (
	"fmt"

	"github.com/dossier-news/dossier/internal/news"
)

// StoryEntities is how many top entities Story returns: enough to say
// what a story is about without listing every name one article dropped.
const StoryEntities = 10

// maxRedirects bounds a chain of merges. Merges only ever point at an
// older surviving story, so a longer chain means corrupt data (a cycle),
// which must not hang a reader.
const maxRedirects = 1000

// FollowRedirects returns the story id that id ends at after following
// merged stories' redirects, chains included. next reports the id one
// story redirects to, if any.
func FollowRedirects(id string, next func(string) (string, bool, error)) (string, error) {
	for range maxRedirects {
		into, ok, err := next(id)
		if err != nil || !ok {
			return id, err
		}
		id = into
	}
	return "", fmt.Errorf("story redirects from %s do not end", id)
}

// CheckStoryBatch rejects what no backend could store consistently: a
// member without an article or story, and a story redirecting to itself,
// which would hide it for good.
func CheckStoryBatch(b StoryBatch) error {
	for _, m := range b.Members {
		if m.Article == "" || m.Story == "" {
			return fmt.Errorf("story member %q of story %q: %w", m.Article, m.Story, news.ErrInvalid)
		}
	}
	for from, into := range b.Redirects {
		if from == "" || into == "" || from == into {
			return fmt.Errorf("story redirect %q → %q: %w", from, into, news.ErrInvalid)
		}
	}
	return nil
}

// CheckStorylines rejects storylines that share a story: a story belongs
// to at most one storyline, which is what Story.Storyline reports.
func CheckStorylines(lines []news.Storyline) error {
	seen := map[string]string{}
	for _, l := range lines {
		if l.ID == "" {
			return fmt.Errorf("storyline without an id: %w", news.ErrInvalid)
		}
		for _, s := range l.Stories {
			if other, ok := seen[s]; ok {
				return fmt.Errorf("story %s is in storylines %s and %s: %w", s, other, l.ID, news.ErrInvalid)
			}
			seen[s] = l.ID
		}
	}
	return nil
}

// CheckStorySort validates StoryQuery.Sort; "" means StoriesLatest.
func CheckStorySort(sort string) error {
	switch sort {
	case "", StoriesLatest, StoriesSize:
		return nil
	}
	return fmt.Errorf("story sort %q (want %s or %s): %w", sort, StoriesLatest, StoriesSize, news.ErrInvalid)
}

// StorylineTitle picks the title of a storyline: its largest story's,
// the earliest of equally large ones (stories are given oldest first).
func StorylineTitle(sizes []int, titles []string) string {
	best := -1
	for i, n := range sizes {
		if best < 0 || n > sizes[best] {
			best = i
		}
	}
	if best < 0 {
		return ""
	}
	return titles[best]
}
