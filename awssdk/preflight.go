package awssdk

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"

	cip "github.com/aws/aws-sdk-go-v2/service/cognitoidentityprovider"
	"github.com/aws/smithy-go/middleware"

	"github.com/cognitolint/cognitolint/model"
	"github.com/cognitolint/cognitolint/validate"
)

// MiddlewareID is the ID of the preflight in the SDK's middleware stack.
const MiddlewareID = "cognitolint.Preflight"

// Options configure the preflight.
type Options struct {
	// FailOn is the lowest severity that fails the call; the zero value
	// is validate.Error.
	FailOn validate.Severity
	// SafeUpdate describes the client before every UpdateUserPoolClient
	// (with the same SDK client) and fills in every member the update
	// omits with its current value, so that the update resets nothing:
	// the same merge as `cognitolint lint --fix --current`. The caller's
	// input is not modified; the filled-in copy is linted and sent.
	//
	// The SDK cannot tell an omitted AllowedOAuthFlowsUserPoolClient or
	// RefreshTokenValidity from false and 0 (it sends neither), so with
	// SafeUpdate they keep their current value: to turn OAuth off, call
	// without SafeUpdate and send the complete request.
	SafeUpdate bool
}

// PreflightError is the error of a call the preflight stopped: its
// request had findings at or above Options.FailOn, and nothing was sent.
// The SDK wraps it in a *smithy.OperationError; errors.As finds it.
type PreflightError struct {
	// Operation is "UpdateUserPoolClient" or "CreateUserPoolClient".
	Operation string
	// Report holds every finding of the request, those below FailOn too.
	Report *validate.Report
	// FailOn is the severity that failed the call.
	FailOn validate.Severity
}

// Error names the findings at or above FailOn.
func (e *PreflightError) Error() string {
	var msgs []string
	for _, f := range e.Report.Findings {
		if f.Severity >= e.FailOn {
			msgs = append(msgs, f.Message+" ["+f.Rule+"]")
		}
	}
	return fmt.Sprintf("cognitolint: %s not sent: %d %s at or above %s: %s",
		e.Operation, len(msgs), plural(len(msgs), "finding", "findings"), e.FailOn, strings.Join(msgs, "; "))
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

// WithPreflight returns the option that adds the preflight to an SDK
// client:
//
//	client := cognitoidentityprovider.NewFromConfig(cfg, awssdk.WithPreflight(linter, awssdk.Options{SafeUpdate: true}))
//
// The preflight runs first in the Initialize step of every
// UpdateUserPoolClient and CreateUserPoolClient call, before the SDK
// validates, serializes or signs anything; other operations pass through.
// A nil linter lints nothing (SafeUpdate alone).
func WithPreflight(linter *validate.Linter, opts Options) func(*cip.Options) {
	if opts.FailOn == 0 {
		opts.FailOn = validate.Error
	}
	return func(o *cip.Options) {
		p := &preflight{linter: linter, opts: opts, options: o}
		o.APIOptions = append(o.APIOptions, func(s *middleware.Stack) error {
			return s.Initialize.Add(p, middleware.Before)
		})
	}
}

// preflight is the middleware.
type preflight struct {
	linter *validate.Linter
	opts   Options
	// options are the client's options as cip.New finishes them: the
	// option function is handed the very Options value that New copies
	// into the client once every option has run, so the describe client
	// built from it is configured as the caller's client (endpoint,
	// credentials, retryer, HTTP client).
	options *cip.Options
	once    sync.Once
	client  *cip.Client
}

func (p *preflight) ID() string { return MiddlewareID }

func (p *preflight) HandleInitialize(ctx context.Context, in middleware.InitializeInput, next middleware.InitializeHandler) (middleware.InitializeOutput, middleware.Metadata, error) {
	var (
		req *validate.Request
		op  string
	)
	switch params := in.Parameters.(type) {
	case *cip.UpdateUserPoolClientInput:
		op = "UpdateUserPoolClient"
		if params == nil {
			break
		}
		req = FromUpdateInput(params)
		linter := p.linter
		if p.opts.SafeUpdate {
			cur, err := p.describe(ctx, params)
			if err != nil {
				return middleware.InitializeOutput{}, middleware.Metadata{}, err
			}
			if len(model.FillOmitted(req, cur)) > 0 {
				in.Parameters = toUpdateInput(req)
			}
			// The described client is the update's context: the
			// client rules (a secret for client_credentials, what the
			// update still resets) judge against it.
			if linter != nil {
				linter = linter.WithCurrent(cur)
			}
		}
		if err := lint(ctx, linter, p.opts.FailOn, req, validate.OpUpdate, op); err != nil {
			return middleware.InitializeOutput{}, middleware.Metadata{}, err
		}
	case *cip.CreateUserPoolClientInput:
		op = "CreateUserPoolClient"
		if params == nil {
			break
		}
		req = FromCreateInput(params)
		if err := lint(ctx, p.linter, p.opts.FailOn, req, validate.OpCreate, op); err != nil {
			return middleware.InitializeOutput{}, middleware.Metadata{}, err
		}
	}
	return next.HandleInitialize(ctx, in)
}

// lint lints req and returns a *PreflightError when it fails at failOn.
func lint(ctx context.Context, linter *validate.Linter, failOn validate.Severity, req *validate.Request, op validate.Operation, name string) error {
	if linter == nil {
		return nil
	}
	rep, err := linter.LintRequest(ctx, req, op)
	if err != nil {
		return fmt.Errorf("cognitolint: %s: %w", name, err)
	}
	if rep.Fails(failOn) {
		return &PreflightError{Operation: name, Report: rep, FailOn: failOn}
	}
	return nil
}

// describe reads the current client with an SDK client configured as the
// caller's. That call passes this middleware too, which lets a Describe
// through.
func (p *preflight) describe(ctx context.Context, in *cip.UpdateUserPoolClientInput) (*validate.Request, error) {
	if in.UserPoolId == nil || in.ClientId == nil {
		return nil, errors.New("cognitolint: safe update: UpdateUserPoolClient needs UserPoolId and ClientId to describe the client")
	}
	p.once.Do(func() { p.client = cip.New(*p.options) })
	out, err := p.client.DescribeUserPoolClient(ctx, &cip.DescribeUserPoolClientInput{UserPoolId: in.UserPoolId, ClientId: in.ClientId})
	if err != nil {
		return nil, fmt.Errorf("cognitolint: safe update: describing client %s: %w", *in.ClientId, err)
	}
	if out.UserPoolClient == nil {
		return nil, fmt.Errorf("cognitolint: safe update: DescribeUserPoolClient returned no client %s", *in.ClientId)
	}
	return FromUserPoolClient(out.UserPoolClient), nil
}
