package knowledge

import (
	"fmt"
	"io"
	"io/fs"
)

// readNote reads one note safely: opened without blocking (a named pipe
// with no writer would otherwise block the open forever), checked on the
// open file to be a regular file (so a swap after any earlier check is
// caught), and read no further than maxBytes.
func readNote(path string, maxBytes int64) ([]byte, error) {
	f, err := openNonblocking(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	fi, err := f.Stat()
	switch {
	case err != nil:
		return nil, err
	case !fi.Mode().IsRegular():
		return nil, fmt.Errorf("not a regular file (%s): notes must be plain files", fileKind(fi.Mode()))
	case fi.Size() > maxBytes:
		return nil, fmt.Errorf("file is %d bytes, over the limit of %d", fi.Size(), maxBytes)
	}
	src, err := io.ReadAll(io.LimitReader(f, maxBytes+1))
	if err != nil {
		return nil, err
	}
	if int64(len(src)) > maxBytes { // it grew while read
		return nil, fmt.Errorf("file is over the limit of %d bytes", maxBytes)
	}
	return src, nil
}

// fileKind names a file mode that is not a regular file.
func fileKind(m fs.FileMode) string {
	switch {
	case m&fs.ModeNamedPipe != 0:
		return "a named pipe"
	case m&fs.ModeSocket != 0:
		return "a socket"
	case m&fs.ModeDevice != 0:
		return "a device"
	case m.IsDir():
		return "a directory"
	}
	return m.Type().String()
}
