/// The rules a controller report must meet before it is stored; every broken rule names its field.
public enum ControllerReportValidation {
    /// The fields a report body may carry.
    public static let fields: Set<String> = ["controllerName", "observedGeneration", "conditions", "metadata", "lastError"]

    /// Every problem with `report` for a cluster at `generation`.
    public static func validate(_ report: ControllerReport, generation: Int64) -> [FieldError] {
        var errors = NameRules.dns1123Label(report.controllerName, field: "controllerName", maxLength: 63)
        if report.observedGeneration < 1 || report.observedGeneration > generation {
            errors.append(FieldError(reason: .invalid, field: "observedGeneration",
                                     message: "must be within 1..\(generation) (the cluster's metadata.generation), got \(report.observedGeneration)"))
        }
        if report.conditions.count > 32 {
            errors.append(FieldError(reason: .tooLong, field: "conditions", message: "must have at most 32 items, got \(report.conditions.count)"))
        }
        var seen = Set<String>()
        for (index, condition) in report.conditions.enumerated() {
            let field = "conditions[\(index)]"
            if condition.type.isEmpty || condition.type.count > 316 || !condition.type.allSatisfy({ $0.isLetter || $0.isNumber || "._-/".contains($0) }) {
                errors.append(FieldError(reason: .invalid, field: "\(field).type", message: "must be 1-316 letters, digits or ._-/"))
            } else if !seen.insert(condition.type).inserted {
                errors.append(FieldError(reason: .duplicate, field: "\(field).type", message: "\"\(condition.type)\" appears twice"))
            }
            if (condition.reason?.count ?? 0) > 1024 { errors.append(FieldError(reason: .tooLong, field: "\(field).reason", message: "must be at most 1024 characters")) }
            if (condition.message?.count ?? 0) > 32_768 { errors.append(FieldError(reason: .tooLong, field: "\(field).message", message: "must be at most 32768 characters")) }
        }
        if report.metadata.count > 64 {
            errors.append(FieldError(reason: .tooLong, field: "metadata", message: "must have at most 64 entries, got \(report.metadata.count)"))
        }
        for (key, value) in report.metadata.sorted(by: { $0.key < $1.key }) where key.isEmpty || key.count > 253 || value.count > 4096 {
            errors.append(FieldError(reason: .invalid, field: "metadata[\(key)]", message: "keys must be 1-253 characters and values at most 4096"))
        }
        if let error = report.lastError, error.message.isEmpty || error.message.count > 4096 || (error.reason?.count ?? 0) > 1024 {
            errors.append(FieldError(reason: .invalid, field: "lastError.message", message: "must be 1-4096 characters (reason at most 1024)"))
        }
        return errors
    }
}
