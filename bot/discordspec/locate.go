package discordspec

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
)

// EnvDir names the environment variable that points straight at the
// discord-spec directory, for layouts where walking up does not find it.
const EnvDir = "DISCORD_SPEC_DIR"

// Files the spec directory must hold.
const (
	schemaFile = "interactions-schemas.json"
	limitsFile = "limits.json"
)

// Dir finds the directory holding interactions-schemas.json and limits.json.
// $DISCORD_SPEC_DIR wins when set. Otherwise it walks up from the working
// directory looking for shared/discord-spec beside (or inside) an ancestor:
// the repository sits next to shared/ both on a developer's machine and in
// CI, and a test runs with its package directory as working directory.
func Dir() (string, error) {
	if dir := os.Getenv(EnvDir); dir != "" {
		if err := checkDir(dir); err != nil {
			return "", fmt.Errorf("%s=%s: %w", EnvDir, dir, err)
		}
		return dir, nil
	}
	wd, err := os.Getwd()
	if err != nil {
		return "", fmt.Errorf("find discord-spec: %w", err)
	}
	return findFrom(wd)
}

// findFrom walks up from start and returns the first <ancestor>/shared/discord-spec
// that holds both spec files.
func findFrom(start string) (string, error) {
	for dir := start; ; {
		candidate := filepath.Join(dir, "shared", "discord-spec")
		if checkDir(candidate) == nil {
			return candidate, nil
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", fmt.Errorf("find discord-spec: no shared/discord-spec with %s and %s in %s or any parent; set %s",
				schemaFile, limitsFile, start, EnvDir)
		}
		dir = parent
	}
}

func checkDir(dir string) error {
	var errs []error
	for _, f := range []string{schemaFile, limitsFile} {
		if _, err := os.Stat(filepath.Join(dir, f)); err != nil {
			errs = append(errs, err)
		}
	}
	return errors.Join(errs...)
}
