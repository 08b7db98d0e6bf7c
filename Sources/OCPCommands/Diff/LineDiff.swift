/// A unified-style line diff from the longest common subsequence; manifests are small, so quadratic is fine.
enum LineDiff {
    /// `-` and `+` lines for what changed, with unchanged lines as context (` ` prefix); empty when equal.
    static func lines(_ old: [String], _ new: [String]) -> [String] {
        guard old != new else { return [] }
        var lengths = Array(repeating: Array(repeating: 0, count: new.count + 1), count: old.count + 1)
        for i in stride(from: old.count - 1, through: 0, by: -1) {
            for j in stride(from: new.count - 1, through: 0, by: -1) {
                lengths[i][j] = old[i] == new[j] ? lengths[i + 1][j + 1] + 1 : max(lengths[i + 1][j], lengths[i][j + 1])
            }
        }
        var result: [String] = []
        var i = 0, j = 0
        while i < old.count || j < new.count {
            if i < old.count, j < new.count, old[i] == new[j] {
                result.append(" " + old[i]); i += 1; j += 1
            } else if i < old.count, j == new.count || lengths[i + 1][j] >= lengths[i][j + 1] {
                // At a change the old line comes first, as `diff -u` prints it.
                result.append("-" + old[i]); i += 1
            } else {
                result.append("+" + new[j]); j += 1
            }
        }
        return result
    }
}
