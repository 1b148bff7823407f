package main

import (
	"flag"
	"fmt"
	"sort"
	"strings"

	"github.com/BurntSushi/toml"
	"github.com/clairvoie/clairvoie"
)

// The server's configuration: every flag of serve is also a key of the
// configuration file (TOML; --public-url is public_url) and an environment
// variable (CLAIRVOIE_PUBLIC_URL). A flag given on the command line wins
// over the environment, which wins over the file, which wins over the
// default. An unknown key in the file is an error: a typo must not pass
// for a setting.

// configFlag adds --config, defaulting to $CLAIRVOIE_CONFIG.
func (m *Main) configFlag(fs *flag.FlagSet) *string {
	return fs.String("config", m.Getenv("CLAIRVOIE_CONFIG"), "a configuration file (TOML; every flag is a key: public_url = \"…\"), or $CLAIRVOIE_CONFIG")
}

// configKey is the file's key and the environment's name of a flag.
func configKey(flagName string) string { return strings.ReplaceAll(flagName, "-", "_") }

func envName(flagName string) string { return "CLAIRVOIE_" + strings.ToUpper(configKey(flagName)) }

// notConfigurable are flags that only make sense on a command line.
var notConfigurable = map[string]bool{"config": true, "help": true, "json": true, "no-serve": true, "print-config": true}

// applyConfig sets the flags not given on the command line from the
// environment, then from the file at path (if any).
func (m *Main) applyConfig(fs *flag.FlagSet, path string) error {
	given := map[string]bool{}
	fs.Visit(func(f *flag.Flag) { given[f.Name] = true })
	file := map[string]any{}
	if path != "" {
		md, err := toml.DecodeFile(path, &file)
		if err != nil {
			return clairvoie.Errorf(clairvoie.EINVALID, "configuration %s: %v", path, err)
		}
		_ = md
		var unknown []string
		for k := range file {
			f := fs.Lookup(strings.ReplaceAll(k, "_", "-"))
			if f == nil || notConfigurable[f.Name] || strings.Contains(k, "-") {
				unknown = append(unknown, k)
			}
		}
		if len(unknown) > 0 {
			sort.Strings(unknown)
			return clairvoie.Errorf(clairvoie.EINVALID, "configuration %s: unknown key %q (the keys are the flags of 'clairvoie %s --help', with _ for -)", path, unknown[0], fs.Name())
		}
	}
	var err error
	fs.VisitAll(func(f *flag.Flag) {
		if err != nil || given[f.Name] || notConfigurable[f.Name] {
			return
		}
		if v := m.Getenv(envName(f.Name)); v != "" {
			if e := fs.Set(f.Name, v); e != nil {
				err = clairvoie.Errorf(clairvoie.EINVALID, "$%s: %v", envName(f.Name), e)
			}
			return
		}
		if v, ok := file[configKey(f.Name)]; ok {
			if e := fs.Set(f.Name, configValue(v)); e != nil {
				err = clairvoie.Errorf(clairvoie.EINVALID, "configuration %s: %s: %v", path, configKey(f.Name), e)
			}
		}
	})
	return err
}

// configValue is a TOML value as a flag's text: lists joined by commas.
func configValue(v any) string {
	switch v := v.(type) {
	case []any:
		parts := make([]string, len(v))
		for i, p := range v {
			parts[i] = fmt.Sprint(p)
		}
		return strings.Join(parts, ",")
	default:
		return fmt.Sprint(v)
	}
}

// writeConfig prints the flags as a configuration file: each key with its
// help and its value (the defaults, or the effective settings).
func writeConfig(w *strings.Builder, fs *flag.FlagSet, effective bool) {
	fs.VisitAll(func(f *flag.Flag) {
		if notConfigurable[f.Name] {
			return
		}
		v := f.DefValue
		if effective {
			v = f.Value.String()
		}
		fmt.Fprintf(w, "# %s (env %s)\n", f.Usage, envName(f.Name))
		switch {
		case v == "true" || v == "false":
			fmt.Fprintf(w, "%s = %s\n\n", configKey(f.Name), v)
		default:
			line := fmt.Sprintf("%s = %q\n\n", configKey(f.Name), v)
			if v == "" || strings.Contains(configKey(f.Name), "secret") {
				line = "# " + line
			}
			fmt.Fprint(w, line)
		}
	})
}
