// Package story groups news articles into stories as they arrive and links
// stories into storylines. It is pure Go and in memory, like dedup: the
// caller feeds plain Docs, stores the decisions, and after a restart
// replays what it stored (Restore) to get the same state back.
//
// # Using it
//
//	c := story.New(story.DefaultConfig())
//	d := c.Add(doc)          // joins the best recent story or starts one
//	fmt.Println(d.Story, d.Best.Score, d.Threshold)
//	rep := c.Repair()        // merges look-alike stories, splits drifted ones
//	lines := c.Storylines()  // stories linked across months
//
// # How
//
// Each article becomes a sparse TF-IDF vector over its title (counted
// twice) and body, truncated to its strongest terms, with the IDF damped
// (IDFPower) so that words no other article has used yet do not crowd
// out the story's shared vocabulary; document frequencies grow online.
// A live story keeps the sum of its members' vectors with, per term, how
// many members use it (its centroid, pruned to its strongest terms), how
// many members name each entity, and the days it covers. A new article
// looks up candidate stories in an inverted index over its rarest strong
// terms and its entities that holds only live stories, scores the best
// few as
//
//	text  = max((1-CoverWeight)·cosine + CoverWeight·coverage, NearWeight·nearest)
//	score = (text + EntityWeight·entities) · time
//
// (cosine with the centroid; coverage, the share of the article's weight
// on terms most members use; nearest, the best cosine with one of the
// story's latest members sharing at least NearMinShared terms with it;
// entities, the IDF-weighted share of the
// article's entities the story commonly names, counted only when text
// reaches EntityMinText; time, 1 within GraceDays
// of the story's span or on one of its event days and decaying after)
// and joins the best one when score ≥ Threshold. A syndicated copy joins
// its origin's story without scoring and without weighing on the
// centroid. Every Decision carries these components for both the best
// candidate and the runner-up.
//
// Repair merges live stories whose centroids and entities turn out alike
// (the older id stays, the other redirects) and splits a story whose
// members fall apart into unconnected groups. Storylines links stories
// of any age that share several characteristic entities and vocabulary.
//
// Stories that fall out of the recency window are closed: their member
// vectors are dropped and only a small profile (top terms and entities,
// days) is kept for storylines, so memory per article stays small and
// the cost of an Add does not grow with the corpus.
package story
