package input

import (
	"fmt"
	"strings"
	"testing"
)

func renderComments(cs []Comment) string {
	var b strings.Builder
	for _, c := range cs {
		fmt.Fprintf(&b, "%d:%d len=%d covers=%d-%d trailing=%v %s\n", c.Line, c.Col, c.Len, c.From, c.To, c.Trailing, c.Text)
	}
	return b.String()
}

func TestYAMLComments(t *testing.T) {
	src := `# cognitolint:ignore a -- first line of a Kubernetes document: all of it
apiVersion: cognitoidentityprovider.services.k8s.aws/v1alpha1
kind: UserPoolClient
metadata:
  name: web
spec:
  callbackURLs:
    - http://a # cognitolint:ignore b -- trailing
---
apiVersion: cognitoidentityprovider.services.k8s.aws/v1alpha1
metadata:
  name: dev
# cognitolint:ignore c -- above kind: the whole document
kind: UserPoolClient
spec:
  # cognitolint:ignore d -- above a key

  callbackURLs:
    - http://b
  # unrelated comment
  # cognitolint:ignore e -- stands before nothing
---
# cognitolint:ignore f -- not Kubernetes: above a key covers its entry
Resources:
  Client:
    Type: AWS::Cognito::UserPoolClient
    Properties:
      CallbackURLs: # cognitolint:ignore g -- at the end of the line that opens a block: the block
        - http://a
        - http://b
      LogoutURLs: [http://a] # cognitolint:ignore h -- a flow list on its line: that line
`
	got := renderComments(yamlComments([]byte(src)))
	want := `1:1 len=72 covers=2-8 trailing=false # cognitolint:ignore a -- first line of a Kubernetes document: all of it
8:16 len=34 covers=8-8 trailing=true # cognitolint:ignore b -- trailing
13:1 len=56 covers=9-19 trailing=false # cognitolint:ignore c -- above kind: the whole document
16:3 len=37 covers=18-19 trailing=false # cognitolint:ignore d -- above a key
21:3 len=47 covers=0-0 trailing=false # cognitolint:ignore e -- stands before nothing
23:1 len=70 covers=24-31 trailing=false # cognitolint:ignore f -- not Kubernetes: above a key covers its entry
28:21 len=78 covers=28-30 trailing=true # cognitolint:ignore g -- at the end of the line that opens a block: the block
31:30 len=60 covers=31-31 trailing=true # cognitolint:ignore h -- a flow list on its line: that line
`
	if got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
}

func TestHCLComments(t *testing.T) {
	src := `# cognitolint:ignore a -- the whole block
resource "aws_cognito_user_pool_client" "web" {
  name = "web" // cognitolint:ignore b -- trailing
  // cognitolint:ignore c -- the attribute, all its lines
  callback_urls = [
    # cognitolint:ignore d -- one element
    "http://a",
  ]
  logout_urls = [ # cognitolint:ignore g -- on the line that opens it: the attribute
    "http://a",
  ]
  /* cognitolint:ignore e -- a block comment is not read */
  token_validity_units {
    access_token = "hours"
  }
  # cognitolint:ignore f -- before the closing brace
}
`
	got := renderComments(hclComments("main.tf", []byte(src)))
	want := `1:1 len=41 covers=2-17 trailing=false # cognitolint:ignore a -- the whole block
3:16 len=35 covers=3-3 trailing=true // cognitolint:ignore b -- trailing
4:3 len=55 covers=5-8 trailing=false // cognitolint:ignore c -- the attribute, all its lines
6:5 len=37 covers=7-7 trailing=false # cognitolint:ignore d -- one element
9:19 len=66 covers=9-11 trailing=true # cognitolint:ignore g -- on the line that opens it: the attribute
16:3 len=50 covers=17-17 trailing=false # cognitolint:ignore f -- before the closing brace
`
	if got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
	if cs := hclComments("bad.tf", []byte("resource {\n# cognitolint:ignore a -- x\n")); cs != nil {
		t.Errorf("a file that does not parse has comments: %v", cs)
	}
}

// TestCommentsOfLargeFiles: the comments come from a parse of the whole
// file, which reading its app clients did not need: a file over the value
// estimate has no suppressions (every finding stays) rather than a parse
// of hundreds of MiB.
func TestCommentsOfLargeFiles(t *testing.T) {
	defer func(h, y int) { maxHCLValues, maxYAMLNodes = h, y }(maxHCLValues, maxYAMLNodes)
	maxHCLValues, maxYAMLNodes = 100, 50
	tf := "# cognitolint:ignore redirect-uri-https -- x\nresource \"aws_cognito_user_pool_client\" \"c\" {\n  name = \"c\"\n  user_pool_id = \"p\"\n}\n"
	yml := "Resources:\n  C:\n    # cognitolint:ignore redirect-uri-https -- x\n    Type: AWS::Cognito::UserPoolClient\n    Properties:\n      UserPoolId: p\n"
	for _, tc := range []struct{ name, small, other string }{
		{"main.tf", tf, "resource \"aws_s3_bucket\" \"b\" {\n  tags = [" + strings.Repeat("1,", 200) + "]\n}\n"},
		{"template.yaml", yml, "  B:\n    Type: AWS::S3::Bucket\n    Properties:\n      Tags: [" + strings.Repeat("1,", 200) + "]\n"},
	} {
		if res := Read(tc.name, []byte(tc.small), Options{}); len(Comments(res)) != 1 {
			t.Errorf("%s: %d comments of a small file: %v", tc.name, len(Comments(res)), res.Findings)
		}
		res := Read(tc.name, []byte(tc.small+tc.other), Options{})
		if len(res.Docs) != 1 {
			t.Fatalf("%s: %d documents: %v", tc.name, len(res.Docs), res.Findings)
		}
		if cs := Comments(res); cs != nil {
			t.Errorf("%s: comments of a file over the estimate: %v", tc.name, cs)
		}
	}
}

// FuzzComments: comment extraction never panics, and every comment lies
// within the file and covers lines of it.
func FuzzComments(f *testing.F) {
	f.Add([]byte("a: 1 # cognitolint:ignore x -- y\n"), false)
	f.Add([]byte("# cognitolint:ignore x -- y\nkind: K\n---\n# cognitolint:ignore x\n"), false)
	f.Add([]byte("resource \"a\" \"b\" {\n  # cognitolint:ignore x -- y\n  a = 1\n}\n"), true)
	f.Fuzz(func(t *testing.T, src []byte, hcl bool) {
		var cs []Comment
		if hcl {
			cs = hclComments("f.tf", src)
		} else {
			cs = yamlComments(src)
		}
		lines := strings.Count(string(src), "\n") + 1
		for _, c := range cs {
			if c.Line < 1 || c.Line > lines || c.From < 0 || c.To < c.From || c.To > lines+1 {
				t.Fatalf("comment out of the file (%d lines): %+v", lines, c)
			}
		}
	})
}
