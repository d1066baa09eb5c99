package news

import "errors"

// The error vocabulary shared by every stage. Stages wrap these with %w and
// context; callers test with errors.Is and report Kind to users.
var (
	ErrNotFound  = errors.New("not found")
	ErrEmpty     = errors.New("empty input")
	ErrTooLarge  = errors.New("input over size limit")
	ErrBinary    = errors.New("binary input")
	ErrEncoding  = errors.New("invalid text encoding")
	ErrMalformed = errors.New("malformed input")
	ErrNoContent = errors.New("no article content")
	ErrFetch     = errors.New("fetch failed")
	ErrRead      = errors.New("unreadable input")
	ErrInvalid   = errors.New("invalid argument")
	ErrTimeout   = errors.New("processing time limit exceeded")
)

var kinds = []struct {
	err  error
	kind string
}{
	{ErrNotFound, "not_found"},
	{ErrEmpty, "empty"},
	{ErrTooLarge, "too_large"},
	{ErrBinary, "binary"},
	{ErrEncoding, "encoding"},
	{ErrMalformed, "malformed"},
	{ErrNoContent, "no_content"},
	{ErrFetch, "fetch"},
	{ErrRead, "read"},
	{ErrInvalid, "invalid"},
	{ErrTimeout, "timeout"},
}

// Kind returns the short class name of err in the vocabulary above, or
// "other" when err wraps none of them.
func Kind(err error) string {
	for _, k := range kinds {
		if errors.Is(err, k.err) {
			return k.kind
		}
	}
	return "other"
}

// KindError is the error of the vocabulary whose Kind is kind, or nil:
// it lets an error that crossed a process boundary as text keep its
// class.
func KindError(kind string) error {
	for _, k := range kinds {
		if k.kind == kind {
			return k.err
		}
	}
	return nil
}
