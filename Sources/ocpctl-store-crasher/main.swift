// Writes to a store in a loop and prints each acknowledged write, for the crash test to kill -9.
// Usage: ocpctl-store-crasher sqlite DIR | postgres URL
import Foundation
import OCPModel
import OCPStore

let arguments = CommandLine.arguments.dropFirst()
guard arguments.count == 2, let kind = arguments.first, let target = arguments.last, ["sqlite", "postgres"].contains(kind) else {
    FileHandle.standardError.write(Data("usage: ocpctl-store-crasher sqlite DIR | postgres URL\n".utf8))
    exit(2)
}
let location: StoreLocation = kind == "sqlite" ? .sqlite(directory: target) : .postgres(url: target)
let clock: @Sendable () -> Timestamp = { Timestamp(secondsSinceEpoch: Int64(Date().timeIntervalSince1970)) }
try await SQLStore.withStore(at: location, now: clock()) { store in
    try await CrashWorkload.run(store: store, limit: 1_000_000, now: clock) { name in
        // Unbuffered: a line on stdout means the write was acknowledged before it.
        FileHandle.standardOutput.write(Data("\(name)\n".utf8))
    }
}
