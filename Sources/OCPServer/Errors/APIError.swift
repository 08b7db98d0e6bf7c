import Hummingbird
import OCPModel
import OCPStore

/// An error the API answers with: a Kubernetes `Status` and its HTTP code.
struct APIError: Error, Sendable {
    var status: StatusDocument

    /// `resource` is the plural (`clusters`), as Kubernetes puts it in `details.kind`.
    init(_ reason: StatusDocument.Reason, _ message: String, causes: [FieldError] = [], name: String? = nil, resource: String = "clusters") {
        let details = causes.isEmpty && name == nil ? nil : StatusDocument.Details(
            name: name, group: name == nil ? nil : "ocpctl.io", kind: name == nil ? nil : resource,
            causes: causes.isEmpty ? nil : causes.map(StatusDocument.Cause.init))
        status = StatusDocument(code: Self.code(reason), reason: reason, message: message, details: details)
    }

    /// 422 with every field error at once; the message lists them too, so a client printing only it loses nothing.
    static func invalid(kind: String = Cluster.kind, _ name: String, _ errors: [FieldError]) -> APIError {
        let list = errors.map(\.description).joined(separator: ", ")
        return APIError(.invalid, "\(kind).ocpctl.io \"\(name)\" is invalid: \(list)", causes: errors, name: name,
                        resource: ResourceNames.plural(of: kind))
    }

    /// 403 for a refusal by the RBAC rules.
    init(_ denied: AccessDenied) {
        self.init(.forbidden, denied.message)
    }

    /// The reason for an HTTP status code; codes without one of their own are a bad request or an internal error.
    static func reason(code: Int) -> StatusDocument.Reason {
        code == 409 ? .conflict : StatusDocument.Reason.allCases.first { Self.code($0) == code } ?? (code >= 500 ? .internalError : .badRequest)
    }

    /// The HTTP status code Kubernetes uses for each reason.
    static func code(_ reason: StatusDocument.Reason) -> Int {
        switch reason {
        case .badRequest: 400
        case .unauthorized: 401
        case .forbidden: 403
        case .notFound: 404
        case .methodNotAllowed: 405
        case .alreadyExists, .conflict: 409
        case .requestEntityTooLarge: 413
        case .notAcceptable: 406
        case .unsupportedMediaType: 415
        case .invalid: 422
        case .internalError: 500
        case .serviceUnavailable: 503
        case .expired: 410
        case .timeout: 504
        }
    }

    /// The answer for a store failure; backend failures become 500 without the database's own words.
    init(_ error: StoreError) {
        // kubectl's spelling of the resource: clusters.ocpctl.io, syncsources.ocpctl.io, tokens.ocpctl.io.
        func resource(_ kind: String) -> String { "\(ResourceNames.plural(of: kind)).ocpctl.io" }
        switch error {
        case let .notFound(kind, name):
            self.init(.notFound, "\(resource(kind)) \"\(name)\" not found", name: name, resource: ResourceNames.plural(of: kind))
        case let .alreadyExists(kind, name, key):
            self.init(.alreadyExists, "\(resource(kind)) \"\(name)\" already exists: \(key)", name: name, resource: ResourceNames.plural(of: kind))
        case let .conflict(kind, name, expected, actual):
            self.init(.conflict, "Operation cannot be fulfilled on \(resource(kind)) \"\(name)\": the object has been modified (resourceVersion \(expected) is stale, current is \(actual)); read it again and retry", name: name, resource: ResourceNames.plural(of: kind))
        case let .invalid(kind, name, reason):
            self.init(.invalid, "\(kind).ocpctl.io \"\(name)\" is invalid: \(reason)", name: name, resource: ResourceNames.plural(of: kind))
        case .compacted, .staleFence, .leaseHeld:
            self.init(.conflict, error.description)
        case .backend:
            self.init(.internalError, "the store failed; see the server log for the request ID")
        }
    }
}

extension APIError {
    /// Any error as the API answers it: API and store errors keep their meaning, the rest is a 500.
    static func from(_ error: any Error) -> APIError {
        switch error {
        case let error as APIError: error
        case let error as StoreError: APIError(error)
        case let error as AccessDenied: APIError(error)
        // As a ResourceQuota refusal: 403 Forbidden, naming the limit and the use.
        case let error as QuotaExceeded: APIError(.forbidden, error.message)
        case let error as V1Refusal: APIError(reason(code: error.code), error.message, causes: error.fields)
        // The router's own answers: a path no route serves is a 404 Status, as Kubernetes answers it.
        case let error as HTTPError where error.status.code == 404: APIError(.notFound, "the server could not find the requested resource")
        case let error as HTTPError where error.status.code == 405: APIError(.methodNotAllowed, "the server does not allow this method on the requested resource")
        case let error as HTTPError: APIError(reason(code: Int(error.status.code)), error.body ?? "\(error.status.code) \(error.status.reasonPhrase)")
        default: APIError(.internalError, "internal error; see the server log for the request ID")
        }
    }
}
