//go:build !unix

package knowledge

import "os"

func openNonblocking(path string) (*os.File, error) { return os.Open(path) }
