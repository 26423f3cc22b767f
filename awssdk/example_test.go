package awssdk_test

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log"
	"net/http"
	"net/http/httptest"

	"github.com/aws/aws-sdk-go-v2/aws"
	cip "github.com/aws/aws-sdk-go-v2/service/cognitoidentityprovider"

	"github.com/cognitolint/cognitolint/awssdk"
	"github.com/cognitolint/cognitolint/validate"
)

// The preflight stops an update with an http callback URL before the SDK
// sends it. (The endpoint here stands in for Cognito; with a real
// configuration, cfg comes from config.LoadDefaultConfig.)
func ExampleWithPreflight() {
	sent := 0
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		sent++
		io.WriteString(w, `{}`)
	}))
	defer srv.Close()
	cfg := aws.Config{Region: "us-east-1", Credentials: aws.AnonymousCredentials{}, BaseEndpoint: aws.String(srv.URL)}

	linter, err := validate.New(validate.Options{})
	if err != nil {
		log.Fatal(err)
	}
	client := cip.NewFromConfig(cfg, awssdk.WithPreflight(linter, awssdk.Options{}))

	_, err = client.UpdateUserPoolClient(context.Background(), &cip.UpdateUserPoolClientInput{
		UserPoolId:   aws.String("us-east-1_AbCd12345"),
		ClientId:     aws.String("1example23456789"),
		CallbackURLs: []string{"http://app.example.com/cb"},
	})
	var pe *awssdk.PreflightError
	if errors.As(err, &pe) {
		for _, f := range pe.Report.Findings {
			if f.Severity >= pe.FailOn {
				fmt.Printf("%s: %s [%s]\n", f.Path, f.Message, f.Rule)
			}
		}
	}
	fmt.Println("requests sent:", sent)
	// Output:
	// CallbackURLs[0]: CallbackURLs[0] "http://app.example.com/cb" must use https: AWS accepts http only for localhost, 127.0.0.1 and [::1] [redirect-uri-https]
	// requests sent: 0
}

// A safe update describes the client first and sends the complete request:
// members the update omits keep their current values.
func ExampleOptions_safeUpdate() {
	var cfg aws.Config // from config.LoadDefaultConfig(ctx)
	linter, err := validate.New(validate.Options{})
	if err != nil {
		log.Fatal(err)
	}
	client := cip.NewFromConfig(cfg, awssdk.WithPreflight(linter, awssdk.Options{SafeUpdate: true, FailOn: validate.Warning}))
	_ = client // client.UpdateUserPoolClient(ctx, partial) now sends every current member
}
