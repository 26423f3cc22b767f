package report

import (
	"github.com/owenrumney/go-sarif/v3/pkg/report/v210/sarif"

	"github.com/cognitolint/cognitolint/finding"
)

// sarifFix writes a finding's fix as a SARIF fix (§3.55): one
// artifactChange per file, each edit a replacement whose deletedRegion is
// the range it replaces (empty for an insertion) and whose insertedContent
// is its text. Lines and columns count as the finding's do; byteOffset and
// byteLength give the same range exactly.
func sarifFix(fx *finding.Fix, base string) *sarif.Fix {
	out := sarif.NewFix().WithDescription(sarif.NewTextMessage(fx.Description))
	changes := map[string]*sarif.ArtifactChange{}
	for _, e := range fx.Edits {
		uri := fileURI(e.File, base)
		ch := changes[uri]
		if ch == nil {
			ch = sarif.NewArtifactChange().WithArtifactLocation(sarif.NewArtifactLocation().WithURI(uri).WithURIBaseID(srcRoot))
			changes[uri] = ch
			out.AddArtifactChange(ch)
		}
		region := sarif.NewRegion().
			WithStartLine(e.Start.Line).WithStartColumn(e.Start.Column).
			WithEndLine(e.End.Line).WithEndColumn(e.End.Column).
			WithByteOffset(e.Start.Offset).WithByteLength(e.End.Offset - e.Start.Offset)
		r := sarif.NewReplacement().WithDeletedRegion(region)
		if e.Text != "" {
			r.WithInsertedContent(sarif.NewArtifactContent().WithText(e.Text))
		}
		ch.AddReplacement(r)
	}
	return out
}
