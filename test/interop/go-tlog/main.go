// Command go-tlog verifies a running Civic Ledger instance with the Go checksum-database
// packages (golang.org/x/mod/sumdb/note and golang.org/x/mod/sumdb/tlog), not with our code.
//
//	go run . <base URL> <verifier key>
//
// It opens <url>/ledger/checkpoint with the verifier key, reads the tiles under <url>/ledger/tile/
// through tlog.TileHashReader (which checks every tile against the signed root), recomputes the
// root with tlog.TreeHash, checks every leaf hash against tlog.RecordHash of the entry bundle
// bytes, proves and checks the inclusion of a few records, and checks their C2SP tlog-proof
// receipts (<url>/api/ledger/receipts/<i>) with note.Open and tlog.CheckRecord. Exit status 0 on success;
// otherwise it names what failed.
package main

import (
	"encoding/base64"
	"errors"
	"fmt"
	"io"
	"net/http"
	"os"
	"strconv"
	"strings"
	"time"

	"golang.org/x/mod/sumdb/note"
	"golang.org/x/mod/sumdb/tlog"
)

const tileHeight = 8 // c2sp.org/tlog-tiles: tiles of 2^8 = 256 hashes

var client = &http.Client{Timeout: 30 * time.Second}

func fail(format string, args ...any) {
	fmt.Fprintf(os.Stderr, "go-tlog: FAIL: "+format+"\n", args...)
	os.Exit(1)
}

func get(url string) ([]byte, error) {
	resp, err := client.Get(url)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		return nil, err
	}
	if resp.StatusCode != http.StatusOK {
		return nil, fmt.Errorf("GET %s: %s", url, resp.Status)
	}
	return body, nil
}

// c2spPath maps the sumdb tile path (tile/8/L/N[.p/W], tile/8/data/N[.p/W]) to the
// c2sp.org/tlog-tiles one (tile/L/N[.p/W], tile/entries/N[.p/W]): the spec drops the height
// and names entry bundles "entries"; the N and width encodings are the same.
func c2spPath(t tlog.Tile) string {
	p := t.Path()
	prefix := "tile/" + strconv.Itoa(tileHeight) + "/"
	if !strings.HasPrefix(p, prefix) {
		fail("unexpected tlog tile path %q", p)
	}
	rest := strings.TrimPrefix(p, prefix)
	if strings.HasPrefix(rest, "data/") {
		rest = "entries/" + strings.TrimPrefix(rest, "data/")
	}
	return "tile/" + rest
}

// httpTiles is a tlog.TileReader over GETs of <base>/ledger/tile/...
type httpTiles struct {
	base    string
	fetched int
}

func (r *httpTiles) Height() int { return tileHeight }

func (r *httpTiles) ReadTiles(tiles []tlog.Tile) ([][]byte, error) {
	out := make([][]byte, len(tiles))
	for i, t := range tiles {
		data, err := get(r.base + "/ledger/" + c2spPath(t))
		if err != nil {
			return nil, fmt.Errorf("tile %s: %w", c2spPath(t), err)
		}
		if len(data) != t.W*tlog.HashSize {
			return nil, fmt.Errorf("tile %s: %d bytes, want %d", c2spPath(t), len(data), t.W*tlog.HashSize)
		}
		r.fetched++
		out[i] = data
	}
	return out, nil
}

func (r *httpTiles) SaveTiles([]tlog.Tile, [][]byte) {}

// parseCheckpoint parses a c2sp.org/tlog-checkpoint body. tlog.ParseTree only accepts the
// go.sum database's own origin line ("go.sum database tree"), so the three lines are read
// here exactly as ParseTree reads them, with any origin; extension lines are allowed.
func parseCheckpoint(text string) (origin string, tree tlog.Tree, err error) {
	lines := strings.SplitAfter(text, "\n")
	if len(lines) < 4 || lines[len(lines)-1] != "" {
		return "", tree, errors.New("checkpoint body is not at least three newline-terminated lines")
	}
	origin = strings.TrimSuffix(lines[0], "\n")
	n, err := strconv.ParseInt(strings.TrimSuffix(lines[1], "\n"), 10, 64)
	if err != nil || n < 0 || strconv.FormatInt(n, 10) != strings.TrimSuffix(lines[1], "\n") {
		return "", tree, fmt.Errorf("bad tree size %q", lines[1])
	}
	h, err := tlog.ParseHash(strings.TrimSuffix(lines[2], "\n"))
	if err != nil {
		return "", tree, fmt.Errorf("bad root hash %q: %v", lines[2], err)
	}
	// The same round trip ParseTree requires, but with our origin.
	goForm := "go.sum database tree\n" + lines[1] + lines[2]
	if gt, err := tlog.ParseTree([]byte(goForm)); err != nil || gt.N != n || gt.Hash != h {
		return "", tree, fmt.Errorf("tlog.ParseTree rejects size/root lines: %v", err)
	}
	return origin, tlog.Tree{N: n, Hash: h}, nil
}

// bundleEntries splits a c2sp.org/tlog-tiles entry bundle: big-endian uint16 length, then bytes.
func bundleEntries(data []byte) ([][]byte, error) {
	var entries [][]byte
	for len(data) > 0 {
		if len(data) < 2 {
			return nil, errors.New("truncated length prefix")
		}
		n := int(data[0])<<8 | int(data[1])
		if len(data) < 2+n {
			return nil, fmt.Errorf("entry %d truncated", len(entries))
		}
		entries = append(entries, data[2:2+n])
		data = data[2+n:]
	}
	return entries, nil
}

func checkReceipt(base string, verifier note.Verifier, origin string, hashes tlog.HashReader, i int64, record []byte) error {
	raw, err := get(fmt.Sprintf("%s/api/ledger/receipts/%d", base, i))
	if err != nil {
		return err
	}
	head, cpText, ok := strings.Cut(string(raw), "\n\n")
	if !ok {
		return errors.New("no empty line before the checkpoint")
	}
	lines := strings.Split(head, "\n")
	if lines[0] != "c2sp.org/tlog-proof@v1" {
		return fmt.Errorf("header %q is not c2sp.org/tlog-proof@v1", lines[0])
	}
	lines = lines[1:]
	if len(lines) > 0 && strings.HasPrefix(lines[0], "extra ") {
		lines = lines[1:]
	}
	if len(lines) == 0 || lines[0] != "index "+strconv.FormatInt(i, 10) {
		return fmt.Errorf("index line is not \"index %d\"", i)
	}
	var proof tlog.RecordProof
	for _, line := range lines[1:] {
		h, err := tlog.ParseHash(line)
		if err != nil {
			return fmt.Errorf("proof line %q: %v", line, err)
		}
		proof = append(proof, h)
	}
	n, err := note.Open([]byte(cpText), note.VerifierList(verifier))
	if err != nil {
		return fmt.Errorf("checkpoint signature (note.Open): %v", err)
	}
	cpOrigin, tree, err := parseCheckpoint(n.Text)
	if err != nil {
		return fmt.Errorf("checkpoint body: %v", err)
	}
	if cpOrigin != origin {
		return fmt.Errorf("checkpoint origin %q is not %q", cpOrigin, origin)
	}
	if root, err := tlog.TreeHash(tree.N, hashes); err != nil || root != tree.Hash {
		return fmt.Errorf("checkpoint of size %d is not a prefix of the latest tree (tlog.TreeHash %s, %v)", tree.N, root, err)
	}
	if err := tlog.CheckRecord(proof, tree.N, tree.Hash, i, tlog.RecordHash(record)); err != nil {
		return fmt.Errorf("tlog.CheckRecord in tree %d: %v", tree.N, err)
	}
	return nil
}

func main() {
	if len(os.Args) != 3 {
		fmt.Fprintln(os.Stderr, "usage: go-tlog <base URL> <verifier key>")
		os.Exit(2)
	}
	base := strings.TrimRight(os.Args[1], "/")
	verifier, err := note.NewVerifier(os.Args[2])
	if err != nil {
		fail("verifier key: %v", err)
	}

	// 1. The signed checkpoint.
	raw, err := get(base + "/ledger/checkpoint")
	if err != nil {
		fail("checkpoint: %v", err)
	}
	n, err := note.Open(raw, note.VerifierList(verifier))
	if err != nil {
		fail("checkpoint signature (note.Open): %v", err)
	}
	origin, tree, err := parseCheckpoint(n.Text)
	if err != nil {
		fail("checkpoint body: %v", err)
	}
	if origin != verifier.Name() {
		fail("checkpoint origin %q is not the key name %q", origin, verifier.Name())
	}
	if tree.N == 0 {
		fail("checkpoint has an empty tree")
	}

	// 2. Tiles through tlog.TileHashReader (each tile checked against the signed root), and the
	// root recomputed from them with tlog.TreeHash.
	tiles := &httpTiles{base: base}
	hashes := tlog.TileHashReader(tree, tiles)
	root, err := tlog.TreeHash(tree.N, hashes)
	if err != nil {
		fail("tlog.TreeHash over the tiles: %v", err)
	}
	if root != tree.Hash {
		fail("tlog.TreeHash %s is not the checkpoint root %s", root, tree.Hash)
	}

	// 3. Every leaf: tlog.RecordHash of the entry bundle bytes equals the level-0 tile hash.
	var records [][]byte
	for bn := int64(0); bn*256 < tree.N; bn++ {
		w := int(min(256, tree.N-bn*256))
		t := tlog.Tile{H: tileHeight, L: -1, N: bn, W: w}
		data, err := get(base + "/ledger/" + c2spPath(t))
		if err != nil {
			fail("entry bundle %s: %v", c2spPath(t), err)
		}
		entries, err := bundleEntries(data)
		if err != nil {
			fail("entry bundle %s: %v", c2spPath(t), err)
		}
		if len(entries) != w {
			fail("entry bundle %s: %d entries, want %d", c2spPath(t), len(entries), w)
		}
		records = append(records, entries...)
	}
	indexes := make([]int64, tree.N)
	for i := range indexes {
		indexes[i] = tlog.StoredHashIndex(0, int64(i))
	}
	leaves, err := hashes.ReadHashes(indexes)
	if err != nil {
		fail("level-0 hashes: %v", err)
	}
	for i, rec := range records {
		if got := tlog.RecordHash(rec); got != leaves[i] {
			fail("record %d: tlog.RecordHash of its entry is %s, the tile has %s", i, got, leaves[i])
		}
	}

	// 4. Inclusion proofs for a few records, checked against the signed root.
	for _, i := range []int64{0, tree.N / 2, tree.N - 1} {
		proof, err := tlog.ProveRecord(tree.N, i, hashes)
		if err != nil {
			fail("tlog.ProveRecord(%d, %d): %v", tree.N, i, err)
		}
		if err := tlog.CheckRecord(proof, tree.N, tree.Hash, i, tlog.RecordHash(records[i])); err != nil {
			fail("tlog.CheckRecord of record %d in tree %d: %v", i, tree.N, err)
		}
	}

	// 5. Receipts (c2sp.org/tlog-proof from <url>/api/ledger/receipts/<i>): the embedded checkpoint
	// opens with note.Open, its root is tlog.TreeHash of the same tiles at its size (so it is a
	// prefix of the tree above), and the proof lines pass tlog.CheckRecord.
	for _, i := range []int64{0, tree.N / 2, tree.N - 1} {
		if err := checkReceipt(base, verifier, origin, hashes, i, records[i]); err != nil {
			fail("receipt of record %d: %v", i, err)
		}
	}

	sig := ""
	if len(n.Sigs) > 0 {
		sig = n.Sigs[0].Name + "+" + fmt.Sprintf("%08x", n.Sigs[0].Hash)
	}
	fmt.Printf("go-tlog: OK origin=%q size=%d root=%s signer=%s tiles=%d records=%d\n", origin, tree.N, base64.StdEncoding.EncodeToString(tree.Hash[:]), sig, tiles.fetched, len(records))
}
