import Mustache

/// The console's Mustache templates, embedded in the binary. Every value is written with `{{name}}`, which escapes
/// it; the one triple mustache is the layout's `{{{body}}}`, the output of these same templates.
struct Templates: Sendable {
    let library: MustacheLibrary

    /// Parses every embedded template; a template that does not parse is a build defect, reported at start.
    init() throws {
        var library = MustacheLibrary()
        let sources: [(String, [UInt8])] = [
            ("layout", PackageResources.layout_mustache), ("signin", PackageResources.signin_mustache),
            ("inventory", PackageResources.inventory_mustache), ("cluster", PackageResources.cluster_mustache),
            ("confirm", PackageResources.confirm_mustache), ("request", PackageResources.request_mustache),
            ("syncsources", PackageResources.syncsources_mustache),
            ("reports", PackageResources.reports_mustache), ("chart", PackageResources.chart_mustache),
            ("admin", PackageResources.admin_mustache), ("message", PackageResources.message_mustache),
        ]
        for (name, bytes) in sources {
            try library.register(String(decoding: bytes, as: UTF8.self), named: name)
        }
        self.library = library
    }

    /// Renders `model` with the named template.
    func render(_ model: Any, _ name: String) -> String {
        library.render(model, withTemplate: name) ?? ""
    }
}

/// The static files the pages link to.
enum Assets {
    static let css = PackageResources.console_css
    static let javascript = PackageResources.console_js
}
