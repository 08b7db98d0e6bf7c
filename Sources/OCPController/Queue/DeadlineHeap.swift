/// A min-heap of (deadline, key) with at most one live deadline per key: re-adding keeps the earlier one.
struct DeadlineHeap<Key: Hashable> {
    private var heap: [(deadline: Double, key: Key)] = []
    private var live: [Key: Double] = [:]

    var count: Int { live.count }

    /// Schedules `key` at `deadline` unless it is already due sooner. Returns true when the earliest deadline moved.
    mutating func schedule(_ key: Key, at deadline: Double) -> Bool {
        if let existing = live[key], existing <= deadline { return false }
        let before = earliest
        live[key] = deadline
        heap.append((deadline, key))
        siftUp(heap.count - 1)
        return before.map { deadline < $0 } ?? true
    }

    /// The earliest live deadline.
    var earliest: Double? {
        mutating get {
            dropStale()
            return heap.first?.deadline
        }
    }

    /// Removes and returns every key due at `now`.
    mutating func popDue(now: Double) -> [Key] {
        var due: [Key] = []
        while let top = earliest, top <= now {
            let entry = popTop()
            live[entry.key] = nil
            due.append(entry.key)
        }
        return due
    }

    private mutating func dropStale() {
        while let top = heap.first, live[top.key] != top.deadline { _ = popTop() }
    }

    private mutating func popTop() -> (deadline: Double, key: Key) {
        heap.swapAt(0, heap.count - 1)
        let top = heap.removeLast()
        if !heap.isEmpty { siftDown(0) }
        return top
    }

    private mutating func siftUp(_ index: Int) {
        var child = index
        while child > 0 {
            let parent = (child - 1) / 2
            guard heap[child].deadline < heap[parent].deadline else { return }
            heap.swapAt(child, parent)
            child = parent
        }
    }

    private mutating func siftDown(_ index: Int) {
        var parent = index
        while true {
            let left = 2 * parent + 1, right = left + 1
            var smallest = parent
            if left < heap.count, heap[left].deadline < heap[smallest].deadline { smallest = left }
            if right < heap.count, heap[right].deadline < heap[smallest].deadline { smallest = right }
            guard smallest != parent else { return }
            heap.swapAt(parent, smallest)
            parent = smallest
        }
    }
}
