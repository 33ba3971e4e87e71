//! Append-mostly storage in fixed-size chunks. A `Vec` that doubles wastes up to half its
//! capacity; logs and the record table grow to millions of entries in a long run, so
//! they grow a chunk at a time instead and never copy what is already stored.
//!
//! Chunks are shared between clones (`Arc`, copied on write): the session keeps dozens of
//! snapshots of the cluster for seeking, and a full chunk of a log or of the record table
//! never changes again, so every snapshot holding it shares one copy instead of its own.
use std::sync::Arc;

use super::codec::Codec;

const CHUNK: usize = 8_192;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ChunkedVec<T> {
    chunks: Vec<Arc<Vec<T>>>,
    len: usize,
}

impl<T> Default for ChunkedVec<T> {
    fn default() -> Self {
        ChunkedVec { chunks: Vec::new(), len: 0 }
    }
}

impl<T: Copy> ChunkedVec<T> {
    pub fn len(&self) -> usize {
        self.len
    }

    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    pub fn push(&mut self, value: T) {
        if self.len % CHUNK == 0 && self.chunks.len() * CHUNK == self.len {
            // A small first chunk keeps the many short logs of a lesson cheap.
            let capacity = if self.chunks.is_empty() { 16 } else { CHUNK };
            self.chunks.push(Arc::new(Vec::with_capacity(capacity)));
        }
        let chunk = Arc::make_mut(self.chunks.last_mut().expect("a chunk with room"));
        if chunk.len() == chunk.capacity() && chunk.capacity() < CHUNK {
            chunk.reserve_exact((chunk.capacity() * 4).min(CHUNK) - chunk.len());
        }
        chunk.push(value);
        self.len += 1;
    }

    pub fn extend_from_slice(&mut self, values: &[T]) {
        for value in values {
            self.push(*value);
        }
    }

    pub fn get(&self, index: usize) -> Option<T> {
        if index >= self.len {
            return None;
        }
        Some(self.chunks[index / CHUNK][index % CHUNK])
    }

    pub fn get_mut(&mut self, index: usize) -> Option<&mut T> {
        if index >= self.len {
            return None;
        }
        Some(&mut Arc::make_mut(&mut self.chunks[index / CHUNK])[index % CHUNK])
    }

    pub fn truncate(&mut self, len: usize) {
        if len >= self.len {
            return;
        }
        let keep_chunks = len.div_ceil(CHUNK);
        self.chunks.truncate(keep_chunks);
        if let Some(last) = self.chunks.last_mut() {
            let keep = len - (keep_chunks - 1) * CHUNK;
            if last.len() > keep {
                Arc::make_mut(last).truncate(keep);
            }
        }
        self.len = len;
    }

    pub fn iter(&self) -> impl DoubleEndedIterator<Item = T> + '_ {
        self.chunks.iter().flat_map(|c| c.iter().copied())
    }

    /// Copies `from..to` out (clamped to the length).
    pub fn range_to_vec(&self, from: usize, to: usize) -> Vec<T> {
        let to = to.min(self.len);
        let mut out = Vec::with_capacity(to.saturating_sub(from));
        let mut i = from;
        while i < to {
            let chunk = &self.chunks[i / CHUNK];
            let start = i % CHUNK;
            let end = (start + (to - i)).min(chunk.len());
            out.extend_from_slice(&chunk[start..end]);
            i += end - start;
        }
        out
    }

    /// The last position whose value satisfies `pred`.
    pub fn rposition(&self, pred: impl Fn(T) -> bool) -> Option<usize> {
        let mut index = self.len;
        for chunk in self.chunks.iter().rev() {
            for value in chunk.iter().rev() {
                index -= 1;
                if pred(*value) {
                    return Some(index);
                }
            }
        }
        None
    }

    /// Bytes of heap this holds (chunks shared with clones counted in full).
    pub fn heap_bytes(&self) -> usize {
        self.chunks.iter().map(|c| c.capacity() * std::mem::size_of::<T>()).sum::<usize>()
            + self.chunks.capacity() * std::mem::size_of::<Arc<Vec<T>>>()
    }
}

impl<T: Codec> Codec for ChunkedVec<T> {
    fn encode(&self, out: &mut Vec<u8>) {
        self.chunks.encode(out);
        self.len.encode(out);
    }

    fn decode(input: &mut &[u8]) -> Option<Self> {
        let chunks: Vec<Arc<Vec<T>>> = Codec::decode(input)?;
        let len: usize = Codec::decode(input)?;
        // Full chunks but the last, as `push` and `get` expect.
        let shaped = chunks.len() == len.div_ceil(CHUNK)
            && chunks.iter().enumerate().all(|(i, chunk)| chunk.len() == CHUNK.min(len - i * CHUNK));
        shaped.then_some(ChunkedVec { chunks, len })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn behaves_like_a_vector_across_chunk_boundaries() {
        let mut c = ChunkedVec::default();
        let mut v = Vec::new();
        for i in 0..(CHUNK * 2 + 17) as u32 {
            c.push(i);
            v.push(i);
        }
        assert_eq!(c.len(), v.len());
        assert_eq!(c.iter().collect::<Vec<_>>(), v);
        assert_eq!(c.range_to_vec(CHUNK - 3, CHUNK + 5), v[CHUNK - 3..CHUNK + 5].to_vec());
        assert_eq!(c.get(CHUNK), Some(CHUNK as u32));
        assert_eq!(c.rposition(|x| x % 1000 == 0), v.iter().rposition(|x| x % 1000 == 0));
        c.truncate(CHUNK);
        v.truncate(CHUNK);
        assert_eq!(c.iter().collect::<Vec<_>>(), v);
        c.push(7);
        assert_eq!(c.get(CHUNK), Some(7));
        c.truncate(0);
        assert!(c.is_empty());
        assert_eq!(c.get(0), None);
    }

    /// A clone shares the chunks and a change to either copies only the chunk it touches.
    #[test]
    fn clones_share_chunks_and_copy_on_write() {
        let mut a = ChunkedVec::default();
        for i in 0..(CHUNK * 2 + 5) as u32 {
            a.push(i);
        }
        let snapshot = a.clone();
        assert!(Arc::ptr_eq(&a.chunks[0], &snapshot.chunks[0]));
        a.push(99);
        *a.get_mut(3).unwrap() = 7;
        a.truncate(CHUNK * 2);
        assert_eq!(snapshot.len(), CHUNK * 2 + 5);
        assert_eq!(snapshot.get(3), Some(3));
        assert_eq!(snapshot.get(CHUNK * 2 + 4), Some((CHUNK * 2 + 4) as u32));
        assert_eq!((a.get(3), a.len()), (Some(7), CHUNK * 2));
        assert!(!Arc::ptr_eq(&a.chunks[0], &snapshot.chunks[0]), "the written chunk was copied");
        assert!(Arc::ptr_eq(&a.chunks[1], &snapshot.chunks[1]), "an untouched full chunk stays shared");
    }
}
