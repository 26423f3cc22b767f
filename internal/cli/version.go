package cli

import (
	"runtime/debug"
	"strings"
)

// version is what the build info says of this binary: the main module's
// version ("v0.1.0" for `go install …@v0.1.0`; since Go 1.24 a build in a
// checkout gets the VCS tag or a pseudo-version, "+dirty" when modified;
// "(devel)" otherwise) and, for a build in a checkout, the VCS revision,
// its time and whether the tree was modified (`go help buildvcs`).
type version struct {
	Module   string // main module version
	Revision string // vcs.revision
	Time     string // vcs.time
	Modified bool   // vcs.modified
}

// readBuildInfo is debug.ReadBuildInfo; tests replace it.
var readBuildInfo = debug.ReadBuildInfo

func buildVersion() version {
	bi, ok := readBuildInfo()
	if !ok {
		return version{Module: "(devel)"}
	}
	v := version{Module: bi.Main.Version}
	if v.Module == "" {
		v.Module = "(devel)"
	}
	for _, s := range bi.Settings {
		switch s.Key {
		case "vcs.revision":
			v.Revision = s.Value
		case "vcs.time":
			v.Time = s.Value
		case "vcs.modified":
			v.Modified = s.Value == "true"
		}
	}
	return v
}

// String is the version line: "v0.1.0", or with the revision of a build
// in a checkout, "(devel) (revision 0123456789ab, modified, 2026-12-04T19:00:00Z)".
func (v version) String() string {
	var extra []string
	if v.Revision != "" {
		rev := v.Revision
		if len(rev) > 12 {
			rev = rev[:12]
		}
		extra = append(extra, "revision "+rev)
	}
	if v.Modified {
		extra = append(extra, "modified")
	}
	if v.Time != "" {
		extra = append(extra, v.Time)
	}
	if len(extra) == 0 {
		return v.Module
	}
	return v.Module + " (" + strings.Join(extra, ", ") + ")"
}

// Tool is the version that JSON and SARIF outputs give as the tool's:
// the module version, and for a "(devel)" build its revision, so that a
// report says which code wrote it.
func (v version) Tool() string {
	if v.Module != "(devel)" || v.Revision == "" {
		return v.Module
	}
	rev := v.Revision
	if len(rev) > 12 {
		rev = rev[:12]
	}
	if v.Modified {
		rev += "-dirty"
	}
	return "(devel)-" + rev
}
