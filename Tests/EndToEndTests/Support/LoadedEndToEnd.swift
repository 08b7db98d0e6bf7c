import Testing

/// The end-to-end suites that load the machine (several servers, hundreds of clusters, bursts of requests) run one
/// after another, so one does not starve another of the CPU its timing assertions assume.
@Suite(.serialized)
enum LoadedEndToEnd {}
