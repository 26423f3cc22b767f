package cli

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/cognitolint/cognitolint/validate"
)

// bulkFlags are the flags of bulk suppressions (as ESLint's): --suppress-all
// records the current findings per file and rule, later runs suppress up to
// those counts, --prune-suppressions drops what no longer occurs.
type bulkFlags struct {
	suppressAll bool
	prune       bool
	location    string
}

func (b *bulkFlags) register(fs *pflag.FlagSet) {
	fs.BoolVar(&b.suppressAll, "suppress-all", false, "record every current finding in the bulk suppressions file (counts per file and rule), so that later runs fail only on new findings")
	fs.BoolVar(&b.prune, "prune-suppressions", false, "drop the entries of the bulk suppressions file that no longer occur, lower the counts of those that occur less")
	fs.StringVar(&b.location, "suppressions-location", "", "the bulk suppressions `file` (default: "+validate.BulkFileName+" at the repository root, else in the working directory)")
	_ = fs.SetAnnotation("suppressions-location", cobra.BashCompFilenameExt, []string{"json"})
}

// open loads the bulk suppressions file; nil when there is none and no
// flag asks for one.
func (b *bulkFlags) open() (*validate.Bulk, error) {
	file := b.location
	if file == "" {
		wd, err := os.Getwd()
		if err != nil {
			return nil, err
		}
		file = validate.FindBulkFile(wd)
		// Name the file as the user would: relative to where they are.
		if rel, err := filepath.Rel(wd, file); err == nil {
			file = rel
		}
	}
	_, err := os.Stat(file)
	exists := err == nil
	switch {
	case !exists && !errors.Is(err, fs.ErrNotExist):
		return nil, fmt.Errorf("%s: %v", file, err)
	case !exists && b.location != "" && !b.suppressAll:
		return nil, fmt.Errorf("--suppressions-location %s: no such file; --suppress-all creates it", file)
	case !exists && !b.suppressAll && !b.prune:
		return nil, nil
	}
	bulk, err := validate.LoadBulk(file)
	if err != nil {
		return nil, err
	}
	bulk.All = b.suppressAll
	return bulk, nil
}

// finish writes the file after --suppress-all or --prune-suppressions, or
// says on stderr which entries no longer occur (the run does not fail for
// them).
func (b *bulkFlags) finish(bulk *validate.Bulk, stderr io.Writer) error {
	if bulk == nil {
		return nil
	}
	switch {
	case b.suppressAll:
		bulk.SuppressAll()
		if err := bulk.Write(); err != nil {
			return err
		}
		fmt.Fprintf(stderr, "cognitolint: %s: %s recorded\n", bulk.File, entries(bulk.Entries()))
	case b.prune:
		n := bulk.Prune()
		if err := bulk.Write(); err != nil {
			return err
		}
		fmt.Fprintf(stderr, "cognitolint: %s: %s pruned, %s left\n", bulk.File, entries(n), entries(bulk.Entries()))
	default:
		if stale := bulk.Unused(); len(stale) > 0 {
			first := stale[0]
			fmt.Fprintf(stderr, "cognitolint: %s: %s no longer %s (%s: %s recorded %d, found %d%s); --prune-suppressions drops them\n",
				bulk.File, entries(len(stale)), plural(len(stale), "occurs", "occur"), first.File, first.Rule, first.Recorded, first.Found, more(len(stale)-1))
		}
	}
	return nil
}

func entries(n int) string { return fmt.Sprintf("%d %s", n, plural(n, "entry", "entries")) }

func more(n int) string {
	if n == 0 {
		return ""
	}
	return fmt.Sprintf(", and %d more", n)
}
