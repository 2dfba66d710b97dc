package store

import (
	"encoding/binary"
	"fmt"

	bolt "go.etcd.io/bbolt"
)

// The entry count of each bounded bucket is kept in the meta bucket so that
// every write can enforce MaxEntries without walking the bucket.

func countKey(bucket []byte) []byte { return append([]byte("count/"), bucket...) }

func count(tx *bolt.Tx, bucket []byte) int {
	v := tx.Bucket(bucketMeta).Get(countKey(bucket))
	if len(v) != 8 {
		return 0
	}
	return int(binary.BigEndian.Uint64(v))
}

func setCount(tx *bolt.Tx, bucket []byte, n int) error {
	if err := tx.Bucket(bucketMeta).Put(countKey(bucket), seqKey(uint64(n))); err != nil {
		return fmt.Errorf("save %s count: %w", bucket, err)
	}
	return nil
}

// seqKey is the big-endian form of a sequence number, so byte order (cursor
// order) equals numeric order (age).
func seqKey(seq uint64) []byte {
	return binary.BigEndian.AppendUint64(make([]byte, 0, 8), seq)
}

// appendEntry stores value under the bucket's next sequence number and then
// drops the oldest entries past the bound. It returns the new key.
func (s *Store) appendEntry(tx *bolt.Tx, bucket, value []byte) ([]byte, error) {
	b := tx.Bucket(bucket)
	seq, err := b.NextSequence()
	if err != nil {
		return nil, fmt.Errorf("next %s sequence: %w", bucket, err)
	}
	key := seqKey(seq)
	if err := b.Put(key, value); err != nil {
		return nil, fmt.Errorf("put %s entry: %w", bucket, err)
	}
	if _, err := s.trim(tx, bucket, count(tx, bucket)+1); err != nil {
		return nil, err
	}
	return key, nil
}

// removeEntry deletes one entry by key and keeps the count right.
func removeEntry(tx *bolt.Tx, bucket, key []byte) error {
	if err := tx.Bucket(bucket).Delete(key); err != nil {
		return fmt.Errorf("delete %s entry: %w", bucket, err)
	}
	return setCount(tx, bucket, max(count(tx, bucket)-1, 0))
}

// trim drops the oldest entries of bucket until at most s.max remain, given
// that it now holds n, saves the new count and returns it. Dropped feedback
// also frees its one-vote slot.
func (s *Store) trim(tx *bolt.Tx, bucket []byte, n int) (int, error) {
	c := tx.Bucket(bucket).Cursor()
	for n > s.max {
		k, v := c.First()
		if k == nil { // the count had drifted above the truth
			n = 0
			break
		}
		if string(bucket) == string(bucketFeedback) {
			if err := forgetVote(tx, k, v); err != nil {
				return 0, err
			}
		}
		if err := c.Delete(); err != nil {
			return 0, fmt.Errorf("drop oldest %s entry: %w", bucket, err)
		}
		n--
	}
	return n, setCount(tx, bucket, n)
}
