import OCPModel
import Testing

@Suite struct LabelSelectorTests {
    @Test func parsesEveryForm() throws {
        let selector = try LabelSelector(parsing: "a=b, c==d,e!=f,g in (x, y),h notin (z),i,!j,app.kubernetes.io/name=web")
        #expect(selector.requirements == [
            .equals("a", "b"), .equals("c", "d"), .notEquals("e", "f"), .in("g", ["x", "y"]), .notIn("h", ["z"]),
            .exists("i"), .doesNotExist("j"), .equals("app.kubernetes.io/name", "web"),
        ])
        #expect(try LabelSelector(parsing: "").isEverything)
        #expect(try LabelSelector(parsing: "  ").isEverything)
    }

    @Test func matchesLikeKubernetes() throws {
        let labels = ["env": "dev", "tier": "web"]
        let cases: [(String, Bool)] = [
            ("env=dev", true), ("env=prod", false), ("env!=prod", true), ("missing!=x", true), ("env in (dev,prod)", true),
            ("env notin (dev)", false), ("missing notin (dev)", true), ("tier", true), ("!tier", false), ("!missing", true),
            ("env=dev,tier=db", false), ("env=", false),
        ]
        for (text, expected) in cases {
            #expect(try LabelSelector(parsing: text).matches(labels) == expected, "\(text)")
        }
        #expect(LabelSelector.everything.matches(nil))
    }

    @Test func errorsNameTheOffendingToken() {
        let cases: [(String, String)] = [
            ("a in x", "x"), ("a in (x", "end of input"), ("a =b c", "c"), ("!", "end of input"), ("a<b", "a<b"), (",a", ","),
            ("a in (x,)", ")"),
        ]
        for (text, token) in cases {
            #expect(throws: LabelSelectorParseError.self, "\(text)") { try LabelSelector(parsing: text) }
            do {
                _ = try LabelSelector(parsing: text)
            } catch {
                #expect(error.token == token, "\(text): \(error)")
            }
        }
    }

    @Test func roundTripsThroughDescription() throws {
        let text = "a=b,c!=d,e in (x,y),f notin (z),g,!h"
        #expect(try LabelSelector(parsing: text).description == text)
    }
}
