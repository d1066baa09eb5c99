package news

import "fmt"

type errString string

func (e errString) Error() string { return string(e) }

func fmtErr(err error) error { return fmt.Errorf("reading x: %w", err) }
