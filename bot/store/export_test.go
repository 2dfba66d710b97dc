package store

// SetCommitHook makes the writer call f before each commit; nil removes it.
// Tests use it to hold the writer while they fill the queue.
func SetCommitHook(f func()) { testHookCommit = f }

// MaxBatch is the largest batch the writer commits at once.
const MaxBatch = maxBatch
