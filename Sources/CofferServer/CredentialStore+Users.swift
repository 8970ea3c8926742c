import AccessPolicy
import Foundation
import HTTPSupport

extension CredentialStore {
    /// The root credential of `configuration`, plus the users of its `--users` file.
    /// - Throws: ``CofferConfigurationError`` when the file cannot be read or is not a valid users file.
    static func load(_ configuration: CofferConfiguration) throws(CofferConfigurationError) -> CredentialStore {
        let root = Credential.root(
            accessKeyId: configuration.accessKeyId, secretAccessKey: configuration.secretAccessKey,
            accountId: configuration.accountId)
        guard let path = configuration.usersFile else { return CredentialStore([root]) }
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw CofferConfigurationError(message: "Cannot read the users file \(path).")
        }
        do {
            let users = try UsersFile.parse(
                data, defaultAccountId: configuration.accountId, reservedAccessKeyIds: [configuration.accessKeyId])
            return CredentialStore([root] + users.map(Credential.user))
        } catch {
            throw CofferConfigurationError(message: error.description)
        }
    }
}
