import Hummingbird
import Logging

/// The request context: Hummingbird's core storage plus the request ID every log line, audit event and operation carries.
struct APIContext: RequestContext {
    var coreContext: CoreRequestContextStorage
    /// From `X-Request-ID`, or generated.
    var requestID = ""

    init(source: Source) {
        coreContext = .init(source: source)
    }

    /// Bodies are read by the handlers with the configured limit, which answers 413 as a Status.
    var maxUploadSize: Int { .max }
}
