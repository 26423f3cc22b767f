package input

import (
	"strings"
	"testing"
)

// TestUnrelatedReader agrees with Unrelated on the words that name an app
// client, also across the chunks it reads (a word split between two).
func TestUnrelatedReader(t *testing.T) {
	pad := strings.Repeat("x", 1<<20-5) // puts a word across the first chunk's end
	for _, tc := range []struct {
		name, src string
		want      bool
	}{
		{"plain data", `{"packages": {"a": {"version": "1.0.0"}}}`, true},
		{"a CloudFormation client", `{"Type": "AWS::Cognito::UserPoolClient"}`, false},
		{"across the chunk end", pad + "aws_cognito_user_pool_client", false},
		{"UserPoolId across the chunk end", pad + "UserPoolId", false},
		{"a Kubernetes client, kind and group far apart", "kind: UserPoolClient\n" + pad + "\napiVersion: cognitoidentityprovider.services.k8s.aws/v1alpha1", false},
		{"UserPoolClient alone", "UserPoolClient" + pad, true},
	} {
		got, err := UnrelatedReader(strings.NewReader(tc.src), 1<<30)
		if err != nil || got != tc.want {
			t.Errorf("%s: %v, %v; want %v", tc.name, got, err, tc.want)
		}
		if len(tc.src) < 1<<20 && got != Unrelated([]byte(tc.src)) {
			t.Errorf("%s: Unrelated says %v", tc.name, !got)
		}
	}
	// Past the limit, a file may be related.
	if got, _ := UnrelatedReader(strings.NewReader(strings.Repeat("x", 3<<20)), 1<<20); got {
		t.Error("past the limit: unrelated")
	}
}
