import Foundation
import OCPClient
import OCPModel
import OCPStore
import Testing

/// `POST .../clusters/NAME/extend` and hibernation schedules through the API: capped, validated, audited.
@Suite("TTL extension and hibernation schedules through the API")
struct ExtendAndScheduleTests {
    static func post(_ server: TestServer, _ body: String, client: OCPClient? = nil, name: String = "one") async throws -> RawResponse {
        try await (client ?? server.alice).send("POST", Manifests.path("team-a", name) + "/extend", body: Data(body.utf8),
                                                headers: [("Content-Type", "application/json")])
    }

    static func causes(_ response: RawResponse) throws -> [String] {
        let status = try JSONDecoder().decode(StatusDocument.self, from: Data(response.body))
        return (status.details?.causes ?? []).map { $0.field ?? "" }
    }

    @Test("extend adds to spec.ttl up to the profile's maximum from creation; over it is 422 naming spec.ttl and changes nothing")
    func extend() async throws {
        try await TestServer.with { server in
            let created = try await WatchTests.create(server, "one")
            #expect(created.spec.ttl == .hours(24))
            let extended = try await server.alice.extendCluster(namespace: "team-a", name: "one", by: "24h")
            #expect(extended.spec.ttl == TTLDuration(seconds: 172_800))
            #expect(extended.metadata.generation == 2)

            let before = try await server.snapshot()
            let over = try await Self.post(server, #"{"by":"25h"}"#)
            #expect(over.code == 422)
            #expect(try Self.causes(over) == ["spec.ttl"])
            #expect(statusMessage(over).contains("over the profile maximum of 72h from creation"), "\(over.text)")
            #expect(statusMessage(over).contains("it can grow by 24h at most"), "\(over.text)")
            for (body, field) in [(#"{"by":"soon"}"#, "by"), (#"{"by":"0s"}"#, "by"), (#"{"by":24}"#, "by"), (#"{}"#, "by"),
                                  (#"{"by":"1h","until":"x"}"#, "until"), (#"{"by":"1h","kind":"Cluster"}"#, "kind")] {
                let refused = try await Self.post(server, body)
                #expect(refused.code == 422, "\(body): \(refused.text)")
                #expect(try Self.causes(refused) == [field], "\(body)")
            }
            #expect(try await Self.post(server, "not json").code == 400)
            #expect(try await Self.post(server, #"{"by":"1h"}"#, client: server.bob).code == 403)
            #expect(try await Self.post(server, #"{"by":"1h"}"#, name: "missing").code == 404)
            #expect(try await server.snapshot() == before)

            let events = try await server.store.listAuditEvents(AuditQuery(namespace: "team-a", name: "one")).filter { $0.verb == "extend" }
            // One success, then eight refusals of bad requests and alice's neighbour's attempt, each audited.
            #expect(events.map(\.outcome) == ["Success"] + Array(repeating: "Failure", count: 8) + ["Denied"])
            #expect(events.first?.actor == "alice@example.com")
            #expect(events.first?.summary == "spec.ttl: 24h -> 48h")
        }
    }

    @Test("a schedule with a bad cron or zone is 422 naming the field; a valid one and an override are stored and audited")
    func schedules() async throws {
        try await TestServer.with { server in
            _ = try await WatchTests.create(server, "one")
            let before = try await server.snapshot()
            let bad = #"{"spec":{"hibernation":{"schedules":[{"start":"0 19 * * MON-FRY","end":"0 8 * * 1-5","location":"Europe/Berln"}]}}}"#
            let refused = try await PatchTests.patch(server, bad, type: "application/merge-patch+json")
            #expect(refused.code == 422)
            #expect(try Self.causes(refused) == ["spec.hibernation.schedules[0].location", "spec.hibernation.schedules[0].start"])
            #expect(try await server.snapshot() == before)

            let good = #"{"spec":{"hibernation":{"schedules":[{"start":"0 19 * * 1-5","end":"0 8 * * 1-5","location":"Europe/Berlin"}],"#
                + #""override":{"powerState":"Running","until":"2026-12-02T21:00:00Z"}}}}"#
            let accepted = try await PatchTests.patch(server, good, type: "application/merge-patch+json")
            #expect(accepted.code == 200, "\(accepted.text)")
            let cluster: Cluster = try OCPClient.decode(accepted)
            #expect(cluster.spec.hibernation?.schedules == [HibernationSchedule(start: "0 19 * * 1-5", end: "0 8 * * 1-5", location: "Europe/Berlin")])
            #expect(cluster.spec.hibernation?.override == HibernationOverride(powerState: .running, until: Timestamp(rfc3339: "2026-12-02T21:00:00Z")!))
            let patch = try await server.store.listAuditEvents(AuditQuery(namespace: "team-a", name: "one")).last { $0.verb == "patch" }
            #expect(patch?.outcome == "Success")
            #expect(patch?.summary.contains("spec.hibernation.override: (none) -> Running until 2026-12-02T21:00:00Z") == true, "\(patch?.summary ?? "")")
        }
    }
}
