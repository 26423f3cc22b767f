package model

import "reflect"

// requestField maps member names to Request field indexes.
var requestField = func() map[string]int {
	t := reflect.TypeFor[Request]()
	m := make(map[string]int, t.NumField())
	for i := range t.NumField() {
		m[t.Field(i).Name] = i
	}
	return m
}()

// Omitted returns, in the model's order, every UpdateUserPoolClient member
// that lacks reports missing from an update and that the current client
// cur sets, with cur's value. These are what the update must add to reset
// nothing ("If you don't provide a value for an attribute, Amazon Cognito
// sets it to its default value", UpdateUserPoolClient): the complete
// request is the current configuration plus the change. Read-only members
// of the Describe output (ClientSecret, CreationDate, LastModifiedDate) are
// not members of the Update shape and are never returned.
//
// The --fix of update-omitted-fields-reset and the SDK adapter's safe
// update both merge with it.
func Omitted(cur *Request, lacks func(member string) bool) (names []string, values []any) {
	if cur == nil {
		return nil, nil
	}
	rv := reflect.ValueOf(cur).Elem()
	for _, m := range Members {
		if !m.Ops.Has(OpUpdate) || m.Sensitive || !lacks(m.Name) {
			continue
		}
		i, ok := requestField[m.Name]
		if !ok {
			continue
		}
		if v := rv.Field(i); !v.IsNil() {
			names = append(names, m.Name)
			values = append(values, v.Interface())
		}
	}
	return names, values
}

// FillOmitted sets every UpdateUserPoolClient member that req does not set
// to the current client's value (see Omitted) and returns the names of
// the members it set. Values are shared with cur, not copied.
func FillOmitted(req, cur *Request) []string {
	rv := reflect.ValueOf(req).Elem()
	names, values := Omitted(cur, func(name string) bool {
		i, ok := requestField[name]
		return ok && rv.Field(i).IsNil()
	})
	for i, name := range names {
		rv.Field(requestField[name]).Set(reflect.ValueOf(values[i]))
	}
	return names
}
