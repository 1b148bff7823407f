package osm

import (
	"bytes"
	"compress/zlib"
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"math"
	"runtime"
	"strconv"

	"github.com/clairvoie/clairvoie"
	"github.com/paulmach/orb"
	"github.com/paulmach/osm"
	"google.golang.org/protobuf/encoding/protowire"
)

// clairvoie reads .osm.pbf files with its own decoder (the OpenStreetMap
// PBF format: https://wiki.openstreetmap.org/wiki/PBF_Format), because a
// file is hostile until read: memory is bounded by what the file holds,
// never by what a header claims, and a malformed file is an error, never a
// panic.
//
//   - a blob header is at most 64 KiB, a blob at most 32 MiB compressed and
//     32 MiB uncompressed (the format's own limits); a blob is read as its
//     bytes arrive, so an 89-byte file that declares 30 MiB costs 89 bytes;
//   - zlib data is inflated to at most its declared raw size plus one byte,
//     and must be exactly that size (a zlib bomb stops at the bound);
//   - every index into a block's string table, every length of parallel
//     arrays (dense ids, latitudes, longitudes, tags) is checked;
//   - the first blob must be an OSMHeader whose required features clairvoie
//     reads; blobs of an unknown type are skipped, as the format says.
//
// Blocks are inflated and decoded by a few workers and handed over in file
// order. paulmach/osm's osmpbf stays in the tests, as the reference the
// decoder is compared with on well-formed files.

// Bounds of the PBF format.
const (
	pbfMaxHeader = 64 << 10
	pbfMaxBlob   = 32 << 20
	pbfMaxRaw    = 32 << 20
)

// pbfFeatures are the required features clairvoie reads.
var pbfFeatures = map[string]bool{"OsmSchema-V0.6": true, "DenseNodes": true}

// pbfError is a malformed file: what was wrong, and in which block.
func pbfError(file string, block int, expected string, err error) error {
	feature := ""
	if block > 0 {
		feature = "block " + strconv.Itoa(block)
	}
	return &clairvoie.ImportError{File: file, Feature: feature, Expected: expected, Err: err}
}

// pbfBlob is one blob as read: its type and its uncompressed data, and
// once decoded, the objects of an OSMData blob.
type pbfBlob struct {
	n       int // 1-based, in file order
	kind    string
	data    []byte
	objects []object
	err     error
}

// readPBFBlob reads the next blob's header and its still-compressed blob.
// It returns io.EOF at a clean end.
func readPBFBlob(r io.Reader) (kind string, blob []byte, err error) {
	var size [4]byte
	if _, err := io.ReadFull(r, size[:]); err != nil {
		if errors.Is(err, io.EOF) {
			return "", nil, io.EOF
		}
		return "", nil, errors.New("the file ends inside a block's size")
	}
	n := binary.BigEndian.Uint32(size[:])
	if n == 0 || n > pbfMaxHeader {
		return "", nil, fmt.Errorf("a block header of %d bytes (at most 64 KiB)", n)
	}
	header, err := readUpTo(r, int64(n))
	if err != nil {
		return "", nil, fmt.Errorf("the file ends inside a block header: %w", err)
	}
	var datasize int64 = -1
	err = fields(header, func(num protowire.Number, typ protowire.Type, v []byte, x uint64) error {
		switch {
		case num == 1 && typ == protowire.BytesType:
			kind = string(v)
		case num == 3 && typ == protowire.VarintType:
			datasize = int64(int32(x))
		}
		return nil
	})
	if err != nil {
		return "", nil, fmt.Errorf("a block header: %w", err)
	}
	if datasize <= 0 || datasize > pbfMaxBlob {
		return "", nil, fmt.Errorf("a block of %d bytes (1 byte to 32 MiB)", datasize)
	}
	blob, err = readUpTo(r, datasize)
	if err != nil {
		return "", nil, fmt.Errorf("the file ends inside a block (%d bytes declared): %w", datasize, err)
	}
	return kind, blob, nil
}

// readUpTo reads exactly n bytes, holding only what arrives: a header
// that declares more than the file holds costs what the file holds.
func readUpTo(r io.Reader, n int64) ([]byte, error) {
	b, err := io.ReadAll(io.LimitReader(r, n))
	if err != nil {
		return nil, err
	}
	if int64(len(b)) != n {
		return nil, io.ErrUnexpectedEOF
	}
	return b, nil
}

// inflate returns a blob's data, uncompressed and bounded.
func inflate(blob []byte) ([]byte, error) {
	var raw, zdata []byte
	var rawSize int64 = -1
	haveRaw, haveZ := false, false
	err := fields(blob, func(num protowire.Number, typ protowire.Type, v []byte, x uint64) error {
		switch num {
		case 1:
			raw, haveRaw = v, true
		case 2:
			rawSize = int64(int32(x))
		case 3:
			zdata, haveZ = v, true
		case 4:
			return errors.New("LZMA-compressed blocks are not read (convert the file with osmium: zlib)")
		case 5:
			return errors.New("bzip2-compressed blocks are not read (convert the file with osmium: zlib)")
		case 6:
			return errors.New("LZ4-compressed blocks are not read (convert the file with osmium: zlib)")
		case 7:
			return errors.New("ZSTD-compressed blocks are not read (convert the file with osmium: zlib)")
		}
		return nil
	})
	switch {
	case err != nil:
		return nil, err
	case haveRaw:
		if len(raw) > pbfMaxRaw {
			return nil, errors.New("an uncompressed block over 32 MiB")
		}
		return raw, nil
	case !haveZ:
		return nil, errors.New("a block with no data")
	case rawSize <= 0 || rawSize > pbfMaxRaw:
		return nil, fmt.Errorf("a compressed block declaring %d bytes once inflated (1 byte to 32 MiB)", rawSize)
	}
	zr, err := zlib.NewReader(bytes.NewReader(zdata))
	if err != nil {
		return nil, fmt.Errorf("zlib data: %w", err)
	}
	out, err := io.ReadAll(io.LimitReader(zr, rawSize+1))
	if err != nil {
		return nil, fmt.Errorf("zlib data: %w", err)
	}
	if int64(len(out)) != rawSize {
		return nil, fmt.Errorf("a block that inflates to %s bytes, not the %d it declares", sizeOver(len(out), rawSize), rawSize)
	}
	return out, nil
}

func sizeOver(n int, declared int64) string {
	if int64(n) > declared {
		return "more than " + strconv.FormatInt(declared, 10)
	}
	return strconv.Itoa(n)
}

// fields calls fn with each field of a protobuf message: its number, its
// wire type, and its bytes (length-delimited) or its value (varint,
// fixed). A malformed message is an error.
func fields(b []byte, fn func(num protowire.Number, typ protowire.Type, v []byte, x uint64) error) error {
	for len(b) > 0 {
		num, typ, n := protowire.ConsumeTag(b)
		if n < 0 {
			return fmt.Errorf("malformed protobuf: %w", protowire.ParseError(n))
		}
		b = b[n:]
		var v []byte
		var x uint64
		switch typ {
		case protowire.VarintType:
			x, n = protowire.ConsumeVarint(b)
		case protowire.Fixed32Type:
			var y uint32
			y, n = protowire.ConsumeFixed32(b)
			x = uint64(y)
		case protowire.Fixed64Type:
			x, n = protowire.ConsumeFixed64(b)
		case protowire.BytesType:
			v, n = protowire.ConsumeBytes(b)
		default:
			n = protowire.ConsumeFieldValue(num, typ, b)
		}
		if n < 0 {
			return fmt.Errorf("malformed protobuf: %w", protowire.ParseError(n))
		}
		b = b[n:]
		if err := fn(num, typ, v, x); err != nil {
			return err
		}
	}
	return nil
}

// packed decodes a packed (or single) repeated varint field, zig-zag if
// signed, appending to dst.
func packed(dst []int64, typ protowire.Type, v []byte, x uint64, signed bool) ([]int64, error) {
	dec := func(u uint64) int64 {
		if signed {
			return protowire.DecodeZigZag(u)
		}
		return int64(u)
	}
	if typ == protowire.VarintType {
		return append(dst, dec(x)), nil
	}
	if typ != protowire.BytesType {
		return nil, errors.New("malformed protobuf: a repeated number of the wrong wire type")
	}
	if dst == nil {
		dst = make([]int64, 0, len(v)) // a varint is at least one byte
	}
	for len(v) > 0 {
		u, n := protowire.ConsumeVarint(v)
		if n < 0 {
			return nil, fmt.Errorf("malformed protobuf: %w", protowire.ParseError(n))
		}
		dst = append(dst, dec(u))
		v = v[n:]
	}
	return dst, nil
}

// checkHeader reads an OSMHeader block and refuses a required feature
// clairvoie does not read.
func checkHeader(data []byte) error {
	return fields(data, func(num protowire.Number, typ protowire.Type, v []byte, x uint64) error {
		if num == 4 && typ == protowire.BytesType && !pbfFeatures[string(v)] {
			return fmt.Errorf("a file that requires %q, which clairvoie does not read (only %s)", truncateString(string(v), 40), "OsmSchema-V0.6 and DenseNodes")
		}
		return nil
	})
}

func truncateString(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return s[:n] + "…"
}

// primitiveBlock is what an OSMData block holds, decoded.
type primitiveBlock struct {
	strings     []string
	granularity int64
	latOff      int64
	lonOff      int64
	objects     []object
}

// decodeBlock decodes an OSMData block into its nodes and ways (relations
// and changesets are skipped).
func decodeBlock(data []byte) ([]object, error) {
	pb := primitiveBlock{granularity: 100}
	var groups [][]byte
	err := fields(data, func(num protowire.Number, typ protowire.Type, v []byte, x uint64) error {
		switch num {
		case 1:
			return fields(v, func(num protowire.Number, typ protowire.Type, s []byte, _ uint64) error {
				if num == 1 && typ == protowire.BytesType {
					pb.strings = append(pb.strings, string(s))
				}
				return nil
			})
		case 2:
			if typ == protowire.BytesType {
				groups = append(groups, v)
			}
		case 17:
			pb.granularity = int64(int32(x))
		case 19:
			pb.latOff = int64(x)
		case 20:
			pb.lonOff = int64(x)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	if pb.granularity <= 0 {
		return nil, fmt.Errorf("a granularity of %d (expected a positive number of nanodegrees)", pb.granularity)
	}
	for _, g := range groups {
		err := fields(g, func(num protowire.Number, typ protowire.Type, v []byte, _ uint64) error {
			if typ != protowire.BytesType {
				return nil
			}
			switch num {
			case 1:
				return pb.node(v)
			case 2:
				return pb.dense(v)
			case 3:
				return pb.way(v)
			}
			return nil // relations, changesets
		})
		if err != nil {
			return nil, err
		}
	}
	return pb.objects, nil
}

// str is entry i of the string table, checked.
func (pb *primitiveBlock) str(i int64) (string, error) {
	if i < 0 || i >= int64(len(pb.strings)) {
		return "", fmt.Errorf("a string index %d out of the block's table of %d", i, len(pb.strings))
	}
	return pb.strings[i], nil
}

// tags pairs keys and values (indexes into the string table).
func (pb *primitiveBlock) tags(keys, vals []int64) (osm.Tags, error) {
	if len(keys) != len(vals) {
		return nil, fmt.Errorf("%d tag keys for %d values", len(keys), len(vals))
	}
	if len(keys) == 0 {
		return nil, nil
	}
	t := make(osm.Tags, len(keys))
	for i := range keys {
		k, err := pb.str(keys[i])
		if err != nil {
			return nil, err
		}
		v, err := pb.str(vals[i])
		if err != nil {
			return nil, err
		}
		t[i] = osm.Tag{Key: k, Value: v}
	}
	return t, nil
}

// point turns raw coordinates into degrees, rounded to the 1e-7 degree
// that OpenStreetMap keeps (the XML text's precision).
func (pb *primitiveBlock) point(lat, lon int64) orb.Point {
	la := (float64(pb.latOff) + float64(pb.granularity)*float64(lat)) * 1e-9
	lo := (float64(pb.lonOff) + float64(pb.granularity)*float64(lon)) * 1e-9
	return orb.Point{math.Round(lo*1e7) / 1e7, math.Round(la*1e7) / 1e7}
}

func (pb *primitiveBlock) node(v []byte) error {
	var id, lat, lon int64
	var keys, vals []int64
	err := fields(v, func(num protowire.Number, typ protowire.Type, b []byte, x uint64) error {
		var err error
		switch num {
		case 1:
			id = protowire.DecodeZigZag(x)
		case 2:
			keys, err = packed(keys, typ, b, x, false)
		case 3:
			vals, err = packed(vals, typ, b, x, false)
		case 8:
			lat = protowire.DecodeZigZag(x)
		case 9:
			lon = protowire.DecodeZigZag(x)
		}
		return err
	})
	if err != nil {
		return err
	}
	t, err := pb.tags(keys, vals)
	if err != nil {
		return fmt.Errorf("node %d: %w", id, err)
	}
	pb.objects = append(pb.objects, object{kind: "node", id: id, pos: pb.point(lat, lon), tags: t})
	return nil
}

func (pb *primitiveBlock) dense(v []byte) error {
	var ids, lats, lons, kv []int64
	err := fields(v, func(num protowire.Number, typ protowire.Type, b []byte, x uint64) error {
		var err error
		switch num {
		case 1:
			ids, err = packed(ids, typ, b, x, true)
		case 8:
			lats, err = packed(lats, typ, b, x, true)
		case 9:
			lons, err = packed(lons, typ, b, x, true)
		case 10:
			kv, err = packed(kv, typ, b, x, false)
		}
		return err
	})
	if err != nil {
		return err
	}
	if len(lats) != len(ids) || len(lons) != len(ids) {
		return fmt.Errorf("dense nodes: %d ids, %d latitudes, %d longitudes", len(ids), len(lats), len(lons))
	}
	var id, lat, lon int64
	k := 0
	if cap(pb.objects)-len(pb.objects) < len(ids) {
		pb.objects = append(make([]object, 0, len(pb.objects)+len(ids)), pb.objects...)
	}
	for i := range ids {
		id, lat, lon = id+ids[i], lat+lats[i], lon+lons[i]
		var t osm.Tags
		if n := tagCount(kv[k:]); n > 0 {
			t = make(osm.Tags, 0, n)
		}
		for len(kv) > 0 && k < len(kv) {
			if kv[k] == 0 {
				k++
				break
			}
			if k+1 >= len(kv) {
				return fmt.Errorf("dense node %d: a tag key without its value", id)
			}
			key, err := pb.str(kv[k])
			if err != nil {
				return fmt.Errorf("dense node %d: %w", id, err)
			}
			val, err := pb.str(kv[k+1])
			if err != nil {
				return fmt.Errorf("dense node %d: %w", id, err)
			}
			t = append(t, osm.Tag{Key: key, Value: val})
			k += 2
		}
		pb.objects = append(pb.objects, object{kind: "node", id: id, pos: pb.point(lat, lon), tags: t})
	}
	return nil
}

// tagCount is how many key/value pairs come before the next 0 of a dense
// block's keys_vals.
func tagCount(kv []int64) int {
	n := 0
	for n < len(kv) && kv[n] != 0 {
		n++
	}
	return n / 2
}

func (pb *primitiveBlock) way(v []byte) error {
	var id int64
	var keys, vals, refs []int64
	err := fields(v, func(num protowire.Number, typ protowire.Type, b []byte, x uint64) error {
		var err error
		switch num {
		case 1:
			id = int64(x)
		case 2:
			keys, err = packed(keys, typ, b, x, false)
		case 3:
			vals, err = packed(vals, typ, b, x, false)
		case 8:
			refs, err = packed(refs, typ, b, x, true)
		}
		return err
	})
	if err != nil {
		return err
	}
	t, err := pb.tags(keys, vals)
	if err != nil {
		return fmt.Errorf("way %d: %w", id, err)
	}
	for i := 1; i < len(refs); i++ {
		refs[i] += refs[i-1]
	}
	pb.objects = append(pb.objects, object{kind: "way", id: id, refs: refs, tags: t})
	return nil
}

// scanPBF hands each node and way of an .osm.pbf file to fn, in file
// order, and returns how many it read. Blocks are inflated and decoded by
// a few workers while fn runs; an error from fn stops everything and is
// returned as it is.
func scanPBF(ctx context.Context, r io.Reader, file string, fn func(*object) error) (int, error) {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	workers := max(1, min(4, runtime.GOMAXPROCS(0)))
	type job struct {
		b   pbfBlob
		raw []byte
		out chan pbfBlob
	}
	jobs := make(chan *job, workers)
	order := make(chan *job, 2*workers)
	go func() {
		defer close(jobs)
		defer close(order)
		for n := 1; ; n++ {
			kind, raw, err := readPBFBlob(r)
			j := &job{b: pbfBlob{n: n, kind: kind, err: err}, raw: raw, out: make(chan pbfBlob, 1)}
			if errors.Is(err, io.EOF) {
				return
			}
			select {
			case order <- j:
			case <-ctx.Done():
				return
			}
			if err != nil {
				j.out <- j.b
				return
			}
			select {
			case jobs <- j:
			case <-ctx.Done():
				return
			}
		}
	}()
	for w := 0; w < workers; w++ {
		go func() {
			for j := range jobs {
				b := j.b
				b.data, b.err = inflate(j.raw)
				j.raw = nil
				if b.err == nil && b.kind == "OSMData" {
					b.objects, b.err = decodeBlock(b.data)
					b.data = nil
				}
				j.out <- b
			}
		}()
	}
	objects := 0
	sawHeader := false
	for j := range order {
		var b pbfBlob
		select {
		case b = <-j.out:
		case <-ctx.Done():
			return 0, ctx.Err()
		}
		if b.err != nil {
			return 0, pbfError(file, b.n, "an OpenStreetMap PBF file", b.err)
		}
		if !sawHeader {
			if b.kind != "OSMHeader" {
				return 0, pbfError(file, b.n, "an OpenStreetMap PBF file, starting with an OSMHeader block", fmt.Errorf("the first block is %q", truncateString(b.kind, 40)))
			}
			if err := checkHeader(b.data); err != nil {
				return 0, pbfError(file, b.n, "an OpenStreetMap PBF file", err)
			}
			sawHeader = true
			continue
		}
		if b.kind != "OSMData" {
			continue // unknown blocks are skipped, as the format says
		}
		objs := b.objects
		for i := range objs {
			objects++
			if err := fn(&objs[i]); err != nil {
				return 0, err
			}
		}
	}
	if !sawHeader {
		return 0, pbfError(file, 0, "an OpenStreetMap PBF file", errors.New("no block at all"))
	}
	if err := ctx.Err(); err != nil {
		return 0, err
	}
	return objects, nil
}
