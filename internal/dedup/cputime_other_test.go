//go:build !linux

package dedup

import (
	"runtime"
	"time"
)

var processStart = time.Now()

// threadCPU falls back to wall time where per-thread CPU time is not
// available; rates are then wall-clock rates.
func threadCPU() time.Duration { return time.Since(processStart) }

func lockThread() func() {
	runtime.LockOSThread()
	return runtime.UnlockOSThread
}
