package auditlog

import (
	"bytes"
	"context"
	"encoding/hex"
	"fmt"
	"net/http"
	"net/url"

	"github.com/clairvoie/clairvoie"
	"github.com/transparency-dev/formats/log"
	f_note "github.com/transparency-dev/formats/note"
	"github.com/transparency-dev/merkle/compact"
	"github.com/transparency-dev/merkle/proof"
	"github.com/transparency-dev/merkle/rfc6962"
	"github.com/transparency-dev/tessera/api"
	"github.com/transparency-dev/tessera/api/layout"
	"github.com/transparency-dev/tessera/client"
	"golang.org/x/mod/sumdb/note"
)

// Source is where a verifier reads a log: a directory or a URL, laid out
// as C2SP tlog-tiles.
type Source interface {
	ReadCheckpoint(ctx context.Context) ([]byte, error)
	ReadTile(ctx context.Context, level, index uint64, p uint8) ([]byte, error)
	ReadEntryBundle(ctx context.Context, index uint64, p uint8) ([]byte, error)
}

// DirSource reads a log from a directory.
func DirSource(dir string) Source { return client.FileFetcher{Root: dir} }

// URLSource reads a log over HTTP(S) from its base URL (the one under which
// /checkpoint and /tile/ are served).
func URLSource(base string) (Source, error) {
	u, err := url.Parse(base)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") {
		return nil, clairvoie.Errorf(clairvoie.EINVALID, "%q: expected an http(s) URL", base)
	}
	return client.NewHTTPFetcher(u, http.DefaultClient)
}

// Report is what Verify found. OK is true only if every check passed.
type Report struct {
	OK         bool        `json:"ok"`
	Origin     string      `json:"origin"`
	Size       uint64      `json:"size"`
	Root       string      `json:"root"` // hex
	Signature  bool        `json:"signature"`
	Tiles      int         `json:"tiles_checked"`
	Tree       bool        `json:"tree"` // the tiles and the entries give the checkpoint's root
	Since      *Since      `json:"since,omitempty"`
	Inclusions []Inclusion `json:"inclusions,omitempty"`
	Witnessed  *Witnessed  `json:"witnessed,omitempty"`
	Problems   []string    `json:"problems,omitempty"`
	Checkpoint []byte      `json:"-"` // the checkpoint checked, as served
}

// Witnessed is the check of the checkpoint's cosignatures against the
// witnesses an auditor trusts: OK when Quorum of the Of witnesses cosigned.
type Witnessed struct {
	OK           bool                    `json:"ok"`
	Quorum       int                     `json:"quorum"`
	Of           int                     `json:"of"`
	Cosignatures []clairvoie.Cosignature `json:"cosignatures"`
}

// CheckWitnesses checks that the checkpoint Verify checked holds valid
// cosignatures (C2SP tlog-cosignature/v1) from quorum of the witnesses'
// keys (0: all of them); a checkpoint without them is a problem of the
// report. The size it reports is then what the witnesses vouch for;
// entries after it are not yet witnessed.
func CheckWitnesses(rep *Report, keys []string, quorum int) error {
	if quorum == 0 {
		quorum = len(keys)
	}
	for _, k := range keys {
		if _, err := f_note.NewVerifierForCosignatureV1(k); err != nil {
			return clairvoie.Errorf(clairvoie.EINVALID, "witness key %q: %v", k, err)
		}
	}
	w := &Witnessed{Quorum: quorum, Of: len(keys), Cosignatures: []clairvoie.Cosignature{}}
	if rep.Checkpoint != nil {
		w.Cosignatures = append(w.Cosignatures, Cosigners(rep.Checkpoint, keys)...)
	}
	w.OK = len(w.Cosignatures) >= quorum
	rep.Witnessed = w
	if !w.OK {
		rep.Problems = append(rep.Problems, fmt.Sprintf("the checkpoint of size %d is cosigned by %d of the %d witnesses, %d needed: no checkpoint they vouch for", rep.Size, len(w.Cosignatures), len(keys), quorum))
		rep.OK = false
	}
	return nil
}

// Since is the check against a checkpoint an auditor kept earlier.
type Since struct {
	Size       uint64 `json:"size"`
	Consistent bool   `json:"consistent"` // the old tree is a prefix of today's
}

// Inclusion is the check of one receipt.
type Inclusion struct {
	Index      uint64 `json:"index"`
	Commitment string `json:"commitment"`
	Included   bool   `json:"included"`
}

// Verify checks a log: the checkpoint's signature by verifierKey (a C2SP
// signed-note verifier string); every entry bundle and every hash tile up
// to the checkpoint's size, recomputing the tree (an altered tile or entry
// is caught); with since (a checkpoint kept earlier), that its tree is a
// prefix of today's (a rewritten history is caught); and, for each
// receipt, that its commitment is the leaf at its index, with an inclusion
// proof against the checkpoint. A failed check is a problem in the report,
// not an error; errors are for what stopped the check (an unreadable key).
func Verify(ctx context.Context, src Source, verifierKey string, since []byte, receipts []clairvoie.Receipt) (rep Report, err error) {
	v, err := note.NewVerifier(verifierKey)
	if err != nil {
		return rep, clairvoie.Errorf(clairvoie.EINVALID, "verifier key: %v", err)
	}
	rep.Origin = v.Name()
	problem := func(format string, args ...any) { rep.Problems = append(rep.Problems, fmt.Sprintf(format, args...)) }
	defer func() { rep.OK = len(rep.Problems) == 0 }()

	cp, raw, _, err := client.FetchCheckpoint(ctx, src.ReadCheckpoint, v, v.Name())
	if err != nil {
		problem("checkpoint: %v", err)
		return rep, nil
	}
	rep.Checkpoint = raw
	rep.Signature, rep.Size, rep.Root = true, cp.Size, hex.EncodeToString(cp.Hash)

	var old *log.Checkpoint
	if since != nil {
		old, _, _, err = log.ParseCheckpoint(since, v.Name(), v)
		if err != nil {
			problem("the checkpoint kept earlier: %v", err)
		} else {
			rep.Since = &Since{Size: old.Size}
			if old.Size > cp.Size {
				problem("the log shrank: %d entries earlier, %d now", old.Size, cp.Size)
			}
		}
	}

	// Every leaf, hashed; the tree's levels rebuilt from them.
	levels := [][][]byte{make([][]byte, 0, cp.Size)}
	leafData := map[uint64][]byte{}
	wanted := map[uint64]bool{}
	for _, r := range receipts {
		wanted[r.Index] = true
	}
	rf := compact.RangeFactory{Hash: rfc6962.DefaultHasher.HashChildren}
	cr := rf.NewEmptyRange(0)
	err = leaves(ctx, cp.Size, src.ReadEntryBundle, func(i uint64, data []byte) error {
		h := rfc6962.DefaultHasher.HashLeaf(data)
		levels[0] = append(levels[0], h)
		if wanted[i] {
			leafData[i] = data
		}
		if err := cr.Append(h, nil); err != nil {
			return err
		}
		if old != nil && cr.End() == old.Size {
			root, err := cr.GetRootHash(nil)
			if err != nil {
				return err
			}
			rep.Since.Consistent = bytes.Equal(root, old.Hash)
		}
		return nil
	})
	if err != nil {
		problem("entries: %v", err)
		return rep, nil
	}
	if old != nil && old.Size == 0 {
		rep.Since.Consistent = bytes.Equal(old.Hash, rfc6962.DefaultHasher.EmptyRoot())
	}
	if rep.Since != nil && !rep.Since.Consistent && old.Size <= cp.Size {
		problem("the log is not an extension of the checkpoint kept earlier (size %d): its history was rewritten", old.Size)
	}
	root := rfc6962.DefaultHasher.EmptyRoot()
	if cp.Size > 0 {
		if root, err = cr.GetRootHash(nil); err != nil {
			return rep, err
		}
	}
	rep.Tree = bytes.Equal(root, cp.Hash)
	if !rep.Tree {
		problem("the entries do not give the checkpoint's root hash")
	}
	for h := 0; len(levels[h]) > 1; h++ {
		prev := levels[h]
		next := make([][]byte, len(prev)/2)
		for i := range next {
			next[i] = rfc6962.DefaultHasher.HashChildren(prev[2*i], prev[2*i+1])
		}
		levels = append(levels, next)
	}

	// Every hash tile against the rebuilt tree.
	for tl := 0; 8*tl < len(levels) && len(levels[8*tl]) > 0; tl++ {
		nodes := levels[8*tl]
		for k := 0; k*layout.TileWidth < len(nodes); k++ {
			w := min(layout.TileWidth, len(nodes)-k*layout.TileWidth)
			raw, err := src.ReadTile(ctx, uint64(tl), uint64(k), layout.PartialTileSize(uint64(tl), uint64(k), cp.Size))
			if err != nil {
				problem("tile %d/%d: %v", tl, k, err)
				continue
			}
			var t api.HashTile
			if err := t.UnmarshalText(raw); err != nil || len(t.Nodes) < w {
				problem("tile %d/%d: %d hashes, expected %d", tl, k, len(t.Nodes), w)
				continue
			}
			rep.Tiles++
			for i := 0; i < w; i++ {
				if !bytes.Equal(t.Nodes[i], nodes[k*layout.TileWidth+i]) {
					problem("tile %d/%d: hash %d differs from the one the entries give", tl, k, i)
					break
				}
			}
		}
	}

	// Receipts: the leaf at the index is the commitment, and an inclusion
	// proof built from the tiles checks against the checkpoint.
	var pb *client.ProofBuilder
	for _, r := range receipts {
		c, err := r.CommitmentHex()
		if err != nil {
			return rep, err
		}
		in := Inclusion{Index: r.Index, Commitment: c}
		data, ok := leafData[r.Index]
		if ok && hex.EncodeToString(data) == c {
			if pb == nil {
				if pb, err = client.NewProofBuilder(ctx, cp.Size, src.ReadTile); err != nil {
					return rep, err
				}
			}
			p, err := pb.InclusionProof(ctx, r.Index)
			in.Included = err == nil && proof.VerifyInclusion(rfc6962.DefaultHasher, r.Index, cp.Size, rfc6962.DefaultHasher.HashLeaf(data), p, cp.Hash) == nil
		}
		if !in.Included {
			problem("entry %d (commitment %s…) is not in the log", r.Index, c[:12])
		}
		rep.Inclusions = append(rep.Inclusions, in)
	}
	return rep, nil
}
