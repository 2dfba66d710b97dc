package config

import (
	"fmt"
	"reflect"
	"strconv"
	"time"
)

// Lookup finds an environment variable: its value and whether it is set,
// as os.LookupEnv does. Tests pass a map's lookup, so that they can run in
// parallel without touching the process environment.
type Lookup func(name string) (string, bool)

// Map is a Lookup over a map.
func Map(env map[string]string) Lookup {
	return func(name string) (string, bool) {
		v, ok := env[name]
		return v, ok
	}
}

// process fills c from lookup by the envconfig tags of Config's fields, as
// envconfig.Process does from the process environment (which it cannot be
// told to leave alone): a variable that is set, even to "", overrides the
// default. Config holds only strings, booleans, integers and durations.
func process(c *Config, lookup Lookup) error {
	v := reflect.ValueOf(c).Elem()
	t := v.Type()
	for i := range t.NumField() {
		f := t.Field(i)
		name := f.Tag.Get("envconfig")
		if name == "" {
			continue
		}
		value, ok := lookup(name)
		if !ok {
			def, has := f.Tag.Lookup("default")
			if !has {
				continue
			}
			value = def
		}
		if err := set(v.Field(i), value); err != nil {
			return fmt.Errorf("%s=%q: %w", name, value, err)
		}
	}
	return nil
}

var durationType = reflect.TypeFor[time.Duration]()

func set(field reflect.Value, value string) error {
	switch {
	case field.Type() == durationType:
		d, err := time.ParseDuration(value)
		if err != nil {
			return fmt.Errorf("want a duration such as 20s or 2m")
		}
		field.SetInt(int64(d))
	case field.Kind() == reflect.String:
		field.SetString(value)
	case field.Kind() == reflect.Bool:
		b, err := strconv.ParseBool(value)
		if err != nil {
			return fmt.Errorf("want true or false")
		}
		field.SetBool(b)
	case field.CanInt():
		n, err := strconv.ParseInt(value, 0, field.Type().Bits())
		if err != nil {
			return fmt.Errorf("want a whole number")
		}
		field.SetInt(n)
	default:
		return fmt.Errorf("config field of kind %s is not supported", field.Kind())
	}
	return nil
}
