package main

import (
	"fmt"
	"os"
	"runtime"
	"runtime/pprof"
)

// startProfiles writes a CPU profile to $CLAIRVOIE_CPUPROFILE and, when the
// command ends, a heap profile to $CLAIRVOIE_MEMPROFILE: how the national-
// scale benchmarks (bench/national.sh) find where time and memory go. The
// returned function stops them.
func (m *Main) startProfiles() func() {
	cpu, mem := m.Getenv("CLAIRVOIE_CPUPROFILE"), m.Getenv("CLAIRVOIE_MEMPROFILE")
	var stop []func()
	if cpu != "" {
		f, err := os.Create(cpu)
		if err == nil {
			err = pprof.StartCPUProfile(f)
		}
		if err != nil {
			fmt.Fprintf(m.Stderr, "clairvoie: CPU profile: %v\n", err)
		} else {
			stop = append(stop, func() { pprof.StopCPUProfile(); f.Close() })
		}
	}
	if mem != "" {
		runtime.MemProfileRate = 64 << 10
		stop = append(stop, func() {
			f, err := os.Create(mem)
			if err == nil {
				err = pprof.Lookup("allocs").WriteTo(f, 0)
				f.Close()
			}
			if err != nil {
				fmt.Fprintf(m.Stderr, "clairvoie: heap profile: %v\n", err)
			}
		})
	}
	return func() {
		for _, s := range stop {
			s()
		}
	}
}
