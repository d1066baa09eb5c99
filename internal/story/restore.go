package story

import "fmt"

// Restore adds an article that was placed before (read back from a store,
// in the original arrival order) to the story the caller recorded for it,
// creating that story under the recorded id if needed. Replaying every
// stored article this way rebuilds the state Add and Repair left, so
// later decisions are the ones the running process would have made.
func (c *Clusterer) Restore(d Doc, story string) error {
	if _, ok := c.byID[d.ID]; ok {
		return fmt.Errorf("story: restore %q: article already added", d.ID)
	}
	if story == "" {
		return fmt.Errorf("story: restore %q: no story id", d.ID)
	}
	a, _ := c.analyse(d)
	s, ok := c.storyID[story]
	if ok {
		s = c.root(s)
	} else {
		s = c.newStory(story)
	}
	c.attach(a, s)
	return nil
}

// RestoreRedirect records that story from was merged into story into (a
// Merge a Repair reported), after the articles are restored: from then
// resolves to into and is never given out again.
func (c *Clusterer) RestoreRedirect(from, into string) error {
	t, ok := c.storyID[into]
	if !ok {
		return fmt.Errorf("story: redirect %q → %q: unknown target", from, into)
	}
	if s, ok := c.storyID[from]; ok {
		if c.root(s) == c.root(t) {
			return nil
		}
		return fmt.Errorf("story: redirect %q → %q: %q has articles of its own", from, into, from)
	}
	c.stories = append(c.stories, storyState{id: from, into: c.root(t), first: noDay, last: noDay})
	c.storyID[from] = int32(len(c.stories) - 1)
	return nil
}

// Retire marks story ids as used, so that no new story takes them; a
// caller that kept ids of its own beside the clusterer's may pass them.
func (c *Clusterer) Retire(ids ...string) {
	for _, id := range ids {
		c.retired[id] = true
	}
}
