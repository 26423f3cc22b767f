package awssdk_test

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"reflect"
	"strings"
	"sync"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"
	cip "github.com/aws/aws-sdk-go-v2/service/cognitoidentityprovider"
	"github.com/aws/aws-sdk-go-v2/service/cognitoidentityprovider/types"
	"github.com/aws/smithy-go"

	"github.com/cognitolint/cognitolint/awssdk"
	"github.com/cognitolint/cognitolint/model"
	"github.com/cognitolint/cognitolint/validate"
)

// call is one request the fake Cognito endpoint received.
type call struct {
	Operation string         // from X-Amz-Target
	Body      map[string]any // the JSON body
	Signed    bool           // an Authorization header was sent
}

// cognito is an in-process endpoint that speaks the Cognito JSON 1.1
// protocol as the SDK expects it (POST /, X-Amz-Target
// AWSCognitoIdentityProviderService.<Operation>, application/x-amz-json-1.1)
// and records every request. DescribeUserPoolClient answers with current;
// UpdateUserPoolClient and CreateUserPoolClient echo the request.
type cognito struct {
	*httptest.Server
	current map[string]any
	mu      sync.Mutex
	calls   []call
}

func newCognito(t *testing.T, current map[string]any) *cognito {
	t.Helper()
	c := &cognito{current: current}
	c.Server = httptest.NewServer(http.HandlerFunc(c.serve))
	t.Cleanup(c.Close)
	return c
}

func (c *cognito) serve(w http.ResponseWriter, r *http.Request) {
	b, _ := io.ReadAll(r.Body)
	var body map[string]any
	json.Unmarshal(b, &body)
	op, ok := strings.CutPrefix(r.Header.Get("X-Amz-Target"), "AWSCognitoIdentityProviderService.")
	c.mu.Lock()
	c.calls = append(c.calls, call{Operation: op, Body: body, Signed: r.Header.Get("Authorization") != ""})
	c.mu.Unlock()
	w.Header().Set("Content-Type", "application/x-amz-json-1.1")
	switch {
	case !ok || r.Method != http.MethodPost || r.Header.Get("Content-Type") != "application/x-amz-json-1.1":
		w.WriteHeader(http.StatusBadRequest)
		io.WriteString(w, `{"__type":"InvalidParameterException","message":"not the JSON 1.1 protocol"}`)
	case op == "DescribeUserPoolClient":
		if c.current == nil {
			w.WriteHeader(http.StatusBadRequest)
			io.WriteString(w, `{"__type":"ResourceNotFoundException","message":"User pool client does not exist."}`)
			return
		}
		json.NewEncoder(w).Encode(map[string]any{"UserPoolClient": c.current})
	default:
		json.NewEncoder(w).Encode(map[string]any{"UserPoolClient": body})
	}
}

func (c *cognito) received() []call {
	c.mu.Lock()
	defer c.mu.Unlock()
	return append([]call(nil), c.calls...)
}

// client is an SDK client for the endpoint, as the SDK is configured in
// tests: a base endpoint, static credentials (so requests are signed as
// for real), no retries.
func (c *cognito) client(optFns ...func(*cip.Options)) *cip.Client {
	cfg := aws.Config{
		Region:      "us-east-1",
		Credentials: credentials.NewStaticCredentialsProvider("AKIDEXAMPLE", "SECRETEXAMPLE", ""),
		Retryer:     func() aws.Retryer { return aws.NopRetryer{} },
	}
	return cip.NewFromConfig(cfg, append([]func(*cip.Options){func(o *cip.Options) { o.BaseEndpoint = aws.String(c.URL) }}, optFns...)...)
}

func newLinter(t *testing.T) *validate.Linter {
	t.Helper()
	l, err := validate.New(validate.Options{NoBaseline: true})
	if err != nil {
		t.Fatal(err)
	}
	return l
}

// currentClient is what DescribeUserPoolClient returns.
var currentClient = map[string]any{
	"UserPoolId": "us-east-1_AbCd12345", "ClientId": "1example23456789", "ClientName": "web",
	"ClientSecret": "s3cr3tVALUEabcdefghijklmnop0123456789",
	"CreationDate": 1.7e9, "LastModifiedDate": 1.7e9,
	"RefreshTokenValidity": 5, "AccessTokenValidity": 15, "IdTokenValidity": 60,
	"TokenValidityUnits": map[string]any{"AccessToken": "minutes", "IdToken": "minutes", "RefreshToken": "days"},
	"ReadAttributes":     []any{"email", "custom:tenant"}, "WriteAttributes": []any{"email"},
	"ExplicitAuthFlows":          []any{"ALLOW_REFRESH_TOKEN_AUTH", "ALLOW_USER_SRP_AUTH"},
	"SupportedIdentityProviders": []any{"COGNITO"},
	"CallbackURLs":               []any{"https://app.example.com/cb"}, "LogoutURLs": []any{"https://app.example.com/bye"},
	"AllowedOAuthFlows": []any{"code"}, "AllowedOAuthScopes": []any{"openid", "email"},
	"AllowedOAuthFlowsUserPoolClient": true, "PreventUserExistenceErrors": "ENABLED",
	"EnableTokenRevocation": true, "EnablePropagateAdditionalUserContextData": false, "AuthSessionValidity": 3,
	"RefreshTokenRotation": map[string]any{"Feature": "DISABLED", "RetryGracePeriodSeconds": 0},
}

func TestPreflightRejectsBeforeSending(t *testing.T) {
	srv := newCognito(t, currentClient)
	client := srv.client(awssdk.WithPreflight(newLinter(t), awssdk.Options{}))
	_, err := client.UpdateUserPoolClient(context.Background(), &cip.UpdateUserPoolClientInput{
		UserPoolId: aws.String("us-east-1_AbCd12345"), ClientId: aws.String("1example23456789"),
		CallbackURLs:      []string{"http://app.example.com/cb"},
		AllowedOAuthFlows: []types.OAuthFlowType{types.OAuthFlowTypeCode}, AllowedOAuthScopes: []string{"openid"},
		AllowedOAuthFlowsUserPoolClient: true, SupportedIdentityProviders: []string{"COGNITO"},
	})
	var pe *awssdk.PreflightError
	if !errors.As(err, &pe) {
		t.Fatalf("err = %v, want a *PreflightError", err)
	}
	var oe *smithy.OperationError
	if !errors.As(err, &oe) || oe.Operation() != "UpdateUserPoolClient" {
		t.Errorf("the SDK does not wrap the error as an OperationError of UpdateUserPoolClient: %v", err)
	}
	if pe.Operation != "UpdateUserPoolClient" || !strings.Contains(err.Error(), "[redirect-uri-https]") {
		t.Errorf("error = %v", err)
	}
	found := false
	for _, f := range pe.Report.Findings {
		found = found || f.Rule == "redirect-uri-https" && f.Path == "CallbackURLs[0]"
	}
	if !found {
		t.Errorf("the report lacks redirect-uri-https at CallbackURLs[0]: %+v", pe.Report.Findings)
	}
	if calls := srv.received(); len(calls) != 0 {
		t.Errorf("a rejected call sent %d requests: %+v", len(calls), calls)
	}
}

func TestPreflightCreate(t *testing.T) {
	srv := newCognito(t, nil)
	client := srv.client(awssdk.WithPreflight(newLinter(t), awssdk.Options{}))
	ctx := context.Background()
	_, err := client.CreateUserPoolClient(ctx, &cip.CreateUserPoolClientInput{
		UserPoolId: aws.String("us-east-1_AbCd12345"), ClientName: aws.String("m2m"),
		AllowedOAuthFlows: []types.OAuthFlowType{types.OAuthFlowTypeClientCredentials}, AllowedOAuthScopes: []string{"api/read"},
		AllowedOAuthFlowsUserPoolClient: true,
	})
	var pe *awssdk.PreflightError
	if !errors.As(err, &pe) || !strings.Contains(err.Error(), "client-credentials-requires-secret") {
		t.Fatalf("err = %v, want a *PreflightError for client-credentials-requires-secret", err)
	}
	if n := len(srv.received()); n != 0 {
		t.Fatalf("a rejected Create sent %d requests", n)
	}
	out, err := client.CreateUserPoolClient(ctx, &cip.CreateUserPoolClientInput{
		UserPoolId: aws.String("us-east-1_AbCd12345"), ClientName: aws.String("m2m"), GenerateSecret: true,
		AllowedOAuthFlows: []types.OAuthFlowType{types.OAuthFlowTypeClientCredentials}, AllowedOAuthScopes: []string{"api/read"},
		AllowedOAuthFlowsUserPoolClient: true,
	})
	if err != nil || out.UserPoolClient == nil || aws.ToString(out.UserPoolClient.ClientName) != "m2m" {
		t.Fatalf("a good Create failed: %v", err)
	}
	calls := srv.received()
	if len(calls) != 1 || calls[0].Operation != "CreateUserPoolClient" || !calls[0].Signed {
		t.Errorf("calls = %+v, want one signed CreateUserPoolClient", calls)
	}
}

// TestPreflightFailOn: warnings pass by default and fail with FailOn
// Warning; other operations pass through untouched.
func TestPreflightFailOn(t *testing.T) {
	srv := newCognito(t, currentClient)
	partial := &cip.UpdateUserPoolClientInput{
		UserPoolId: aws.String("us-east-1_AbCd12345"), ClientId: aws.String("1example23456789"),
		ExplicitAuthFlows: []types.ExplicitAuthFlowsType{types.ExplicitAuthFlowsTypeAllowRefreshTokenAuth, types.ExplicitAuthFlowsTypeAllowUserSrpAuth},
	}
	ctx := context.Background()
	if _, err := srv.client(awssdk.WithPreflight(newLinter(t), awssdk.Options{})).UpdateUserPoolClient(ctx, partial); err != nil {
		t.Fatalf("a partial update (a warning) failed at FailOn error: %v", err)
	}
	_, err := srv.client(awssdk.WithPreflight(newLinter(t), awssdk.Options{FailOn: validate.Warning})).UpdateUserPoolClient(ctx, partial)
	var pe *awssdk.PreflightError
	if !errors.As(err, &pe) || !strings.Contains(err.Error(), "update-omitted-fields-reset") {
		t.Fatalf("err = %v, want the reset warning to fail at FailOn warning", err)
	}
	if _, err := srv.client(awssdk.WithPreflight(newLinter(t), awssdk.Options{FailOn: validate.Warning})).DescribeUserPoolClient(ctx,
		&cip.DescribeUserPoolClientInput{UserPoolId: aws.String("us-east-1_AbCd12345"), ClientId: aws.String("1example23456789")}); err != nil {
		t.Errorf("Describe did not pass through: %v", err)
	}
	if calls := srv.received(); len(calls) != 2 || calls[0].Operation != "UpdateUserPoolClient" || calls[1].Operation != "DescribeUserPoolClient" {
		t.Errorf("calls = %+v", calls)
	}
}

// TestSafeUpdate: a partial update is sent complete: every member of the
// current client that Update takes, with the update's own values kept,
// and nothing read-only.
func TestSafeUpdate(t *testing.T) {
	srv := newCognito(t, currentClient)
	client := srv.client(awssdk.WithPreflight(newLinter(t), awssdk.Options{SafeUpdate: true, FailOn: validate.Warning}))
	in := &cip.UpdateUserPoolClientInput{
		UserPoolId: aws.String("us-east-1_AbCd12345"), ClientId: aws.String("1example23456789"),
		CallbackURLs: []string{"https://app.example.com/cb", "https://app.example.com/cb2"},
	}
	if _, err := client.UpdateUserPoolClient(context.Background(), in); err != nil {
		t.Fatalf("safe update failed: %v", err)
	}
	if in.LogoutURLs != nil || in.ClientName != nil {
		t.Error("the safe update modified the caller's input")
	}
	calls := srv.received()
	if len(calls) != 2 || calls[0].Operation != "DescribeUserPoolClient" || calls[1].Operation != "UpdateUserPoolClient" {
		t.Fatalf("calls = %+v, want Describe then Update", calls)
	}
	if !calls[0].Signed || !calls[1].Signed {
		t.Error("the describe or the update was not signed with the client's credentials")
	}
	sent := calls[1].Body
	want := map[string]any{}
	for k, v := range currentClient {
		if m := model.Lookup(k); m != nil && m.Ops.Has(model.OpUpdate) {
			want[k] = v
		}
	}
	want["CallbackURLs"] = []any{"https://app.example.com/cb", "https://app.example.com/cb2"}
	// The SDK does not send RetryGracePeriodSeconds' zero? It does: a
	// *int32 is sent when set. Compare as JSON numbers.
	if got, w := normalize(sent), normalize(want); !reflect.DeepEqual(got, w) {
		t.Errorf("sent\n%s\nwant\n%s", got, w)
	}
	for _, k := range []string{"ClientSecret", "CreationDate", "LastModifiedDate"} {
		if _, ok := sent[k]; ok {
			t.Errorf("the safe update sent the read-only %s", k)
		}
	}
}

func normalize(v map[string]any) string {
	b, _ := json.MarshalIndent(v, "", " ")
	var m map[string]any
	json.Unmarshal(b, &m)
	b, _ = json.MarshalIndent(m, "", " ")
	return string(b)
}

// TestSafeUpdateDescribeFails: when the client cannot be described, the
// update is not sent.
func TestSafeUpdateDescribeFails(t *testing.T) {
	srv := newCognito(t, nil)
	client := srv.client(awssdk.WithPreflight(nil, awssdk.Options{SafeUpdate: true}))
	_, err := client.UpdateUserPoolClient(context.Background(), &cip.UpdateUserPoolClientInput{
		UserPoolId: aws.String("us-east-1_AbCd12345"), ClientId: aws.String("1example23456789"),
	})
	var nf *types.ResourceNotFoundException
	if !errors.As(err, &nf) || !strings.Contains(err.Error(), "safe update") {
		t.Fatalf("err = %v, want the describe's ResourceNotFoundException", err)
	}
	if calls := srv.received(); len(calls) != 1 || calls[0].Operation != "DescribeUserPoolClient" {
		t.Errorf("calls = %+v, want only the describe", calls)
	}
}

func TestConversions(t *testing.T) {
	in := &cip.UpdateUserPoolClientInput{
		UserPoolId: aws.String("p"), ClientId: aws.String("c"),
		RefreshTokenValidity: 0, AllowedOAuthFlowsUserPoolClient: false,
		ExplicitAuthFlows:   []types.ExplicitAuthFlowsType{},
		TokenValidityUnits:  &types.TokenValidityUnitsType{AccessToken: types.TimeUnitsTypeMinutes},
		AccessTokenValidity: aws.Int32(30),
	}
	r := awssdk.FromUpdateInput(in)
	if r.RefreshTokenValidity != nil || r.AllowedOAuthFlowsUserPoolClient != nil || r.PreventUserExistenceErrors != nil {
		t.Errorf("members the SDK does not send are set: %+v", r)
	}
	if r.ExplicitAuthFlows == nil || len(r.ExplicitAuthFlows) != 0 {
		t.Error("an empty list, which the SDK sends as [], is lost")
	}
	if r.TokenValidityUnits.AccessToken == nil || *r.TokenValidityUnits.AccessToken != "minutes" || r.TokenValidityUnits.IdToken != nil {
		t.Errorf("TokenValidityUnits = %+v", r.TokenValidityUnits)
	}
	if *r.AccessTokenValidity != 30 {
		t.Error("AccessTokenValidity lost")
	}
	if awssdk.FromUpdateInput(nil) != nil || awssdk.FromCreateInput(nil) != nil || awssdk.FromUserPoolClient(nil) != nil {
		t.Error("nil does not convert to nil")
	}
	d := awssdk.FromUserPoolClient(&types.UserPoolClientType{ClientId: aws.String("c"), AllowedOAuthFlowsUserPoolClient: aws.Bool(false), ClientSecret: aws.String("sekret12")})
	if d.AllowedOAuthFlowsUserPoolClient == nil || *d.AllowedOAuthFlowsUserPoolClient || model.Str(d.ClientSecret) != "sekret12" {
		t.Errorf("describe conversion = %+v", d)
	}
}

// TestDescribeAsContext: a Describe result is the current client of the
// client-context rules.
func TestDescribeAsContext(t *testing.T) {
	cur := awssdk.FromUserPoolClient(&types.UserPoolClientType{
		UserPoolId: aws.String("us-east-1_AbCd12345"), ClientId: aws.String("1example23456789"),
		LogoutURLs: []string{"https://app.example.com/bye"},
	})
	l, err := validate.New(validate.Options{NoBaseline: true, Context: &validate.Context{Current: cur}})
	if err != nil {
		t.Fatal(err)
	}
	rep, err := l.LintRequest(context.Background(), awssdk.FromUpdateInput(&cip.UpdateUserPoolClientInput{
		UserPoolId: aws.String("us-east-1_AbCd12345"), ClientId: aws.String("1example23456789"),
	}), validate.OpUpdate)
	if err != nil {
		t.Fatal(err)
	}
	if len(rep.Findings) != 1 || !strings.Contains(rep.Findings[0].Message, "LogoutURLs [https://app.example.com/bye] → none") {
		t.Errorf("findings = %+v", rep.Findings)
	}
}

// TestPreflightConcurrent: one client, many goroutines, safe updates: the
// describe client is built once and every update is sent complete.
func TestPreflightConcurrent(t *testing.T) {
	srv := newCognito(t, currentClient)
	client := srv.client(awssdk.WithPreflight(newLinter(t), awssdk.Options{SafeUpdate: true}))
	var wg sync.WaitGroup
	errs := make(chan error, 8)
	for range 8 {
		wg.Go(func() {
			_, err := client.UpdateUserPoolClient(context.Background(), &cip.UpdateUserPoolClientInput{
				UserPoolId: aws.String("us-east-1_AbCd12345"), ClientId: aws.String("1example23456789"),
			})
			errs <- err
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Fatal(err)
		}
	}
	updates := 0
	for _, c := range srv.received() {
		if c.Operation == "UpdateUserPoolClient" {
			updates++
			if _, ok := c.Body["LogoutURLs"]; !ok {
				t.Errorf("an update was sent without the current LogoutURLs: %v", c.Body)
			}
		}
	}
	if updates != 8 {
		t.Errorf("%d updates sent, want 8", updates)
	}
}
