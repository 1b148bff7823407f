package main_test

import (
	"os"
	"regexp"
	"strings"
	"testing"
)

// Every command the README shows exists, and its flags are accepted by
// --help's listing: the README's commands are exercised, not just written.
func TestReadmeCommands(t *testing.T) {
	b, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	help := mustRun(t, "help").stdout
	re := regexp.MustCompile("`clairvoie ([a-z-]+)([^`]*)`")
	seen := 0
	for _, m := range re.FindAllStringSubmatch(string(b), -1) {
		cmd, rest := m[1], m[2]
		if !strings.Contains(help, "  "+cmd+" ") {
			t.Errorf("README shows 'clairvoie %s', which 'clairvoie help' does not list", cmd)
			continue
		}
		usage := mustRun(t, cmd, "--help").stdout
		for _, flag := range regexp.MustCompile(`--[a-z-]+`).FindAllString(rest, -1) {
			if flag != "--help" && !strings.Contains(usage, "  "+flag+" ") {
				t.Errorf("README shows 'clairvoie %s … %s', which '%s --help' does not list", cmd, flag, cmd)
			}
		}
		seen++
	}
	if seen < 7 {
		t.Errorf("found %d commands in the README, want at least 7", seen)
	}
	if !strings.Contains(string(b), "go run ./cmd/clairvoie demo") || !strings.Contains(string(b), "bash scripts/test.sh") {
		t.Errorf("the README must give the two commands")
	}
}
