package osm

import (
	"bytes"
	"compress/zlib"
	"context"
	"encoding/binary"
	"errors"
	"flag"
	"math"
	"os"
	"path/filepath"
	"reflect"
	"runtime"
	"strings"
	"testing"

	"github.com/clairvoie/clairvoie"
	"github.com/paulmach/orb"
	posm "github.com/paulmach/osm"
	"github.com/paulmach/osm/osmpbf"
	"google.golang.org/protobuf/encoding/protowire"
)

// The PBF writer of these tests: just enough of the format to build
// well-formed files of any size, and hostile ones.

func frame(kind string, blob []byte) []byte {
	var h []byte
	h = protowire.AppendTag(h, 1, protowire.BytesType)
	h = protowire.AppendString(h, kind)
	h = protowire.AppendTag(h, 3, protowire.VarintType)
	h = protowire.AppendVarint(h, uint64(len(blob)))
	var out []byte
	out = binary.BigEndian.AppendUint32(out, uint32(len(h)))
	return append(append(out, h...), blob...)
}

func zblob(data []byte, declared int) []byte {
	var z bytes.Buffer
	w, _ := zlib.NewWriterLevel(&z, zlib.BestSpeed)
	w.Write(data)
	w.Close()
	var b []byte
	b = protowire.AppendTag(b, 2, protowire.VarintType)
	b = protowire.AppendVarint(b, uint64(declared))
	b = protowire.AppendTag(b, 3, protowire.BytesType)
	return protowire.AppendBytes(b, z.Bytes())
}

func headerBlock(features ...string) []byte {
	var b []byte
	for _, f := range features {
		b = protowire.AppendTag(b, 4, protowire.BytesType)
		b = protowire.AppendString(b, f)
	}
	return b
}

// denseBlock is an OSMData block of dense nodes with tags.
func denseBlock(nodes []object) []byte {
	strs := []string{""}
	index := map[string]uint64{}
	str := func(s string) uint64 {
		if i, ok := index[s]; ok {
			return i
		}
		index[s] = uint64(len(strs))
		strs = append(strs, s)
		return index[s]
	}
	var ids, lats, lons, kv []byte
	var pid, plat, plon int64
	for _, n := range nodes {
		lat := int64(math.Round(n.pos.Lat() * 1e7))
		lon := int64(math.Round(n.pos.Lon() * 1e7))
		ids = protowire.AppendVarint(ids, protowire.EncodeZigZag(n.id-pid))
		lats = protowire.AppendVarint(lats, protowire.EncodeZigZag(lat-plat))
		lons = protowire.AppendVarint(lons, protowire.EncodeZigZag(lon-plon))
		pid, plat, plon = n.id, lat, lon
		for _, t := range n.tags {
			kv = protowire.AppendVarint(kv, str(t.Key))
			kv = protowire.AppendVarint(kv, str(t.Value))
		}
		kv = protowire.AppendVarint(kv, 0)
	}
	var dense []byte
	for _, f := range []struct {
		n protowire.Number
		b []byte
	}{{1, ids}, {8, lats}, {9, lons}, {10, kv}} {
		dense = protowire.AppendTag(dense, f.n, protowire.BytesType)
		dense = protowire.AppendBytes(dense, f.b)
	}
	var group []byte
	group = protowire.AppendTag(group, 2, protowire.BytesType)
	group = protowire.AppendBytes(group, dense)
	var table []byte
	for _, s := range strs {
		table = protowire.AppendTag(table, 1, protowire.BytesType)
		table = protowire.AppendString(table, s)
	}
	var block []byte
	block = protowire.AppendTag(block, 1, protowire.BytesType)
	block = protowire.AppendBytes(block, table)
	block = protowire.AppendTag(block, 2, protowire.BytesType)
	block = protowire.AppendBytes(block, group)
	// granularity 100: coordinates in 1e-7 degrees
	return block
}

// writePBF writes cameras as a well-formed .osm.pbf, 8,000 nodes a block.
func writePBF(nodes []object) []byte {
	h := headerBlock("OsmSchema-V0.6", "DenseNodes")
	out := frame("OSMHeader", zblob(h, len(h)))
	for i := 0; i < len(nodes); i += 8000 {
		d := denseBlock(nodes[i:min(i+8000, len(nodes))])
		out = append(out, frame("OSMData", zblob(d, len(d)))...)
	}
	return out
}

func syntheticNodes(n int) []object {
	out := make([]object, n)
	for i := range out {
		out[i] = object{kind: "node", id: int64(i + 1), pos: orb.Point{5.3 + float64(i/1000)*1e-4, 43.2 + float64(i%1000)*1e-4},
			tags: posm.Tags{{Key: "man_made", Value: "surveillance"}, {Key: "camera:type", Value: "fixed"}, {Key: "ref", Value: "C-" + strings.Repeat("0", 3)}}}
		if i%3 == 0 {
			out[i].tags = nil
		}
	}
	return out
}

func scanAll(t testing.TB, b []byte) ([]object, error) {
	t.Helper()
	var got []object
	_, err := scanPBF(context.Background(), bytes.NewReader(b), "f.osm.pbf", func(o *object) error {
		got = append(got, *o)
		return nil
	})
	return got, err
}

// The decoder reads what paulmach/osm's osmpbf reads, on the files of
// testdata (written by osmium) and on a generated one.
func TestPBFMatchesOsmpbf(t *testing.T) {
	gen := writePBF(syntheticNodes(20000))
	files := map[string][]byte{"generated": gen}
	for _, name := range []string{"testdata/cameras.osm.pbf", "testdata/places.osm.pbf"} {
		b, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		files[name] = b
	}
	for name, b := range files {
		got, err := scanAll(t, b)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		sc := osmpbf.New(context.Background(), bytes.NewReader(b), 1)
		sc.SkipRelations = true
		var want []object
		for sc.Scan() {
			switch o := sc.Object().(type) {
			case *posm.Node:
				want = append(want, object{kind: "node", id: int64(o.ID), pos: orb.Point{math.Round(o.Lon*1e7) / 1e7, math.Round(o.Lat*1e7) / 1e7}, tags: o.Tags})
			case *posm.Way:
				refs := make([]int64, len(o.Nodes))
				for i, n := range o.Nodes {
					refs[i] = int64(n.ID)
				}
				want = append(want, object{kind: "way", id: int64(o.ID), refs: refs, tags: o.Tags})
			}
		}
		sc.Close()
		if sc.Err() != nil {
			t.Fatalf("%s: osmpbf: %v", name, sc.Err())
		}
		if len(got) != len(want) || len(got) == 0 {
			t.Fatalf("%s: %d objects, osmpbf %d", name, len(got), len(want))
		}
		for i := range got {
			g, w := got[i], want[i]
			if len(g.tags) == 0 {
				g.tags = nil
			}
			if len(w.tags) == 0 {
				w.tags = nil
			}
			if len(g.refs) == 0 {
				g.refs = nil
			}
			if len(w.refs) == 0 {
				w.refs = nil
			}
			if !reflect.DeepEqual(g, w) {
				t.Fatalf("%s: object %d: got %+v, osmpbf %+v", name, i, g, w)
			}
		}
	}
}

// hostilePBFs are files crafted to crash, exhaust or fool a decoder.
func hostilePBFs() map[string][]byte {
	h := headerBlock("OsmSchema-V0.6", "DenseNodes")
	head := frame("OSMHeader", zblob(h, len(h)))
	bomb := bytes.Repeat([]byte{0}, 64<<20) // inflates to 64 MiB from ~64 KiB
	good := denseBlock(syntheticNodes(10))
	badIndex := denseBlock([]object{{kind: "node", id: 1, tags: posm.Tags{{Key: "a", Value: "b"}}}})
	badIndex = bytes.Replace(badIndex, []byte{0x52, 3, 1, 2, 0}, []byte{0x52, 3, 99, 2, 0}, 1) // keys_vals → string 99
	// A non-dense node (osmpbf panics on it) whose tags point past an empty
	// string table.
	plain := plainBlock(nil, plainNode(7, 5, 6, 0, 0))
	overflow := binary.BigEndian.AppendUint32(nil, 10)
	overflow = append(overflow, frame("OSMHeader", nil)[4:14]...)
	var hugeRaw []byte // a blob that declares a raw size beyond int32
	hugeRaw = protowire.AppendTag(hugeRaw, 2, protowire.VarintType)
	hugeRaw = protowire.AppendVarint(hugeRaw, math.MaxUint64)
	hugeRaw = protowire.AppendTag(hugeRaw, 3, protowire.BytesType)
	hugeRaw = protowire.AppendBytes(hugeRaw, []byte{0x78, 0x9c, 3, 0, 0, 0, 0, 1})
	lies := frame("OSMData", nil)[:0]
	{
		var hd []byte
		hd = protowire.AppendTag(hd, 1, protowire.BytesType)
		hd = protowire.AppendString(hd, "OSMData")
		hd = protowire.AppendTag(hd, 3, protowire.VarintType)
		hd = protowire.AppendVarint(hd, 30<<20) // declares 30 MiB, holds 10 bytes
		lies = binary.BigEndian.AppendUint32(lies, uint32(len(hd)))
		lies = append(append(lies, hd...), make([]byte, 10)...)
	}
	var lzma []byte
	lzma = protowire.AppendTag(lzma, 4, protowire.BytesType)
	lzma = protowire.AppendBytes(lzma, []byte{1, 2, 3})
	return map[string][]byte{
		"empty":              {},
		"not PBF":            []byte("<?xml version='1.0'?><osm></osm>"),
		"truncated size":     {0, 0},
		"header too large":   {0xff, 0xff, 0xff, 0xff},
		"overflowing header": overflow,
		"raw size overflow":  append(head, frame("OSMData", hugeRaw)...),
		"declared, absent":   append(head, lies...),
		"zlib bomb":          append(head, frame("OSMData", zblob(bomb, 100))...),
		"honest huge blob":   append(head, frame("OSMData", zblob(bomb[:33<<20], 33<<20))...),
		"no header":          frame("OSMData", zblob(good, len(good))),
		"unknown feature":    frame("OSMHeader", zblob(headerBlock("OsmSchema-V0.6", "Sorcery"), len(headerBlock("OsmSchema-V0.6", "Sorcery")))),
		"string index":       append(head, frame("OSMData", zblob(badIndex, len(badIndex)))...),
		"plain node bad tag": append(head, frame("OSMData", zblob(plain, len(plain)))...),
		"lzma":               append(head, frame("OSMData", lzma)...),
		"truncated block":    append(head, frame("OSMData", zblob(good, len(good)))[:40]...),
		"garbage protobuf":   append(head, frame("OSMData", zblob([]byte{0xff, 0xff, 0xff}, 3))...),
	}
}

// A hostile file is an error — an ImportError naming the file, never a
// panic — and costs memory in proportion to what it holds.
func TestPBFHostileFiles(t *testing.T) {
	for name, b := range hostilePBFs() {
		var before, after runtime.MemStats
		runtime.GC()
		runtime.ReadMemStats(&before)
		got, err := scanAll(t, b)
		runtime.ReadMemStats(&after)
		var ie *clairvoie.ImportError
		if err == nil || !errors.As(err, &ie) || !strings.Contains(err.Error(), "f.osm.pbf") {
			t.Errorf("%s: got %d objects, %v; want an ImportError naming the file", name, len(got), err)
		}
		if alloc := after.TotalAlloc - before.TotalAlloc; alloc > 160<<20 {
			t.Errorf("%s: %d MiB allocated for a %d KiB file", name, alloc>>20, len(b)>>10)
		}
	}
}

// plainNode is a non-dense Node message with one tag (key and value as
// string indexes) at lat, lon (in 1e-7 degrees).
func plainNode(id int64, key, val byte, lat, lon int64) []byte {
	var node []byte
	node = protowire.AppendTag(node, 1, protowire.VarintType)
	node = protowire.AppendVarint(node, protowire.EncodeZigZag(id))
	node = protowire.AppendTag(node, 2, protowire.BytesType)
	node = protowire.AppendBytes(node, []byte{key})
	node = protowire.AppendTag(node, 3, protowire.BytesType)
	node = protowire.AppendBytes(node, []byte{val})
	node = protowire.AppendTag(node, 8, protowire.VarintType)
	node = protowire.AppendVarint(node, protowire.EncodeZigZag(lat))
	node = protowire.AppendTag(node, 9, protowire.VarintType)
	return protowire.AppendVarint(node, protowire.EncodeZigZag(lon))
}

// plainBlock is an OSMData block of one group of plain nodes, with a
// string table.
func plainBlock(strings []string, nodes ...[]byte) []byte {
	var group, table, block []byte
	for _, n := range nodes {
		group = protowire.AppendTag(group, 1, protowire.BytesType)
		group = protowire.AppendBytes(group, n)
	}
	if strings != nil {
		for _, s := range strings {
			table = protowire.AppendTag(table, 1, protowire.BytesType)
			table = protowire.AppendString(table, s)
		}
		block = protowire.AppendTag(block, 1, protowire.BytesType)
		block = protowire.AppendBytes(block, table)
	}
	block = protowire.AppendTag(block, 2, protowire.BytesType)
	return protowire.AppendBytes(block, group)
}

// A non-dense node (which osmpbf panics on) is read.
func TestPBFPlainNodes(t *testing.T) {
	h := headerBlock("OsmSchema-V0.6")
	block := plainBlock([]string{"", "man_made", "surveillance"}, plainNode(7, 1, 2, 432965000, 53698000))
	file := append(frame("OSMHeader", zblob(h, len(h))), frame("OSMData", zblob(block, len(block)))...)
	got, err := scanAll(t, file)
	if err != nil || len(got) != 1 || got[0].id != 7 || got[0].pos != (orb.Point{5.3698, 43.2965}) || got[0].tags.Find("man_made") != "surveillance" {
		t.Fatalf("got %+v, %v", got, err)
	}
}

func FuzzScanPBF(f *testing.F) {
	for _, name := range []string{"testdata/cameras.osm.pbf", "testdata/places.osm.pbf"} {
		if b, err := os.ReadFile(name); err == nil {
			f.Add(b)
		}
	}
	f.Add(writePBF(syntheticNodes(50)))
	for name, b := range hostilePBFs() {
		if len(b) < 1<<20 && name != "zlib bomb" {
			f.Add(b)
		}
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		res, err := ReadPBF(context.Background(), bytes.NewReader(b), clairvoie.ReadOptions{File: "f.osm.pbf", Lenient: true})
		if err != nil && (len(res.Cameras) != 0 || res.Objects != 0) {
			t.Fatalf("an error with a partial result: %d cameras", len(res.Cameras))
		}
	})
}

// BenchmarkReadPBF reads 100,000 cameras (a third untagged nodes) from a
// generated .osm.pbf; BenchmarkReadPBFPeerOsmpbf is paulmach/osm's decoder
// on the same bytes, objects only.
func BenchmarkReadPBF(b *testing.B) {
	doc := writePBF(syntheticNodes(150000))
	b.SetBytes(int64(len(doc)))
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		n, err := scanPBF(context.Background(), bytes.NewReader(doc), "f", func(*object) error { return nil })
		if err != nil || n != 150000 {
			b.Fatal(n, err)
		}
	}
}

func BenchmarkReadPBFPeerOsmpbf(b *testing.B) {
	doc := writePBF(syntheticNodes(150000))
	b.SetBytes(int64(len(doc)))
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		sc := osmpbf.New(context.Background(), bytes.NewReader(doc), runtime.GOMAXPROCS(0))
		n := 0
		for sc.Scan() {
			n++
		}
		sc.Close()
		if sc.Err() != nil || n != 150000 {
			b.Fatal(n, sc.Err())
		}
	}
}

var updateHostile = flag.Bool("update-hostile", false, "rewrite testdata/hostile/*.osm.pbf")

// The hostile files the end-to-end tests import with the built binary
// (cmd/clairvoie) are these, written by this test with -update-hostile.
func TestHostileFixtures(t *testing.T) {
	all := hostilePBFs()
	for _, name := range []string{"raw size overflow", "zlib bomb", "honest huge blob", "declared, absent", "plain node bad tag", "string index"} {
		path := filepath.Join("testdata", "hostile", strings.NewReplacer(" ", "-", ",", "").Replace(name)+".osm.pbf")
		if *updateHostile {
			if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(path, all[name], 0o644); err != nil {
				t.Fatal(err)
			}
		}
		b, err := os.ReadFile(path)
		if err != nil || !bytes.Equal(b, all[name]) {
			t.Errorf("%s: differs from what hostilePBFs writes (run go test ./osm -run TestHostileFixtures -update-hostile): %v", path, err)
		}
	}
}
