public import OCPModel
import Foundation

/// Loads and validates `profiles/*.yaml`.
public enum ProfileLoader {
    /// Every profile in `directory`; throws with all problems of all files if any profile is invalid.
    public static func load(directory: String) throws(LoadError) -> ProfileCatalog {
        let files = try ManifestReader.files(at: directory).filter { !$0.hasSuffix(".json") }
        var profiles: [Profile] = []
        var problems: [String] = []
        for file in files {
            do {
                profiles.append(try load(file: file))
            } catch {
                problems.append(error.description)
            }
        }
        if files.isEmpty { problems.append("\(directory): no profiles found") }
        let names = Dictionary(grouping: profiles, by: \.name).filter { $0.value.count > 1 }.keys.sorted()
        for name in names { problems.append("\(directory): profile \"\(name)\" is defined more than once") }
        guard problems.isEmpty else {
            throw LoadError(path: directory, message: "invalid profiles:\n  " + problems.joined(separator: "\n  "))
        }
        return ProfileCatalog(profiles)
    }

    /// One profile file, decoded strictly and validated.
    public static func load(file: String) throws(LoadError) -> Profile {
        let text = try ManifestReader.text(of: file)
        let profile: Profile
        do {
            profile = try StrictYAML.decode(Profile.self, from: text)
        } catch {
            throw LoadError(path: "\(file):\(error.line ?? 1)", message: error.description)
        }
        let errors = profile.validate()
        guard errors.isEmpty else {
            throw LoadError(path: file, message: errors.map(\.description).joined(separator: "; "))
        }
        let stem = ((file as NSString).lastPathComponent as NSString).deletingPathExtension
        guard stem == profile.name else {
            throw LoadError(path: file, message: "name: \"\(profile.name)\" must match the file name \"\(stem)\"")
        }
        return profile
    }
}
