/// A Pub/Sub topic's full name, `projects/PROJECT/topics/TOPIC`.
public struct PubSubTopic: Sendable, Hashable, CustomStringConvertible {
    public var project: String
    public var topic: String

    /// Parses `projects/P/topics/T`, or a bare topic in `defaultProject`; names the rule a bad value breaks.
    public init(_ text: String, defaultProject: String?) throws(EventConfigurationError) {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        if parts.count == 4, parts[0] == "projects", parts[2] == "topics" {
            (project, topic) = (parts[1], parts[3])
        } else if parts.count == 1 {
            guard let defaultProject, !defaultProject.isEmpty else {
                throw EventConfigurationError("--events-pubsub-topic: \"\(text)\" names no project: write projects/PROJECT/topics/TOPIC or set GOOGLE_CLOUD_PROJECT")
            }
            (project, topic) = (defaultProject, text)
        } else {
            throw EventConfigurationError("--events-pubsub-topic: \"\(text)\" is not projects/PROJECT/topics/TOPIC")
        }
        let allowed = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.~+%")
        guard !project.isEmpty, project.allSatisfy({ allowed.contains($0) || $0 == ":" }),
              (3...255).contains(topic.count), topic.allSatisfy({ allowed.contains($0) }), !topic.hasPrefix("goog") else {
            throw EventConfigurationError("--events-pubsub-topic: \"\(text)\": project and topic must be 3-255 letters, digits or -_.~+% and the topic must not start with goog")
        }
    }

    public var description: String { "projects/\(project)/topics/\(topic)" }
}

/// A configuration the events services cannot start with; the message names the flag and the rule.
public struct EventConfigurationError: Error, Sendable, CustomStringConvertible {
    public var message: String
    /// Creates an error.
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}
