package httpapi

import (
	"bytes"
	"compress/gzip"
	"sync"
)

// answerCache keeps recent answers of GET /api/cameras, gzipped, by query,
// for one version of the registry: a map's district windows are asked again
// and again, and the registry changes a few times a day. Any write to the
// cameras or the sources, by any process, moves the version (a trigger in
// the store) and empties the cache. Only answers of at most
// maxCachedCameras cameras are kept, at most maxCachedAnswers of them.
type answerCache struct {
	mu      sync.Mutex
	version int64
	m       map[string]cachedAnswer
}

type cachedAnswer struct {
	total int
	gz    []byte
}

const (
	maxCachedAnswers = 4096
	maxCachedCameras = 2000
)

func (c *answerCache) get(version int64, key string) (cachedAnswer, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.version != version {
		return cachedAnswer{}, false
	}
	a, ok := c.m[key]
	return a, ok
}

func (c *answerCache) put(version int64, key string, a cachedAnswer) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.version != version || c.m == nil || len(c.m) >= maxCachedAnswers {
		c.version, c.m = version, map[string]cachedAnswer{}
	}
	c.m[key] = a
}

// gzipped compresses b as the gzip middleware would.
func gzipped(b []byte) ([]byte, error) {
	var out bytes.Buffer
	zw := gzipPool.Get().(*gzip.Writer)
	defer gzipPool.Put(zw)
	zw.Reset(&out)
	if _, err := zw.Write(b); err != nil {
		return nil, err
	}
	if err := zw.Close(); err != nil {
		return nil, err
	}
	return out.Bytes(), nil
}
