/// One page of a paginated listing.
public struct AWSPage<Item: Sendable>: Sendable {
    /// The page's items.
    public let items: [Item]
    /// The token of the next page, nil on the last.
    public let nextToken: String?

    /// Creates a page.
    public init(items: [Item], nextToken: String?) {
        self.items = items
        self.nextToken = nextToken?.isEmpty == true ? nil : nextToken
    }
}

/// Follows pagination tokens to the end.
public enum AWSPagination {
    /// Fetches pages from `nil` until a page has no next token; a repeated token or more than `maxPages` pages is an error.
    public static func collect<Item: Sendable>(maxPages: Int = 10_000,
                                               _ fetch: (_ token: String?) async throws -> AWSPage<Item>) async throws -> [Item] {
        var items: [Item] = []
        var token: String?
        var seen: Set<String> = []
        for _ in 0..<maxPages {
            let page = try await fetch(token)
            items += page.items
            guard let next = page.nextToken else { return items }
            guard seen.insert(next).inserted else { throw AWSPaginationError("the service repeated pagination token \(next)") }
            token = next
        }
        throw AWSPaginationError("more than \(maxPages) pages")
    }
}

/// Pagination that did not end.
public struct AWSPaginationError: Error, Sendable, CustomStringConvertible {
    /// What went wrong.
    public let message: String

    init(_ message: String) {
        self.message = message
    }

    public var description: String { message }
}
