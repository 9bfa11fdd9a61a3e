//! The rendered plans kept in memory, bounded by entries and by bytes; the
//! least recently used goes first.

use std::collections::{BTreeMap, HashMap};
use std::sync::{Arc, Mutex, PoisonError};

/// What an entry costs beyond its key and body: its bookkeeping.
const OVERHEAD: usize = 128;

/// A bounded least-recently-used map from a normalized query to what it gave.
pub struct Cache<V> {
    inner: Mutex<Inner<V>>,
    max_entries: usize,
    max_bytes: usize,
}

struct Inner<V> {
    entries: HashMap<Arc<str>, Slot<V>>,
    /// The keys by their last use, oldest first.
    recency: BTreeMap<u64, Arc<str>>,
    clock: u64,
    bytes: usize,
}

struct Slot<V> {
    value: Arc<V>,
    used: u64,
    bytes: usize,
}

/// How full a cache is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Usage {
    pub entries: usize,
    pub bytes: usize,
}

impl<V> Cache<V> {
    pub fn new(max_entries: usize, max_bytes: usize) -> Cache<V> {
        Cache {
            inner: Mutex::new(Inner {
                entries: HashMap::new(),
                recency: BTreeMap::new(),
                clock: 0,
                bytes: 0,
            }),
            max_entries,
            max_bytes,
        }
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Inner<V>> {
        // Every change leaves the maps consistent, so a panic elsewhere
        // while the lock was held leaves nothing half done.
        self.inner.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// The value kept under `key`, now the most recently used.
    pub fn get(&self, key: &str) -> Option<Arc<V>> {
        let mut inner = self.lock();
        inner.clock += 1;
        let now = inner.clock;
        let slot = inner.entries.get_mut(key)?;
        let before = std::mem::replace(&mut slot.used, now);
        let value = slot.value.clone();
        if let Some(key) = inner.recency.remove(&before) {
            inner.recency.insert(now, key);
        }
        Some(value)
    }

    /// Keeps `value` (of `size` bytes) under `key`, dropping the least
    /// recently used entries until both bounds hold. A value larger than
    /// the whole cache is not kept.
    pub fn insert(&self, key: &str, value: Arc<V>, size: usize) {
        let bytes = key.len() + size + OVERHEAD;
        if bytes > self.max_bytes || self.max_entries == 0 {
            return;
        }
        let mut inner = self.lock();
        inner.remove(key);
        while inner.entries.len() >= self.max_entries || inner.bytes + bytes > self.max_bytes {
            let Some((_, oldest)) = inner.recency.pop_first() else {
                break;
            };
            if let Some(slot) = inner.entries.remove(&oldest) {
                inner.bytes -= slot.bytes;
            }
        }
        inner.clock += 1;
        let now = inner.clock;
        let key: Arc<str> = Arc::from(key);
        inner.recency.insert(now, key.clone());
        inner.bytes += bytes;
        let slot = Slot {
            value,
            used: now,
            bytes,
        };
        inner.entries.insert(key, slot);
    }

    pub fn usage(&self) -> Usage {
        let inner = self.lock();
        Usage {
            entries: inner.entries.len(),
            bytes: inner.bytes,
        }
    }
}

impl<V> Inner<V> {
    fn remove(&mut self, key: &str) {
        if let Some(slot) = self.entries.remove(key) {
            self.recency.remove(&slot.used);
            self.bytes -= slot.bytes;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn evicts_the_least_recently_used() {
        let cache = Cache::new(2, 1 << 20);
        cache.insert("a", Arc::new(1), 10);
        cache.insert("b", Arc::new(2), 10);
        assert_eq!(cache.get("a").as_deref(), Some(&1));
        cache.insert("c", Arc::new(3), 10);
        assert_eq!(cache.get("b"), None, "b was the least recently used");
        assert_eq!(cache.get("a").as_deref(), Some(&1));
        assert_eq!(cache.get("c").as_deref(), Some(&3));
        assert_eq!(cache.usage().entries, 2);
    }

    #[test]
    fn holds_to_its_bytes() {
        let cache = Cache::new(100, 3 * (OVERHEAD + 1 + 100));
        for (i, key) in ["a", "b", "c", "d", "e"].into_iter().enumerate() {
            cache.insert(key, Arc::new(i), 100);
        }
        let usage = cache.usage();
        assert_eq!(usage.entries, 3);
        assert!(usage.bytes <= 3 * (OVERHEAD + 1 + 100));
        assert_eq!(cache.get("a"), None);
        assert_eq!(cache.get("e").as_deref(), Some(&4));
        // Larger than the whole cache: not kept, nothing evicted for it.
        cache.insert("huge", Arc::new(9), 1 << 20);
        assert_eq!(cache.get("huge"), None);
        assert_eq!(cache.usage().entries, 3);
    }

    #[test]
    fn replacing_a_key_keeps_the_count() {
        let cache = Cache::new(2, 1 << 20);
        cache.insert("a", Arc::new(1), 10);
        cache.insert("a", Arc::new(2), 20);
        assert_eq!(cache.get("a").as_deref(), Some(&2));
        assert_eq!(
            cache.usage(),
            Usage {
                entries: 1,
                bytes: 1 + 20 + OVERHEAD
            }
        );
    }
}
